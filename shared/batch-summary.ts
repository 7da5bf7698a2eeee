// What a batch of checked photos adds up to, in a few plain lines, worst first: "12 of 20 photos
// show where they were taken". The app's list and the trainers' report both show it.
import { CATEGORY_RULES } from './categories.js';
import { blocksPosting, isVideoFormat, SEVERITY_RANK, VISUAL_CATEGORIES, type Category, type Finding, type VisualCategory } from './findings.js';
import type { FileReport } from './report.js';
import { verdictOf, type VerdictState } from './verdict.js';

export interface BatchSummary {
  total: number;
  /** Photos per verdict; files that could not be read count as `failed`, not as not-fully-checked. */
  counts: Record<VerdictState, number> & { failed: number };
  /** The one line that matters most: how many need fixing, or that nothing was found. */
  headline: string;
  /** What the problems are, one line per kind, worst first, then the most common ("3 show a licence plate"). */
  lines: string[];
}

/** Metadata categories worth a line of their own, in the words of what they give away. */
type Phrase = readonly [many: string, one: string];
const METADATA_LINES: Partial<Record<Category, Phrase>> = {
  location: ['show where they were taken', 'shows where it was taken'],
  identity: ['carry a name or contact details', 'carries a name or contact details'],
  device: ['carry a serial number or owner of the camera', 'carries a serial number or owner of the camera'],
  'hidden-image': ['hide a second picture inside the file', 'hides a second picture inside the file'],
  time: ['say exactly when they were taken', 'says exactly when it was taken'],
};

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function visualLine(category: VisualCategory): Phrase {
  const thing = article(CATEGORY_RULES[category].noun[0]);
  return [`show ${thing}`, `shows ${thing}`];
}

const VISUAL = new Set<string>(VISUAL_CATEGORIES);
// One Phrase object per visual category, so a Map keyed by phrase counts each kind once.
const VISUAL_LINES = Object.fromEntries(VISUAL_CATEGORIES.map((c) => [c, visualLine(c)])) as Record<VisualCategory, Phrase>;

/** The line a finding adds to the summary (null: it does not get a line of its own). */
function lineFor(f: Finding): Phrase | null {
  if (VISUAL.has(f.category)) return VISUAL_LINES[f.category as VisualCategory];
  return METADATA_LINES[f.category] ?? null;
}

/** What a batch holds, in words: photos, videos, or files when it holds both. */
export type MediaNoun = readonly [one: string, many: string];
const PHOTO: MediaNoun = ['photo', 'photos'];

export function mediaNoun(reports: readonly Pick<FileReport, 'format'>[]): MediaNoun {
  const videos = reports.filter((r) => isVideoFormat(r.format)).length;
  if (videos === 0) return PHOTO;
  return videos === reports.length ? ['video', 'videos'] : ['file', 'files'];
}

export function photos(n: number, noun: MediaNoun = PHOTO): string {
  return `${n} ${n === 1 ? noun[0] : noun[1]}`;
}

/** "3 of 20 photos show…", "1 of 20 photos shows…", "1 photo shows…". */
function countLine(n: number, total: number, phrase: Phrase, noun: MediaNoun): string {
  const who = total === 1 ? `The ${noun[0]}` : `${n} of ${photos(total, noun)}`;
  return `${who} ${n === 1 ? phrase[1] : phrase[0]}`;
}

export function summarizeBatch(reports: readonly FileReport[]): BatchSummary {
  const counts = { 'fix-before-posting': 0, 'nothing-found': 0, 'not-fully-checked': 0, failed: 0 };
  const perLine = new Map<Phrase, { photos: number; worst: number }>();
  for (const report of reports) {
    if (report.error) {
      counts.failed += 1;
      continue;
    }
    counts[verdictOf(report).state] += 1;
    // Each photo counts once per line, whatever number of findings it has of that kind.
    const worst = new Map<Phrase, number>();
    for (const f of report.findings.filter(blocksPosting)) {
      const line = lineFor(f);
      if (line) worst.set(line, Math.max(worst.get(line) ?? 0, SEVERITY_RANK[f.severity]));
    }
    for (const [line, rank] of worst) {
      const seen = perLine.get(line);
      perLine.set(line, { photos: (seen?.photos ?? 0) + 1, worst: Math.max(seen?.worst ?? 0, rank) });
    }
  }
  const total = reports.length;
  const noun = mediaNoun(reports);
  const fix = counts['fix-before-posting'];
  let headline: string;
  if (total === 0) headline = 'No photos checked yet';
  else if (fix > 0) headline = countLine(fix, total, ['need fixing before posting', 'needs fixing before posting'], noun);
  else if (counts['not-fully-checked'] + counts.failed > 0) headline = `Nothing serious found, but not every ${noun[0]} was fully checked`;
  else headline = `Nothing found in what was checked in ${total === 1 ? `the ${noun[0]}` : `all ${photos(total, noun)}`}`;

  const ordered = [...perLine.entries()].sort((a, b) => b[1].worst - a[1].worst || b[1].photos - a[1].photos || a[0][0].localeCompare(b[0][0]));
  const lines = ordered.map(([what, n]) => countLine(n.photos, total, what, noun));
  if (counts['not-fully-checked'] > 0) lines.push(countLine(counts['not-fully-checked'], total, ['were not fully checked', 'was not fully checked'], noun));
  if (counts.failed > 0) lines.push(countLine(counts.failed, total, ['could not be checked', 'could not be checked'], noun));
  return { total, counts, headline, lines };
}
