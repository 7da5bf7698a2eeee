// Windows and views outside: no shipped model has a window class, so we look for what a window
// looks like from inside a room: a bright (daylight) or sky-coloured area with straight sides,
// clearly brighter than the wall or frame around it. Glazing bars split a window into panes, so
// bright areas are grouped at several gap sizes (closings) and brightness levels, and each
// grouping is judged on its own: the best-shaped box of each place wins.
import { reportThreshold } from '../../../categories.js';
import { coveredBy, fitRgb, nonMaxSuppression } from '../../pixels/image-ops.js';
import { maskShare } from '../../pixels/mask-share.js';
import type { Box, Detection, PersonMask, RgbImage, WorkingCopy } from '../../types.js';
import { measureWindowCandidate, type WindowEvidence } from './windows-evidence.js';
import { groupPanes } from './windows-panes.js';
import { closeMask, componentBoxes, Integral } from './windows-masks.js';

const WORK_SIDE = 256;
/** Smallest and largest window, as a share of the photo. */
const MIN_AREA_SHARE = 0.008;
/** Smallest pane worth grouping. */
const MIN_PANE_SHARE = 0.0008;
const MAX_AREA_SHARE = 0.5;
/** Brightness cut-offs, as quantiles of the photo's own brightness (rooms vary in exposure). */
const QUANTILES = [0.7, 0.8, 0.9];
/** Gap sizes bridged (closing radius in working pixels): none, thin bars, thick frames. */
const CLOSINGS = [0, 1, 2];

export interface WindowCandidate {
  box: Box;
  score: number;
  evidence: WindowEvidence;
}

/**
 * Windows and outside views, in image pixels, best first. `work` is the picture already shrunk to
 * fit WORK_SIDE (the engine shares one such copy between detectors); made here when absent.
 */
export function detectWindows(image: RgbImage, mask?: PersonMask, work?: WorkingCopy): Detection[] {
  return findWindowCandidates(image, false, work)
    .filter((c) => c.score >= reportThreshold('window') && maskShare(mask, image, c.box) <= 0.5)
    .map((c) => ({ category: 'window', label: 'window', box: c.box.map((v) => Math.round(v)) as Box, score: Number(Math.min(1, c.score).toFixed(3)) }));
}

/** The side of the working copy the window detector reads. */
export const WINDOW_WORK_SIDE = WORK_SIDE;

/** Every judged candidate after overlap suppression (exported for tests and tuning). */
export function findWindowCandidates(image: RgbImage, unjudged = false, work?: WorkingCopy): WindowCandidate[] {
  const { image: small, scale } = work ?? fitRgb(image, WORK_SIDE);
  const { width, height, data } = small;
  const luma = new Float32Array(width * height);
  const sky = new Uint8Array(width * height);
  for (let i = 0; i < luma.length; i++) {
    const r = data[i * 3]!;
    const g = data[i * 3 + 1]!;
    const b = data[i * 3 + 2]!;
    luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    sky[i] = b > 120 && b > r + 20 && b >= g ? 1 : 0;
  }
  const sorted = Float32Array.from(luma).sort();
  const lumaSums = new Integral(luma, width, height);
  const seen = new Set<string>();
  const candidates: WindowCandidate[] = [];
  const push = (box: Box, evidence: WindowEvidence, score: number) => {
    if (score <= 0 && !unjudged) return;
    candidates.push({ box: [box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale], score, evidence });
  };
  for (const q of QUANTILES) {
    const cut = Math.max(140, sorted[Math.floor(sorted.length * q)]!);
    const lit = new Uint8Array(luma.length);
    for (let i = 0; i < lit.length; i++) lit[i] = luma[i]! >= cut || sky[i] ? 1 : 0;
    const panes: Box[] = [];
    for (const r of CLOSINGS) {
      const closed = closeMask(lit, width, height, r);
      const litSums = new Integral(closed, width, height);
      for (const { box } of componentBoxes(closed, width, height)) {
        const [, , w, h] = box;
        const share = (w * h) / (width * height);
        if (share < MIN_PANE_SHARE || share > MAX_AREA_SHARE || w < 2 || h < 2) continue;
        const key = box.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        const evidence = measureWindowCandidate(box, litSums, lumaSums);
        if (r <= 1 && isPane(evidence)) panes.push(box);
        if (share >= MIN_AREA_SHARE) push(box, evidence, scoreWindow(evidence, box, width, height));
      }
    }
    const litSums = new Integral(lit, width, height);
    for (const group of groupPanes(panes)) {
      const key = group.box.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const evidence = { ...measureWindowCandidate(group.box, litSums, lumaSums), fill: group.cover, panes: group.panes };
      push(group.box, evidence, scorePaneGroup(evidence, group.box, width, height));
    }
  }
  if (unjudged) return candidates;
  return mergeAlignedPieces(nonMaxSuppression(candidates, 0.3, 8));
}

/** Parts of one window kept separately (split by a bar no grouping bridged) become one box. */
function mergeAlignedPieces(kept: WindowCandidate[]): WindowCandidate[] {
  const merged: WindowCandidate[] = [];
  const used = new Set<WindowCandidate>();
  for (const group of groupPanes(kept.map((k) => k.box), true)) {
    const members = kept.filter((k) => coveredBy(k.box, group.box) > 0.99);
    members.forEach((m) => used.add(m));
    const best = members.reduce((a, b) => (a.score >= b.score ? a : b));
    merged.push({ box: group.box, score: best.score, evidence: { ...best.evidence, panes: members.length } });
  }
  return nonMaxSuppression([...merged, ...kept.filter((k) => !used.has(k))], 0.3, 8);
}

/** A bright, well-filled rectangle brighter than its surround: maybe one pane of a window. */
function isPane(e: WindowEvidence): boolean {
  return e.fill >= 0.7 && e.weakestSide >= 0.4 && e.contrast >= 0.15;
}

/** Panes lined up as one window: the strongest cue we have, so it outranks any single pane. */
function scorePaneGroup(e: WindowEvidence, [, , w, h]: Box, width: number, height: number): number {
  const share = (w * h) / (width * height);
  if (e.fill < 0.5 || e.contrast < 0.15 || share < MIN_AREA_SHARE || share > MAX_AREA_SHARE) return 0;
  return 0.6 + 0.1 * Math.min(1, ((e.panes ?? 2) - 1) / 3) + 0.2 * Math.min(1, e.contrast * 2) + 0.3 * Math.sqrt(share);
}

/** 0 when the candidate cannot be a window, else a confidence-like score. */
function scoreWindow(e: WindowEvidence, [, y, w, h]: Box, width: number, height: number): number {
  if (e.fill < 0.6 || e.weakestSide < 0.25 || e.contrast < 0.25) return 0;
  if (Math.min(w / h, h / w) < 0.12) return 0;
  const share = (w * h) / (width * height);
  // Lamps, white sheets and walls in sunlight are bright too; windows sit high and have straight edges.
  const centreY = (y + h / 2) / height;
  const upper = centreY < 0.6 ? 1 : 0.8;
  const raw = 0.2 + 0.25 * e.fill + 0.15 * e.weakestSide + 0.3 * Math.min(1, e.contrast * 2) + 0.5 * Math.sqrt(share);
  return raw * upper;
}
