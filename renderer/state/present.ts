// Pure helpers that turn reports into the words and groups the screens show. No React, no DOM,
// so the component tests and the screens agree on exactly one wording.
import { blocksPosting, compareFindings, SEVERITIES, type Finding, type FindingValue, type GpsValue, type Severity } from '../../shared/findings.js';
import { coverBoxFor, coveredByDefault } from '../../shared/copy-policy.js';
import { FINEST_DEVICE_METRES } from '../../shared/place/gps-words.js';
import { boxCover, type CoverArea, type CoverMode } from '../../shared/cover.js';
import type { Box } from '../../shared/boxes.js';
import type { CleanReport, FileReport } from '../../shared/report.js';
import { verdictOf, type VerdictState } from '../../shared/verdict.js';

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
};

/** One line under each severity heading, so the order reads as advice. */
export const SEVERITY_HINT: Record<Severity, string> = {
  critical: 'Can lead someone straight to you.',
  high: 'Can help someone find or identify you.',
  medium: 'Gives away details about you or your things.',
  low: 'Minor details; worth knowing about.',
};

export interface IndexedFinding {
  /** Position in report.findings: the key for redaction choices (visual ids can repeat). */
  index: number;
  finding: Finding;
}

export interface SeverityGroup {
  severity: Severity;
  items: IndexedFinding[];
}

export function groupBySeverity(findings: readonly Finding[]): SeverityGroup[] {
  const indexed = findings.map((finding, index) => ({ index, finding }));
  indexed.sort((a, b) => compareFindings(a.finding, b.finding));
  return SEVERITIES.map((severity) => ({ severity, items: indexed.filter((i) => i.finding.severity === severity) })).filter(
    (g) => g.items.length > 0,
  );
}

/** The tone of a verdict on screen: `clear` only when every check ran and found nothing serious. */
export type VerdictKind = 'clear' | 'fix' | 'partial' | 'error';
export interface Verdict {
  kind: VerdictKind;
  title: string;
  detail: string;
  /** What was and was not checked, in one line. */
  checked: string;
}

/** Kinds of serious problem ("2 licence plates" is one), as the verdict counts them. */
export function seriousCount(report: FileReport): number {
  return verdictOf(report).serious;
}

const KIND: Record<VerdictState, VerdictKind> = { 'fix-before-posting': 'fix', 'nothing-found': 'clear', 'not-fully-checked': 'partial' };

export function verdictFor(report: FileReport): Verdict {
  const v = verdictOf(report);
  return { kind: report.error ? 'error' : KIND[v.state], title: v.headline, detail: v.detail, checked: v.checked };
}

/** What a person can do about a file that could not be checked, by error code. */
export const ERROR_HINT: Record<string, string> = {
  empty: 'If you have another copy of this photo, check that one instead.',
  truncated: 'The file may have been cut short by an interrupted copy or download. If you have another copy, check that one instead.',
  corrupt: 'If you have another copy of this photo, for example on your phone, check that one instead.',
  'not-an-image': 'If it is a photo, open it in another app, save it again as a JPEG, and check that copy.',
  unsupported: 'Save it as a JPEG or PNG in another app and check that copy.',
  'too-large': 'Make a smaller copy of the picture in another app and check that copy instead.',
  unreadable: 'Check that you can open this file, or move it into a folder of your own, such as Pictures, and try again.',
  'not-found': 'Choose the photo again from where it is now.',
  'disk-full': 'Free some space on the disk, then try again.',
};

/**
 * After a safe copy is saved, the verdict is about the copy, the one to post: what re-checking the
 * copy itself said (shared/copy-check.ts), never more. Without that re-check, it says so.
 */
export function savedVerdict(report: FileReport, saved?: CleanReport): Verdict {
  const copy = saved?.copy;
  if (copy) return { kind: KIND[copy.verdict.state], title: copy.verdict.headline, detail: copy.verdict.detail, checked: copy.verdict.checked };
  const serious = seriousCount(report);
  return {
    kind: 'partial',
    title: 'Copy saved',
    checked: 'The copy has not been checked again.',
    detail: report.findings.some((f) => blocksPosting(f) && f.time !== undefined)
      ? "The safe copy leaves out the hidden details, but it still shows what was seen in the video's picture (listed below): trim out those moments, or do not post it."
      : serious > 0
        ? `The safe copy leaves out what is listed below. The original still has ${plural(serious, 'serious problem')}, so do not post the original.`
        : 'The safe copy leaves out what is listed below.',
  };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function isGpsValue(value: FindingValue | undefined): value is GpsValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof value.latitude === 'number' &&
    typeof value.longitude === 'number'
  );
}

export function formatMeters(m: number): string {
  if (m >= 1000) return `about ${Math.round(m / 100) / 10} km`;
  if (m >= 10) return `about ${Math.round(m)} m`;
  return `about ${Math.max(1, Math.round(m))} m`;
}

/** "51.50735, -0.12776 (accurate to about 11 m)". */
export function formatGps(gps: GpsValue): string {
  const lat = gps.latitude.toFixed(5);
  const lon = gps.longitude.toFixed(5);
  // Never finer than a phone's or camera's satellite fix can be, whatever the digits stored.
  const precision = Number.isFinite(gps.precisionMeters) ? ` (accurate to ${formatMeters(Math.max(gps.precisionMeters, FINEST_DEVICE_METRES))})` : '';
  return `${lat}, ${lon}${precision}`;
}

