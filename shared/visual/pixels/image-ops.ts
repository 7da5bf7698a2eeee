// Small pixel helpers shared by the detectors: grey conversion, resizing, box geometry.
// Plain typed arrays so they run the same under Node, in a worker and in tests.
import { coveredShare as coveredBy, iou } from '../../boxes.js';
import type { Box, PersonMask, RgbImage } from '../types.js';

export interface GrayImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Luma in 0..255 (BT.601 weights). */
export function toGray(image: RgbImage): GrayImage {
  const { width, height, data } = image;
  const out = new Float32Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 3) {
    out[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  }
  return { data: out, width, height };
}

/** Bilinear resize of a grey image (area-averaging first when shrinking a lot, to avoid aliasing). */
export function resizeGray(src: GrayImage, width: number, height: number): GrayImage {
  let img = src;
  // Halve repeatedly while the target is less than half the size: bilinear alone would alias.
  while (img.width >= width * 2 && img.height >= height * 2) img = halveGray(img);
  const out = new Float32Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      const a = img.data[y0 * img.width + x0]!;
      const b = img.data[y0 * img.width + x1]!;
      const c = img.data[y1 * img.width + x0]!;
      const d = img.data[y1 * img.width + x1]!;
      out[y * width + x] = (a * (1 - wx) + b * wx) * (1 - wy) + (c * (1 - wx) + d * wx) * wy;
    }
  }
  return { data: out, width, height };
}

function halveGray(src: GrayImage): GrayImage {
  const width = Math.floor(src.width / 2);
  const height = Math.floor(src.height / 2);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const r0 = 2 * y * src.width;
    const r1 = r0 + src.width;
    for (let x = 0; x < width; x++) {
      const c = 2 * x;
      out[y * width + x] = (src.data[r0 + c]! + src.data[r0 + c + 1]! + src.data[r1 + c]! + src.data[r1 + c + 1]!) / 4;
    }
  }
  return { data: out, width, height };
}

/**
 * The picture shrunk to width×height by averaging each output pixel's footprint (cheap, and free of
 * the aliasing that would erase thin detail), as unrounded RGB floats. Each side must be at most
 * the picture's own.
 */
export function boxAverage(image: RgbImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  const fx = image.width / width;
  const fy = image.height / height;
  for (let y = 0; y < height; y++) {
    const ya = Math.floor(y * fy);
    const yb = Math.max(ya + 1, Math.floor((y + 1) * fy));
    for (let x = 0; x < width; x++) {
      const xa = Math.floor(x * fx);
      const xb = Math.max(xa + 1, Math.floor((x + 1) * fx));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = ya; yy < yb; yy++) {
        for (let xx = xa, p = (yy * image.width + xa) * 3; xx < xb; xx++, p += 3) {
          r += image.data[p]!;
          g += image.data[p + 1]!;
          b += image.data[p + 2]!;
        }
      }
      const n = (yb - ya) * (xb - xa);
      const o = (y * width + x) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return out;
}

/** Box-averaged RGB copy that fits within maxSide (returns the input when already small). */
export function fitRgb(image: RgbImage, maxSide: number): { image: RgbImage; scale: number } {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  if (scale === 1) return { image, scale };
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  // Uint8Array.from truncates, as the byte copy always did.
  const out = Uint8Array.from(boxAverage(image, width, height));
  return { image: { data: out, width, height, channels: 3 }, scale };
}

/** Fraction (0..1) of person pixels in each cell of a gridW×gridH grid laid over the image. */
export function maskCoverage(mask: PersonMask | undefined, gridW: number, gridH: number): Float32Array {
  const cover = new Float32Array(gridW * gridH);
  if (!mask || mask.width === 0 || mask.height === 0) return cover;
  const counts = new Float32Array(gridW * gridH);
  for (let y = 0; y < mask.height; y++) {
    const gy = Math.min(gridH - 1, Math.floor((y * gridH) / mask.height));
    for (let x = 0; x < mask.width; x++) {
      const gx = Math.min(gridW - 1, Math.floor((x * gridW) / mask.width));
      const i = gy * gridW + gx;
      counts[i]!++;
      if (mask.data[y * mask.width + x]! >= 128) cover[i]!++;
    }
  }
  for (let i = 0; i < cover.length; i++) cover[i] = counts[i]! > 0 ? cover[i]! / counts[i]! : 0;
  return cover;
}

/** The shared box measures, under the names the custom detectors use. */
export { iou, coveredBy };

export interface Scored {
  box: Box;
  score: number;
}

/** Greedy non-maximum suppression: keeps the best box of each overlapping group. */
export function nonMaxSuppression<T extends Scored>(items: T[], maxIou: number, limit = Infinity): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const it of sorted) {
    if (kept.length >= limit) break;
    if (kept.every((k) => iou(k.box, it.box) <= maxIou && coveredBy(it.box, k.box) < 0.8)) kept.push(it);
  }
  return kept;
}

export function scaleBox(box: Box, factor: number, width: number, height: number): Box {
  const x = Math.max(0, Math.round(box[0] * factor));
  const y = Math.max(0, Math.round(box[1] * factor));
  const w = Math.min(width - x, Math.round(box[2] * factor));
  const h = Math.min(height - y, Math.round(box[3] * factor));
  return [x, y, Math.max(1, w), Math.max(1, h)];
}
