// Uses Node (TF.js): door handles and doors from the backbone's features. No shipped model knows
// either, but the COCO CenterNet (engine/backbone.ts, already run for the objects) describes every
// 4×4 block of its 512×512 input with 128 numbers that mix fine detail with the surrounding scene.
// A small head per label, trained on those features (scripts/train/train-feature-head.py, on
// ../shared/train/doordetect only), turns them into a centre heatmap plus a box size,
// CenterNet-style. The backbone stays frozen and runs once per photo for every head, so only the
// heads' ~40k weights each ship (assets/models/door-handle-head.json, door-head.json).
import type * as TF from '@tensorflow/tfjs-core';
import doorJson from '../../../../assets/models/door-head.json' with { type: 'json' };
import handleJson from '../../../../assets/models/door-handle-head.json' with { type: 'json' };
import type { Box } from '../../../boxes.js';
import { BACKBONE_SIDE, FEATURE_STRIDE } from '../../engine/backbone.js';
import { wasmTf } from '../../engine/tf.js';
import { nonMaxSuppression } from '../../pixels/image-ops.js';

/** Peaks below this are never considered (each head's threshold is higher). */
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

/** Turns a stored head into tensors (the caller disposes them with the engine). */
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

/** The shipped head for a label (assets/models/), as new tensors. */
export function featureHead(label: HeadLabel): Promise<FeatureHead> {
  return loadFeatureHead(FILES[label]);
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
 * Detections of each requested label in image pixels, best first, from features the backbone
 * already computed (the engine's one pass). `thresholds` overrides the heads' own.
 */
export async function headDetections<L extends HeadLabel>(
  tf: typeof TF,
  features: TF.Tensor4D,
  image: { width: number; height: number },
  heads: Record<L, FeatureHead>,
  thresholds: Partial<Record<L, number>> = {},
): Promise<Record<L, HeadDetection[]>> {
  const out = {} as Record<L, HeadDetection[]>;
  for (const label of Object.keys(heads) as L[]) {
    const head = heads[label];
    const cut = thresholds[label] ?? head.threshold;
    out[label] = (await headPeaks(tf, features, image, head)).filter((p) => p.score >= cut).map((p) => ({ box: p.box, confidence: p.score }));
  }
  return out;
}

/** Every heatmap peak above MIN_PEAK, as boxes in image pixels (also used to choose the threshold). */
export async function headPeaks(tf: typeof TF, feat: TF.Tensor4D, image: { width: number; height: number }, head: FeatureHead): Promise<{ box: Box; score: number }[]> {
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
