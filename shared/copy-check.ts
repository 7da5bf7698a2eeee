// Judging a safe copy by what the re-check of the copy itself found. Pure: the file layer runs the
// checks on the copy and hands the findings here. The copy is never called safe while something of
// high severity or worse is visible in it; what is still visible is listed with why (the user
// chose to keep it, it is below the bar for covering by default, or covering it failed).
import { coveredShare, iou } from './boxes.js';
import { CATEGORY_RULES } from './categories.js';
import { settingCovers, type RedactSetting } from './copy-policy.js';
import { coveredShareOf, type CoverArea } from './cover.js';
import { compareFindings, type Category, type Finding, type VisualCategory } from './findings.js';
import type { CopyCheck, CoveredItem, FileReport, ReadLine, ScanCoverage, StillVisible, Verdict, VisibleReason } from './report.js';
import { verdictOf } from './verdict.js';

export type { CopyCheck, CoveredItem, StillVisible, VisibleReason } from './report.js';


export const VISIBLE_REASON_TEXT: Record<VisibleReason, string> = {
  'you-kept-it': 'You chose to leave this visible.',
  'below-the-bar': 'Not covered by default; you can cover it yourself.',
  'could-not-cover': 'The copy was made again with more covered, but this can still be seen. Cover it by hand, or do not post this photo.',
  'file-name': 'The copy keeps the name you give it: rename the file before posting.',
};




/** Findings the re-check sees on (or mostly on) an area already covered: the cover itself, not the picture. */
const ON_COVER = 0.8;

export function onCoveredArea(f: Finding, areas: readonly CoverArea[]): boolean {
  return f.box !== undefined && areas.length > 0 && coveredShareOf(f.box, areas) >= ON_COVER;
}

/** Two findings of one category in about the same place are the same thing seen twice. */
export function samePlace(a: Finding, b: Finding): boolean {
  if (!a.box || !b.box || a.category !== b.category) return false;
  return iou(a.box, b.box) >= 0.3 || coveredShare(a.box, b.box) >= 0.6 || coveredShare(b.box, a.box) >= 0.6;
}

export interface CopyJudgement {
  /** What the copy still shows: the re-check's findings that are not the cover itself, then what the original showed in parts the copy left as they were and the re-check did not see again. */
  visible: Array<{ finding: Finding; seenIn: 'copy' | 'original' }>;
  /** Of those, what the policy covers and the user did not choose to keep: to be covered. */
  misses: Finding[];
}

/**
 * What the re-check of the copy says against the plan. Findings on the covers themselves are
 * dropped (nothing is left there to see). What the original showed outside the covers is still
 * there even when the re-check of the copy happens to miss it.
 */
export function judgeCopy(original: readonly Finding[], copy: readonly Finding[], pictureChecked: boolean, areas: readonly CoverArea[], setting: RedactSetting, keep: readonly string[]): CopyJudgement {
  const kept = original.filter((f) => keep.includes(f.id));
  const visible: CopyJudgement['visible'] = copy.filter((f) => !onCoveredArea(f, areas)).map((finding) => ({ finding, seenIn: 'copy' as const }));
  if (pictureChecked) {
    for (const f of original) {
      if (f.source !== 'visual' || !f.box || onCoveredArea(f, areas) || visible.some((v) => samePlace(v.finding, f))) continue;
      visible.push({ finding: f, seenIn: 'original' });
    }
  }
  const misses = visible.map((v) => v.finding).filter((f) => settingCovers(f, setting) && !kept.some((k) => k === f || samePlace(k, f)));
  return { visible, misses };
}

function nounOf(category: Category): string {
  const rule = CATEGORY_RULES[category as VisualCategory];
  if (!rule) return category;
  const [one] = rule.noun;
  return one.charAt(0).toUpperCase() + one.slice(1);
}

export function coveredItems(areas: readonly CoverArea[], findings: readonly Finding[]): CoveredItem[] {
  return areas.map((area) => {
    if (area.from.kind === 'drawn') return { label: 'An area you chose', area };
    const id = area.from.findingId;
    const finding = findings.find((f) => f.id === id);
    const what = finding ? nounOf(finding.category) : 'Something in the picture';
    return { label: area.from.kind === 'recheck' ? `${what} (found again when the copy was checked)` : what, area };
  });
}

