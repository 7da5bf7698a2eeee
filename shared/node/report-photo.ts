// Node built-ins (via the file layer): one photo's part of the trainers' report. Scans the photo,
// makes its safe copy in memory only (nothing is written next to the user's photos), and takes the
// report's picture from that copy's pixels, so it shows the covered areas and carries no metadata.
import { cleanImage, redactImage, type Box } from '../clean/index.js';
import { toUserError } from '../errors.js';
import { CATEGORY_RULES } from '../categories.js';
import { VISUAL_CATEGORIES, type Finding, type VisualCategory } from '../findings.js';
import type { CleanReport, FileReport } from '../report.js';
import type { ReportPhoto } from '../trainer-report/types.js';
import { readPhoto } from './files.js';
import { previewOf } from './preview.js';
import { scanFile, type ScanOptions } from './scan-file.js';

export const REPORT_THUMBNAIL_SIZE = 640;

export interface ReportPhotoOptions extends ScanOptions {
  /** Which findings the copy covers; by default the ones the safe copy covers by default. */
  cover?: (report: FileReport) => Finding[];
}

const VISUAL = new Set<string>(VISUAL_CATEGORIES);

/** "2 licence plates; 1 face": what the covered findings are, in words. */
export function coveredWords(findings: readonly Finding[]): string[] {
  const counts = new Map<VisualCategory, number>();
  for (const f of findings) if (VISUAL.has(f.category)) counts.set(f.category as VisualCategory, (counts.get(f.category as VisualCategory) ?? 0) + 1);
  return [...counts.entries()].map(([category, n]) => {
    const [one, many] = CATEGORY_RULES[category].noun;
    return `${n} ${n === 1 ? one : many}`;
  });
}

/** Until the shared copy policy lands: visual findings of high severity or worse, not the unsure ones. */
export function defaultCoverFindings(report: FileReport): Finding[] {
  return report.findings.filter((f) => f.source === 'visual' && f.box && !f.maybe && (f.severity === 'high' || f.severity === 'critical'));
}

export async function reportPhotoFor(file: string, options: ReportPhotoOptions = {}): Promise<ReportPhoto> {
  const report = await scanFile(file, options);
  if (report.error || !report.format) return { report };
  const covered = (options.cover ?? defaultCoverFindings)(report).filter((f): f is Finding & { box: Box } => Array.isArray(f.box));
  const copy: CleanReport = { path: file, format: report.format, reencoded: false, removed: [], kept: [] };
  try {
    const bytes = await readPhoto(file);
    const out = covered.length > 0 ? await redactImage(bytes, report.format, covered.map((f) => f.box)) : await cleanImage(bytes, report.format);
    copy.outputFormat = out.format;
    copy.reencoded = out.reencoded;
    copy.removed = out.removed;
    copy.kept = out.kept;
    const preview = await previewOf(out.bytes, REPORT_THUMBNAIL_SIZE);
    const size = thumbnailSize(preview.width, preview.height);
    return {
      report,
      copy,
      covered: coveredWords(covered),
      thumbnail: { dataUrl: `data:image/jpeg;base64,${Buffer.from(preview.jpeg).toString('base64')}`, ...size },
    };
  } catch (err) {
    return { report, copy: { ...copy, error: toUserError(err) } };
  }
}

/** The thumbnail's own pixel size (the preview reports the full picture's). */
function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, REPORT_THUMBNAIL_SIZE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
