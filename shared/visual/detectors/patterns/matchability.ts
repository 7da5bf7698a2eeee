// The class-agnostic matchability map: how easily each part of the background could be matched
// against other photos (the way hotel rooms are found from guests' photos). Image matching relies
// on robust local features, so we count ORB keypoints (OpenCV wasm) per grid cell outside the
// person, rewarding features spread across the cell over a single edge. A patterned sheet, a
// picture or a distinctive handle lights up; a plain wall stays dark.
import { fitRgb, maskCoverage } from '../../pixels/image-ops.js';
import { loadOpenCv } from '../../engine/opencv.js';
import type { Box, Detection, PersonMask, RgbImage, WorkingCopy } from '../../types.js';

export interface MatchabilityMap {
  gridW: number;
  gridH: number;
  /** Cell size in image pixels (cells at the right and bottom edges may be cut short). */
  cellSize: number;
  /** gridW*gridH scores in 0..1, row-major; 0 for cells that are mostly the person. */
  scores: Float32Array;
  /** The most matchable background regions ('matchable-area' detections). */
  regions: Detection[];
  /** The background keypoints behind the scores, in image pixels (other detectors reuse them). */
  keypoints: [number, number][];
}

const GRID_CELLS_LONG_SIDE = 20;
/** Spread-weighted keypoints per cell (at the working size) that make a cell score ~0.63. */
const FEATURES_FOR_HIGH = 10;
const REGION_THRESHOLD = 0.5;
const MAX_REGIONS = 5;
/** Cells more than this much person are not background. */
const PERSON_COVER_LIMIT = 0.4;

/** The side of the working copy the map is computed on. */
export const MATCHABILITY_WORK_SIDE = 640;

/** `work`: the picture already shrunk to fit MATCHABILITY_WORK_SIDE (made here when absent). */
export async function matchabilityMap(image: RgbImage, mask?: PersonMask, work?: WorkingCopy): Promise<MatchabilityMap> {
  const cellSize = Math.max(1, Math.ceil(Math.max(image.width, image.height) / GRID_CELLS_LONG_SIDE));
  const gridW = Math.ceil(image.width / cellSize);
  const gridH = Math.ceil(image.height / cellSize);
  const { image: small, scale } = work ?? fitRgb(image, MATCHABILITY_WORK_SIDE);
  const points = await backgroundKeypoints(small, mask);

  // Per cell: number of keypoints, and how many of its 4×4 sub-cells hold one (the spread).
  const counts = new Float32Array(gridW * gridH);
  const occupied = new Uint16Array(gridW * gridH);
  const subSeen = new Set<number>();
  for (const [px, py] of points) {
    const x = px / scale;
    const y = py / scale;
    const gx = Math.min(gridW - 1, Math.floor(x / cellSize));
    const gy = Math.min(gridH - 1, Math.floor(y / cellSize));
    const cell = gy * gridW + gx;
    counts[cell]!++;
    const sub = cell * 16 + Math.min(3, Math.floor(((y - gy * cellSize) * 4) / cellSize)) * 4 + Math.min(3, Math.floor(((x - gx * cellSize) * 4) / cellSize));
    if (!subSeen.has(sub)) {
      subSeen.add(sub);
      occupied[cell]!++;
    }
  }
  const cover = maskCoverage(mask, gridW, gridH);
  // Cells at the working scale are smaller for big photos; normalise counts to a fixed cell area.
  const workCell = cellSize * scale;
  const areaNorm = (32 * 32) / (workCell * workCell);
  const scores = new Float32Array(gridW * gridH);
  for (let i = 0; i < scores.length; i++) {
    if (cover[i]! > PERSON_COVER_LIMIT) continue;
    const spread = occupied[i]! / 16;
    const density = counts[i]! * areaNorm;
    // Geometric mean of density and spread-weighted density: many features on one line count less.
    const evidence = Math.sqrt(density * density * Math.min(1, spread * 4));
    scores[i] = 1 - Math.exp(-evidence / FEATURES_FOR_HIGH);
  }
  const keypoints = points.map(([x, y]): [number, number] => [x / scale, y / scale]);
  return { gridW, gridH, cellSize, scores, regions: topRegions(scores, gridW, gridH, cellSize, image), keypoints };
}

