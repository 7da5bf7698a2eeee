// Node built-ins: writes the safe copy of one file, never over the original, and checks the copy
// after writing.
import * as path from 'node:path';
import { mkdirSync, promises as fs } from 'node:fs';
import { cleanImage, redactImage, type CleanOutput } from '../clean/index.js';
import type { CoverArea } from '../cover.js';
import { ExposureError, toUserError } from '../errors.js';
import { blocksPosting, type Finding } from '../findings.js';
import { detectFormat } from '../formats.js';
import { CLEAN_SUFFIX } from '../limits.js';
import { scanMetadata } from '../metadata/index.js';
import type { CleanReport } from '../report.js';
import { readPhoto, safeCopyPath, sameFile, writeFileAtomic } from './files.js';

export interface CleanOptions {
  outDir?: string | null;
  suffix?: string;
  /** Replace an existing safe copy of the same name. The original is never replaced. */
  force?: boolean;
  /** Areas to cover in the copy, in upright-image pixels. */
  cover?: CoverArea[];
  /** Save HEIC/HEIF and AVIF as JPEG (re-encoded) for sites that refuse them. */
  to?: 'jpeg';
}

/** What a safe copy must not contain: every medium-or-worse finding except the file's own name. */
function remainingLeaks(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.source === 'metadata' && blocksPosting(f));
}

export async function cleanFile(file: string, options: CleanOptions = {}): Promise<CleanReport> {
  const report: CleanReport = { path: file, format: null, reencoded: false, removed: [], kept: [] };
  try {
    const bytes = await readPhoto(file);
    const format = detectFormat(bytes);
    report.format = format;
    if (!format) throw new ExposureError('not-an-image', 'This file is not a photo (its contents do not match any image format), so no copy was made.');
    // The cleaner checks the pixel count from the header before decoding anything.
    const out: CleanOutput = options.cover?.length
      ? await redactImage(bytes, format, options.cover)
      : await cleanImage(bytes, format, options.to ? { to: options.to } : {});
    const dest = safeCopyPath(file, out.extension, options.suffix ?? CLEAN_SUFFIX, options.outDir);
    if (path.resolve(dest) === path.resolve(file) || (await sameFile(dest, file))) {
      throw new ExposureError('exists', 'The safe copy would replace the original photo, so nothing was written. Choose another name or folder.');
    }
    if (options.outDir) mkdirSync(path.resolve(options.outDir), { recursive: true });
    await writeFileAtomic(dest, out.bytes, options.force === true);
    await verifyCleanCopy(dest, out.bytes);
    report.output = dest;
    report.outputFormat = out.format;
    report.reencoded = out.reencoded;
    report.removed = out.removed;
    report.kept = out.kept;
  } catch (err) {
    report.error = toUserError(err);
  }
  return report;
}

/** Re-reads the written copy; if anything serious survived, the copy is deleted and the clean fails. */
async function verifyCleanCopy(dest: string, written: Uint8Array): Promise<void> {
  let leaks: Finding[];
  try {
    const onDisk = await readPhoto(dest);
    if (Buffer.compare(Buffer.from(onDisk), Buffer.from(written)) !== 0) throw new Error('the file on disk differs from what was written');
    leaks = remainingLeaks((await scanMetadata(onDisk, path.basename(dest))).findings);
  } catch (err) {
    await fs.unlink(dest).catch(() => undefined);
    throw new ExposureError('verify-failed', `The safe copy could not be checked after writing, so it was deleted (${toUserError(err).message})`);
  }
  if (leaks.length > 0) {
    await fs.unlink(dest).catch(() => undefined);
    throw new ExposureError('verify-failed', `The safe copy still contained: ${leaks.map((l) => l.title).join('; ')}. It was deleted; the original is untouched.`);
  }
}

