// Chooses each door head's detection threshold again for the input the engine gives the backbone,
// the way train-feature-head.py chose it: on the held-out photos of ../shared/train/doordetect
// (every 10th in sorted name order, never trained on), the threshold with the best F1 (IoU ≥ 0.3),
// among 0.10, 0.15 ... 0.90. The evaluation scenes are never read.
//
//   npx tsx scripts/train/calibrate-head-thresholds.ts [--write]
//
// --write stores the chosen thresholds and held-out figures in assets/models/*-head.json.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { iou } from '../../shared/boxes.js';
import { headPeaks, type FeatureHead, type HeadLabel } from '../../shared/visual/detectors/doors/feature-head.js';
import { backboneSource } from '../../shared/visual/engine/backbone.js';
import { VisualEngine } from '../../shared/visual/engine/engine.js';
import type { Box, RgbImage } from '../../shared/visual/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DATA = path.resolve(ROOT, '../shared/train/doordetect');
const LABELS: Record<HeadLabel, { label: string; file: string }> = {
  'door-handle': { label: 'door handle', file: 'door-handle-head.json' },
  door: { label: 'door', file: 'door-head.json' },
};
const THRESHOLDS = Array.from({ length: 17 }, (_, i) => (i + 2) / 20);

const names = readdirSync(DATA).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const held = names.filter((_, i) => i % 10 === 0);

const engine = new VisualEngine({ readers: 'here' });
const { backbone, heads } = await engine.load();
const scored: Record<HeadLabel, { score: number; hit: boolean }[]> = { 'door-handle': [], door: [] };
const totals: Record<HeadLabel, number> = { 'door-handle': 0, door: 0 };
for (const name of held) {
  const meta = JSON.parse(readFileSync(path.join(DATA, `${name}.json`), 'utf8')) as { objects: { label: string; box: Box }[] };
  const { data, info } = await sharp(path.join(DATA, `${name}.jpg`)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const image: RgbImage = { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
  const { features } = await backbone.runBilinear((await backboneSource(image)).image, true);
  for (const label of Object.keys(LABELS) as HeadLabel[]) {
    const truth = meta.objects.filter((o) => o.label === LABELS[label].label).map((o) => o.box);
    totals[label] += truth.length;
    const used = new Set<number>();
    for (const peak of await headPeaks(backbone.tf, features!, image, heads[label] as FeatureHead)) {
      let best = 0.3;
      let hit = -1;
      truth.forEach((t, k) => {
        const v = iou(peak.box, t);
        if (!used.has(k) && v >= best) [best, hit] = [v, k];
      });
      if (hit >= 0) used.add(hit);
      scored[label].push({ score: peak.score, hit: hit >= 0 });
    }
  }
  features!.dispose();
}

for (const label of Object.keys(LABELS) as HeadLabel[]) {
  const rows = THRESHOLDS.map((t) => {
    const kept = scored[label].filter((s) => s.score >= t);
    const tp = kept.filter((s) => s.hit).length;
    const p = tp / Math.max(1, kept.length);
    const r = tp / Math.max(1, totals[label]);
    return { t, p, r, f1: (2 * p * r) / Math.max(1e-9, p + r) };
  });
  for (const row of rows) process.stdout.write(`${label} threshold ${row.t.toFixed(2)}: P ${row.p.toFixed(2)} R ${row.r.toFixed(2)} F1 ${row.f1.toFixed(2)}\n`);
  const best = rows.reduce((a, b) => (b.f1 > a.f1 ? b : a));
  const file = path.join(ROOT, 'assets/models', LABELS[label].file);
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  process.stdout.write(`${label}: held-out ${held.length} photos, ${totals[label]} objects; best F1 ${best.f1.toFixed(2)} at ${best.t.toFixed(2)} (P ${best.p.toFixed(2)} R ${best.r.toFixed(2)}); stored threshold ${String(stored.threshold)}\n`);
  if (process.argv.includes('--write')) {
    stored.threshold = best.t;
    stored.heldOut = { photos: held.length, objects: totals[label], precision: Number(best.p.toFixed(3)), recall: Number(best.r.toFixed(3)) };
    stored.calibratedBy = 'scripts/train/calibrate-head-thresholds.ts (backbone input: a 768-px copy stretched to 512x512)';
    writeFileSync(file, JSON.stringify(stored));
  }
}
await engine.dispose();
process.exit(0);
