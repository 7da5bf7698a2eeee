// What a scan or a clean of one file produces. The CLI's --json output, the IPC contract and the
// UI are all built from these shapes.
import type { Finding, MediaFormat } from './findings.js';
import type { UserError } from './errors.js';

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
  error?: UserError;
}
