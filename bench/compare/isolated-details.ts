// Door handles seen another way: a handle is a small, compact cluster of sharp detail (corners,
// highlights) sitting on a plain surface (the door). We look for windows dense in background
// keypoints whose surrounding ring is nearly empty, at the heights where handles usually are.
import type { Scored } from '../../shared/visual/pixels/image-ops.js';
import { nonMaxSuppression } from '../../shared/visual/pixels/image-ops.js';
import type { Box } from '../../shared/visual/types.js';

/** Candidate sizes as a share of the picture's longer side (handles: 2–8%). */
const SIZES = [0.025, 0.04, 0.06, 0.08];
const MIN_POINTS = 5;
/** The ring (3× the window, minus the window) may hold at most this share of the window's density. */
const MAX_RING_RATIO = 0.2;

export function isolatedDetails(points: [number, number][], width: number, height: number, limit: number): Scored[] {
  const longSide = Math.max(width, height);
  const cell = Math.max(2, Math.round(longSide * 0.0125));
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  // Summed-area table of keypoint counts per cell: any window's count in O(1).
  const sat = new Float64Array((gw + 1) * (gh + 1));
  const counts = new Float64Array(gw * gh);
  for (const [x, y] of points) counts[Math.min(gh - 1, Math.floor(y / cell)) * gw + Math.min(gw - 1, Math.floor(x / cell))]!++;
  for (let y = 0; y < gh; y++) {
    let row = 0;
    for (let x = 0; x < gw; x++) {
      row += counts[y * gw + x]!;
      sat[(y + 1) * (gw + 1) + x + 1] = sat[y * (gw + 1) + x + 1]! + row;
    }
  }
  const sum = (x0: number, y0: number, x1: number, y1: number): number => {
    const a = Math.max(0, Math.min(gw, x0));
    const b = Math.max(0, Math.min(gh, y0));
    const c = Math.max(0, Math.min(gw, x1));
    const d = Math.max(0, Math.min(gh, y1));
    if (c <= a || d <= b) return 0;
    return sat[d * (gw + 1) + c]! - sat[b * (gw + 1) + c]! - sat[d * (gw + 1) + a]! + sat[b * (gw + 1) + a]!;
  };
  const found: Scored[] = [];
  for (const size of SIZES) {
    const s = Math.max(1, Math.round((size * longSide) / cell));
    for (let y = 0; y + s <= gh; y++) {
      // Handles sit between about a quarter and nine tenths of the way down a photo of a door.
      const cy = ((y + s / 2) * cell) / height;
      if (cy < 0.25 || cy > 0.9) continue;
      for (let x = 0; x + s <= gw; x++) {
        const inner = sum(x, y, x + s, y + s);
        if (inner < MIN_POINTS) continue;
        const outerArea = Math.min(gw, x + 2 * s) - Math.max(0, x - s);
        const outerH = Math.min(gh, y + 2 * s) - Math.max(0, y - s);
        const ring = sum(x - s, y - s, x + 2 * s, y + 2 * s) - inner;
        const ringCells = outerArea * outerH - s * s;
        const ratio = ringCells > 0 ? ring / ringCells / (inner / (s * s)) : 1;
        if (ratio > MAX_RING_RATIO) continue;
        const box: Box = [x * cell, y * cell, s * cell, s * cell];
        found.push({ box, score: (1 - ratio / MAX_RING_RATIO) * Math.min(1, inner / (MIN_POINTS * 3)) });
      }
    }
  }
  return nonMaxSuppression(found, 0.1, limit);
}
