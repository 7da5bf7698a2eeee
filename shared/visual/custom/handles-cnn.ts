// Uses Node (fs, via the model loader): door handles found by a small CNN trained on DoorDetect
// (scripts/train/train-door-handle-cnn.ts; weights in assets/models/door-handle-cnn/). One pass
// over the photo at 640 px and one at 320 px (for handles seen close up), heatmap peaks → boxes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { wasmTf } from './cnn-backend.js';
import { HANDLE_CNN_STRIDE, handleCnnForward, plainConv, type HandleCnnWeights } from './handles-cnn-net.js';
import { fitRgb, nonMaxSuppression } from './image-ops.js';
import type { Box, RgbImage } from './types.js';

/** Longest side of the working copies; the second pass finds handles too big for the first. */
const PASS_SIDES = [640, 320];
/** Peaks below this are never considered (the model's threshold is higher). */
const MIN_PEAK = 0.05;
const MAX_RESULTS = 30;

export interface HandleCnnModel {
  weights: HandleCnnWeights;
  /** Confidence above which a peak is reported, chosen on held-out training photos. */
  threshold: number;
}

export interface HandleDetection {
  box: Box;
  score: number;
  confidence: number;
}

const DEFAULT_DIR = (): string =>
  ['../../../assets/models/door-handle-cnn', '../../../../assets/models/door-handle-cnn']
    .map((up) => path.resolve(import.meta.dirname, up))
    .find((d) => {
      try {
        readFileSync(path.join(d, 'model.json'));
        return true;
      } catch {
        return false;
      }
    }) ?? path.resolve(import.meta.dirname, '../../../assets/models/door-handle-cnn');

/** Reads model.json + weights.bin from disk (never fetched). */
export async function loadHandleCnn(dir = DEFAULT_DIR()): Promise<HandleCnnModel> {
  const tf = await wasmTf();
  let manifest: { format?: string; weightsManifest: { paths: string[]; weights: TF.io.WeightsManifestEntry[] }[]; userDefinedMetadata?: { threshold?: number } };
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as typeof manifest;
  } catch {
    throw new Error('The door-handle model is missing or damaged; reinstall the app.');
  }
  if (manifest.format !== 'exposure-check/door-handle-cnn') throw new Error('The door-handle model file is not the expected kind.');
  const specs = manifest.weightsManifest.flatMap((g) => g.weights);
  const bytes = Buffer.concat(manifest.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(dir, p)))));
  const weights = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, specs);
  return { weights, threshold: manifest.userDefinedMetadata?.threshold ?? 0.5 };
}

let cached: Promise<HandleCnnModel> | null = null;

/** The shipped model, loaded once. */
export function handleCnn(): Promise<HandleCnnModel> {
  cached ??= loadHandleCnn().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** Door handles in image pixels, best first. `threshold` overrides the model's own. */
export async function detectHandlesCnn(image: RgbImage, model?: HandleCnnModel, threshold?: number): Promise<HandleDetection[]> {
  const m = model ?? (await handleCnn());
  const tf = await wasmTf();
  const peaks = await handlePeaks(tf, m.weights, image);
  const cut = threshold ?? m.threshold;
  return peaks.filter((p) => p.score >= cut).map((p) => ({ ...p, confidence: p.score }));
}

/** Every peak above MIN_PEAK from both passes, merged (also used to choose the threshold). */
export async function handlePeaks(tf: typeof TF, weights: HandleCnnWeights, image: RgbImage): Promise<{ box: Box; score: number }[]> {
  const found: { box: Box; score: number }[] = [];
  for (const side of PASS_SIDES) {
    const { image: small } = fitRgb(image, side);
    if (Math.max(small.width, small.height) < side * 0.75 && side !== PASS_SIDES[0]) continue;
    const scaleX = small.width / image.width;
    const scaleY = small.height / image.height;
    const out = tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from(small.data), [1, small.height, small.width, 3]);
      const y = handleCnnForward(tf, weights, x, plainConv(tf));
      const [logit, logSize] = tf.split(y, [1, 2], 3);
      const heat = tf.sigmoid(logit!) as TF.Tensor4D;
      // A peak is a cell that is the maximum of its 3×3 neighbourhood.
      const peak = tf.mul(heat, tf.cast(tf.equal(heat, tf.maxPool(heat, 3, 1, 'same')), 'float32'));
      return tf.concat([peak, logSize!], 3);
    });
    const [, gh, gw] = out.shape as [number, number, number, number];
    const data = await out.data();
    out.dispose();
    for (let j = 0; j < gh; j++) {
      for (let i = 0; i < gw; i++) {
        const o = (j * gw + i) * 3;
        const score = data[o]!;
        if (score < MIN_PEAK) continue;
        const w = Math.exp(data[o + 1]!) * HANDLE_CNN_STRIDE;
        const h = Math.exp(data[o + 2]!) * HANDLE_CNN_STRIDE;
        const cx = (i + 0.5) * HANDLE_CNN_STRIDE;
        const cy = (j + 0.5) * HANDLE_CNN_STRIDE;
        found.push({ box: [(cx - w / 2) / scaleX, (cy - h / 2) / scaleY, w / scaleX, h / scaleY], score });
      }
    }
  }
  return nonMaxSuppression(found, 0.3, MAX_RESULTS);
}
