// The post-scan step that makes the scanner protect the checklist: the scan returns what it read
// (text, plates, GPS) without ever seeing the stored values; here, where the checklist is unlocked,
// each reading is compared with them. A match upgrades that finding to critical and names the item
// ("your address (Home)"), never the stored value. Pure: report in, new report out.
import { compareFindings, type Finding, type GpsValue } from '../findings.js';
import { coveredShare } from '../boxes.js';
import { checkCopy, type CopyCheck, type CopyRecheck } from '../copy-check.js';
import type { FileReport, ReadLine } from '../report.js';
import type { ChecklistMatcher, PlaceMatch, TextMatch } from './matcher.js';

const READ_CATEGORIES = new Set<Finding['category']>(['text', 'licence-plate']);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "1.2 km", "350 m": rounded, as a person would say it. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`;
  return `${(metres / 1000).toFixed(metres < 10_000 ? 1 : 0)} km`;
}

function textUpgrade(finding: Finding, matches: TextMatch[]): Finding {
  const full = matches.filter((m) => m.strength === 'full');
  const best = full[0] ?? matches[0]!;
  const names = [...new Set((full.length ? full : matches).map((m) => m.describe))];
  const streetOnly = full.length === 0;
  return {
    ...finding,
    // Every match is critical, as the checklist promises: even the street alone narrows down where you live.
    severity: 'critical',
    kind: 'personal',
    maybe: false,
    title: streetOnly ? `The name of the street in ${best.describe} can be read in this photo` : `${capitalise(best.describe)} can be read in this photo`,
    explanation: streetOnly
      ? `This text matches the street of ${best.describe}, on your exposure checklist. A street sign or letter with your street on it narrows down where you live.`
      : `This text matches ${names.join(' and ')}, on your exposure checklist. Anyone who sees the photo can read it.`,
    action: 'Covered in the safe copy. Check the copy, and consider not posting this photo.',
    checklistMatch: { item: names.join(', '), itemIds: [...new Set(matches.map((m) => m.itemId))] },
  };
}

function placeUpgrade(finding: Finding, match: PlaceMatch): Finding {
  const distance = formatDistance(match.distanceM);
  return {
    ...finding,
    severity: 'critical',
    maybe: false,
    title: `Taken ${distance} from ${match.describe}`,
    explanation: `The map position stored in this photo is ${distance} from ${match.describe} on your exposure checklist (you asked to be warned within ${formatDistance(match.radiusM)}). Anyone with the file can find that place.`,
    checklistMatch: { item: match.describe, itemIds: [match.itemId], distanceMeters: Math.round(match.distanceM) },
  };
}

/** Merges matches for one finding: one per item, a full match over a street-only one. */
function addMatches(into: Map<number, TextMatch[]>, index: number, matches: readonly TextMatch[]): void {
  const list = into.get(index) ?? [];
  for (const m of matches) {
    const same = list.findIndex((x) => x.itemId === m.itemId);
    if (same < 0) list.push(m);
    else if (m.strength === 'full') list[same] = m;
  }
  into.set(index, list);
}

/** The text or plate finding a read line belongs to (most of the line inside its box). */
function findingOfLine(findings: readonly Finding[], line: ReadLine): number {
  let best = -1;
  let bestShare = 0.5;
  findings.forEach((f, i) => {
    if (!READ_CATEGORIES.has(f.category) || !f.box) return;
    const share = coveredShare(line.box, f.box);
    if (share >= bestShare) {
      best = i;
      bestShare = share;
    }
  });
  return best;
}

/**
 * The report with every finding that matches the checklist upgraded, worst first again. Text is
 * compared as the findings group it (a sign's lines together) and line by line as it was read (a
 * plate whose reading the plate finder set aside); a matching line outside any finding becomes one.
 */
export function applyChecklist(report: FileReport, matcher: ChecklistMatcher | null): FileReport {
  if (!matcher || matcher.size === 0) return report;
  const findings = [...report.findings];
  const textMatches = new Map<number, TextMatch[]>();
  findings.forEach((f, i) => {
    if (READ_CATEGORIES.has(f.category) && typeof f.value === 'string') addMatches(textMatches, i, matcher.matchText(f.value));
  });
  for (const line of report.readText ?? []) {
    const matches = matcher.matchText(line.text);
    if (matches.length === 0) continue;
    let index = findingOfLine(findings, line);
    if (index < 0) {
      index = findings.length;
      findings.push({
        id: `checklist.read-text.${index}`, category: 'text', severity: 'critical', title: '', explanation: '', action: '', source: 'visual',
        where: 'Text in the picture', box: line.box, confidence: line.confidence, value: line.text,
      });
    }
    addMatches(textMatches, index, matches);
  }
  let changed = false;
  const out = findings.map((f, i) => {
    const matches = textMatches.get(i);
    if (matches?.length) {
      changed = true;
      return textUpgrade(f, matches);
    }
    if (f.id === 'gps.position' && f.value && typeof f.value === 'object' && !Array.isArray(f.value)) {
      const gps = f.value as GpsValue;
      const [nearest] = matcher.matchPlace(gps.latitude, gps.longitude);
      if (!nearest) return f;
      changed = true;
      return placeUpgrade(f, nearest);
    }
    return f;
  });
  return changed ? { ...report, findings: out.sort(compareFindings) } : report;
}

/** The checklist's step as the safe copy takes it (shared/clean/safe-copy.ts `personalise`). */
export function checklistStep(matcher: ChecklistMatcher): (findings: Finding[], readText: readonly ReadLine[]) => Finding[] {
  return (findings, readText) => applyChecklist({ path: '', format: null, size: 0, findings, embeddedImages: [], coverage: { metadata: true, picture: 'checked', failedChecks: [] }, readText: [...readText] }, matcher).findings;
}

/**
 * A safe copy's check judged again with the checklist: what the original and the copy showed is
 * upgraded as a scan's findings are, so a copy in which your street or your plate can still be
 * read (kept by you, or read in the copy only) never gets "Nothing found in the copy".
 */
export function applyChecklistToCopy(recheck: CopyRecheck, matcher: ChecklistMatcher | null): CopyCheck {
  const { originalText, copyText, ...input } = recheck;
  if (!matcher || matcher.size === 0) return checkCopy(input);
  const upgrade = checklistStep(matcher);
  // A reading of the copy that became a finding of its own is the copy's, never taken for the original's.
  const copy = upgrade([...input.copy], copyText).map((f) => (f.id.startsWith('copy.') ? f : { ...f, id: `copy.${f.id}` }));
  return checkCopy({ ...input, original: upgrade([...input.original], originalText), copy });
}
