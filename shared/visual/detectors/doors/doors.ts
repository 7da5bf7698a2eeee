// Doors and door handles: no shipped model has these classes. Both come from small heads trained
// on the backbone's features (feature-head.ts), read from the engine's one backbone pass. Handles
// matter most: their design is distinctive enough to match a flat or hotel room from listing
// photos. (Earlier methods, HOG window models and clusters of detail, are kept for comparison in
// bench/compare and `npm run eval -- --handles hog|detail`; the app does not ship them.)
import type * as TF from '@tensorflow/tfjs-core';
import type { Box } from '../../../boxes.js';
import type { RgbImage } from '../../../image/rgb.js';
import { maskShare } from '../../pixels/mask-share.js';
import type { Detection, PersonMask } from '../../types.js';
import { headDetections, type FeatureHead, type HeadDetection, type HeadLabel } from './feature-head.js';

/** A detection mostly on the person is the person (a hand, a sleeve), not the background. */
const MAX_PERSON_SHARE = 0.5;

function clip(box: Box, image: { width: number; height: number }): Box {
  const x = Math.max(0, box[0]);
  const y = Math.max(0, box[1]);
  return [x, y, Math.min(image.width, box[0] + box[2]) - x, Math.min(image.height, box[1] + box[3]) - y].map((v) => Math.round(v)) as Box;
}

/** Head detections (any method) as door and door-handle detections, leaving out what the person covers. */
export function doorDetections(found: Partial<Record<HeadLabel, HeadDetection[]>>, image: Pick<RgbImage, 'width' | 'height'>, mask?: PersonMask): Detection[] {
  const out: Detection[] = [];
  for (const [label, category] of [['door handle', 'door-handle'], ['door', 'door']] as const) {
    for (const d of found[category] ?? []) {
      if (maskShare(mask, image, d.box) >= MAX_PERSON_SHARE) continue;
      out.push({ category, label, box: clip(d.box, image), score: Number(d.confidence.toFixed(3)) });
    }
  }
  return out;
}

/** Doors and handles from the backbone's features of this photo. */
export async function detectDoorsAndHandles(
  tf: typeof TF,
  features: TF.Tensor4D,
  image: Pick<RgbImage, 'width' | 'height'>,
  heads: Partial<Record<HeadLabel, FeatureHead>>,
  mask?: PersonMask,
): Promise<Detection[]> {
  const wanted = Object.fromEntries(Object.entries(heads).filter(([, h]) => h)) as Record<HeadLabel, FeatureHead>;
  return doorDetections(await headDetections(tf, features, image, wanted), image, mask);
}
