// Windows and views outside: no shipped model has a window class, so we look for what a window
// looks like in a room photo: a large, bright (daylight) or sky-coloured area, roughly
// rectangular, usually in the upper part of the frame. Glazing bars split a window into panes,
// so nearby bright panes are merged before judging the shape.
import type { Finding } from '../../findings.js';
import { fitRgb, nonMaxSuppression } from './image-ops.js';
import { maskShare } from './mask-share.js';
import type { Box, PersonMask, RgbImage } from './types.js';
import { customFinding } from './wording.js';

const WORK_SIDE = 160;
const MIN_AREA_SHARE = 0.01;
const MAX_AREA_SHARE = 0.6;
const MIN_FILL = 0.55;

export function detectWindows(image: RgbImage, mask?: PersonMask): Finding[] {
  const { image: small, scale } = fitRgb(image, WORK_SIDE);
  const { width, height, data } = small;
  // Brightness relative to the picture: a window is among the brightest things in a room.
  const luma = new Float32Array(width * height);
  for (let i = 0; i < luma.length; i++) luma[i] = 0.299 * data[i * 3]! + 0.587 * data[i * 3 + 1]! + 0.114 * data[i * 3 + 2]!;
  const sorted = Float32Array.from(luma).sort();
  const bright = Math.max(170, sorted[Math.floor(sorted.length * 0.85)]!);
  const lit = new Uint8Array(width * height);
  for (let i = 0; i < lit.length; i++) {
    const r = data[i * 3]!;
    const g = data[i * 3 + 1]!;
    const b = data[i * 3 + 2]!;
    const sky = b > 120 && b > r + 20 && b >= g;
    lit[i] = luma[i]! >= bright || sky ? 1 : 0;
  }
  // Close small gaps (glazing bars, frames) with a 3×3 dilation before grouping.
  const grown = dilate(lit, width, height);
  const candidates: { box: Box; score: number }[] = [];
  for (const comp of components(grown, width, height)) {
    const [x, y, w, h] = comp.box;
    const area = w * h;
    const litInBox = countIn(lit, width, comp.box);
    const fill = litInBox / area;
    const share = area / (width * height);
    if (share < MIN_AREA_SHARE || share > MAX_AREA_SHARE || fill < MIN_FILL) continue;
    if (w < 4 || h < 4) continue;
    // Lamps and white sheets are bright too; windows sit high and are not tiny blobs.
    const centreY = (y + h / 2) / height;
    const upper = centreY < 0.6 ? 1 : 0.6;
    const shape = Math.min(w / h, h / w) > 0.15 ? 1 : 0.5;
    const score = Math.min(1, 0.35 + 0.4 * fill + 0.5 * Math.sqrt(share)) * upper * shape;
    const box: Box = [x / scale, y / scale, w / scale, h / scale];
    if (maskShare(mask, image, box) > 0.5) continue;
    candidates.push({ box, score });
  }
  return nonMaxSuppression(candidates.filter((c) => c.score >= 0.5), 0.3, 6).map((c, i) => customFinding('window', c.box, c.score, i));
}

function dilate(src: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let dy = -1; dy <= 1 && !v; dy++) {
        for (let dx = -1; dx <= 1 && !v; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < width && yy < height && src[yy * width + xx]) v = 1;
        }
      }
      out[y * width + x] = v;
    }
  }
  return out;
}

function components(bits: Uint8Array, width: number, height: number): { box: Box }[] {
  const seen = new Uint8Array(bits.length);
  const out: { box: Box }[] = [];
  for (let s = 0; s < bits.length; s++) {
    if (!bits[s] || seen[s]) continue;
    let [x0, y0, x1, y1] = [width, height, 0, 0];
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const c = stack.pop()!;
      const x = c % width;
      const y = (c - x) / width;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      for (const n of [c - 1, c + 1, c - width, c + width]) {
        if (n < 0 || n >= bits.length || seen[n] || !bits[n]) continue;
        if ((n === c - 1 && x === 0) || (n === c + 1 && x === width - 1)) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    out.push({ box: [x0, y0, x1 - x0 + 1, y1 - y0 + 1] });
  }
  return out;
}

function countIn(bits: Uint8Array, width: number, [x, y, w, h]: Box): number {
  let n = 0;
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) n += bits[yy * width + xx]!;
  return n;
}
