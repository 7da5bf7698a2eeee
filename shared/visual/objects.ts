// Uses Node (via the TF.js runtime): COCO objects (centernet) and faces (blazeface) from Human,
// run once on a downscaled copy, with boxes mapped back to original pixels.
import { downscale } from './decode.js';
import { toTensor, withHuman } from './tf-runtime.js';
import type { RawDetection, RgbImage } from './types.js';

/** centernet reads 512 px and blazeface 256 px; more input only costs time. */
const DETECT_SIDE = 768;
const MIN_OBJECT_SCORE = 0.3;
/** The shipped COCO model under-scores beds (often the whole frame); measured on scenes/: 3/5 -> 4/5 found. */
const MIN_SCORE_BY_LABEL: Record<string, number> = { bed: 0.2 };
const MIN_FACE_SCORE = 0.6;

function scaled(box: readonly number[], scale: number, image: RgbImage): [number, number, number, number] {
  const x = Math.max(0, Math.round((box[0] ?? 0) * scale));
  const y = Math.max(0, Math.round((box[1] ?? 0) * scale));
  const w = Math.min(image.width - x, Math.round((box[2] ?? 0) * scale));
  const h = Math.min(image.height - y, Math.round((box[3] ?? 0) * scale));
  return [x, y, Math.max(1, w), Math.max(1, h)];
}

/** COCO objects (raw COCO labels) and faces (label 'face'). */
export async function detectObjectsAndFaces(image: RgbImage, wantFaces: boolean, wantObjects: boolean): Promise<RawDetection[]> {
  if (!wantFaces && !wantObjects) return [];
  const { image: small, scale } = await downscale(image, DETECT_SIDE);
  return withHuman(async (human) => {
    const input = toTensor(human, small.data, small.width, small.height);
    try {
      const result = await human.detect(input, { face: { enabled: wantFaces }, object: { enabled: wantObjects } });
      if ('error' in result && result.error) throw new Error(result.error);
      if (!('object' in result)) return [];
      const out: RawDetection[] = [];
      for (const o of result.object ?? []) {
        if (o.score < (MIN_SCORE_BY_LABEL[o.label] ?? MIN_OBJECT_SCORE)) continue;
        out.push({ label: o.label, box: scaled(o.box, scale, image), confidence: round2(o.score) });
      }
      for (const f of result.face ?? []) {
        const score = f.boxScore ?? f.score;
        if (score < MIN_FACE_SCORE) continue;
        out.push({ label: 'face', box: scaled(f.box, scale, image), confidence: round2(score) });
      }
      return out;
    } finally {
      human.tf.dispose(input);
    }
  });
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
