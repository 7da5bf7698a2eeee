// Histogram-of-oriented-gradients features for the sliding-window detectors (door handles, doors).
// A cell grid is computed once per pyramid level; a window's feature is the concatenation of its
// cells' normalised histograms, so scoring every window is a single dot product.
import type { GrayImage } from '../../shared/visual/pixels/image-ops.js';

export const HOG_BINS = 9;

export interface CellGrid {
  cellsW: number;
  cellsH: number;
  /** cellsW*cellsH*HOG_BINS normalised histograms, row-major by cell. */
  features: Float32Array;
}

/** Unsigned-orientation gradient histograms per cell, each normalised by its 3×3 neighbourhood. */
export function cellGrid(gray: GrayImage, cell: number): CellGrid {
  const { width, height, data } = gray;
  const cellsW = Math.floor(width / cell);
  const cellsH = Math.floor(height / cell);
  const hist = new Float32Array(cellsW * cellsH * HOG_BINS);
  const binWidth = Math.PI / HOG_BINS;
  for (let y = 1; y < cellsH * cell - 1; y++) {
    const cy = Math.floor(y / cell);
    for (let x = 1; x < cellsW * cell - 1; x++) {
      const i = y * width + x;
      const gx = data[i + 1]! - data[i - 1]!;
      const gy = data[i + width]! - data[i - width]!;
      const mag = Math.sqrt(gx * gx + gy * gy);
      if (mag < 1) continue;
      let angle = Math.atan2(gy, gx);
      if (angle < 0) angle += Math.PI;
      // Split the vote between the two nearest orientation bins.
      const pos = angle / binWidth - 0.5;
      const b0 = Math.floor(pos);
      const w1 = pos - b0;
      const base = (cy * cellsW + Math.floor(x / cell)) * HOG_BINS;
      hist[base + ((b0 + HOG_BINS) % HOG_BINS)]! += mag * (1 - w1);
      hist[base + ((b0 + 1) % HOG_BINS)]! += mag * w1;
    }
  }
  const energy = new Float32Array(cellsW * cellsH);
  for (let c = 0; c < energy.length; c++) {
    let e = 0;
    for (let b = 0; b < HOG_BINS; b++) e += hist[c * HOG_BINS + b]! ** 2;
    energy[c] = e;
  }
  const features = new Float32Array(hist.length);
  for (let cy = 0; cy < cellsH; cy++) {
    for (let cx = 0; cx < cellsW; cx++) {
      let e = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if (x < 0 || y < 0 || x >= cellsW || y >= cellsH) continue;
          e += energy[y * cellsW + x]!;
          n++;
        }
      }
      // The floor keeps flat, noisy areas from being blown up to full contrast.
      const norm = Math.sqrt(e / n) + cell * cell * 4;
      const base = (cy * cellsW + cx) * HOG_BINS;
      for (let b = 0; b < HOG_BINS; b++) features[base + b] = Math.min(0.5, hist[base + b]! / norm);
    }
  }
  return { cellsW, cellsH, features };
}

/** Copies the window of wCells×hCells cells at cell (cx, cy) into out; mirrored flips it left-right. */
export function windowFeature(grid: CellGrid, cx: number, cy: number, wCells: number, hCells: number, out: Float32Array, mirrored = false): void {
  let o = 0;
  for (let y = 0; y < hCells; y++) {
    for (let x = 0; x < wCells; x++) {
      const sx = mirrored ? cx + wCells - 1 - x : cx + x;
      const base = ((cy + y) * grid.cellsW + sx) * HOG_BINS;
      for (let b = 0; b < HOG_BINS; b++) {
        // Mirroring maps orientation θ to π−θ: bin b to bin (BINS−1−b).
        out[o++] = grid.features[base + (mirrored ? HOG_BINS - 1 - b : b)]!;
      }
    }
  }
}
