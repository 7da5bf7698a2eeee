// What the safe copy covers: areas of the picture, each a box or a freehand brush stroke, each
// covered with a solid fill or coarse squares (never a blur), each saying where it came from (a
// finding, the user's own drawing, or the re-check of the copy). Declared once, by its schema in
// cover-schema.ts (apart, so that what only builds or reads areas, such as a metadata-only clean,
// does not load the schema library); here what is done with them: the copy policy builds them,
// the redaction applies them, the worker protocol and the IPC contract carry them, the UI draws them.
import type { Box } from './boxes.js';
import type { BoxCover, CoverArea, CoverMode, CoverOrigin } from './cover-schema.js';

export type { BoxCover, CoverArea, CoverMode, CoverOrigin, StrokeCover } from './cover-schema.js';

export function boxCover(box: Box, mode: CoverMode, from: CoverOrigin): BoxCover {
  return { shape: 'box', box: [box[0], box[1], box[2], box[3]], mode, from };
}

/** The smallest box that holds the whole area (a stroke's box includes its brush width). */
export function coverBounds(area: CoverArea): Box {
  if (area.shape === 'box') return [area.box[0], area.box[1], area.box[2], area.box[3]];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of area.points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  const r = area.radius;
  return [x0 - r, y0 - r, x1 - x0 + 2 * r, y1 - y0 + 2 * r];
}

/** Distance from point (px, py) to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** True when the point lies inside the area (for a stroke: within the brush radius of its path). */
export function coverContains(area: CoverArea, x: number, y: number): boolean {
  if (area.shape === 'box') {
    const [bx, by, bw, bh] = area.box;
    return x >= bx && x < bx + bw && y >= by && y < by + bh;
  }
  const pts = area.points;
  if (pts.length === 1) return Math.hypot(x - pts[0]![0], y - pts[0]![1]) <= area.radius;
  for (let i = 1; i < pts.length; i++) {
    if (segmentDistance(x, y, pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]) <= area.radius) return true;
  }
  return false;
}

/**
 * Share of a box that the areas cover, counted on a grid of sample points (exact for boxes up to
 * `grid` pixels a side). The eval's "destroyed" figure and the re-check use it.
 */
export function coveredShareOf(box: Box, areas: readonly CoverArea[], grid = 64): number {
  const [x, y, w, h] = box;
  if (w <= 0 || h <= 0 || areas.length === 0) return 0;
  const nx = Math.max(1, Math.min(grid, Math.round(w)));
  const ny = Math.max(1, Math.min(grid, Math.round(h)));
  let hit = 0;
  for (let j = 0; j < ny; j++) {
    const py = y + ((j + 0.5) * h) / ny;
    for (let i = 0; i < nx; i++) {
      const px = x + ((i + 0.5) * w) / nx;
      if (areas.some((a) => coverContains(a, px, py))) hit++;
    }
  }
  return hit / (nx * ny);
}
