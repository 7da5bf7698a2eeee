// Uses sharp and libheif (heic-decode.ts): runs under Node only.
// Decoding for the formats that are re-encoded (HEIC, AVIF, TIFF) and for redaction: the
// picture's pixels, upright (orientation applied), converted to sRGB, with no metadata.
// The pixel limit is checked from the header before any pixel is decoded.
import sharp, { type Metadata } from 'sharp';
import { ExposureError } from '../errors.js';
import type { ImageFormat } from '../findings.js';
import { FORMAT_LABEL } from '../formats.js';
import { MAX_PIXELS } from '../limits.js';
import { decodeHeicPixels } from './heic-decode.js';
import { checkHeifPicture } from './heif-check.js';
import { assertPixelLimit } from './pixel-limit.js';

export interface UprightPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
  /** More than one page or frame: only the first is kept. */
  pages: number;
}

function damaged(format: ImageFormat, cause: unknown): ExposureError {
  if (cause instanceof ExposureError) return cause;
  if (cause instanceof Error && /exceeds pixel limit/i.test(cause.message)) {
    return new ExposureError('too-large', 'This picture is too large to open safely.', { cause });
  }
  return new ExposureError('corrupt', `This ${FORMAT_LABEL[format]} image is damaged or incomplete and could not be opened.`, { cause });
}

/** Width, height and page count from the header only (sharp's metadata() does not decode). */
export async function readHeader(bytes: Uint8Array, format: ImageFormat): Promise<{ width: number; height: number; pages: number }> {
  let meta: Metadata;
  try {
    // Header only: let sharp report any size, so the refusal below can say what the size is.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw damaged(format, err);
  }
  if (!meta.width || !meta.height) throw damaged(format, new Error('no size in header'));
  assertPixelLimit(meta.width, meta.height);
  return { width: meta.width, height: meta.height, pages: meta.pages ?? 1 };
}

export async function decodeUpright(bytes: Uint8Array, format: ImageFormat): Promise<UprightPixels> {
  if (format === 'heic') {
    // sharp's prebuilt libvips cannot decode HEVC; libheif (wasm) can, and applies the HEIF
    // rotation/mirror properties itself, so the result is already upright. The size and
    // completeness checks are made on the item tables before decoding.
    try {
      const img = await decodeHeicPixels(bytes, MAX_PIXELS);
      return { data: Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), width: img.width, height: img.height, channels: 4, pages: 1 };
    } catch (err) {
      throw damaged(format, err);
    }
  }
  if (format === 'avif') checkHeifPicture(bytes, 'avif');
  const header = await readHeader(bytes, format);
  try {
    const { data, info } = await sharp(bytes, { page: 0 }).rotate().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const channels = info.channels === 4 ? 4 : 3;
    const pixels = info.channels === channels ? data : await sharp(data, { raw: info }).toColourspace('srgb').removeAlpha().raw().toBuffer();
    return { data: pixels, width: info.width, height: info.height, channels, pages: header.pages };
  } catch (err) {
    throw damaged(format, err);
  }
}

/** True when some pixel is not fully opaque (RGBA input). */
export function hasTransparency(p: UprightPixels): boolean {
  if (p.channels !== 4) return false;
  for (let i = 3; i < p.data.length; i += 4) if (p.data[i]! !== 255) return true;
  return false;
}
