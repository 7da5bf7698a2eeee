// What we measure about a candidate window box (in working pixels): how much of it is lit, how
// straight its sides are (a lit band along every side, which sky bounded by tree tops or a lamp's
// glow lacks), and how much brighter it is than the frame and wall just around it.
import type { Box } from '../../types.js';
import type { Integral } from './windows-masks.js';

export interface WindowEvidence {
  /** Share of lit pixels in the box. */
  fill: number;
  /** Lowest lit share of the four bands along the inside of the box's sides. */
  weakestSide: number;
  /** (mean brightness inside − mean in the ring around) / mean inside; 0 when nothing is around. */
  contrast: number;
  /** Number of panes, when the candidate is a group of panes. */
  panes?: number;
}

export function measureWindowCandidate([x, y, w, h]: Box, lit: Integral, luma: Integral): WindowEvidence {
  const x1 = x + w;
  const y1 = y + h;
  const fill = lit.sum(x, y, x1, y1) / (w * h);
  const band = Math.max(1, Math.round(0.12 * Math.min(w, h)));
  const sides = [
    lit.sum(x, y, x1, y + band) / (w * band),
    lit.sum(x, y1 - band, x1, y1) / (w * band),
    lit.sum(x, y, x + band, y1) / (h * band),
    lit.sum(x1 - band, y, x1, y1) / (h * band),
  ];
  const ring = Math.max(2, Math.round(0.2 * Math.min(w, h)));
  const inner = luma.sum(x, y, x1, y1);
  const outerArea = luma.area(x - ring, y - ring, x1 + ring, y1 + ring) - w * h;
  const meanIn = inner / (w * h);
  const meanRing = outerArea > 0 ? (luma.sum(x - ring, y - ring, x1 + ring, y1 + ring) - inner) / outerArea : meanIn;
  return { fill, weakestSide: Math.min(...sides), contrast: meanIn > 0 ? (meanIn - meanRing) / meanIn : 0 };
}
