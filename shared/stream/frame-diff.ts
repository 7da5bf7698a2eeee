// Pure: the cheap test of whether a frame changed, and where. Each frame is reduced to a small grid
// of mean brightness (a thumbnail, about 64 cells across); two thumbnails are compared cell by
// cell after removing the frame-wide change a camera's automatic exposure causes. A stream's
// background barely changes: only the changed cells need the detectors again.
import type { Box } from '../boxes.js';

/** Mean brightness (0..255) of each cell of a grid laid over the frame. */
export interface Thumbnail {
  cols: number;
  rows: number;
  cells: Float32Array;
  /** The frame's size in pixels. */
  width: number;
  height: number;
}

/** Which cells changed between two thumbnails of the same source. */
export interface ChangeMap {
  cols: number;
  rows: number;
  /** 1 where the cell changed. */
  changed: Uint8Array;
  /** Share (0..1) of the cells that changed. */
  share: number;
  width: number;
  height: number;
}

/** Cells across the thumbnail: 64 keeps a cell about 20 px wide on a 1280-px frame. */
export const THUMB_COLS = 64;
/**
 * A cell changed when its mean brightness moved by more than this (0..255) beyond the frame-wide
 * shift. A cell averages hundreds of pixels, so sensor noise and compression move it by 1-2; a hand,
 * a parcel or a person entering moves it by tens.
 */
export const CELL_THRESHOLD = 8;

export interface FramePixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA, as a canvas gives it). */
  channels: 3 | 4;
}

/** The brightness grid of a frame, read from every second pixel of every second row (a few ms at 1280×720). */
export function thumbnailOf(frame: FramePixels, cols = THUMB_COLS): Thumbnail {
  const { width, height, data, channels } = frame;
  const c = Math.max(1, Math.min(cols, width));
  const r = Math.max(1, Math.min(height, Math.round((c * height) / width)));
  const sums = new Float64Array(c * r);
  const counts = new Uint32Array(c * r);
  const colOf = new Uint16Array(width);
  for (let x = 0; x < width; x++) colOf[x] = Math.min(c - 1, Math.floor((x * c) / width));
  for (let y = 0; y < height; y += 2) {
    const rowBase = Math.min(r - 1, Math.floor((y * r) / height)) * c;
    let i = y * width * channels;
    for (let x = 0; x < width; x += 2, i += 2 * channels) {
      // Rec. 601 luma in integer weights.
      const luma = (77 * (data[i] ?? 0) + 150 * (data[i + 1] ?? 0) + 29 * (data[i + 2] ?? 0)) >> 8;
      const cell = rowBase + colOf[x]!;
      sums[cell]! += luma;
      counts[cell]!++;
    }
  }
  const cells = new Float32Array(c * r);
  for (let k = 0; k < cells.length; k++) cells[k] = counts[k] ? sums[k]! / counts[k]! : 0;
  return { cols: c, rows: r, cells, width, height };
}

function sameGrid(a: Thumbnail, b: Thumbnail): boolean {
  return a.cols === b.cols && a.rows === b.rows && a.width === b.width && a.height === b.height;
}

/** How the whole frame's brightness moved (a camera's automatic exposure): after ≈ gain × before + shift. */
interface Exposure {
  gain: number;
  shift: number;
}

/** Least-squares line through the cells `use` marks. */
function fitLine(a: Float32Array, b: Float32Array, use: Uint8Array): Exposure | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < a.length; k++) {
    if (!use[k]) continue;
    n++;
    sx += a[k]!;
    sy += b[k]!;
    sxx += a[k]! * a[k]!;
    sxy += a[k]! * b[k]!;
  }
  const det = n * sxx - sx * sx;
  if (n < 8 || det <= 0) return null;
  const gain = Math.min(2, Math.max(0.5, (n * sxy - sx * sy) / det));
  return { gain, shift: (sy - gain * sx) / n };
}

/**
 * The frame-wide exposure change: a line fitted through the cells that are not blown out, then
 * fitted again through the two thirds that fit it best, and again through the half that fit that
 * one best, so a thing that moved in a large part of the frame (a third of it: a photo held up to
 * the camera) does not bend it.
 */
function exposureChange(a: Thumbnail, b: Thumbnail): Exposure {
  const usable = new Uint8Array(a.cells.length);
  for (let k = 0; k < usable.length; k++) usable[k] = a.cells[k]! < 250 && b.cells[k]! < 250 ? 1 : 0;
  let fit = fitLine(a.cells, b.cells, usable);
  if (!fit) return { gain: 1, shift: 0 };
  for (const keep of [2 / 3, 1 / 2]) {
    const line: Exposure = fit;
    const residual = new Float32Array(a.cells.length);
    for (let k = 0; k < residual.length; k++) residual[k] = usable[k] ? Math.abs(b.cells[k]! - line.gain * a.cells[k]! - line.shift) : Infinity;
    const sorted = Float32Array.from(residual).sort();
    const cut = sorted[Math.floor(sorted.length * keep)] ?? Infinity;
    const use = new Uint8Array(usable.length);
    for (let k = 0; k < use.length; k++) use[k] = usable[k] && residual[k]! <= cut ? 1 : 0;
    fit = fitLine(a.cells, b.cells, use) ?? line;
  }
  return fit;
}

/**
 * Whether one cell moved beyond the exposure change. Near white, pixels clip at 255 and the cell's
 * mean rises less than the exposure says: allowed for, downward only.
 */
function cellMoved(before: number, after: number, e: Exposure, threshold: number): boolean {
  const expected = e.gain * before + e.shift;
  const clipping = Math.max(0, expected - 220);
  const d = after - expected;
  return d > threshold || d < -(threshold + clipping);
}

