// Pure: turns raw detections into the findings a person reads. Wording and severity come from the
// category table (shared/categories.ts), with the finer kind's own where it has one (text that is an
// address, patterned bedding); faces and people are told apart as the main subject or someone else;
// a finding says whether it is on the person or in the background; uncertain ones are "maybe".
import type { Box } from '../../boxes.js';
import { CATEGORY_RULES, wordingOf } from '../../categories.js';
import { compareFindings, type Finding, type VisualCategory } from '../../findings.js';
import type { Detection } from '../types.js';

/** Share of a box on the person above which we say the thing is on the person. */
const ON_PERSON = 0.5;
/** A face covering at least this share of the photo can be the person posting it. */
const SUBJECT_FACE_AREA = 0.01;
/** Categories whose value is what was read: without a reading they carry no value. */
const READ_VALUE = new Set<VisualCategory>(['text', 'licence-plate', 'code']);

const area = (b: Box): number => b[2] * b[3];

/** The face or person most likely to be the one posting: the largest, weighted to the centre. */
function mainSubjectIndex(dets: readonly Detection[], size: { width: number; height: number }): number {
  let best = -1;
  let bestScore = 0;
  dets.forEach((d, i) => {
    const cx = (d.box[0] + d.box[2] / 2) / size.width - 0.5;
    const cy = (d.box[1] + d.box[3] / 2) / size.height - 0.5;
    const score = area(d.box) * (1 - Math.min(0.8, Math.hypot(cx, cy)));
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** Whether a face or person is the main subject ('subject') or someone else ('other'). */
function subjectKind(category: VisualCategory, index: number, subject: number, d: Detection, size: { width: number; height: number }): string | undefined {
  if (category === 'person') return index === subject ? 'subject' : 'other';
  // A small lone face is a passer-by more often than the person posting.
  if (category === 'face') return index === subject && area(d.box) / (size.width * size.height) >= SUBJECT_FACE_AREA ? 'subject' : 'other';
  return d.kind;
}

/**
 * Findings for the detections of one picture of `size` pixels, worst first, ids unique per
 * category (`visual.CATEGORY.N`), uncertain ones marked `maybe`.
 */
export function toFindings(detections: readonly Detection[], size: { width: number; height: number }): Finding[] {
  const byCategory = new Map<VisualCategory, Detection[]>();
  for (const d of detections) byCategory.set(d.category, [...(byCategory.get(d.category) ?? []), d]);
  const findings: Finding[] = [];
  for (const [category, dets] of byCategory) {
    dets.sort((a, b) => b.score - a.score || area(b.box) - area(a.box));
    const subject = category === 'face' || category === 'person' ? mainSubjectIndex(dets, size) : -1;
    dets.forEach((d, index) => {
      const kind = subjectKind(category, index, subject, d, size);
      const wording = wordingOf(category, kind);
      findings.push({
        id: `visual.${category}.${index}`,
        category,
        severity: wording.severity,
        title: wording.title,
        explanation: wording.explanation,
        action: wording.action,
        source: 'visual',
        where: (d.onPerson ?? 0) >= ON_PERSON ? 'on the person' : 'in the background',
        box: d.box.map((v) => Math.round(v)) as Box,
        confidence: d.score,
        ...(kind !== undefined ? { kind } : {}),
        // What text, plates and codes say is shown to the user; an unread one has no value to show.
        ...(d.value !== undefined ? { value: d.value } : READ_VALUE.has(category) ? {} : { value: d.label }),
      });
    });
  }
  return markUncertain(renumber(findings.sort(compareFindings)));
}

/** Marks the findings a detector is unsure of (below the category's `maybeBelow`): shown apart, not counted in the verdict. */
export function markUncertain(findings: Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.source !== 'visual' || f.confidence === undefined) return f;
    const rule = CATEGORY_RULES[f.category as VisualCategory];
    return rule && f.confidence < rule.maybeBelow ? { ...f, maybe: true } : f;
  });
}

/** Ids numbered per category in the order shown (worst first). */
function renumber(findings: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  return findings.map((f) => {
    const n = counts.get(f.category) ?? 0;
    counts.set(f.category, n + 1);
    return { ...f, id: `visual.${f.category}.${n}` };
  });
}
