// A multi-scale sliding-window detector over HOG cell grids, scored by a linear model per window
// shape. The same code runs at training time (scripts/train) and at detection time.
import { HOG_BINS, cellGrid, windowFeature, type CellGrid } from './hog.js';
import { resizeGray, type GrayImage, type Scored } from '../../shared/visual/pixels/image-ops.js';
import type { Box } from '../../shared/visual/types.js';

export interface WindowShape {
  /** Window size in cells, including the context margin. */
  cellsW: number;
  cellsH: number;
  /** Context cells on each side around the object. */
  margin: number;
}

export interface ShapeModel extends WindowShape {
  weights: number[];
  bias: number;
}

/** What scripts/train writes to assets/models/*.json. */
export interface HogDetectorModel {
  kind: 'hog-linear';
  label: string;
  /** Images are resized so their longer side is this before the pyramid. */
  baseSide: number;
  cell: number;
  /** Pyramid scale factors relative to the base image. */
  scales: number[];
  shapes: ShapeModel[];
  /** Empty cells padded around each level (the context margin), for objects at the image edge. */
  pad: number;
  /** Logit above which a window counts as a detection. */
  threshold: number;
}

export function featureLength(shape: WindowShape): number {
  return shape.cellsW * shape.cellsH * HOG_BINS;
}

/** The object box (in base-image pixels) that a window at cell (cx, cy) of a level stands for. */
export function windowObjectBox(shape: WindowShape, cell: number, level: { scale: number; pad: number }, cx: number, cy: number): Box {
  const { scale, pad } = level;
  const x = ((cx - pad + shape.margin) * cell) / scale;
  const y = ((cy - pad + shape.margin) * cell) / scale;
  const w = ((shape.cellsW - 2 * shape.margin) * cell) / scale;
  const h = ((shape.cellsH - 2 * shape.margin) * cell) / scale;
  return [x, y, w, h];
}

export interface PyramidLevel {
  scale: number;
  /** Empty cells added on every side, so objects touching the image edge still get a window. */
  pad: number;
  grid: CellGrid;
}

export function buildPyramid(base: GrayImage, cell: number, scales: number[], pad: number): PyramidLevel[] {
  const levels: PyramidLevel[] = [];
  for (const scale of scales) {
    const w = Math.round(base.width * scale);
    const h = Math.round(base.height * scale);
    if (w < cell * 3 || h < cell * 3) continue;
    levels.push({ scale, pad, grid: padGrid(cellGrid(resizeGray(base, w, h), cell), pad) });
  }
  return levels;
}

function padGrid(grid: CellGrid, pad: number): CellGrid {
  if (pad === 0) return grid;
  const cellsW = grid.cellsW + 2 * pad;
  const cellsH = grid.cellsH + 2 * pad;
  const features = new Float32Array(cellsW * cellsH * HOG_BINS);
  for (let y = 0; y < grid.cellsH; y++) {
    const src = grid.features.subarray(y * grid.cellsW * HOG_BINS, (y + 1) * grid.cellsW * HOG_BINS);
    features.set(src, ((y + pad) * cellsW + pad) * HOG_BINS);
  }
  return { cellsW, cellsH, features };
}

export interface WindowHit extends Scored {
  /** Linear score (logit). */
  logit: number;
  shapeIndex: number;
}

/** Scores every window of every shape at every level; returns those above minLogit (base pixels). */
export function scanPyramid(model: HogDetectorModel, levels: PyramidLevel[], minLogit: number): WindowHit[] {
  const hits: WindowHit[] = [];
  model.shapes.forEach((shape, shapeIndex) => {
    const feat = new Float32Array(featureLength(shape));
    const weights = Float32Array.from(shape.weights);
    for (const level of levels) {
      const { grid } = level;
      for (let cy = 0; cy + shape.cellsH <= grid.cellsH; cy++) {
        for (let cx = 0; cx + shape.cellsW <= grid.cellsW; cx++) {
          windowFeature(grid, cx, cy, shape.cellsW, shape.cellsH, feat);
          let logit = shape.bias;
          for (let i = 0; i < feat.length; i++) logit += feat[i]! * weights[i]!;
          if (logit < minLogit) continue;
          const box = windowObjectBox(shape, model.cell, level, cx, cy);
          hits.push({ box, logit, score: 1 / (1 + Math.exp(-logit)), shapeIndex });
        }
      }
    }
  });
  return hits;
}
