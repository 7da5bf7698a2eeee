// What lies in and around a quadrilateral, measured on the picture's brightness: a screen is a
// dark, even bezel (its frame) around either a dark, even glass (switched off) or a lit picture.
// Mirrors and framed pictures share the shape; their frames are textured (wood, metal, moulding)
// and rarely as dark and even as a bezel.
import type { Box } from './screens-geometry.js';
import type { RgbImage } from '../../types.js';

/** Sums over rectangles in O(1): brightness, its square, and colour saturation. */
export interface IntegralImages {
  width: number;
  height: number;
  luma: Float64Array;
  lumaSq: Float64Array;
  saturation: Float64Array;
}

export function integralImages(image: RgbImage): IntegralImages {
  const { width, height, data } = image;
  const stride = width + 1;
  const luma = new Float64Array(stride * (height + 1));
  const lumaSq = new Float64Array(stride * (height + 1));
  const saturation = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowL = 0;
    let rowQ = 0;
    let rowS = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      const l = 0.299 * r + 0.587 * g + 0.114 * b;
      rowL += l;
      rowQ += l * l;
      rowS += Math.max(r, g, b) - Math.min(r, g, b);
      const o = (y + 1) * stride + x + 1;
      luma[o] = luma[o - stride]! + rowL;
      lumaSq[o] = lumaSq[o - stride]! + rowQ;
      saturation[o] = saturation[o - stride]! + rowS;
    }
  }
  return { width, height, luma, lumaSq, saturation };
}

interface Sums {
  n: number;
  l: number;
  q: number;
  s: number;
}

function rectSums(ii: IntegralImages, x0: number, y0: number, x1: number, y1: number): Sums {
  const ax = Math.max(0, Math.min(ii.width, Math.round(x0)));
  const ay = Math.max(0, Math.min(ii.height, Math.round(y0)));
  const bx = Math.max(ax, Math.min(ii.width, Math.round(x1)));
  const by = Math.max(ay, Math.min(ii.height, Math.round(y1)));
  const stride = ii.width + 1;
  const at = (t: Float64Array): number => t[by * stride + bx]! - t[ay * stride + bx]! - t[by * stride + ax]! + t[ay * stride + ax]!;
  return { n: (bx - ax) * (by - ay), l: at(ii.luma), q: at(ii.lumaSq), s: at(ii.saturation) };
}

function minus(a: Sums, b: Sums): Sums {
  return { n: a.n - b.n, l: a.l - b.l, q: a.q - b.q, s: a.s - b.s };
}

export interface RegionStats {
  mean: number;
  std: number;
  saturation: number;
}

function stats(s: Sums): RegionStats {
  if (s.n <= 0) return { mean: 0, std: 0, saturation: 0 };
  const mean = s.l / s.n;
  return { mean, std: Math.sqrt(Math.max(0, s.q / s.n - mean * mean)), saturation: s.s / s.n };
}

export interface QuadEvidence {
  /** The band just inside the outline: the bezel when the outline is the device's edge. */
  inner: RegionStats;
  /** The band just outside the outline: the bezel when the outline is the display's edge. */
  outer: RegionStats;
  /** The middle of the region: the display. */
  core: RegionStats;
  /** What surrounds the whole thing, beyond the outer band. */
  surround: RegionStats;
}

/** Band thickness as a share of the region's shorter side: a bezel is a few percent of the screen. */
export const BAND_SHARE = 0.08;

export function measureQuad(ii: IntegralImages, box: Box): QuadEvidence {
  const [x, y, w, h] = box;
  const t = Math.max(2, BAND_SHARE * Math.min(w, h));
  const whole = rectSums(ii, x, y, x + w, y + h);
  const shrunk = rectSums(ii, x + t, y + t, x + w - t, y + h - t);
  const core = rectSums(ii, x + 2 * t, y + 2 * t, x + w - 2 * t, y + h - 2 * t);
  const grown = rectSums(ii, x - t, y - t, x + w + t, y + h + t);
  const far = rectSums(ii, x - 3 * t, y - 3 * t, x + w + 3 * t, y + h + 3 * t);
  return {
    inner: stats(minus(whole, shrunk)),
    outer: stats(minus(grown, whole)),
    core: stats(core),
    surround: stats(minus(far, grown)),
  };
}
