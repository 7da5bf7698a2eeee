// Redaction (issue 4): destroy chosen areas of the picture for good. A solid fill or a coarse
// mosaic whose blocks are plain means (never a blur, which can be partly undone); pixels outside
// the areas are left exactly as they were. Then the picture is saved as a new file with no metadata.
import { ExposureError } from '../errors.js';
import type { ImageFormat } from '../findings.js';
import { coverBounds, type CoverArea } from '../cover.js';
import { CoverAreasSchema } from '../cover-schema.js';
import { decodeUpright, type UprightPixels } from '../image/decode.js';
import { encodePixels } from './reencode.js';
import type { CleanOutput } from './types.js';

/** Dark grey rather than pure black: obviously deliberate, and never mistaken for a shadow. */
export const REDACTION_FILL: readonly [number, number, number] = [32, 32, 32];
export const MIN_PIXELATE_BLOCK = 16;

export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An area rasterised: its bounding rectangle clamped to the picture, and which pixels of it are inside (1). */
export interface AreaMask {
  rect: PixelRect;
  /** rect.w × rect.h, row-major; null when every pixel of the rectangle is inside (a box). */
  inside: Uint8Array | null;
}

function clampRect(x: number, y: number, w: number, h: number, width: number, height: number): PixelRect | null {
  const x0 = Math.max(0, Math.floor(Math.min(x, width)));
  const y0 = Math.max(0, Math.floor(Math.min(y, height)));
  const x1 = Math.min(width, Math.ceil(Math.max(0, x + w)));
  const y1 = Math.min(height, Math.ceil(Math.max(0, y + h)));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/**
 * Which pixels an area covers. A box covers every pixel it touches; a stroke covers every pixel
 * whose centre lies within the brush radius of its path. Null when the area misses the picture.
 */
export function rasterise(area: CoverArea, width: number, height: number): AreaMask | null {
  const [bx, by, bw, bh] = coverBounds(area);
  const rect = clampRect(bx, by, bw, bh, width, height);
  if (!rect) return null;
  if (area.shape === 'box') return { rect, inside: null };
  const inside = new Uint8Array(rect.w * rect.h);
  const r = area.radius;
  const pts = area.points.length === 1 ? [area.points[0]!, area.points[0]!] : area.points;
  for (let s = 1; s < pts.length; s++) {
    const [ax, ay] = pts[s - 1]!;
    const [cx, cy] = pts[s]!;
    const dx = cx - ax;
    const dy = cy - ay;
    const len2 = dx * dx + dy * dy;
    const sx0 = Math.max(rect.x, Math.floor(Math.min(ax, cx) - r));
    const sx1 = Math.min(rect.x + rect.w, Math.ceil(Math.max(ax, cx) + r));
    const sy0 = Math.max(rect.y, Math.floor(Math.min(ay, cy) - r));
    const sy1 = Math.min(rect.y + rect.h, Math.ceil(Math.max(ay, cy) + r));
    for (let y = sy0; y < sy1; y++) {
      const py = y + 0.5;
      for (let x = sx0; x < sx1; x++) {
        const px = x + 0.5;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
        const ex = px - (ax + t * dx);
        const ey = py - (ay + t * dy);
        if (ex * ex + ey * ey <= r * r) inside[(y - rect.y) * rect.w + (x - rect.x)] = 1;
      }
    }
  }
  return { rect, inside };
}

export function pixelateBlockSize(r: PixelRect): number {
  return Math.max(MIN_PIXELATE_BLOCK, Math.ceil(Math.min(r.w, r.h) / 8));
}

function isInside(m: AreaMask, x: number, y: number): boolean {
  return m.inside === null || m.inside[(y - m.rect.y) * m.rect.w + (x - m.rect.x)] === 1;
}

export function fillArea(p: UprightPixels, m: AreaMask): void {
  const { data, width, channels } = p;
  const r = m.rect;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      if (!isInside(m, x, y)) continue;
      const i = (y * width + x) * channels;
      data[i] = REDACTION_FILL[0];
      data[i + 1] = REDACTION_FILL[1];
      data[i + 2] = REDACTION_FILL[2];
      if (channels === 4) data[i + 3] = 255;
    }
  }
}

/**
 * Each block (aligned to the area's corner, cut at its edges) becomes the mean of its pixels that
 * lie inside the area; pixels outside the area keep their values.
 */
export function pixelateArea(p: UprightPixels, m: AreaMask): void {
  const { data, width, channels } = p;
  const r = m.rect;
  const block = pixelateBlockSize(r);
  const sums = new Float64Array(channels);
  for (let by = r.y; by < r.y + r.h; by += block) {
    const yEnd = Math.min(by + block, r.y + r.h);
    for (let bx = r.x; bx < r.x + r.w; bx += block) {
      const xEnd = Math.min(bx + block, r.x + r.w);
      sums.fill(0);
      let n = 0;
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          if (!isInside(m, x, y)) continue;
          const i = (y * width + x) * channels;
          for (let c = 0; c < channels; c++) sums[c]! += data[i + c]!;
          n++;
        }
      }
      if (n === 0) continue;
      const mean = Array.from(sums, (s) => Math.round(s / n));
      if (channels === 4) mean[3] = 255; // what was transparent must not hide what it covered
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          if (!isInside(m, x, y)) continue;
          const i = (y * width + x) * channels;
          for (let c = 0; c < channels; c++) data[i + c] = mean[c]!;
        }
      }
    }
  }
}

/** Checks the areas (they may come from a file or a message) and covers them in place; returns how many touched the picture. */
export function coverPixels(pixels: UprightPixels, areas: readonly CoverArea[]): { fill: number; pixelate: number } {
  const parsed = CoverAreasSchema.safeParse(areas);
  if (!parsed.success) throw new ExposureError('invalid-input', 'An area to cover has an invalid position or size.');
  const count = { fill: 0, pixelate: 0 };
  // Pixelate first, then fill: a solid area drawn over a mosaic stays solid.
  const ordered = [...parsed.data].sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'pixelate' ? -1 : 1));
  for (const area of ordered) {
    const mask = rasterise(area, pixels.width, pixels.height);
    if (!mask) continue;
    (area.mode === 'fill' ? fillArea : pixelateArea)(pixels, mask);
    count[area.mode]++;
  }
  return count;
}

const OUTPUT: Partial<Record<ImageFormat, 'jpeg' | 'png' | 'webp'>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'png', heic: 'jpeg', avif: 'jpeg', tiff: 'jpeg' };

function areas(n: number): string {
  return `${n} ${n === 1 ? 'area' : 'areas'} of the picture`;
}

export async function redactPixels(bytes: Uint8Array, format: ImageFormat, cover: readonly CoverArea[]): Promise<CleanOutput> {
  const target = OUTPUT[format];
  if (!target) throw new ExposureError('unsupported', 'Parts of this kind of picture cannot be hidden yet; convert it to JPEG or PNG first.');
  const pixels = await decodeUpright(bytes, format, { alpha: true });
  const count = coverPixels(pixels, cover);
  const out = await encodePixels(pixels, target);
  const removed: string[] = [];
  if (count.fill > 0) removed.push(`${areas(count.fill)} covered with a solid block`);
  if (count.pixelate > 0) removed.push(`${areas(count.pixelate)} turned into coarse squares`);
  removed.push('All metadata (the picture was saved again as a new file)');
  if (pixels.pages > 1) removed.push('Other frames or pages (only the first was kept)');
  return { bytes: out, format: target, extension: target === 'jpeg' ? 'jpg' : target, reencoded: true, removed, kept: ['The picture, turned the right way up'] };
}