export interface CopyCheckInput {
  /** Where the copy was written. */
  path: string;
  /** The findings of the original (metadata and picture). */
  original: readonly Finding[];
  /** What the last re-check of the copy found (metadata and, if looked at, picture). */
  copy: readonly Finding[];
  coverage: ScanCoverage;
  areas: readonly CoverArea[];
  setting: RedactSetting;
  /** Finding ids (of the original) the user chose to leave visible. */
  keep: readonly string[];
  attempts: number;
}

/**
 * What a copy's check was judged from, with the lines of text read in the original and in the copy:
 * the app's main process, where the exposure checklist is unlocked, judges the copy again with the
 * checklist's matches (shared/checklist/apply.ts), as it does for the original's scan.
 */
export interface CopyRecheck extends CopyCheckInput {
  originalText: ReadLine[];
  copyText: ReadLine[];
}

/**
 * The copy's check: what is covered, what is still visible and why, and the copy's own verdict
 * over everything still visible. A thing seen in the original, in a part of the picture the copy
 * leaves as it was, counts as visible even if the re-check of the copy happened to miss it.
 */
export function checkCopy(input: CopyCheckInput): CopyCheck {
  const pictureChecked = input.coverage.picture !== 'off' && input.coverage.picture !== 'failed';
  const { visible, misses } = judgeCopy(input.original, input.copy, pictureChecked, input.areas, input.setting, input.keep);
  const why = (f: Finding): VisibleReason => {
    if (f.source === 'filename') return 'file-name';
    if (misses.includes(f)) return 'could-not-cover';
    if (settingCovers(f, input.setting)) return 'you-kept-it';
    // Left out of a list of categories to cover is the user's choice; left by the default is the policy's.
    return f.source === 'visual' && Array.isArray(input.setting) ? 'you-kept-it' : 'below-the-bar';
  };
  const ordered = [...visible].sort((a, b) => compareFindings(a.finding, b.finding));
  const items = ordered.map(({ finding: f, seenIn }): StillVisible => {
    const reason = why(f);
    return {
      findingId: f.id,
      category: f.category,
      severity: f.severity,
      title: f.title,
      maybe: f.maybe === true,
      ...(f.box ? { box: f.box } : {}),
      why: reason,
      reason: VISIBLE_REASON_TEXT[reason],
      seenIn,
    };
  });
  const report: FileReport = { path: input.path, format: null, size: 0, findings: ordered.map((v) => v.finding), embeddedImages: [], coverage: input.coverage };
  return {
    verdict: copyVerdict(report, items),
    coverage: input.coverage,
    covered: coveredItems(input.areas, [...input.original, ...input.copy]),
    visible: items,
    attempts: input.attempts,
  };
}

/** The verdict of a copy: the same three states and the same rule as any photo, in words about the copy. */
export function copyVerdict(report: FileReport, visible: readonly StillVisible[]): Verdict {
  const v = verdictOf(report);
  switch (v.state) {
    case 'fix-before-posting': {
      const serious = visible.filter((s) => !s.maybe && s.severity !== 'low');
      const failed = serious.some((s) => s.why === 'could-not-cover');
      const names = [...new Set(serious.map((s) => s.title))].slice(0, 3).join('; ');
      return {
        ...v,
        headline: 'The copy still needs fixing',
        detail: failed
          ? `Covering did not work on everything: ${names}. Cover it by hand, or do not post this photo.`
          : `Still in the copy: ${names}. Cover it, or do not post this photo.`,
      };
    }
    case 'not-fully-checked':
      return { ...v, headline: 'Copy saved, not fully checked', detail: 'The copy’s hidden information was checked, but not everything in its picture. Look at the copy yourself before posting.' };
    case 'nothing-found':
      return { ...v, headline: 'Nothing found in the copy', detail: 'The copy was checked again and nothing that could locate or identify you was found in it. The checks can miss things: look at the copy yourself before posting.' };
  }
}

/** "Licence plate (2)": each label once, with how many times it appears. */
export function countAlike(labels: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (${n})` : l));
}

/** What is still visible in a copy, the same thing left for the same reason once (in order). */
export function groupVisible(visible: readonly StillVisible[]): StillVisible[][] {
  const groups = new Map<string, StillVisible[]>();
  for (const v of visible) {
    const key = `${v.severity}\u0000${v.title}\u0000${v.why}\u0000${v.maybe}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()];
}
