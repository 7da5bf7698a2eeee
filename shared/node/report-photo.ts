// Node built-ins (via the file layer): one photo's part of the trainers' report. Scans the photo,
// makes its safe copy in memory only (nothing is written next to the user's photos), and takes the
// report's picture from that copy's pixels, so it shows the covered areas and carries no metadata.
import { cleanImage, redactImage } from '../clean/index.js';
import { planCover } from '../copy-policy.js';
import type { CoverArea } from '../cover.js';
import { toUserError } from '../errors.js';
import { CATEGORY_RULES } from '../categories.js';
import { isVideoFormat, VISUAL_CATEGORIES, type VisualCategory } from '../findings.js';
import type { CleanReport, FileReport } from '../report.js';
import type { ReportPhoto, ReportPlace } from '../trainer-report/types.js';
import { gpsMapSvg } from '../place/map-svg.js';
import { readPhoto } from './files.js';
import { previewOf } from './preview.js';
import { scanFile, type ScanOptions } from './scan-file.js';

export const REPORT_THUMBNAIL_SIZE = 640;

export interface ReportPhotoOptions extends ScanOptions {
  /** What the copy covers; by default what the safe copy covers by default. */
  cover?: (report: FileReport) => CoverArea[];
}

const VISUAL = new Set<string>(VISUAL_CATEGORIES);

/** "1 licence plate; 2 areas you marked": what the covered areas are, in words. */
export function coveredWords(report: FileReport, cover: readonly CoverArea[]): string[] {
  const counts = new Map<string, { one: string; many: string; n: number }>();
  const add = (one: string, many: string) => {
    const seen = counts.get(one);
    if (seen) seen.n += 1;
    else counts.set(one, { one, many, n: 1 });
  };
  for (const area of cover) {
    const finding = area.from.kind === 'drawn' ? undefined : report.findings.find((f) => f.id === (area.from as { findingId: string }).findingId);
    if (finding && VISUAL.has(finding.category)) {
      const [one, many] = CATEGORY_RULES[finding.category as VisualCategory].noun;
      add(one, many);
    } else add('area you marked', 'areas you marked');
  }
  return [...counts.values()].map(({ one, many, n }) => `${n} ${n === 1 ? one : many}`);
}

/** What the safe copy covers by default: the one copy policy (shared/copy-policy.ts). */
export function defaultCover(report: FileReport): CoverArea[] {
  return planCover(report.findings).areas;
}

/** The report's part for a photo already checked: its safe copy made in memory, and the picture of it. */
export async function reportPhotoOf(report: FileReport, bytes: Uint8Array, cover: readonly CoverArea[]): Promise<ReportPhoto> {
  // Videos are reported by their findings only (no copy or picture of them in the report).
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

/** The report's part for a photo checked earlier (the app's way: its scan is already on screen). */
export async function reportPhotoForChecked(report: FileReport, cover: readonly CoverArea[]): Promise<ReportPhoto> {
  if (report.error || !report.format || isVideoFormat(report.format)) return { report };
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
