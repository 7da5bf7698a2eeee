// Chooses each category's "maybe" bar on ../shared/train (never on corpus/scenes, which is for
// measuring): runs the picture checks for one category over a sample of a training set, matches
// what they find to the labels (IoU ≥ 0.3; a miss counts as false only where the photo's labels
// are exhaustive for it), and prints, for each confidence threshold, the precision and recall of
// what scores at or above it. The bar recorded in shared/categories.ts is the lowest threshold
// whose precision reaches 0.6 (the precision target); below it a finding is a "maybe".
//   npx tsx bench/calibrate.ts [--per-set N]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VisualCategory } from '../shared/findings.js';
import { decodeRgb } from '../shared/image/decode.js';
import { detectFormat } from '../shared/formats.js';
import { scanImage } from '../shared/scan/scan-image.js';
import { categoryOfLabel } from '../shared/categories.js';
import { iou, MATCH_IOU } from './eval/score.js';
import { loadScenes } from './eval/scenes.js';

const TARGET_PRECISION = 0.6;
const args = process.argv.slice(2);
const perSet = args.includes('--per-set') ? Number(args[args.indexOf('--per-set') + 1]) : 40;
const trainDir = ['../../..', '../..', '..'].map((up) => path.resolve(import.meta.dirname, up, 'shared/train')).find((d) => existsSync(d))!;

/**
 * Which training set calibrates which category: only sets whose labels are exhaustive for it can
 * measure precision. openalpr labels one plate per photo; nearly every photo shows one car, so an
 * unmatched plate there is counted as false (`assumeExhaustive`), which can only lower precision.
 */
const SETS: Array<{ category: VisualCategory; set: string; assumeExhaustive?: boolean }> = [
  { category: 'licence-plate', set: 'openalpr_plates', assumeExhaustive: true },
  { category: 'face', set: 'dlib_faces' },
  { category: 'text', set: 'icdar2015_toy_text' },
  { category: 'text', set: 'sroie_receipts_text' },
];

interface Scored {
  confidence: number;
  truePositive: boolean;
}

const results = new Map<VisualCategory, { scored: Scored[]; labels: number; photos: number; sets: string[] }>();
for (const { category, set, assumeExhaustive } of SETS) {
  const scenes = loadScenes(path.join(trainDir, set));
  const step = Math.max(1, Math.floor(scenes.length / perSet));
  const sample = scenes.filter((_, i) => i % step === 0).slice(0, perSet);
  const r = results.get(category) ?? { scored: [], labels: 0, photos: 0, sets: [] };
  r.sets.push(`${set} (${sample.length})`);
  for (const scene of sample) {
    const bytes = new Uint8Array(readFileSync(scene.imagePath));
    const format = detectFormat(bytes);
    if (!format) continue;
    const image = await decodeRgb(bytes, format);
    const found = (await scanImage({ pixels: image }, { visual: true, checks: [category] })).findings.filter((f) => f.category === category && f.box);
    const truth = scene.objects.filter((o) => categoryOfLabel(o.label) === category);
    const exhaustive = assumeExhaustive === true || scene.labelled === 'all' || scene.labelled.some((l) => categoryOfLabel(l) === category);
    const matched = new Set<number>();
    for (const f of [...found].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))) {
      let best = -1;
      let bestIou = MATCH_IOU;
      truth.forEach((t, i) => {
        const v = iou(t.box, f.box!);
        if (!matched.has(i) && v >= bestIou) [best, bestIou] = [i, v];
      });
      if (best >= 0) matched.add(best);
      if (best >= 0 || exhaustive) r.scored.push({ confidence: f.confidence ?? 0, truePositive: best >= 0 });
    }
    r.labels += truth.length;
    r.photos++;
    process.stderr.write(`\r${category} ${set}: ${r.photos} photos`);
  }
  results.set(category, r);
  process.stderr.write('\n');
}

for (const [category, r] of results) {
  process.stdout.write(`\n${category}: ${r.photos} photos from ${r.sets.join(', ')}, ${r.labels} labels, ${r.scored.length} findings scored\n`);
  process.stdout.write('  at or above  findings  precision  recall\n');
  const thresholds = [...new Set(r.scored.map((s) => Math.floor(s.confidence * 20) / 20))].sort((a, b) => a - b);
  let bar: number | null = null;
  for (const t of thresholds) {
    const kept = r.scored.filter((s) => s.confidence >= t);
    const tp = kept.filter((s) => s.truePositive).length;
    const p = kept.length ? tp / kept.length : 0;
    if (bar === null && p >= TARGET_PRECISION && kept.length >= 5) bar = t;
    process.stdout.write(`  ${t.toFixed(2).padStart(11)}  ${String(kept.length).padStart(8)}  ${p.toFixed(2).padStart(9)}  ${(r.labels ? tp / r.labels : 0).toFixed(2).padStart(6)}\n`);
  }
  process.stdout.write(`  maybe bar (lowest threshold with precision ≥ ${TARGET_PRECISION}): ${bar === null ? 'none: always a maybe' : bar.toFixed(2)}\n`);
}
