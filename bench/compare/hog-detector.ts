// Runs a trained HOG sliding-window model (assets/models/*.json, made by
// scripts/train/train-door-detectors.ts) over a picture and returns boxes in image pixels.
import { fitRgb, nonMaxSuppression, toGray, type GrayImage, type Scored } from '../../shared/visual/pixels/image-ops.js';
import { buildPyramid, scanPyramid, type HogDetectorModel } from './sliding-window.js';
import type { RgbImage } from '../../shared/visual/types.js';

export interface HogDetection extends Scored {
  /** Probability-like 0..1 from the model's logit, relative to its tuned threshold. */
  confidence: number;
}

/** Grey copy at the model's base size (shared by several models on the same picture). */
export function baseGray(image: RgbImage, side: number): { gray: GrayImage; scale: number } {
  // Shrink the colour image first: a grey float copy of a 12-megapixel photo would take 48 MB.
  const { image: small } = fitRgb(image, side);
  // The scale per axis from the rounded size, so boxes map back exactly.
  return { gray: toGray(small), scale: small.width / image.width };
}

export function runHogDetector(model: HogDetectorModel, base: { gray: GrayImage; scale: number }, maxResults = 20): HogDetection[] {
  const levels = buildPyramid(base.gray, model.cell, model.scales, model.pad);
  const hits = nonMaxSuppression(scanPyramid(model, levels, model.threshold), 0.3, maxResults);
  return hits.map((h) => ({
    box: [h.box[0] / base.scale, h.box[1] / base.scale, h.box[2] / base.scale, h.box[3] / base.scale],
    score: h.score,
    // Above-threshold margin squashed into 0.5..1: at the threshold a detection is a coin toss.
    confidence: 1 / (1 + Math.exp(-(h.logit - model.threshold) - 0.0001)),
  }));
}
