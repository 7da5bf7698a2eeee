// The safe copy of one image, in memory: what the copy policy covers is covered, the hidden
// information removed, and then the copy itself is checked again with the same checks as the
// original (its hidden information and, unless the picture check is off, its picture). When the
// re-check still sees something the policy covers, more is covered and the copy checked again, a
// bounded number of times. The file layer writes the result; the eval measures it.
import type { Box } from '../boxes.js';
import { checkCopy, judgeCopy, type CopyCheck, type CopyRecheck } from '../copy-check.js';
import { coverBoxFor, planCover, type RedactSetting } from '../copy-policy.js';
import { boxCover, type CoverArea, type CoverMode } from '../cover.js';
import { ExposureError } from '../errors.js';
import type { Finding, ImageFormat } from '../findings.js';
import { detectFormat } from '../formats.js';
import type { ReadLine, ScanCoverage } from '../report.js';
import { scanImage } from '../scan/scan-image.js';
import { cleanImage, redactImage } from './index.js';
import type { CleanOutput } from './types.js';

export interface SafeCopyOptions {
  /**
   * What the copy policy covers (default `none`). `none`: only the hidden information is removed
   * and the picture is not looked at, neither the original's nor the copy's.
   */
  redact?: RedactSetting;
  /**
   * Exactly these areas, in upright-image pixels (the app sends the user's final list). When
   * absent, the copy policy plans them from the original's findings.
   */
  cover?: CoverArea[];
  /** Findings (ids of the original's scan) the user chose to leave visible. */
  keep?: string[];
  /** How planned areas are covered (default: a solid fill). */
  mode?: CoverMode;
  /** Save HEIC/HEIF and AVIF as JPEG (re-encoded) for sites that refuse them. */
  to?: 'jpeg';
  /** Look at the pictures (the original to plan, the copy to re-check). Default: unless `redact` is `none`. */
  pictureCheck?: boolean;
  /** The original's scan, when the caller has it (else the original is scanned here when the picture is looked at). */
  original?: { findings: Finding[]; coverage: ScanCoverage; readText?: ReadLine[] };
  /**
   * The exposure checklist's step (the command line's, which read the values before opening any
   * photo; shared/checklist/apply.ts): findings and the text read in, findings with what matches the
   * checklist made critical out. Given, it runs on the original and on the copy before anything is
   * planned or judged. This module never loads the checklist's code (the app's scan worker uses it).
   */
  personalise?: (findings: Finding[], readText: readonly ReadLine[]) => Finding[];
  signal?: AbortSignal;
}

export interface SafeCopy {
  output: CleanOutput;
  /** Every area covered in the copy. */
  cover: CoverArea[];
  /**
   * What the re-check of the copy says; null when the picture was not looked at: then the file
   * layer judges the copy from its own re-read of the written file (`metadataOnlyCheck`).
   */
  check: CopyCheck | null;
  /** What `check` was judged from, with the text read in both pictures (null with `check`). */
  recheck: CopyRecheck | null;
}

/** Times the copy is made and re-checked at most: the first copy, then two with more covered. */
export const MAX_COPY_ATTEMPTS = 3;
/** How much more room (share of the shorter side) each new attempt gives what the re-check still saw. */
const GROW_PER_ATTEMPT = 0.25;

const METADATA_ONLY: ScanCoverage = { metadata: true, picture: 'off', failedChecks: [] };

/** The copy's findings get ids of their own, so they are never mistaken for the original's. */
function asCopyFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({ ...f, id: `copy.${f.id}` }));
}

function makeCopy(bytes: Uint8Array, format: ImageFormat, areas: readonly CoverArea[], to: 'jpeg' | undefined): Promise<CleanOutput> {
  return areas.length > 0 ? redactImage(bytes, format, areas) : cleanImage(bytes, format, to ? { to } : {});
}

/**
 * Makes the safe copy of `bytes`. `copyName` is the name the copy will have (a date in it is a
 * finding of its own). With the picture check off this is exactly the metadata cleaner: no
 * picture is decoded and nothing is scanned here (the file layer re-reads the written copy).
 */
export async function makeSafeCopy(bytes: Uint8Array, originalName: string, copyName: (out: CleanOutput) => string, options: SafeCopyOptions = {}): Promise<SafeCopy> {
  const format = detectFormat(bytes);
  if (!format) throw new ExposureError('not-an-image', 'This file is not a photo (its contents do not match any image format), so no copy was made.');
  const setting = options.redact ?? 'none';
  const picture = options.pictureCheck ?? setting !== 'none';
  const keep = options.keep ?? [];
  const mode = options.mode ?? 'fill';
  const context = options.signal ? { signal: options.signal } : {};

  const personal = (findings: Finding[], readText: readonly ReadLine[] | undefined): Finding[] =>
    options.personalise ? options.personalise(findings, readText ?? []) : findings;
  const scanned = picture ? (options.original ?? (await scanImage({ bytes, fileName: originalName }, { visual: true }, context))) : { findings: [], coverage: METADATA_ONLY };
  const original = { ...scanned, findings: personal(scanned.findings, scanned.readText) };
  let areas: CoverArea[] = options.cover ?? (picture ? planCover(original.findings, setting, { keep, mode }).areas : []);
  let output = await makeCopy(bytes, format, areas, options.to);
  let attempts = 1;
  let copy: Finding[] = [];
  let copyText: ReadLine[] = [];
  let coverage: ScanCoverage = METADATA_ONLY;
  if (picture) {
    for (;;) {
      const scan = await scanImage({ bytes: output.bytes, fileName: copyName(output) }, { visual: true }, context);
      copy = asCopyFindings(personal(scan.findings, scan.readText));
      copyText = scan.readText;
      coverage = scan.coverage;
      const seen = coverage.picture === 'checked' || coverage.picture === 'partly';
      const misses = judgeCopy(original.findings, copy, seen, areas, setting, keep).misses.filter((m): m is Finding & { box: Box } => m.box !== undefined);
      if (misses.length === 0 || attempts >= MAX_COPY_ATTEMPTS) break;
      const grow = GROW_PER_ATTEMPT * attempts;
      areas = [...areas, ...misses.map((m) => boxCover(coverBoxFor(m, grow), mode, { kind: 'recheck', findingId: m.id }))];
      output = await makeCopy(bytes, format, areas, options.to);
      attempts++;
    }
  }
  const recheck: CopyRecheck | null = picture
    ? { path: copyName(output), original: original.findings, copy, coverage, areas, setting, keep, attempts, originalText: original.readText ?? [], copyText }
    : null;
  return { output, cover: areas, check: recheck ? checkCopy(recheck) : null, recheck };
}

/** The check of a copy whose picture was not looked at, from what the re-read of the written copy found in its hidden information. */
export function metadataOnlyCheck(path: string, copyMetadata: readonly Finding[], cover: readonly CoverArea[], keep: readonly string[] = []): CopyCheck {
  return checkCopy({ path, original: [], copy: asCopyFindings(copyMetadata), coverage: METADATA_ONLY, areas: cover, setting: 'none', keep, attempts: 1 });
}
