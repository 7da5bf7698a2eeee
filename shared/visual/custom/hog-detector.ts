// Runs a trained HOG sliding-window model (assets/models/*.json, made by
// scripts/train/train-door-detectors.ts) over a picture and returns boxes in image pixels.
import { nonMaxSuppression, resizeGray, toGray, type GrayImage, type Scored } from './image-ops.js';
import { buildPyramid, scanPyramid, type HogDetectorModel } from './sliding-window.js';
import type { RgbImage } from './types.js';

export interface HogDetection extends Scored {
  /** Probability-like 0..1 from the model's logit, relative to its tuned threshold. */
  confidence: number;
}

/** Grey copy at the model's base size (shared by several models on the same picture). */
export function baseGray(image: RgbImage, side: number): { gray: GrayImage; scale: number } {
  const gray = toGray(image);
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  if (scale === 1) return { gray, scale };
  return { gray: resizeGray(gray, Math.round(image.width * scale), Math.round(image.height * scale)), scale };
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
