// Node built-ins (via the file layer): one photo's part of the trainers' report. Scans the photo,
// makes its safe copy in memory only (nothing is written next to the user's photos), and takes the
// report's picture from that copy's pixels, so it shows the covered areas and carries no metadata.
import { cleanImage, redactImage } from '../clean/index.js';
import type { CoverArea } from '../cover.js';
import { toUserError } from '../errors.js';
import { isVideoFormat, type VideoFormat } from '../findings.js';
import type { CleanReport, FileReport } from '../report.js';
import { coveredWords, defaultCover, REPORT_THUMBNAIL_SIZE } from '../trainer-report/covered.js';
import type { ReportPhoto, ReportPlace } from '../trainer-report/types.js';
import { gpsMapSvg } from '../place/map-svg.js';
import { readPhoto } from './files.js';
import { previewOf } from './preview.js';
import { scanFile, type ScanOptions } from './scan-file.js';
import { posterFromFile, videoReportPhoto, type VideoPoster } from './video-report.js';

export { coveredWords, defaultCover, REPORT_THUMBNAIL_SIZE };

export interface ReportPhotoOptions extends ScanOptions {
  /** What the copy covers; by default what the safe copy covers by default. */
  cover?: (report: FileReport) => CoverArea[];
}

/** The report's part for a photo already checked: its safe copy made in memory, and the picture of it. */
export async function reportPhotoOf(report: FileReport, bytes: Uint8Array, cover: readonly CoverArea[]): Promise<ReportPhoto> {
  // Videos: see video-report.ts (their bytes are never read whole).
  const place = placeOf(report);
  if (report.error || !report.format || isVideoFormat(report.format)) return { report, ...(place ? { place } : {}) };
  const copy: CleanReport = { path: report.path, format: report.format, reencoded: false, removed: [], kept: [] };
  try {
    const out = cover.length > 0 ? await redactImage(bytes, report.format, cover) : await cleanImage(bytes, report.format);
    copy.outputFormat = out.format;
    copy.reencoded = out.reencoded;
    copy.removed = out.removed;
    copy.kept = out.kept;
    const preview = await previewOf(out.bytes, REPORT_THUMBNAIL_SIZE);
    return {
      report,
      ...(place ? { place } : {}),
      copy,
      covered: coveredWords(report, cover),
      thumbnail: { dataUrl: `data:image/jpeg;base64,${Buffer.from(preview.jpeg).toString('base64')}`, ...thumbnailSize(preview.width, preview.height) },
    };
  } catch (err) {
    return { report, ...(place ? { place } : {}), copy: { ...copy, error: toUserError(err) } };
  }
}

/** Where the photo was taken, in words and as a small map, when its scan says (town level, not the exact digits). */
function placeOf(report: FileReport): ReportPlace | null {
  const gps = report.gps;
  if (!gps) return null;
  const name = `${gps.place ? gps.place.text : 'A place the photo records'}, ${gps.accuracy.words}`;
  return { name, ...(gps.map ? { mapSvg: gpsMapSvg(gps.map, name) } : {}) };
}

/** A checked video's part: its poster and the plan of its copy (video-report.ts), and the place it records. */
async function videoPart(report: FileReport & { format: VideoFormat }, poster: VideoPoster | null): Promise<ReportPhoto> {
  const place = placeOf(report);
  return { ...(await videoReportPhoto(report, poster)), ...(place ? { place } : {}) };
}

/**
 * The report's part for a photo checked earlier (the app's way: its scan is already on screen). A
 * video's picture is the poster its window decoded, when it could.
 */
export async function reportPhotoForChecked(report: FileReport, cover: readonly CoverArea[], poster: VideoPoster | null = null): Promise<ReportPhoto> {
  if (report.error || !report.format) return { report };
  if (isVideoFormat(report.format)) return videoPart({ ...report, format: report.format }, poster);
  try {
    return await reportPhotoOf(report, await readPhoto(report.path), cover);
  } catch (err) {
    return { report, copy: { path: report.path, format: report.format, reencoded: false, removed: [], kept: [], error: toUserError(err) } };
  }
}

/** Checks the photo, then makes its part of the report (the command line's way). */
export async function reportPhotoFor(file: string, options: ReportPhotoOptions = {}): Promise<ReportPhoto> {
  const report = await scanFile(file, options);
  if (report.error || !report.format) return { report };
  if (isVideoFormat(report.format)) return videoPart({ ...report, format: report.format }, await posterFromFile(file));
  try {
    return await reportPhotoOf(report, await readPhoto(file), (options.cover ?? defaultCover)(report));
  } catch (err) {
    return { report, copy: { path: file, format: report.format, reencoded: false, removed: [], kept: [], error: toUserError(err) } };
  }
}

/** The thumbnail's own pixel size (the preview reports the full picture's). */
function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, REPORT_THUMBNAIL_SIZE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
