// Node built-ins: writes the safe copy of one file, never over the original, and re-reads the
// written copy. What the copy covers and how the copy itself is re-checked is decided in
// clean/safe-copy.ts; this layer reads, writes and verifies.
import * as path from 'node:path';
import { mkdirSync, promises as fs } from 'node:fs';
import { makeSafeCopy, metadataOnlyCheck, type SafeCopyOptions } from '../clean/safe-copy.js';
import { ExposureError, toUserError } from '../errors.js';
import { blocksPosting, type Finding } from '../findings.js';
import { detectFormat } from '../formats.js';
import { CLEAN_SUFFIX } from '../limits.js';
import { scanMetadata } from '../metadata/index.js';
import type { CleanReport } from '../report.js';
import { readPhoto, safeCopyPath, sameFile, writeFileAtomic } from './files.js';
import { recallScan } from './scan-memory.js';

export interface CleanOptions extends SafeCopyOptions {
  outDir?: string | null;
  suffix?: string;
  /** Replace an existing safe copy of the same name. The original is never replaced. */
  force?: boolean;
}

/** What a safe copy must not contain: every medium-or-worse finding except the file's own name. */
function remainingLeaks(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.source === 'metadata' && blocksPosting(f));
}

export async function cleanFile(file: string, options: CleanOptions = {}): Promise<CleanReport> {
  const report: CleanReport = { path: file, format: null, reencoded: false, removed: [], kept: [] };
  try {
    const bytes = await readPhoto(file);
    report.format = detectFormat(bytes);
    const suffix = options.suffix ?? CLEAN_SUFFIX;
    const destOf = (extension: string): string => safeCopyPath(file, extension, suffix, options.outDir);
    // A scan of the same contents a moment ago (the one the user was shown) plans the copy.
    const remembered = options.original ?? (options.pictureCheck !== false && (options.redact ?? 'none') !== 'none' ? recallScan(bytes) : null);
    const safe = await makeSafeCopy(bytes, path.basename(file), (out) => path.basename(destOf(out.extension)), remembered ? { ...options, original: remembered } : options);
    const dest = destOf(safe.output.extension);
    if (path.resolve(dest) === path.resolve(file) || (await sameFile(dest, file))) {
      throw new ExposureError('exists', 'The safe copy would replace the original photo, so nothing was written. Choose another name or folder.');
    }
    if (options.outDir) mkdirSync(path.resolve(options.outDir), { recursive: true });
    await writeFileAtomic(dest, safe.output.bytes, options.force === true);
    const copyMetadata = await verifyCleanCopy(dest, safe.output.bytes);
    report.output = dest;
    report.outputFormat = safe.output.format;
    report.reencoded = safe.output.reencoded;
    report.removed = safe.output.removed;
    report.kept = safe.output.kept;
    report.cover = safe.cover;
    report.copy = safe.check ?? metadataOnlyCheck(dest, copyMetadata, safe.cover);
  } catch (err) {
    report.error = toUserError(err);
  }
  return report;
}

/**
 * Re-reads the written copy; if anything serious survived in its hidden information, the copy is
 * deleted and the clean fails. Returns what the copy's hidden information still says (nothing
 * serious: at most low-risk details, and the date in a file name).
 */
async function verifyCleanCopy(dest: string, written: Uint8Array): Promise<Finding[]> {
  let findings: Finding[];
  try {
    const onDisk = await readPhoto(dest);
    if (Buffer.compare(Buffer.from(onDisk), Buffer.from(written)) !== 0) throw new Error('the file on disk differs from what was written');
    findings = (await scanMetadata(onDisk, path.basename(dest))).findings;
  } catch (err) {
    await fs.unlink(dest).catch(() => undefined);
    throw new ExposureError('verify-failed', `The safe copy could not be checked after writing, so it was deleted (${toUserError(err).message})`);
  }
  const leaks = remainingLeaks(findings);
  if (leaks.length > 0) {
    await fs.unlink(dest).catch(() => undefined);
    throw new ExposureError('verify-failed', `The safe copy still contained: ${leaks.map((l) => l.title).join('; ')}. It was deleted; the original is untouched.`);
  }
  return findings;
}
