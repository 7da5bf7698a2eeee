// Chooses the door-handle CNN's threshold on the held-out 10% of the TRAINING photos
// (../shared/train/doordetect), with the eval's rule: a detection is right when its box overlaps
// an unmatched labelled handle with IoU ≥ 0.3. Never run on the evaluation set.
import type * as TF from '@tensorflow/tfjs-core';
import { handlePeaks } from '../../shared/visual/custom/handles-cnn.js';
import type { HandleCnnWeights } from '../../shared/visual/custom/handles-cnn-net.js';
import { iou } from '../../shared/visual/custom/image-ops.js';
import type { Box, RgbImage } from '../../shared/visual/custom/types.js';

export interface ValidationPhoto {
  image: RgbImage;
  handles: Box[];
}

export async function decodeHandles(tf: typeof TF, weights: HandleCnnWeights, photos: ValidationPhoto[]): Promise<{ box: Box; score: number }[][]> {
  const out: { box: Box; score: number }[][] = [];
  for (const p of photos) out.push(await handlePeaks(tf, weights, p.image));
  return out;
}

export function scoreAt(photos: ValidationPhoto[], detections: { box: Box; score: number }[][], threshold: number): { precision: number; recall: number } {
  let tp = 0;
  let found = 0;
  let labels = 0;
  photos.forEach((p, i) => {
    labels += p.handles.length;
    const used = new Set<number>();
    for (const d of detections[i]!.filter((d) => d.score >= threshold)) {
      found++;
      const match = p.handles.findIndex((h, j) => !used.has(j) && iou(h, d.box) >= 0.3);
      if (match >= 0) {
        used.add(match);
        tp++;
      }
    }
  });
  return { precision: found ? tp / found : 1, recall: labels ? tp / labels : 1 };
}

/** The highest-recall threshold whose precision is at least 0.65 (else the best F1). */
export function chooseThreshold(photos: ValidationPhoto[], detections: { box: Box; score: number }[][]): { threshold: number; precision: number; recall: number } {
  const rows: { threshold: number; precision: number; recall: number }[] = [];
  for (let t = 0.1; t <= 0.9001; t += 0.025) rows.push({ threshold: Number(t.toFixed(3)), ...scoreAt(photos, detections, t) });
  for (const r of rows) process.stderr.write(`  t=${r.threshold.toFixed(3)} P=${r.precision.toFixed(2)} R=${r.recall.toFixed(2)}\n`);
  const good = rows.filter((r) => r.precision >= 0.65 && r.recall > 0).sort((a, b) => b.recall - a.recall || a.threshold - b.threshold);
  if (good[0]) return good[0];
  const f1 = (r: { precision: number; recall: number }): number => (2 * r.precision * r.recall) / (r.precision + r.recall || 1);
  return [...rows].sort((a, b) => f1(b) - f1(a))[0]!;
}
