// What a report's picture covers, in words, and what it covers when nobody chose: pure, shared by
// the photo and the video parts of the trainers' report.
import { CATEGORY_RULES } from '../categories.js';
import { planCover } from '../copy-policy.js';
import type { CoverArea } from '../cover.js';
import { VISUAL_CATEGORIES, type VisualCategory } from '../findings.js';
import type { FileReport } from '../report.js';

/** The long side of a report's picture, in pixels. */
export const REPORT_THUMBNAIL_SIZE = 640;

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

