// Redaction (issue 4): destroy chosen regions of the picture for good. A solid fill or a coarse
// mosaic whose blocks are plain means (never a blur, which can be partly undone), then the
// picture is saved as a new file with no metadata.
import { ExposureError } from '../errors.js';
import type { ImageFormat } from '../findings.js';
import { decodeUpright, type UprightPixels } from '../image/decode.js';
import { encodePixels } from './reencode.js';
import type { Box, CleanOutput, RedactMode } from './types.js';

/** Dark grey rather than pure black: obviously deliberate, and never mistaken for a shadow. */
export const REDACTION_FILL: readonly [number, number, number] = [32, 32, 32];
export const MIN_PIXELATE_BLOCK = 16;

export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Validates boxes and clamps them to the picture; boxes left empty after clamping are dropped. */
export function clampBoxes(boxes: readonly Box[], width: number, height: number): PixelRect[] {
  const out: PixelRect[] = [];
  for (const box of boxes) {
    if (!Array.isArray(box) || box.length !== 4 || box.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new ExposureError('invalid-input', 'A region to hide has an invalid position or size.');
    }
    const x0 = Math.floor(Math.min(box[0], width));
    const y0 = Math.floor(Math.min(box[1], height));
    const x1 = Math.ceil(Math.min(box[0] + box[2], width));
    const y1 = Math.ceil(Math.min(box[1] + box[3], height));
    if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }
  return out;
}

export function pixelateBlockSize(r: PixelRect): number {
  return Math.max(MIN_PIXELATE_BLOCK, Math.ceil(Math.min(r.w, r.h) / 8));
}

export function fillRect(p: UprightPixels, r: PixelRect): void {
  const { data, width, channels } = p;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * width + x) * channels;
      data[i] = REDACTION_FILL[0];
      data[i + 1] = REDACTION_FILL[1];
      data[i + 2] = REDACTION_FILL[2];
      if (channels === 4) data[i + 3] = 255;
    }
  }
}

/** Each block (aligned to the box's corner, cut at its edges) becomes the mean of its pixels. */
export function pixelateRect(p: UprightPixels, r: PixelRect): void {
  const { data, width, channels } = p;
  const block = pixelateBlockSize(r);
  const sums = new Float64Array(channels);
  for (let by = r.y; by < r.y + r.h; by += block) {
    const yEnd = Math.min(by + block, r.y + r.h);
    for (let bx = r.x; bx < r.x + r.w; bx += block) {
      const xEnd = Math.min(bx + block, r.x + r.w);
      sums.fill(0);
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const i = (y * width + x) * channels;
          for (let c = 0; c < channels; c++) sums[c]! += data[i + c]!;
        }
      }
      const n = (yEnd - by) * (xEnd - bx);
      const mean = Array.from(sums, (s) => Math.round(s / n));
      if (channels === 4) mean[3] = 255; // what was transparent must not hide what it covered
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const i = (y * width + x) * channels;
          for (let c = 0; c < channels; c++) data[i + c] = mean[c]!;
        }
      }
    }
  }
}

const OUTPUT: Partial<Record<ImageFormat, 'jpeg' | 'png' | 'webp'>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'png', heic: 'jpeg', avif: 'jpeg', tiff: 'jpeg' };

export async function redactPixels(bytes: Uint8Array, format: ImageFormat, boxes: readonly Box[], mode: RedactMode = 'fill'): Promise<CleanOutput> {
  const target = OUTPUT[format];
  if (!target) throw new ExposureError('unsupported', 'Parts of this kind of picture cannot be hidden yet; convert it to JPEG or PNG first.');
  if (mode !== 'fill' && mode !== 'pixelate') throw new ExposureError('invalid-input', 'Unknown way of hiding a region.');
  const pixels = await decodeUpright(bytes, format, { alpha: true });
  const rects = clampBoxes(boxes, pixels.width, pixels.height);
  for (const r of rects) (mode === 'fill' ? fillRect : pixelateRect)(pixels, r);
  const out = await encodePixels(pixels, target);
  const how = mode === 'fill' ? 'covered with a solid block' : 'turned into coarse squares';
  const removed = [
    `${rects.length} ${rects.length === 1 ? 'area' : 'areas'} of the picture ${how}`,
    'All metadata (the picture was saved again as a new file)',
  ];
  if (pixels.pages > 1) removed.push('Other frames or pages (only the first was kept)');
  return { bytes: out, format: target, extension: target === 'jpeg' ? 'jpg' : target, reencoded: true, removed, kept: ['The picture, turned the right way up'] };
}
