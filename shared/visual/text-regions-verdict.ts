// "Is this candidate really lettering?" Measures a candidate region at a fixed character size:
// lettering is ink of one tone on a fairly even background (a sign, a label, a page), split cleanly
// by one global threshold, in strokes of one width; leaves, railings and shelves are not.
import sharp from 'sharp';
import type { Box } from './text-regions.js';
import type { RgbImage } from './types.js';

export interface LetteringFeatures {
  /** Otsu's between-class share of the grey variance (0..1): 1 = two clean tones. */
  separability: number;
  /** Spread of the background tone relative to the ink/background contrast (low = an even panel). */
  backgroundNoise: number;
  /** Share of the crop that is ink. */
  inkShare: number;
  /** Coefficient of variation of stroke widths over the ink (low = one pen). */
  strokeSpread: number;
  /** Median stroke width / character height. */
  strokeToHeight: number;
  /** Character-sized ink components in the crop. */
  characters: number;
  /** Ink/background contrast in grey levels. */
  contrast: number;
  /** True when the ink is lighter than its background. */
  lightInk: boolean;
}

/** Crops are measured with characters about this tall (pixels). */
const CHAR_PX = 24;
/** ...and at most this long, so a wide sign costs no more than a word. */
const MAX_CROP_SIDE = 480;

function otsu(grey: Uint8Array): { threshold: number; separability: number } {
  const hist = new Float64Array(256);
  for (const v of grey) hist[v]!++;
  const n = grey.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  const mean = sum / n;
  let total = 0;
  for (let i = 0; i < 256; i++) total += hist[i]! * (i - mean) ** 2;
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) [best, threshold] = [between, t];
  }
  return { threshold, separability: total > 0 ? best / n / total : 0 };
}

/** City-block distance of every ink pixel to the nearest background pixel (two passes). */
function distanceToBackground(ink: Uint8Array, w: number, h: number): Uint16Array {
  const d = new Uint16Array(w * h);
  const big = 65535;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!ink[i]) continue;
      const up = y > 0 ? d[i - w]! : 0;
      const left = x > 0 ? d[i - 1]! : 0;
      d[i] = Math.min(big, Math.min(up, left) + 1);
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      if (!ink[i]) continue;
      const down = y < h - 1 ? d[i + w]! : 0;
      const right = x < w - 1 ? d[i + 1]! : 0;
      d[i] = Math.min(d[i]!, Math.min(down, right) + 1);
    }
  }
  return d;
}

/** Ink components whose height is near the expected character height. */
function countCharacters(ink: Uint8Array, w: number, h: number, charPx: number): number {
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    let y0 = h;
    let y1 = -1;
    let x0 = w;
    let x1 = -1;
    let area = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      area++;
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
        if (j >= 0 && ink[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    const ch = y1 - y0 + 1;
    const cw = x1 - x0 + 1;
    if (ch >= charPx * 0.45 && ch <= charPx * 1.8 && cw <= charPx * 2.5 && area >= charPx) count++;
  }
  return count;
}

/** Measures one candidate region (box and character height in original pixels). */
export async function letteringFeatures(image: RgbImage, box: Box, charSize: number, vertical = false): Promise<LetteringFeatures> {
  const pad = Math.round(charSize * 0.3);
  const left = Math.max(0, Math.round(box[0] - pad));
  const top = Math.max(0, Math.round(box[1] - pad));
  const width = Math.max(1, Math.min(image.width - left, Math.round(box[2] + 2 * pad)));
  const height = Math.max(1, Math.min(image.height - top, Math.round(box[3] + 2 * pad)));
  const zoom = Math.min(CHAR_PX / Math.max(1, charSize), MAX_CROP_SIDE / Math.max(width, height));
  const w = Math.max(8, Math.round(width * zoom));
  const h = Math.max(8, Math.round(height * zoom));
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top, width, height })
    .resize(w, h, { kernel: 'cubic' });
  if (vertical) pipeline = sharp(await pipeline.raw().toBuffer(), { raw: { width: w, height: h, channels: 3 } }).rotate(90);
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(data.buffer, data.byteOffset, info.width * info.height);
  const cw = info.width;
  const chgt = info.height;
  const charPx = charSize * zoom;

  const { threshold, separability } = otsu(grey);
  // The ink is the tone that touches the crop's border less (the background surrounds it).
  let borderDark = 0;
  let borderCount = 0;
  for (let x = 0; x < cw; x++) for (const y of [0, chgt - 1]) (borderCount++, grey[y * cw + x]! <= threshold && borderDark++);
  for (let y = 0; y < chgt; y++) for (const x of [0, cw - 1]) (borderCount++, grey[y * cw + x]! <= threshold && borderDark++);
  const lightInk = borderDark / borderCount > 0.5;
  const ink = new Uint8Array(grey.length);
  let inkN = 0;
  let inkSum = 0;
  let bgSum = 0;
  let bgSq = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    const isInk = lightInk ? v > threshold : v <= threshold;
    if (isInk) {
      ink[i] = 1;
      inkN++;
      inkSum += v;
    } else {
      bgSum += v;
      bgSq += v * v;
    }
  }
  const bgN = grey.length - inkN;
  const bgMean = bgN > 0 ? bgSum / bgN : 0;
  const bgSd = bgN > 0 ? Math.sqrt(Math.max(0, bgSq / bgN - bgMean * bgMean)) : 0;
  const contrast = inkN > 0 && bgN > 0 ? Math.abs(inkSum / inkN - bgMean) : 0;

  // Stroke widths: the distance-to-background ridge (local maxima) is half a stroke wide.
  const dist = distanceToBackground(ink, cw, chgt);
  const widths: number[] = [];
  for (let y = 1; y < chgt - 1; y++) {
    for (let x = 1; x < cw - 1; x++) {
      const i = y * cw + x;
      const v = dist[i]!;
      if (v === 0) continue;
      if (v >= dist[i - 1]! && v >= dist[i + 1]! && v >= dist[i - cw]! && v >= dist[i + cw]!) widths.push(2 * v - 1);
    }
  }
  widths.sort((a, b) => a - b);
  const mean = widths.reduce((s, v) => s + v, 0) / Math.max(1, widths.length);
  const sd = Math.sqrt(widths.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, widths.length));
  return {
    separability,
    backgroundNoise: contrast > 0 ? bgSd / contrast : 9,
    inkShare: inkN / grey.length,
    strokeSpread: mean > 0 ? sd / mean : 9,
    strokeToHeight: (widths[Math.floor(widths.length / 2)] ?? 0) / Math.max(1, charPx),
    characters: countCharacters(ink, cw, chgt, charPx),
    contrast,
    lightInk,
  };
}
