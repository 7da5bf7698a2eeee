// What a scan or a clean of one file produces. The CLI's --json output, the IPC contract and the
// UI are all built from these shapes.
import type { Box } from './boxes.js';
import type { Category, Finding, MediaFormat, Severity } from './findings.js';
import type { CoverArea } from './cover.js';
import type { UserError } from './errors.js';
import type { GpsPlace } from './place/types.js';

export interface EmbeddedImageInfo {
  findingId: string;
  label: string;
  mime: string;
  size: number;
}

/**
 * How much of a file was looked at, so no verdict claims more than was checked.
 * - `checked`: every picture check ran;
 * - `partly`: some picture checks failed (`failedChecks` names them);
 * - `off`: the picture checks were switched off (only the hidden information was read);
 * - `failed`: the picture could not be looked at (it could not be decoded, or the checks could not start).
 */
export type PictureCoverage = 'checked' | 'partly' | 'off' | 'failed';

export interface ScanCoverage {
  /** The hidden information (metadata) was read. */
  metadata: boolean;
  picture: PictureCoverage;
  /** Picture checks that could not run, in plain words ("readable text"). */
  failedChecks: string[];
  /** Why the picture could not be looked at, when `picture` is `failed`. */
  pictureError?: string;
  /** Videos: the times (seconds) of the frames the picture checks looked at; the rest was not looked at. */
  frames?: number[];
  /** Videos in the app: the frames are still being decoded and looked at (in the app's window). */
  pending?: boolean;
}

/** A line of text the picture check read, where it is (upright pixels) and how sure the reader was. */
export interface ReadLine {
  text: string;
  box: [number, number, number, number];
  confidence: number;
}

export interface FileReport {
  path: string;
  format: MediaFormat | null;
  size: number;
  width?: number;
  height?: number;
  /** Videos: length in seconds. */
  duration?: number;
  findings: Finding[];
  /** Images hidden inside the file (thumbnails, previews); the bytes are fetched separately. */
  embeddedImages: EmbeddedImageInfo[];
  /** What was checked; absent when the file could not be read at all (`error`). */
  coverage?: ScanCoverage;
  /**
   * Every line of text the picture check read, plates included: what the exposure checklist is
   * compared with, in the process that holds it (the scan itself never sees the stored values).
   */
  readText?: ReadLine[];
  /** Where the photo's GPS position is, in words and as a map (when asked for and present). */
  gps?: GpsPlace;
  error?: UserError;
}

export interface CleanReport {
  path: string;
  /** Where the clean copy was written (absent when it failed). */
  output?: string;
  format: MediaFormat | null;
  outputFormat?: MediaFormat;
  /** True when the pixels were decoded and encoded again (HEIC, AVIF, TIFF, redaction). */
  reencoded: boolean;
  /** Plain-language list of what was taken out. */
  removed: string[];
  /** What was deliberately kept (orientation, colour profile) and why. */
  kept: string[];
  /** Every area of the picture covered in the copy (empty: the picture is as it was). */
  cover?: CoverArea[];
  /**
   * What re-checking the copy itself says: its own verdict, what is covered, what is still
   * visible in it and why. Present whenever a copy was written.
   */
  copy?: CopyCheck;
  error?: UserError;
}

export const VERDICT_STATES = ['fix-before-posting', 'nothing-found', 'not-fully-checked'] as const;
/**
 * - `fix-before-posting`: something of medium severity or worse was found (uncertain "maybe"
 *   findings do not count);
 * - `nothing-found`: every check ran and found nothing serious;
 * - `not-fully-checked`: nothing serious was found, but part of the file was not looked at (the
 *   picture check was off or failed in part, or the file could not be read at all).
 */
export type VerdictState = (typeof VERDICT_STATES)[number];

export interface Verdict {
  state: VerdictState;
  /** A few words: "Fix before posting". */
  headline: string;
  /** One sentence on what to do. */
  detail: string;
  /** One line on what was and was not checked. */
  checked: string;
  /**
   * Kinds of problem that decide the verdict: groups of findings (shared/finding-groups.ts: "2
   * licence plates" is one) with something of medium severity or worse that is not a "maybe".
   */
  serious: number;
}

/**
 * Why something is still visible in the copy:
 * - `you-kept-it`: the user chose to leave it (or left its category out of what to cover);
 * - `below-the-bar`: the copy policy does not cover it by default (not serious enough, or the
 *   check is not sure it is there); the user can cover it;
 * - `could-not-cover`: the policy meant to cover it, and the copy was made again with more
 *   covered, but the re-check still sees it;
 * - `file-name`: the copy keeps the file name given to it.
 */
export type VisibleReason = 'you-kept-it' | 'below-the-bar' | 'could-not-cover' | 'file-name';

export interface StillVisible {
  findingId: string;
  category: Category;
  severity: Severity;
  title: string;
  /** The check is not sure it is there ("maybe, have a look"). */
  maybe: boolean;
  box?: Box;
  why: VisibleReason;
  /** The reason in plain words. */
  reason: string;
  /** `copy`: the re-check of the copy saw it; `original`: seen in the original, in a part the copy leaves as it was. */
  seenIn: 'copy' | 'original';
}

export interface CoveredItem {
  /** "Licence plate", "An area you drew", "Readable text (found again when the copy was checked)". */
  label: string;
  area: CoverArea;
}

export interface CopyCheck {
  /** The copy's own verdict, from re-checking the copy. */
  verdict: Verdict;
  /** What the re-check of the copy looked at. */
  coverage: ScanCoverage;
  /** Every area covered in the copy, with what it covers. */
  covered: CoveredItem[];
  /** What can still be seen or read in the copy, worst first, with why. */
  visible: StillVisible[];
  /** How many times the copy was made and re-checked (1: the first copy passed). */
  attempts: number;
}
