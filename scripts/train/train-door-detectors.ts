// Trains the HOG + linear sliding-window detectors for door handles and doors on
// ../shared/train/doordetect (never on corpus/scenes, which is for evaluation), and writes
// bench/compare/models/door-handle-hog.json and bench/compare/models/door-hog.json.
//
//   npx tsx scripts/train/train-door-detectors.ts [handle|door|both] [--calibrate]
// (--calibrate only re-picks the threshold of the committed model.)
//
// Deterministic: the train/validation split is by file name and the sampling uses a seeded PRNG.
// The validation split (15%) only picks the detection threshold.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { featureLength, buildPyramid, scanPyramid, windowObjectBox, type HogDetectorModel, type PyramidLevel, type ShapeModel, type WindowShape } from '../../bench/compare/sliding-window.js';
import { windowFeature } from '../../bench/compare/hog.js';
import { iou, nonMaxSuppression, type GrayImage } from '../../shared/visual/pixels/image-ops.js';
import type { Box } from '../../shared/visual/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TRAIN_DIR = path.resolve(ROOT, '../shared/train/doordetect');

interface Spec {
  label: string;
  out: string;
  shapes: WindowShape[];
  scales: number[];
}

function geometric(from: number, to: number, perOctave: number): number[] {
  const out: number[] = [];
  for (let s = from; s >= to; s /= 2 ** (1 / perOctave)) out.push(Number(s.toFixed(4)));
  return out;
}

const SPECS: Record<string, Spec> = {
  handle: {
    label: 'door handle',
    out: 'bench/compare/models/door-handle-hog.json',
    // Knobs, lever handles (wide), pull bars (tall).
    shapes: [
      { cellsW: 6, cellsH: 6, margin: 1 },
      { cellsW: 8, cellsH: 5, margin: 1 },
      { cellsW: 5, cellsH: 8, margin: 1 },
      { cellsW: 4, cellsH: 9, margin: 1 },
    ],
    scales: geometric(2, 0.15, 2),
  },
  door: {
    label: 'door',
    out: 'bench/compare/models/door-hog.json',
    shapes: [
      { cellsW: 5, cellsH: 9, margin: 1 },
      { cellsW: 6, cellsH: 8, margin: 1 },
    ],
    scales: geometric(0.7, 0.09, 3),
  },
};

const BASE_SIDE = 640;
/** Kept modest: the machine is 2 shared cores. */
const ITERATIONS = 150;
const MINING_ROUNDS = 1;
const MINING_IMAGES = 250;
const CELL = 8;

let seed = 12345;
function rand(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}

interface Sample {
  name: string;
  gray: GrayImage;
  boxes: Box[];
}

