// Node built-ins: scans one file (or a batch) from disk: reads it, checks its metadata and, when
// asked, the picture, and turns every failure into a plain message. Never writes anything.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import sharp from 'sharp';
import { ExposureError, toUserError } from '../errors.js';
import { compareFindings, type EmbeddedImage, type Finding, type ImageFormat, type VisualCategory } from '../findings.js';
import { MAX_PIXELS } from '../limits.js';
import { scanMetadata, type MetadataScan } from '../metadata/index.js';
import type { FileReport, ReadLine, ScanCoverage } from '../report.js';
import { collectImageFiles, readPhoto } from './files.js';
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
      if (visual.readText.length > 0) report.readText = visual.readText;
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
async function lookAtPicture(bytes: Uint8Array, format: ImageFormat, options: ScanOptions): Promise<{ findings: Finding[]; coverage: ScanCoverage; readText: ReadLine[] }> {
  try {
    const { findings, failedChecks, readText } = await runVisualPass(bytes, format, options);
    return { findings, readText, coverage: { metadata: true, picture: failedChecks.length ? 'partly' : 'checked', failedChecks } };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    return { findings: [], readText: [], coverage: { metadata: true, picture: 'failed', failedChecks: [], pictureError: toUserError(err).message } };
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

export async function readEmbeddedImage(file: string, findingId: string): Promise<EmbeddedImage | null> {
  const bytes = await readPhoto(file);
  const meta = await scanMetadata(bytes, path.basename(file));
  return meta.embeddedImages.find((e) => e.findingId === findingId) ?? null;
}