const MAX_VALUE_CHARS = 200;

/** The leaked value in plain text, or null when there is nothing useful to show. */
export function formatValue(value: FindingValue | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (isGpsValue(value)) return formatGps(value);
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value)) text = value.map((v) => formatValue(v) ?? '').filter(Boolean).join(', ');
  else
    text = Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v) ?? '—'}`)
      .join(', ');
  text = text.trim();
  if (!text) return null;
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export function isRedactable(f: Finding): f is Finding & { box: [number, number, number, number] } {
  // A video's frames are not covered in its copy (the copy keeps the picture): those are trimmed.
  return hasBox(f) && f.time === undefined;
}

/** A finding seen at a place in the picture (a photo's, or a video frame's), which can be pointed at. */
export function hasBox(f: Finding): f is Finding & { box: [number, number, number, number] } {
  return f.source === 'visual' && Array.isArray(f.box) && f.box.length === 4;
}

/** Default choices: what the one copy policy covers (shared/copy-policy.ts); the user changes them. */
export function defaultRedactions(report: FileReport): Record<number, boolean> {
  const choices: Record<number, boolean> = {};
  report.findings.forEach((f, i) => {
    if (isRedactable(f)) choices[i] = coveredByDefault(f);
  });
  return choices;
}

/** The areas the safe copy covers: the chosen findings' areas (with the policy's margin), each saying which finding it hides. */
export function coverAreasFor(report: FileReport, choices: Record<number, boolean>): CoverArea[] {
  const areas: CoverArea[] = [];
  report.findings.forEach((f, i) => {
    if (isRedactable(f) && choices[i]) areas.push(boxCover(coverBoxFor(f), 'fill', { kind: 'finding', findingId: f.id }));
  });
  return areas;
}

/** Findings the policy covers that the user chose to leave visible: the re-check of the copy leaves them be. */
export function keptFindingsFor(report: FileReport, choices: Record<number, boolean>): string[] {
  return report.findings.flatMap((f, i) => (isRedactable(f) && coveredByDefault(f) && !choices[i] ? [f.id] : []));
}

/** The user's own changes to what the copy covers, on top of the findings chosen in `redact`. */
export interface CoverEdits {
  /** Areas the user drew (rectangles and brush strokes). */
  drawn: CoverArea[];
  /** Finding id -> the box the user moved or resized it to. */
  moved: Record<string, Box>;
  /** How every area is covered: a solid fill or coarse squares. */
  mode: CoverMode;
}

export const NO_EDITS: CoverEdits = { drawn: [], moved: {}, mode: 'fill' };

/**
 * Everything the copy covers for this photo: the chosen findings' areas (moved where the user moved
 * them), then the areas the user drew, all covered the way the user chose.
 */
export function coverAreasForEntry(entry: { report: FileReport; redact: Record<number, boolean>; edits?: CoverEdits }): CoverArea[] {
  const edits = entry.edits ?? NO_EDITS;
  const found = coverAreasFor(entry.report, entry.redact).map((area): CoverArea => {
    const moved = area.from.kind === 'finding' ? edits.moved[area.from.findingId] : undefined;
    return moved ? { shape: 'box', box: moved, mode: edits.mode, from: area.from } : { ...area, mode: edits.mode };
  });
  return [...found, ...edits.drawn.map((a) => ({ ...a, mode: edits.mode }))];
}

/** Keys for the editor: `finding:<id>` or `drawn:<n>`. */
export function areaKey(area: CoverArea, drawnIndex: number): string {
  return area.from.kind === 'drawn' ? `drawn:${drawnIndex}` : `finding:${(area.from as { findingId: string }).findingId}`;
}

export function editableAreas(entry: { report: FileReport; redact: Record<number, boolean>; edits?: CoverEdits }): Array<{ key: string; area: CoverArea; label: string }> {
  let drawn = 0;
  return coverAreasForEntry(entry).map((area) => {
    if (area.from.kind === 'drawn') {
      const n = drawn++;
      return { key: areaKey(area, n), area, label: `Area you marked (${n + 1})` };
    }
    const id = (area.from as { findingId: string }).findingId;
    const finding = entry.report.findings.find((f) => f.id === id);
    return { key: areaKey(area, 0), area, label: finding?.title ?? 'Area found by the checks' };
  });
}

export function fileName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

export function parentFolder(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return p;
  if (i === 0) return p.slice(0, 1);
  return p.slice(0, i);
}

/**
 * The original image size in the preview's orientation. Reports give the stored size; the preview
 * is upright, so a rotated photo has its sides swapped. Boxes are in upright original pixels.
 */
export function uprightSize(report: FileReport, preview: { width: number; height: number }): { width: number; height: number } {
  const w = report.width;
  const h = report.height;
  if (!w || !h) return { width: preview.width, height: preview.height };
  const previewLandscape = preview.width >= preview.height;
  const reportLandscape = w >= h;
  return previewLandscape === reportLandscape || w === h ? { width: w, height: h } : { width: h, height: w };
}

export const FORMAT_LABEL: Record<string, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  heic: 'HEIC',
  avif: 'AVIF',
  tiff: 'TIFF',
  gif: 'GIF',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
};