async function loadImage(name: string, label: string): Promise<Sample> {
  const meta = JSON.parse(readFileSync(path.join(TRAIN_DIR, `${name}.json`), 'utf8')) as { width: number; height: number; objects: { label: string; box: Box }[] };
  const { data, info } = await sharp(path.join(TRAIN_DIR, `${name}.jpg`))
    .rotate()
    .resize({ width: BASE_SIDE, height: BASE_SIDE, fit: 'inside', withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const f = info.width / meta.width;
  const gray = { data: Float32Array.from(data), width: info.width, height: info.height };
  const boxes = meta.objects.filter((o) => o.label === label).map((o) => o.box.map((v) => v * f) as Box);
  return { name, gray, boxes };
}

function objectAspect(shape: WindowShape): number {
  return (shape.cellsW - 2 * shape.margin) / (shape.cellsH - 2 * shape.margin);
}

/** The shape whose object aspect is nearest the box's, and the level where the box fits it. */
function placement(spec: Spec, box: Box): { shapeIndex: number; scaleIndex: number } {
  let shapeIndex = 0;
  let best = Infinity;
  spec.shapes.forEach((s, i) => {
    const d = Math.abs(Math.log(box[2] / box[3]) - Math.log(objectAspect(s)));
    if (d < best) [best, shapeIndex] = [d, i];
  });
  const s = spec.shapes[shapeIndex]!;
  const k = Math.sqrt(((s.cellsW - 2 * s.margin) * CELL * (s.cellsH - 2 * s.margin) * CELL) / (box[2] * box[3]));
  let scaleIndex = 0;
  best = Infinity;
  spec.scales.forEach((sc, i) => {
    const d = Math.abs(Math.log(sc / k));
    if (d < best) [best, scaleIndex] = [d, i];
  });
  return { shapeIndex, scaleIndex };
}

type Bank = { pos: Float32Array[]; neg: Float32Array[] }[];

function addPositives(spec: Spec, sample: Sample, levels: PyramidLevel[], bank: Bank): void {
  for (const box of sample.boxes) {
    const { shapeIndex, scaleIndex } = placement(spec, box);
    const shape = spec.shapes[shapeIndex]!;
    const level = levels.find((l) => l.scale === spec.scales[scaleIndex]);
    if (!level) continue;
    const cx = Math.round(((box[0] + box[2] / 2) * level.scale) / CELL - shape.cellsW / 2) + level.pad;
    const cy = Math.round(((box[1] + box[3] / 2) * level.scale) / CELL - shape.cellsH / 2) + level.pad;
    if (cx < 0 || cy < 0 || cx + shape.cellsW > level.grid.cellsW || cy + shape.cellsH > level.grid.cellsH) continue;
    for (const mirrored of [false, true]) {
      const f = new Float32Array(featureLength(shape));
      windowFeature(level.grid, cx, cy, shape.cellsW, shape.cellsH, f, mirrored);
      bank[shapeIndex]!.pos.push(f);
    }
  }
}

function addRandomNegatives(spec: Spec, sample: Sample, levels: PyramidLevel[], bank: Bank, count: number): void {
  for (let n = 0; n < count; n++) {
    const shapeIndex = Math.floor(rand() * spec.shapes.length);
    const shape = spec.shapes[shapeIndex]!;
    const level = levels[Math.floor(rand() * levels.length)]!;
    const maxX = level.grid.cellsW - shape.cellsW;
    const maxY = level.grid.cellsH - shape.cellsH;
    if (maxX < 0 || maxY < 0) continue;
    const cx = Math.floor(rand() * (maxX + 1));
    const cy = Math.floor(rand() * (maxY + 1));
    const box = windowObjectBox(shape, CELL, level, cx, cy);
    if (sample.boxes.some((b) => iou(b, box) > 0.2)) continue;
    const f = new Float32Array(featureLength(shape));
    windowFeature(level.grid, cx, cy, shape.cellsW, shape.cellsH, f);
    bank[shapeIndex]!.neg.push(f);
  }
}

/** Weighted, L2-regularised logistic regression by full-batch Adam. */
function trainLinear(pos: Float32Array[], neg: Float32Array[], dims: number): { weights: number[]; bias: number } {
  const xs = [...pos, ...neg];
  const ys = xs.map((_, i) => (i < pos.length ? 1 : 0));
  const wPos = Math.min(20, neg.length / Math.max(1, pos.length));
  const w = new Float64Array(dims);
  let b = -1;
  const m = new Float64Array(dims + 1);
  const v = new Float64Array(dims + 1);
  const g = new Float64Array(dims + 1);
  const lambda = 1e-3;
  const lr = 0.05;
  for (let it = 1; it <= ITERATIONS; it++) {
    g.fill(0);
    let total = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = b;
      for (let d = 0; d < dims; d++) z += w[d]! * x[d]!;
      const p = 1 / (1 + Math.exp(-z));
      const weight = ys[i] ? wPos : 1;
      const err = (p - ys[i]!) * weight;
      total += weight;
      for (let d = 0; d < dims; d++) g[d]! += err * x[d]!;
      g[dims]! += err;
    }
    for (let d = 0; d <= dims; d++) {
      const grad = g[d]! / total + (d < dims ? lambda * w[d]! : 0);
      m[d] = 0.9 * m[d]! + 0.1 * grad;
      v[d] = 0.999 * v[d]! + 0.001 * grad * grad;
      const step = (lr * (m[d]! / (1 - 0.9 ** it))) / (Math.sqrt(v[d]! / (1 - 0.999 ** it)) + 1e-8);
      if (d < dims) w[d]! -= step;
      else b -= step;
    }
  }
  return { weights: Array.from(w, (x) => Number(x.toFixed(5))), bias: Number(b.toFixed(5)) };
}

function buildModel(spec: Spec, bank: Bank, threshold: number): HogDetectorModel {
  const shapes: ShapeModel[] = spec.shapes.map((s, i) => ({ ...s, ...trainLinear(bank[i]!.pos, bank[i]!.neg, featureLength(s)) }));
  return { kind: 'hog-linear', label: spec.label, baseSide: BASE_SIDE, cell: CELL, scales: spec.scales, pad: 1, shapes, threshold };
}

/** Detections per photo are capped as in bench/compare/doors.ts. */
const MAX_PER_PHOTO: Record<string, number> = { 'door handle': 4, door: 3 };

function detect(model: HogDetectorModel, levels: PyramidLevel[], threshold: number) {
  return nonMaxSuppression(scanPyramid(model, levels, threshold), 0.3, MAX_PER_PHOTO[model.label] ?? 20);
}

/** Threshold with the best F0.5 (IoU ≥ 0.3) on held-out training photos: a detector that cries
 * wolf on every photo teaches users to ignore it, so precision weighs more than recall. */
async function pickThreshold(spec: Spec, model: HogDetectorModel, valNames: string[]): Promise<number> {
  const val: { hits: { logit: number; box: Box }[]; boxes: Box[] }[] = [];
  for (const name of valNames) {
    const sample = await loadImage(name, spec.label);
    const levels = buildPyramid(sample.gray, CELL, spec.scales, 1);
    val.push({ hits: scanPyramid(model, levels, -2), boxes: sample.boxes });
  }
  let best = { f: -1, threshold: 0, p: 0, r: 0 };
  for (let t = -1; t <= 6; t += 0.25) {
    let tp = 0;
    let fp = 0;
    let matched = 0;
    let total = 0;
    for (const v of val) {
      const hits = nonMaxSuppression(v.hits.filter((h) => h.logit >= t).map((h) => ({ ...h, score: h.logit })), 0.3, MAX_PER_PHOTO[spec.label] ?? 20);
      total += v.boxes.length;
      matched += v.boxes.filter((b) => hits.some((h) => iou(h.box, b) >= 0.3)).length;
      for (const h of hits) (v.boxes.some((b) => iou(h.box, b) >= 0.3) ? tp++ : fp++);
    }
    const p = tp / Math.max(1, tp + fp);
    const r = matched / Math.max(1, total);
    const f = (1.25 * p * r) / Math.max(1e-9, 0.25 * p + r);
    if (f > best.f) best = { f, threshold: t, p, r };
  }
  console.log(`validation (${valNames.length} photos): threshold ${best.threshold}, precision ${best.p.toFixed(2)}, recall ${best.r.toFixed(2)}`);
  return best.threshold;
}

function splitNames(): { trainNames: string[]; valNames: string[] } {
  const names = readdirSync(TRAIN_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  const isVal = (n: string) => [...n].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7) % 100 < 15;
  return { trainNames: names.filter((n) => !isVal(n)), valNames: names.filter(isVal) };
}

async function train(spec: Spec): Promise<void> {
  seed = 12345; // each model gets the same draws whether trained alone or with the other
  const { trainNames, valNames } = splitNames();
  const bank: Bank = spec.shapes.map(() => ({ pos: [], neg: [] }));
  const t0 = Date.now();
  const trainSamples: Sample[] = [];
  for (const name of trainNames) {
    const sample = await loadImage(name, spec.label);
    const levels = buildPyramid(sample.gray, CELL, spec.scales, 1);
    addPositives(spec, sample, levels, bank);
    addRandomNegatives(spec, sample, levels, bank, 40);
    trainSamples.push(sample);
  }
  console.log(`${spec.label}: ${trainSamples.length} train images, positives per shape ${bank.map((b) => b.pos.length).join('/')}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  let model = buildModel(spec, bank, 0);
  // Hard-negative mining: the windows the current model wrongly likes most.
  for (let round = 0; round < MINING_ROUNDS; round++) {
    let added = 0;
    for (const sample of trainSamples.filter((_, i) => i % Math.ceil(trainSamples.length / MINING_IMAGES) === 0)) {
      const levels = buildPyramid(sample.gray, CELL, spec.scales, 1);
      const hits = scanPyramid(model, levels, -0.5).filter((h) => !sample.boxes.some((b) => iou(b, h.box) > 0.2));
      hits.sort((a, b) => b.logit - a.logit);
      for (const h of hits.slice(0, 15)) {
        const shape = spec.shapes[h.shapeIndex]!;
        // Recover the window's cell position from its object box at its level.
        const level = levels.find((l) => Math.abs(((shape.cellsW - 2 * shape.margin) * CELL) / l.scale - h.box[2]) < 1e-6)!;
        const cx = Math.round((h.box[0] * level.scale) / CELL) + level.pad - shape.margin;
        const cy = Math.round((h.box[1] * level.scale) / CELL) + level.pad - shape.margin;
        const f = new Float32Array(featureLength(shape));
        windowFeature(level.grid, cx, cy, shape.cellsW, shape.cellsH, f);
        bank[h.shapeIndex]!.neg.push(f);
        added++;
      }
    }
    model = buildModel(spec, bank, 0);
    console.log(`round ${round + 1}: +${added} hard negatives, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  model.threshold = await pickThreshold(spec, model, valNames);
  writeFileSync(path.join(ROOT, spec.out), `${JSON.stringify(model)}\n`);
  console.log(`wrote ${spec.out}`);
}

/** Re-picks the threshold of an already trained model (same split), without retraining. */
async function calibrate(spec: Spec): Promise<void> {
  const model = JSON.parse(readFileSync(path.join(ROOT, spec.out), 'utf8')) as HogDetectorModel;
  model.threshold = await pickThreshold(spec, model, splitNames().valNames);
  writeFileSync(path.join(ROOT, spec.out), `${JSON.stringify(model)}\n`);
}

const which = process.argv[2] ?? 'both';
const onlyCalibrate = process.argv.includes('--calibrate');
for (const key of which === 'both' ? ['handle', 'door'] : [which]) await (onlyCalibrate ? calibrate : train)(SPECS[key]!);
