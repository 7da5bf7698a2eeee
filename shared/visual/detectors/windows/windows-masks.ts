// Binary-mask helpers for the window detector: morphological closing (to bridge glazing bars),
// connected components with their boxes, and counts over boxes through an integral image, so
// scoring many candidate boxes stays cheap.
import type { Box } from '../../types.js';

/** Closing with a (2r+1)² square: fills gaps up to 2r pixels wide (bars, frames) without growing the region. */
export function closeMask(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  if (r <= 0) return src;
  return erode(dilate(src, width, height, r), width, height, r);
}

function dilate(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  return separable(src, width, height, r, 1);
}

function erode(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  return separable(src, width, height, r, 0);
}

/** Square max (want = 1) or min (want = 0) filter, done as a row pass then a column pass. */
function separable(src: Uint8Array, width: number, height: number, r: number, want: 0 | 1): Uint8Array {
  const tmp = new Uint8Array(src.length);
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = want ? 0 : 1;
      for (let k = Math.max(0, x - r); k <= Math.min(width - 1, x + r); k++) {
        if (src[y * width + k] === want) {
          v = want;
          break;
        }
      }
      tmp[y * width + x] = v;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = want ? 0 : 1;
      for (let k = Math.max(0, y - r); k <= Math.min(height - 1, y + r); k++) {
        if (tmp[k * width + x] === want) {
          v = want;
          break;
        }
      }
      out[y * width + x] = v;
    }
  }
  return out;
}

/** Bounding boxes of the 4-connected regions of a mask, with their pixel counts. */
export function componentBoxes(bits: Uint8Array, width: number, height: number): { box: Box; pixels: number }[] {
  const seen = new Uint8Array(bits.length);
  const out: { box: Box; pixels: number }[] = [];
  const stack: number[] = [];
  for (let s = 0; s < bits.length; s++) {
    if (!bits[s] || seen[s]) continue;
    let [x0, y0, x1, y1, pixels] = [width, height, 0, 0, 0];
    stack.push(s);
    seen[s] = 1;
    while (stack.length) {
      const c = stack.pop()!;
      const x = c % width;
      const y = (c - x) / width;
      pixels++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0 && bits[c - 1] && !seen[c - 1]) (seen[c - 1] = 1), stack.push(c - 1);
      if (x < width - 1 && bits[c + 1] && !seen[c + 1]) (seen[c + 1] = 1), stack.push(c + 1);
      if (y > 0 && bits[c - width] && !seen[c - width]) (seen[c - width] = 1), stack.push(c - width);
      if (y < height - 1 && bits[c + width] && !seen[c + width]) (seen[c + width] = 1), stack.push(c + width);
    }
    out.push({ box: [x0, y0, x1 - x0 + 1, y1 - y0 + 1], pixels });
  }
  return out;
}

/** Summed-area table over any per-pixel values: sums over boxes in O(1). */
export class Integral {
  private readonly sums: Float64Array;
  constructor(
    values: ArrayLike<number>,
    readonly width: number,
    readonly height: number,
  ) {
    const w1 = width + 1;
    this.sums = new Float64Array(w1 * (height + 1));
    for (let y = 0; y < height; y++) {
      let row = 0;
      for (let x = 0; x < width; x++) {
        row += values[y * width + x]!;
        this.sums[(y + 1) * w1 + x + 1] = this.sums[y * w1 + x + 1]! + row;
      }
    }
  }

  /** Sum over the pixel rectangle [x0, x1) × [y0, y1), clipped to the image. */
  sum(x0: number, y0: number, x1: number, y1: number): number {
    const w1 = this.width + 1;
    const a = Math.max(0, Math.min(this.width, Math.round(x0)));
    const b = Math.max(0, Math.min(this.width, Math.round(x1)));
    const c = Math.max(0, Math.min(this.height, Math.round(y0)));
    const d = Math.max(0, Math.min(this.height, Math.round(y1)));
    if (b <= a || d <= c) return 0;
    return this.sums[d * w1 + b]! - this.sums[c * w1 + b]! - this.sums[d * w1 + a]! + this.sums[c * w1 + a]!;
  }

  /** Area of the same clipped rectangle. */
  area(x0: number, y0: number, x1: number, y1: number): number {
    const a = Math.max(0, Math.min(this.width, Math.round(x0)));
    const b = Math.max(0, Math.min(this.width, Math.round(x1)));
    const c = Math.max(0, Math.min(this.height, Math.round(y0)));
    const d = Math.max(0, Math.min(this.height, Math.round(y1)));
    return Math.max(0, b - a) * Math.max(0, d - c);
  }
}
