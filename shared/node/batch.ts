// Node built-ins: the file layer over the pure engine. Scans and cleans one file at a time,
// turns every failure into a plain message, and never touches the original.
import * as path from 'node:path';
import { mkdirSync, promises as fs } from 'node:fs';
import sharp from 'sharp';
import { cleanImage, redactImage, type Box, type CleanOutput } from '../clean/index.js';
import { ExposureError, toUserError } from '../errors.js';
import { blocksPosting, compareFindings, type EmbeddedImage, type Finding, type ImageFormat, type VisualCategory } from '../findings.js';
import { detectFormat } from '../formats.js';
import { CLEAN_SUFFIX, MAX_PIXELS } from '../limits.js';
import { scanMetadata, type MetadataScan } from '../metadata/index.js';
import type { CleanReport, FileReport, ScanCoverage } from '../report.js';
import { collectImageFiles, readPhoto, safeCopyPath, sameFile, writeFileAtomic } from './files.js';
import { runVisualPass } from './visual-pass.js';

export interface ScanOptions {
  /** Look at the picture itself (backgrounds, text, faces...). Slower. */
  visual?: boolean;
  visualCategories?: VisualCategory[];
  signal?: AbortSignal;
  /** Called once the inputs are expanded, before the first file is read. */
  onStart?: (total: number) => void;
  /** Called as each file starts, so a slow photo never looks stuck. */
  onFileStart?: (index: number, total: number, path: string) => void;
}

export interface CleanOptions {
  outDir?: string | null;
  suffix?: string;
  /** Replace an existing safe copy of the same name. The original is never replaced. */
  force?: boolean;
  /** Regions to destroy in the copy, in upright-image pixels. */
  redactBoxes?: Box[];
  redactMode?: 'fill' | 'pixelate';
}

interface ReadPhoto {
  bytes: Uint8Array;
  meta: MetadataScan;
}

async function readAndScan(file: string): Promise<ReadPhoto> {
  const bytes = await readPhoto(file);
  const meta = await scanMetadata(bytes, path.basename(file));
  await refuseHugeImages(bytes, meta);
  return { bytes, meta };
}

/** Refuses pictures whose pixel count would exhaust memory once decoded (header only, no decode). */
async function refuseHugeImages(bytes: Uint8Array, meta: MetadataScan): Promise<void> {
  let width = meta.width;
  let height = meta.height;
  if (!width || !height) {
    try {
      const info = await sharp(bytes, { limitInputPixels: false }).metadata();
      width = info.width;
      height = info.height;
    } catch {
      return; // the engine already judged the container; sharp may simply not know the format
    }
  }
  if (width && height && width * height > MAX_PIXELS) {
    const mp = Math.round((width * height) / 1e6);
    throw new ExposureError('too-large', `This picture is too large to open safely (${width} × ${height}, ${mp} megapixels; the limit is ${Math.round(MAX_PIXELS / 1e6)}).`);
  }
}

function baseReport(file: string, size: number): FileReport {
  return { path: file, format: null, size, findings: [], embeddedImages: [] };
}

export async function scanFile(file: string, options: ScanOptions = {}): Promise<FileReport> {
  const report = baseReport(file, 0);
  try {
    const { bytes, meta } = await readAndScan(file);
    report.size = bytes.length;
    report.format = meta.format;
    if (meta.width) report.width = meta.width;
    if (meta.height) report.height = meta.height;
    report.findings = [...meta.findings];
    report.embeddedImages = meta.embeddedImages.map((e) => ({ findingId: e.findingId, label: e.label, mime: e.mime, size: e.bytes.length }));
    report.coverage = { metadata: true, picture: 'off', failedChecks: [] };
    if (options.visual) {
      const visual = await lookAtPicture(bytes, meta.format, options);
      report.findings.push(...visual.findings);
      report.coverage = visual.coverage;
    }
    report.findings.sort(compareFindings);
  } catch (err) {
    report.error = toUserError(err);
    try {
      report.size = (await fs.stat(file)).size;
    } catch {
      /* the error already says why */
    }
  }
  return report;
}

/**
 * The picture checks can fail on their own (an undecodable image whose metadata still reads); the
 * metadata findings are kept, and the coverage says plainly that the picture was not (fully) checked.
 */
async function lookAtPicture(bytes: Uint8Array, format: ImageFormat, options: ScanOptions): Promise<{ findings: Finding[]; coverage: ScanCoverage }> {
  try {
    const { findings, failedChecks } = await runVisualPass(bytes, format, options);
    return { findings, coverage: { metadata: true, picture: failedChecks.length ? 'partly' : 'checked', failedChecks } };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    return { findings: [], coverage: { metadata: true, picture: 'failed', failedChecks: [], pictureError: toUserError(err).message } };
  }
}

export interface BatchItem {
  index: number;
  total: number;
  report: FileReport;
}

/** Expands the inputs, then scans each file in turn; errors are reports, never exceptions. */
export async function* scanPaths(inputs: readonly string[], options: ScanOptions = {}): AsyncGenerator<BatchItem> {
  const found = [];
  for await (const f of collectImageFiles(inputs)) found.push(f);
  options.onStart?.(found.length);
  let index = 0;
  for (const f of found) {
    if (options.signal?.aborted) return;
    options.onFileStart?.(index, found.length, f.path);
    const report = f.error ? { ...baseReport(f.path, 0), error: toUserError(f.error) } : await scanFile(f.path, options);
    yield { index: index++, total: found.length, report };
  }
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
    const out: CleanOutput = options.redactBoxes?.length
      ? await redactImage(bytes, format, options.redactBoxes, options.redactMode)
      : await cleanImage(bytes, format);
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

export async function readEmbeddedImage(file: string, findingId: string): Promise<EmbeddedImage | null> {
  const bytes = await readPhoto(file);
  const meta = await scanMetadata(bytes, path.basename(file));
  return meta.embeddedImages.find((e) => e.findingId === findingId) ?? null;
}