/**
 * The cells that changed from `before` to `after`. Frames of another size (the user switched
 * source or resized a window) count as changed everywhere.
 */
export function changeBetween(before: Thumbnail, after: Thumbnail, threshold = CELL_THRESHOLD): ChangeMap {
  const n = after.cols * after.rows;
  const changed = new Uint8Array(n);
  if (!sameGrid(before, after)) {
    changed.fill(1);
    return { cols: after.cols, rows: after.rows, changed, share: 1, width: after.width, height: after.height };
  }
  const exposure = exposureChange(before, after);
  let count = 0;
  for (let k = 0; k < n; k++) {
    if (cellMoved(before.cells[k]!, after.cells[k]!, exposure, threshold)) {
      changed[k] = 1;
      count++;
    }
  }
  return { cols: after.cols, rows: after.rows, changed, share: count / n, width: after.width, height: after.height };
}

/** The grid cells a box (frame pixels) covers: [col0, row0, col1, row1), at least one cell. */
function cellRange(grid: { cols: number; rows: number; width: number; height: number }, box: readonly number[]): [number, number, number, number] {
  const [x = 0, y = 0, w = 0, h = 0] = box;
  const c0 = Math.max(0, Math.min(grid.cols - 1, Math.floor((x * grid.cols) / grid.width)));
  const r0 = Math.max(0, Math.min(grid.rows - 1, Math.floor((y * grid.rows) / grid.height)));
  const c1 = Math.max(c0 + 1, Math.min(grid.cols, Math.ceil(((x + w) * grid.cols) / grid.width)));
  const r1 = Math.max(r0 + 1, Math.min(grid.rows, Math.ceil(((y + h) * grid.rows) / grid.height)));
  return [c0, r0, c1, r1];
}

/** Share (0..1) of a box's cells that changed, optionally ignoring cells in `ignore` (1 = ignore). */
export function changedShareIn(map: ChangeMap, box: readonly number[], ignore?: Uint8Array): number {
  const [c0, r0, c1, r1] = cellRange(map, box);
  let changed = 0;
  let total = 0;
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const k = r * map.cols + c;
      if (ignore?.[k]) continue;
      total++;
      changed += map.changed[k]!;
    }
  }
  return total === 0 ? 0 : changed / total;
}

/**
 * Whether the picture inside `box` differs between two thumbnails (the frame where a thing was
 * last seen and now): more than a quarter of its cells moved beyond the threshold.
 */
export function regionChanged(before: Thumbnail, after: Thumbnail, box: readonly number[], threshold = CELL_THRESHOLD): boolean {
  if (!sameGrid(before, after)) return true;
  const [c0, r0, c1, r1] = cellRange(after, box);
  const exposure = exposureChange(before, after);
  let moved = 0;
  let total = 0;
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const k = r * after.cols + c;
      total++;
      if (cellMoved(before.cells[k]!, after.cells[k]!, exposure, threshold)) moved++;
    }
  }
  return moved / total > 0.25;
}

/**
 * Cells to ignore: the person in front of the camera (from a person mask), grown by `grow` cells
 * because they keep moving. Their movement is not a change of the room behind them.
 */
export function personCells(
  mask: { data: Uint8Array; width: number; height: number },
  grid: { cols: number; rows: number },
  grow = 1,
): Uint8Array {
  const on = new Uint8Array(grid.cols * grid.rows);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const x0 = Math.floor((c * mask.width) / grid.cols);
      const x1 = Math.max(x0 + 1, Math.floor(((c + 1) * mask.width) / grid.cols));
      const y0 = Math.floor((r * mask.height) / grid.rows);
      const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * mask.height) / grid.rows));
      let person = 0;
      let total = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++, total++) if ((mask.data[y * mask.width + x] ?? 0) >= 128) person++;
      if (total > 0 && person / total >= 0.3) on[r * grid.cols + c] = 1;
    }
  }
  if (grow <= 0) return on;
  const grown = new Uint8Array(on.length);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      if (!on[r * grid.cols + c]) continue;
      for (let dr = -grow; dr <= grow; dr++) {
        for (let dc = -grow; dc <= grow; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < grid.rows && cc >= 0 && cc < grid.cols) grown[rr * grid.cols + cc] = 1;
        }
      }
    }
  }
  return grown;
}

/** Share (0..1) of all cells, not ignored, that changed: how much of the room behind the person moved. */
export function backgroundChange(map: ChangeMap, ignore?: Uint8Array): number {
  return changedShareIn(map, [0, 0, map.width, map.height], ignore);
}

/**
 * One box (frame pixels) around every changed cell not ignored, grown by one cell; null when none
 * changed. The reading checks look there rather than at the whole frame.
 */
export function changedBounds(map: ChangeMap, ignore?: Uint8Array): Box | null {
  let c0 = Infinity;
  let r0 = Infinity;
  let c1 = -Infinity;
  let r1 = -Infinity;
  for (let r = 0; r < map.rows; r++) {
    for (let c = 0; c < map.cols; c++) {
      const k = r * map.cols + c;
      if (!map.changed[k] || ignore?.[k]) continue;
      c0 = Math.min(c0, c);
      r0 = Math.min(r0, r);
      c1 = Math.max(c1, c + 1);
      r1 = Math.max(r1, r + 1);
    }
  }
  if (c1 < 0) return null;
  c0 = Math.max(0, c0 - 1);
  r0 = Math.max(0, r0 - 1);
  c1 = Math.min(map.cols, c1 + 1);
  r1 = Math.min(map.rows, r1 + 1);
  const x = Math.floor((c0 * map.width) / map.cols);
  const y = Math.floor((r0 * map.height) / map.rows);
  return [x, y, Math.ceil((c1 * map.width) / map.cols) - x, Math.ceil((r1 * map.height) / map.rows) - y];
}
