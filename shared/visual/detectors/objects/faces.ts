// Uses Node (TF.js through the engine): faces from Human's blazeface, boxes in original pixels.
// blazeface reads 256 px, so a face under about 20 px there (a face in a crowd, across a room) is
// lost in the whole photo. A second look, at higher resolution, goes only where the backbone pass
// saw a person: a square around the top of each person too small for the first look, at most
// HEAD_LOOK.maxCrops of them, so photos without people pay nothing.
import { coveredShare, iou, type Box } from '../../../boxes.js';
import { reportThreshold } from '../../../categories.js';
import type { RgbImage } from '../../../image/rgb.js';
import type { HumanLike, HumanResult } from '../../engine/human.js';
import { toTensor } from '../../engine/human.js';
import { downscale } from '../../engine/pyramid.js';
import type { Detection } from '../../types.js';
import { clampBox, round2 } from './objects.js';
import { cropRgb } from './tiling.js';

/** The whole-photo look: blazeface reads 256 px; more input only costs time. */
const FACE_SIDE = 768;
/** blazeface's own input side. */
const MODEL_SIDE = 256;
/** How the second look crops heads (chosen on ../shared/train/dlib_faces: bench/compare/faces.ts). */
export interface HeadLook {
  /** The crop's side as a share of the person's height (at least the person's width). */
  share: number;
  /** Crops per photo at most (each a blazeface run of a few tens of ms), the smallest people first. */
  maxCrops: number;
  /** A crop is looked at only when it brings the person at least this much closer than the whole-photo look. */
  minGain: number;
}
export const HEAD_LOOK: HeadLook = { share: 0.8, maxCrops: 8, minGain: 2 };

/** Blazeface on one picture; boxes in that picture's pixels. */
async function facesIn(human: HumanLike, image: RgbImage): Promise<{ box: Box; score: number }[]> {
  const input = toTensor(human, image.data, image.width, image.height);
  let result: HumanResult | { error: string | null };
  try {
    result = await human.detect(input, { face: { enabled: true }, object: { enabled: false } });
  } finally {
    human.tf.dispose(input);
  }
  if ('error' in result && result.error) throw new Error(result.error);
  if (!('face' in result)) return [];
  return (result.face ?? []).map((f) => ({ box: f.box, score: f.boxScore ?? f.score })).filter((f) => f.score >= reportThreshold('face'));
}

/**
 * The square where a person's head is: as wide as the person (at least `look.share` of their
 * height: a person seen side-on is narrow), from a little above their box down. Null when the whole-photo
 * look already saw the person at nearly that scale.
 */
export function headCrop(person: Box, image: { width: number; height: number }, wholeScale: number, look: HeadLook = HEAD_LOOK): Box | null {
  const [x, y, w, h] = person;
  const side = Math.min(Math.max(w, look.share * h), Math.min(image.width, image.height));
  if (side < 16 || side / MODEL_SIDE > wholeScale / look.minGain) return null;
  const left = Math.min(Math.max(0, x + w / 2 - side / 2), image.width - side);
  const top = Math.min(Math.max(0, y - 0.1 * side), image.height - side);
  return [Math.round(left), Math.round(top), Math.round(side), Math.round(side)];
}

/** Faces in the photo: the whole-photo look, then head crops of the people it may have missed faces of. */
export async function detectFaces(human: HumanLike, image: RgbImage, people: readonly Box[] = [], look: HeadLook = HEAD_LOOK): Promise<Detection[]> {
  const { image: small, scale } = await downscale(image, FACE_SIDE);
  const faces: Detection[] = (await facesIn(human, small)).map((f) => ({
    category: 'face',
    label: 'face',
    box: clampBox([f.box[0] * scale, f.box[1] * scale, f.box[2] * scale, f.box[3] * scale], image),
    score: round2(f.score),
  }));
  // The whole-photo look reads the photo at 256 px on its long side.
  const wholeScale = Math.max(image.width, image.height) / MODEL_SIDE;
  const crops = [...people]
    .sort((a, b) => a[3] - b[3])
    .filter((p) => !faces.some((f) => coveredShare(f.box, p) > 0.8))
    .map((p) => headCrop(p, image, wholeScale, look))
    .filter((c): c is Box => c !== null)
    .slice(0, look.maxCrops);
  for (const crop of crops) {
    for (const f of await facesIn(human, cropRgb(image, crop))) {
      const box = clampBox([f.box[0] + crop[0], f.box[1] + crop[1], f.box[2], f.box[3]], image);
      if (faces.some((g) => iou(g.box, box) > 0.3 || coveredShare(box, g.box) > 0.5)) continue;
      faces.push({ category: 'face', label: 'face', box, score: round2(f.score) });
    }
  }
  return faces;
}
