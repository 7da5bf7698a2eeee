// Uses sharp and libheif (heic-decode.ts): runs under Node only.
// The one decoder from file bytes to upright pixels (orientation applied, sRGB, no metadata), for
// the picture checks, the previews, the re-encoded copies and redaction. The pixel limit is checked
// from the header (pixel-limit.ts) before any pixel is decoded.
import sharp, { type Metadata } from 'sharp';
import { ExposureError } from '../errors.js';
import type { ImageFormat } from '../findings.js';
import { FORMAT_LABEL } from '../formats.js';
import { MAX_PIXELS } from '../limits.js';
import { decodeHeicPixels } from './heic-decode.js';
import { checkHeifPicture } from './heif-check.js';
import { assertPixelLimit } from './pixel-limit.js';
import type { RgbImage } from './rgb.js';

export interface UprightPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
  /** More than one page or frame: only the first is kept. */
  pages: number;
}

export interface DecodeOptions {
  /** Keep an alpha channel when the picture has one (copies keep transparency; the checks do not need it). */
  alpha?: boolean;
  /**
   * Decode what can be decoded of a slightly damaged file (a truncated JPEG shows its top part)
   * rather than refuse it: right for looking at a picture, wrong for writing a copy of it.
   */
  lenient?: boolean;
}

/** `lenient`: the picture checks' wording, which tells a kind of picture they cannot open from a damaged one. */
function damaged(format: ImageFormat, cause: unknown, lenient = false): ExposureError {
  if (cause instanceof ExposureError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/pixel limit/i.test(message)) return new ExposureError('too-large', 'This picture is too large to open safely.', { cause });
  if (lenient && /unsupported image format|bad seek|not a HEIC/i.test(message)) {
    return new ExposureError('unsupported', `This kind of ${FORMAT_LABEL[format]} picture cannot be opened to look at what it shows.`, { cause });
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

/** The first page or frame, upright, as 8-bit RGB (or RGBA with `alpha` when the picture has alpha). */
export async function decodeUpright(bytes: Uint8Array, format: ImageFormat, options: DecodeOptions = {}): Promise<UprightPixels> {
  if (format === 'heic') {
    // sharp's prebuilt libvips cannot decode HEVC; libheif (wasm) can, and applies the HEIF
    // rotation/mirror properties itself, so the result is already upright. The size and whether
    // the picture is whole are checked on the item tables before decoding: a cut-short HEIC is
    // refused even when lenient (libheif would fill the missing part with a solid colour).
    try {
      const img = await decodeHeicPixels(bytes, MAX_PIXELS);
      const rgba = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
      if (options.alpha) return { data: rgba, width: img.width, height: img.height, channels: 4, pages: 1 };
      return { data: dropAlpha(rgba, img.width * img.height), width: img.width, height: img.height, channels: 3, pages: 1 };
    } catch (err) {
      throw damaged(format, err, options.lenient);
    }
  }
  if (format === 'avif') checkHeifPicture(bytes, 'avif');
  const header = await readHeader(bytes, format);
  try {
    // libtiff reports tag-level problems (an ASCII tag without its final NUL, as DJI drones write)
    // as warnings and damaged picture data as errors: a TIFF copy is refused for errors only.
    const failOn = options.lenient ? 'none' as const : format === 'tiff' ? 'error' as const : undefined;
    const input = sharp(bytes, { page: 0, limitInputPixels: MAX_PIXELS, ...(failOn ? { failOn } : {}) }).rotate().toColourspace('srgb');
    const { data, info } = await (options.alpha ? input : input.removeAlpha()).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels === 3 || (options.alpha && info.channels === 4)) return { data, width: info.width, height: info.height, channels: info.channels, pages: header.pages };
    // Grey (with or without alpha) comes back with 1 or 2 channels.
    const rgb = await sharp(data, { raw: info }).toColourspace('srgb').removeAlpha().raw().toBuffer();
    return { data: rgb, width: info.width, height: info.height, channels: 3, pages: header.pages };
  } catch (err) {
    throw damaged(format, err, options.lenient);
  }
}

/** Upright RGB for the picture checks, decoding what it can of a slightly damaged file. */
export async function decodeRgb(bytes: Uint8Array, format: ImageFormat): Promise<RgbImage> {
  const p = await decodeUpright(bytes, format, { lenient: true });
  return { data: new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength), width: p.width, height: p.height, channels: 3 };
}

function dropAlpha(rgba: Uint8Array, pixels: number): Buffer {
  const out = Buffer.alloc(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    out[i * 3] = rgba[j]!;
    out[i * 3 + 1] = rgba[j + 1]!;
    out[i * 3 + 2] = rgba[j + 2]!;
  }
  return out;
}

/** True when some pixel is not fully opaque (RGBA input). */
export function hasTransparency(p: UprightPixels): boolean {
  if (p.channels !== 4) return false;
  for (let i = 3; i < p.data.length; i += 4) if (p.data[i]! !== 255) return true;
  return false;
}
