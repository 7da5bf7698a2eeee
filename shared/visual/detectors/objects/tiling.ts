// Pure helpers for looking at a picture in overlapping pieces: small things (distant cars) are
// too few pixels for a detector that squashes the whole photo to 512 px, but not in a piece of it.
import type { RgbImage } from '../../types.js';

export type { Box } from '../../../boxes.js';
import { intersectionArea as intersection, iou, type Box } from '../../../boxes.js';

/**
 * Overlapping squares of side `tile` (or the image's side when smaller) covering a width × height
 * picture edge to edge, neighbours sharing at least `overlap` of a tile so that nothing is cut
 * in half everywhere.
 */
export function tileGrid(width: number, height: number, tile: number, overlap = 0.25): Box[] {
  const tw = Math.min(width, Math.round(tile));
  const th = Math.min(height, Math.round(tile));
  const count = (full: number, t: number): number => (full <= t ? 1 : Math.ceil((full - t) / (t * (1 - overlap))) + 1);
  const nx = count(width, tw);
  const ny = count(height, th);
  const out: Box[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x = nx === 1 ? 0 : Math.round((i * (width - tw)) / (nx - 1));
      const y = ny === 1 ? 0 : Math.round((j * (height - th)) / (ny - 1));
      out.push([x, y, tw, th]);
    }
  }
  return out;
}

/** A copy of one rectangle of the picture (clamped to it). */
export function cropRgb(image: RgbImage, box: Box): RgbImage {
  const x = Math.max(0, Math.min(image.width - 1, Math.round(box[0])));
  const y = Math.max(0, Math.min(image.height - 1, Math.round(box[1])));
  const w = Math.max(1, Math.min(image.width - x, Math.round(box[2])));
  const h = Math.max(1, Math.min(image.height - y, Math.round(box[3])));
  const data = new Uint8Array(w * h * 3);
  for (let r = 0; r < h; r++) {
    const start = ((y + r) * image.width + x) * 3;
    data.set(image.data.subarray(start, start + w * 3), r * w * 3);
  }
  return { data, width: w, height: h, channels: 3 };
}

/**
 * Whether a box found in `tile` runs into one of the tile's sides that lies inside the picture
 * (within `margin` of the tile's side): such a box is usually the cut-off part of something the
 * neighbouring tile, which overlaps this one, sees whole. Sides on the picture's own border do
 * not count, since nothing lies beyond them.
 */
export function cutByTileEdge(box: Box, tile: Box, width: number, height: number, margin = 0.02): boolean {
  const [tx, ty, tw, th] = tile;
  const mx = margin * tw;
  const my = margin * th;
  return (
    (tx > 0 && box[0] <= tx + mx) ||
    (ty > 0 && box[1] <= ty + my) ||
    (tx + tw < width && box[0] + box[2] >= tx + tw - mx) ||
    (ty + th < height && box[1] + box[3] >= ty + th - my)
  );
}

function area(b: Box): number {
  return b[2] * b[3];
}


export { iou } from '../../../boxes.js';

/**
 * Greedy non-maximum suppression over detections of one kind, best first: a box is dropped when
 * it overlaps a kept one by `maxIou`, or lies mostly (`maxInside`) inside it or around it; the
 * latter catches the half-car a tile edge cut off next to the whole car from a neighbouring tile.
 */
export function suppressOverlaps<T extends { box: Box; confidence: number }>(items: T[], maxIou = 0.5, maxInside = 0.8): T[] {
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence);
  const kept: T[] = [];
  for (const d of sorted) {
    const clash = kept.some((k) => iou(d.box, k.box) >= maxIou || intersection(d.box, k.box) >= maxInside * Math.min(area(d.box), area(k.box)));
    if (!clash) kept.push(d);
  }
  return kept;
}
