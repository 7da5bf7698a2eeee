// Node built-ins: scans one file (or a batch) from disk: reads it, hands it to scanImage (metadata
// and, when asked, the picture), and turns every failure into a plain message. Never writes anything.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { toUserError } from '../errors.js';
import type { EmbeddedImage, VideoFormat } from '../findings.js';
import { scanMetadata } from '../metadata/index.js';
import type { FileReport } from '../report.js';
import { scanImage } from '../scan/scan-image.js';
import type { ScanRequest } from '../scan/request.js';
import { detectVideoFormat } from '../formats.js';
import { collectImageFiles, readPhoto, readPhotoUnless } from './files.js';
import { rememberScan } from './scan-memory.js';
import { describeGps } from '../place/describe-gps.js';
import { fitDeviceWords } from '../place/gps-words.js';
import { scanVideoFile } from './video-file.js';

/** A scan request (metadata only unless `visual`), with progress and cancelling for batches. */
export interface ScanOptions extends Partial<ScanRequest> {
  signal?: AbortSignal;
  /** Called once the inputs are expanded, before the first file is read. */
  onStart?: (total: number) => void;
  /** Called as each file starts, so a slow photo never looks stuck. */
  onFileStart?: (index: number, total: number, path: string) => void;
  /** Say where a GPS position is: the nearest town and a small map (loads the place names once, about a second). */
  describePlace?: boolean;
}

function baseReport(file: string, size: number): FileReport {
  return { path: file, format: null, size, findings: [], embeddedImages: [] };
}

function requestOf(options: ScanOptions): ScanRequest {
  return {
    visual: options.visual === true,
    ...(options.checks ? { checks: options.checks } : {}),
    ...(options.matcher ? { matcher: options.matcher } : {}),
    ...(options.videoFrames ? { videoFrames: options.videoFrames } : {}),
  };
}

export async function scanFile(file: string, options: ScanOptions = {}): Promise<FileReport> {
  const report = baseReport(file, 0);
  try {
    // One open: the first bytes tell a video (read where needed, never whole) from a photo.
    const sniffed: { video: VideoFormat | null } = { video: null };
    const bytes = await readPhotoUnless(file, (head) => (sniffed.video = detectVideoFormat(head)) !== null);
    if (!bytes) {
      const videoReport = await scanVideoFile(file, sniffed.video!, requestOf(options), options.signal ? { signal: options.signal } : {});
      const gps = options.describePlace ? describeGps(videoReport.findings) : null;
      return gps ? { ...videoReport, gps } : videoReport;
    }
    report.size = bytes.length;
    const scan = await scanImage({ bytes, fileName: path.basename(file) }, requestOf(options), options.signal ? { signal: options.signal } : {});
    report.format = scan.format;
    if (scan.width) report.width = scan.width;
    if (scan.height) report.height = scan.height;
    report.findings = fitDeviceWords(scan.findings);
    report.embeddedImages = scan.embeddedImages.map((e) => ({ findingId: e.findingId, label: e.label, mime: e.mime, size: e.bytes.length }));
    report.coverage = scan.coverage;
    if (scan.readText.length > 0) report.readText = scan.readText;
    if (options.describePlace) {
      const gps = describeGps(scan.findings);
      if (gps) report.gps = gps;
    }
    // Saving a safe copy next plans from what the user was just shown.
    if (options.visual && !options.checks) rememberScan(bytes, scan);
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
