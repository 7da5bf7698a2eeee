// Turns raw detections into Findings: category from the one label table, wording, severity
// (faces of other people and text that looks personal rank higher), and whether the thing is on
// the person or in the background.
import type { Finding, Severity, VisualCategory } from '../../findings.js';
import { SEVERITY_RANK, compareFindings } from '../../findings.js';
import { categoryOfLabel } from '../labels.js';
import { maskCoverage } from '../detectors/objects/person-mask.js';
import type { PersonMask, RawDetection, RgbImage } from '../types.js';
import { CATEGORY_RULES } from '../../categories.js';
import type { Box } from '../../boxes.js';

/** Share of a box on the person above which we say the thing is on the person. */
const ON_PERSON = 0.5;
/** A face covering at least this share of the photo can be the person posting it. */
const SUBJECT_FACE_AREA = 0.01;

function area(b: readonly number[]): number {
  return (b[2] ?? 0) * (b[3] ?? 0);
}

/** The face or person most likely to be the one posting: the largest, weighted to the centre. */
function mainSubjectIndex(dets: RawDetection[], image: RgbImage): number {
  let best = -1;
  let bestScore = 0;
  dets.forEach((d, i) => {
    const cx = (d.box[0] + d.box[2] / 2) / image.width - 0.5;
    const cy = (d.box[1] + d.box[3] / 2) / image.height - 0.5;
    const score = area(d.box) * (1 - Math.min(0.8, Math.hypot(cx, cy)));
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

function worse(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** Categories whose value is what was read: without a reading they carry no value. */
const READ_VALUE = new Set<string>(['text', 'licence-plate', 'code']);

export function buildFindings(raw: RawDetection[], image: RgbImage, mask: PersonMask | null, wanted: (c: VisualCategory) => boolean): Finding[] {
  const byCategory = new Map<VisualCategory, RawDetection[]>();
  for (const d of raw) {
    const category = categoryOfLabel(d.label);
    if (!category || !wanted(category)) continue;
    const list = byCategory.get(category) ?? [];
    list.push(d);
    byCategory.set(category, list);
  }
  const findings: Finding[] = [];
  for (const [category, dets] of byCategory) {
    dets.sort((a, b) => b.confidence - a.confidence || area(b.box) - area(a.box));
    const subject = category === 'face' || category === 'person' ? mainSubjectIndex(dets, image) : -1;
    dets.forEach((d, index) => {
      const rule = CATEGORY_RULES[category];
      let severity = d.severityHint ? worse(d.severityHint, 'low') : rule.severity;
      let title = d.detail && category === 'text' ? d.detail : rule.title;
      let kind = d.kind;
      if (category === 'face') {
        // A small lone face is a passer-by more often than the person posting.
        const isSubject = index === subject && area(d.box) / (image.width * image.height) >= SUBJECT_FACE_AREA;
        severity = isSubject ? 'medium' : 'high';
        title = isSubject ? 'Your face (or the main subject’s) is visible' : 'Someone else’s face may be visible';
        kind = isSubject ? 'subject' : 'other';
      }
      if (category === 'person') {
        severity = index === subject ? 'low' : 'medium';
        title = index === subject ? 'The main subject of the photo' : 'Someone else is in the photo';
        kind = index === subject ? 'subject' : 'other';
      }
      const onPerson = mask ? maskCoverage(mask, d.box, image.width, image.height) >= ON_PERSON : false;
      const finding: Finding = {
        id: `visual.${category}.${index}`,
        category,
        severity,
        title,
        explanation: rule.explanation,
        action: rule.action,
        source: 'visual',
        where: onPerson ? 'on the person' : 'in the background',
        box: d.box.map((v) => Math.round(v)) as [number, number, number, number],
        confidence: d.confidence,
        ...(kind !== undefined ? { kind } : {}),
        // What text, plates and codes say is shown to the user; an unread one has no value to show.
        ...(d.value !== undefined ? { value: d.value } : READ_VALUE.has(category) ? {} : { value: d.label }),
      };
      findings.push(finding);
    });
  }
  return findings.sort(compareFindings);
}

/** A visual finding of a category whose detector builds its own findings (doors, windows, patterns...). */
export function visualFinding(category: VisualCategory, box: Box, confidence: number, index: number, value?: Finding['value']): Finding {
  const rule = CATEGORY_RULES[category];
  const finding: Finding = {
    id: `visual.${category}.${index}`,
    category,
    severity: rule.severity,
    title: rule.title,
    explanation: rule.explanation,
    action: rule.action,
    source: 'visual',
    box: box.map((v) => Math.round(v)) as Box,
    confidence: Number(confidence.toFixed(3)),
  };
  if (value !== undefined) finding.value = value;
  return finding;
}

/** Marks the findings a detector is unsure of (below the category's `maybeBelow`): shown apart, not counted in the verdict. */
export function markUncertain(findings: Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.source !== 'visual' || f.confidence === undefined) return f;
    const rule = CATEGORY_RULES[f.category as VisualCategory];
    return rule && f.confidence < rule.maybeBelow ? { ...f, maybe: true } : f;
  });
}

/** Custom detectors build their own Findings; give every finding a unique id per category. */
export function renumber(findings: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  return findings.map((f) => {
    const n = counts.get(f.category) ?? 0;
    counts.set(f.category, n + 1);
    return { ...f, id: `visual.${f.category}.${n}` };
  });
}