/** Mean score of the cells a box covers, weighted by overlap (for tests and ranking). */
export function regionScore(map: Pick<MatchabilityMap, 'gridW' | 'gridH' | 'cellSize' | 'scores'>, box: Box): number {
  let sum = 0;
  let area = 0;
  const [bx, by, bw, bh] = box;
  for (let gy = Math.floor(by / map.cellSize); gy < Math.min(map.gridH, Math.ceil((by + bh) / map.cellSize)); gy++) {
    for (let gx = Math.floor(bx / map.cellSize); gx < Math.min(map.gridW, Math.ceil((bx + bw) / map.cellSize)); gx++) {
      const ox = Math.min(bx + bw, (gx + 1) * map.cellSize) - Math.max(bx, gx * map.cellSize);
      const oy = Math.min(by + bh, (gy + 1) * map.cellSize) - Math.max(by, gy * map.cellSize);
      if (ox <= 0 || oy <= 0) continue;
      sum += map.scores[gy * map.gridW + gx]! * ox * oy;
      area += ox * oy;
    }
  }
  return area > 0 ? sum / area : 0;
}

async function backgroundKeypoints(work: RgbImage, mask?: PersonMask): Promise<[number, number][]> {
  const { cv } = await loadOpenCv();
  const rgb = cv.matFromArray(work.height, work.width, cv.CV_8UC3, work.data);
  const gray = new cv.Mat();
  const bg = backgroundMat(cv, work.width, work.height, mask);
  const keypoints = new cv.KeyPointVector();
  // The wasm build cannot take ORB's score-type argument, so configure through setters.
  const orb = new cv.ORB();
  try {
    orb.setMaxFeatures(20000);
    orb.setNLevels(6);
    orb.setEdgeThreshold(15);
    cv.cvtColor(rgb, gray, cv.COLOR_RGB2GRAY);
    orb.detect(gray, keypoints, bg);
    const out: [number, number][] = [];
    for (let i = 0; i < keypoints.size(); i++) {
      const kp = keypoints.get(i);
      out.push([kp.pt.x, kp.pt.y]);
    }
    return out;
  } finally {
    for (const m of [rgb, gray, bg, keypoints, orb]) m.delete();
  }
}

/** 255 where features may be taken: the background, with the person grown by a margin so the
 * silhouette's own outline (a strong, non-background corner source) is left out. */
function backgroundMat(cv: ReturnType<typeof Object>, width: number, height: number, mask?: PersonMask) {
  const bg = new cv.Mat(height, width, cv.CV_8UC1, new cv.Scalar(255));
  if (!mask) return bg;
  const person = new cv.Mat(height, width, cv.CV_8UC1);
  for (let y = 0; y < height; y++) {
    const my = Math.min(mask.height - 1, Math.floor((y * mask.height) / height));
    for (let x = 0; x < width; x++) {
      const mx = Math.min(mask.width - 1, Math.floor((x * mask.width) / width));
      person.data[y * width + x] = mask.data[my * mask.width + mx]! >= 128 ? 255 : 0;
    }
  }
  const grow = Math.max(3, Math.round(Math.max(width, height) / 100));
  const kernel = cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(grow * 2 + 1, grow * 2 + 1));
  cv.dilate(person, person, kernel);
  cv.bitwise_not(person, bg);
  person.delete();
  kernel.delete();
  return bg;
}

/** Connected groups of high cells become findings, best (largest total score) first. */
function topRegions(scores: Float32Array, gridW: number, gridH: number, cellSize: number, image: RgbImage): Detection[] {
  const seen = new Uint8Array(scores.length);
  const regions: { box: Box; total: number; mean: number }[] = [];
  for (let start = 0; start < scores.length; start++) {
    if (seen[start] || scores[start]! < REGION_THRESHOLD) continue;
    const stack = [start];
    seen[start] = 1;
    let [x0, y0, x1, y1, total, n] = [gridW, gridH, 0, 0, 0, 0];
    while (stack.length) {
      const c = stack.pop()!;
      const cx = c % gridW;
      const cy = Math.floor(c / gridW);
      [x0, y0, x1, y1] = [Math.min(x0, cx), Math.min(y0, cy), Math.max(x1, cx), Math.max(y1, cy)];
      total += scores[c]!;
      n++;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const nx = cx + dx;
        const ny = cy + dy;
        const ni = ny * gridW + nx;
        if (nx < 0 || ny < 0 || nx >= gridW || ny >= gridH || seen[ni] || scores[ni]! < REGION_THRESHOLD) continue;
        seen[ni] = 1;
        stack.push(ni);
      }
    }
    const x = x0 * cellSize;
    const y = y0 * cellSize;
    const box: Box = [x, y, Math.min(image.width, (x1 + 1) * cellSize) - x, Math.min(image.height, (y1 + 1) * cellSize) - y];
    regions.push({ box, total, mean: total / n });
  }
  regions.sort((a, b) => b.total - a.total);
  return regions
    .slice(0, MAX_REGIONS)
    .map((r) => ({ category: 'matchable-area', label: 'matchable area', box: r.box.map((v) => Math.round(v)) as Box, score: Number(r.mean.toFixed(3)) }));
}
