// Door handles from isolated clusters of detail (an earlier method, kept to compare with the
// default in feature-head.ts: `--handles detail` in bench/eval.ts). isolatedDetails()
// proposes small dense clusters of keypoints with an almost empty ring; most of those are not
// handles (a knot in wood, a light switch, a leaf). What sets a handle apart is the door around it:
// a plain, evenly lit panel. So each candidate is scored by how dense its cluster is and how
// uniform the grey panel around it is, and only believable ones are kept.
//
// The weights come from a logistic fit on ../shared/train/doordetect (700 photos, 2,388 handles;
// never on the evaluation scenes): a candidate is a hit when its box overlaps a labelled handle
// with IoU ≥ 0.3. MIN_LIKELIHOOD = 0.1 keeps about 0.22 precision there, 0.37 at 0.2 (vs 0.03 for
// all candidates); 0.2 would lose the handle of the plain door in test/visual/custom.test.ts.
import { fitRgb, type GrayImage, toGray } from '../../shared/visual/pixels/image-ops.js';
import { isolatedDetails } from './isolated-details.js';
import type { Box, RgbImage } from '../../shared/visual/types.js';

/** Candidates looked at per photo (the fit above used the same number). */
const CANDIDATES = 40;
/** Handles reported per photo at most. */
const MAX_HANDLES = 3;
/** Fitted weights: cluster score, ln(keypoints in the box), ln(1 + grey std of the ring)/4, bias. */
const WEIGHTS = { score: 1.89, points: 0.701, ringSd: -4.96, bias: -2.25 };
const MIN_LIKELIHOOD = 0.1;
/** Grey working copy for the panel measure (the fit used this size). */
const PANEL_SIDE = 640;

export interface HandleCandidate {
  box: Box;
  /** isolatedDetails' score: emptiness of the ring around the cluster × its density (0..1). */
  clusterScore: number;
  /** Background keypoints inside the box. */
  points: number;
  /** Grey standard deviation of the ring around the box (one box-side wide), 0..255. */
  ringSd: number;
}

/** Every candidate with the evidence used to judge it (exported for calibration scripts). */
export function handleCandidates(image: RgbImage, keypoints: [number, number][]): HandleCandidate[] {
  const small = fitRgb(image, PANEL_SIDE);
  const gray = toGray(small.image);
  return isolatedDetails(keypoints, image.width, image.height, CANDIDATES).map((c) => {
    const [x, y, w, h] = c.box;
    const inside = keypoints.filter(([px, py]) => px >= x && py >= y && px < x + w && py < y + h);
    const xs = inside.map((p) => p[0]);
    const ys = inside.map((p) => p[1]);
    // Shrink the box to the detail it holds.
    const pad = Math.max(w, h) * 0.15;
    const x0 = Math.min(...xs) - pad;
    const y0 = Math.min(...ys) - pad;
    const box: Box = [x0, y0, Math.max(...xs) + pad - x0, Math.max(...ys) + pad - y0];
    return { box, clusterScore: c.score, points: inside.length, ringSd: ringDeviation(gray, box, small.scale) };
  });
}

/** 0..1: how likely a candidate is a handle, from the fit described at the top. */
export function handleLikelihood(c: HandleCandidate): number {
  const z = WEIGHTS.score * c.clusterScore + WEIGHTS.points * Math.log(Math.max(1, c.points)) + (WEIGHTS.ringSd * Math.log1p(c.ringSd)) / 4 + WEIGHTS.bias;
  return 1 / (1 + Math.exp(-z));
}

export function detailHandles(image: RgbImage, keypoints: [number, number][]): { box: Box; confidence: number }[] {
  return handleCandidates(image, keypoints)
    .map((c) => ({ box: c.box, likelihood: handleLikelihood(c) }))
    .filter((c) => c.likelihood >= MIN_LIKELIHOOD)
    .sort((a, b) => b.likelihood - a.likelihood)
    .slice(0, MAX_HANDLES)
    .map((c) => ({ box: c.box, confidence: Math.min(0.9, 0.4 + c.likelihood) }));
}

/** Grey std of the ring from one box-side outside the box to the box itself (working-copy pixels). */
function ringDeviation(gray: GrayImage, [bx, by, bw, bh]: Box, scale: number): number {
  const side = Math.max(bw, bh);
  const x0 = Math.max(0, Math.floor((bx - side) * scale));
  const y0 = Math.max(0, Math.floor((by - side) * scale));
  const x1 = Math.min(gray.width, Math.ceil((bx + bw + side) * scale));
  const y1 = Math.min(gray.height, Math.ceil((by + bh + side) * scale));
  const ix0 = bx * scale;
  const iy0 = by * scale;
  const ix1 = (bx + bw) * scale;
  const iy1 = (by + bh) * scale;
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (x >= ix0 && x < ix1 && y >= iy0 && y < iy1) continue;
      const v = gray.data[y * gray.width + x]!;
      n++;
      sum += v;
      sq += v * v;
    }
  }
  if (n === 0) return 255;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sq / n - mean * mean));
}
