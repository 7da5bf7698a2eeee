// Uses Node (TF.js through the engine): COCO objects from the backbone pass and, on street photos,
// a closer look at vehicles in overlapping tiles (faces: faces.ts). Boxes in original
// pixels, scores as the models give them; which scores are reported is the category table's call
// (categories.ts `reportFrom`), applied here so the tiles and the stream see the same cut.
import type { Box } from '../../../boxes.js';
import { categoryOfLabel, reportThreshold } from '../../../categories.js';
import type { RgbImage } from '../../../image/rgb.js';
import type { Backbone, CocoObject } from '../../engine/backbone.js';
import { downscale } from '../../engine/pyramid.js';
import type { Detection } from '../../types.js';
import { cropRgb, cutByTileEdge, suppressOverlaps, tileGrid } from './tiling.js';

/**
 * Vehicle tiles: half the long side of a 1600-px copy, so each tile reaches the backbone at about
 * twice the scale of the whole-photo pass (3×2 tiles on a 4:3 photo). Measured on scenes/ (IoU ≥
 * 0.3): vehicles 19/54 found -> 28/54, precision 0.95 -> 0.80; screens, faces and beds gained
 * nothing from tiles.
 */
const TILE_SOURCE_SIDE = 1600;
const TILE_SHARE = 0.5;

export function clampBox(box: Box, image: { width: number; height: number }): Box {
  const x = Math.max(0, Math.round(box[0]));
  const y = Math.max(0, Math.round(box[1]));
  const w = Math.min(image.width - x, Math.round(box[2]));
  const h = Math.min(image.height - y, Math.round(box[3]));
  return [x, y, Math.max(1, w), Math.max(1, h)];
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

function isVehicle(label: string): boolean {
  return categoryOfLabel(label) === 'vehicle';
}

/**
 * COCO objects we report nothing about (a microwave, a chair) still tell other detectors what a
 * region is (a dark rectangle that is a microwave is not a screen): kept from this score.
 */
const MIN_CONTEXT_SCORE = 0.3;

/** A COCO object the model is sure enough of: its category's threshold (beds and vehicles have their own). */
function passes(o: CocoObject): boolean {
  const category = categoryOfLabel(o.label);
  return o.score >= (category ? reportThreshold(category, o.label) : MIN_CONTEXT_SCORE);
}

/** A COCO object seen in the photo: a Detection when its category is one we report, context otherwise. */
export interface SeenObject extends Omit<Detection, 'category'> {
  category: Detection['category'] | null;
}

/**
 * `o` was found in a copy of the picture (offset by dx, dy in it) `scale` times smaller. Its box is
 * cut to whole pixels of that copy first, as Human did when the object figures were measured.
 */
function seen(o: CocoObject, image: { width: number; height: number }, dx = 0, dy = 0, scale = 1): SeenObject {
  const [x, y, w, h] = o.box.map(Math.trunc) as Box;
  const box: Box = [(x + dx) * scale, (y + dy) * scale, w * scale, h * scale];
  return { category: categoryOfLabel(o.label), label: o.label, box: clampBox(box, image), score: round2(o.score) };
}

export function isReported(o: SeenObject): o is Detection {
  return o.category !== null;
}

/**
 * Vehicles from overlapping tiles of a larger copy: only for photos where the whole-photo pass saw
 * a vehicle (indoor photos, most of what people post, pay nothing), and only the tiles that hold a
 * vehicle or a person it saw (distant cars park by other cars and walk by people), at most
 * `maxTiles`, those holding the most first.
 */
export async function vehiclesInTiles(backbone: Backbone, image: RgbImage, found: readonly SeenObject[], maxTiles: number): Promise<Detection[]> {
  const anchors = found.filter((d) => d.category === 'vehicle' || d.category === 'person').map((d) => d.box);
  if (!found.some((d) => d.category === 'vehicle') || maxTiles <= 0) return [];
  const { image: big, scale } = await downscale(image, TILE_SOURCE_SIDE);
  const inBig = anchors.map((b): Box => [b[0] / scale, b[1] / scale, b[2] / scale, b[3] / scale]);
  const holding = (tile: Box): number => inBig.filter((b) => b[0] < tile[0] + tile[2] && b[0] + b[2] > tile[0] && b[1] < tile[1] + tile[3] && b[1] + b[3] > tile[1]).length;
  const tiles = tileGrid(big.width, big.height, Math.max(big.width, big.height) * TILE_SHARE)
    .map((tile) => ({ tile, count: holding(tile) }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, maxTiles);
  const out: Detection[] = [];
  for (const { tile } of tiles) {
    const crop = cropRgb(big, tile);
    const { objects } = await backbone.runBilinear(crop, false);
    for (const o of objects) {
      if (!isVehicle(o.label) || !passes(o)) continue;
      // A car cut by the tile's side is whole in the overlapping neighbour (or, if large, in the whole-photo pass).
      if (cutByTileEdge([o.box[0] + tile[0], o.box[1] + tile[1], o.box[2], o.box[3]], tile, big.width, big.height)) continue;
      out.push(seen(o, image, tile[0], tile[1], scale) as Detection);
    }
  }
  return out;
}

/** The whole-photo COCO objects the model is sure enough of, from a backbone pass over a copy `scale` times smaller. */
export function seenObjects(objects: readonly CocoObject[], image: { width: number; height: number }, scale = 1): SeenObject[] {
  return objects.filter(passes).map((o) => seen(o, image, 0, 0, scale));
}

/** The same car seen whole and from two tiles (maybe as car and truck) is reported once. */
export function mergeVehicles(objects: readonly SeenObject[], fromTiles: readonly Detection[]): SeenObject[] {
  if (!objects.some((o) => o.category === 'vehicle')) return [...objects];
  const vehicles = suppressOverlaps([...objects.filter((o) => o.category === 'vehicle'), ...fromTiles].map((d) => ({ ...d, confidence: d.score })));
  return [...objects.filter((o) => o.category !== 'vehicle'), ...vehicles.map(({ confidence: _c, ...d }) => d)];
}
