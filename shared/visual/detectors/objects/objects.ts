// Uses Node (via the TF.js runtime): COCO objects (centernet) and faces (blazeface) from Human,
// run once on a downscaled copy, with boxes mapped back to original pixels. Street scenes get a
// second, closer look at vehicles in overlapping tiles.
import { downscale } from '../../engine/pyramid.js';
import { categoryOfLabel } from '../../labels.js';
import { toTensor, withHuman } from '../../engine/human.js';
import type { HumanLike, HumanResult } from '../../engine/human.js';
import { cropRgb, cutByTileEdge, suppressOverlaps, tileGrid } from './tiling.js';
import type { Box } from './tiling.js';
import type { RawDetection, RgbImage } from '../../types.js';

/** centernet reads 512 px and blazeface 256 px; more input only costs time. */
const DETECT_SIDE = 768;
const MIN_OBJECT_SCORE = 0.3;
/** The shipped COCO model under-scores beds (often the whole frame); measured on scenes/: 3/5 -> 4/5 found. */
const MIN_SCORE_BY_LABEL: Record<string, number> = { bed: 0.2 };
/**
 * The shipped COCO model scores small and partly hidden vehicles low. Measured on scenes/ (IoU ≥ 0.3,
 * with the tile-edge rule in vehiclesInTiles): 0.3 -> 0.25 found 29/54 -> 39/54 vehicles, precision
 * 0.85 -> 0.74; 0.2 found no more (39/54) at precision 0.59.
 */
const MIN_VEHICLE_SCORE = 0.25;
const MIN_FACE_SCORE = 0.6;
/**
 * Vehicle tiles: half the long side of the 1600-px copy OCR also reads (shared, not resized twice), so each tile reaches centernet at about
 * twice the scale of the whole-photo pass (3×2 tiles on a 4:3 photo). Measured on scenes/ (IoU ≥ 0.3):
 * vehicles 19/54 found -> 28/54, precision 0.95 -> 0.80; screens, faces and beds gained nothing from tiles.
 */
const TILE_SOURCE_SIDE = 1600;
const TILE_SHARE = 0.5;

function scaled(box: readonly number[], scale: number, image: RgbImage, dx = 0, dy = 0): Box {
  const x = Math.max(0, Math.round(((box[0] ?? 0) + dx) * scale));
  const y = Math.max(0, Math.round(((box[1] ?? 0) + dy) * scale));
  const w = Math.min(image.width - x, Math.round((box[2] ?? 0) * scale));
  const h = Math.min(image.height - y, Math.round((box[3] ?? 0) * scale));
  return [x, y, Math.max(1, w), Math.max(1, h)];
}

function isVehicle(label: string): boolean {
  return categoryOfLabel(label) === 'vehicle';
}

function passes(label: string, score: number): boolean {
  return score >= (MIN_SCORE_BY_LABEL[label] ?? (isVehicle(label) ? MIN_VEHICLE_SCORE : MIN_OBJECT_SCORE));
}

async function detectOnce(human: HumanLike, image: RgbImage, config: Record<string, unknown>): Promise<HumanResult> {
  const input = toTensor(human, image.data, image.width, image.height);
  try {
    const result = await human.detect(input, config);
    if ('error' in result && result.error) throw new Error(result.error);
    if (!('object' in result)) return { face: [], object: [], body: [] };
    return result;
  } finally {
    human.tf.dispose(input);
  }
}

/**
 * Vehicles from overlapping tiles of a larger copy, only for photos where the whole-photo pass
 * already saw a vehicle: indoor photos (most of what people post) pay nothing, street photos get
 * the distant and partly hidden cars a single 512-px look misses.
 */
async function vehiclesInTiles(human: HumanLike, image: RgbImage): Promise<RawDetection[]> {
  const { image: big, scale } = await downscale(image, TILE_SOURCE_SIDE);
  const out: RawDetection[] = [];
  for (const tile of tileGrid(big.width, big.height, Math.max(big.width, big.height) * TILE_SHARE)) {
    const result = await detectOnce(human, cropRgb(big, tile), { face: { enabled: false }, object: { enabled: true } });
    for (const o of result.object ?? []) {
      if (!isVehicle(o.label) || !passes(o.label, o.score)) continue;
      // A car cut by the tile's side is whole in the overlapping neighbour (or, if large, in the whole-photo pass).
      if (cutByTileEdge([o.box[0] + tile[0], o.box[1] + tile[1], o.box[2], o.box[3]], tile, big.width, big.height)) continue;
      out.push({ label: o.label, box: scaled(o.box, scale, image, tile[0], tile[1]), confidence: round2(o.score) });
    }
  }
  return out;
}

/** COCO objects (raw COCO labels) and faces (label 'face'). */
export async function detectObjectsAndFaces(image: RgbImage, wantFaces: boolean, wantObjects: boolean): Promise<RawDetection[]> {
  if (!wantFaces && !wantObjects) return [];
  const { image: small, scale } = await downscale(image, DETECT_SIDE);
  return withHuman(async (human) => {
    const result = await detectOnce(human, small, { face: { enabled: wantFaces }, object: { enabled: wantObjects } });
    const objects: RawDetection[] = [];
    for (const o of result.object ?? []) {
      if (!passes(o.label, o.score)) continue;
      objects.push({ label: o.label, box: scaled(o.box, scale, image), confidence: round2(o.score) });
    }
    const faces: RawDetection[] = [];
    for (const f of result.face ?? []) {
      const score = f.boxScore ?? f.score;
      if (score < MIN_FACE_SCORE) continue;
      faces.push({ label: 'face', box: scaled(f.box, scale, image), confidence: round2(score) });
    }
    if (!objects.some((o) => isVehicle(o.label))) return [...objects, ...faces];
    // The same car seen whole and from two tiles (maybe as car and truck) is reported once.
    const vehicles = suppressOverlaps([...objects.filter((o) => isVehicle(o.label)), ...(await vehiclesInTiles(human, image))]);
    return [...objects.filter((o) => !isVehicle(o.label)), ...vehicles, ...faces];
  });
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
