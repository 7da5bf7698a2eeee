// Uses Node (sharp, heic-decode): turns file bytes into the upright RGB picture the detectors read.
import sharp from 'sharp';
import { ExposureError } from '../errors.js';
import type { ImageFormat } from '../findings.js';
import { MAX_PIXELS } from '../limits.js';
import { decodeHeicPixels } from '../clean/heic-decode.js';
import { checkHeifPicture } from '../clean/heif-check.js';
import type { RgbImage } from './types.js';

function rgbFromRaw(data: Uint8Array, width: number, height: number, channels: number): RgbImage {
  if (channels === 3) return { data, width, height, channels: 3 };
  const out = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const o = i * 3;
    if (channels < 3) {
      out[o] = out[o + 1] = out[o + 2] = data[j]!;
    } else {
      out[o] = data[j]!;
      out[o + 1] = data[j + 1]!;
      out[o + 2] = data[j + 2]!;
    }
  }
  return { data: out, width, height, channels: 3 };
}

async function decodeHeic(bytes: Uint8Array): Promise<RgbImage> {
  // libheif applies the HEIF rotation/mirror boxes itself, so the result is already upright.
  const { width, height, data } = await decodeHeicPixels(bytes, MAX_PIXELS);
  return rgbFromRaw(data, width, height, 4);
}

/** Decodes any supported image to upright 8-bit RGB (orientation applied, alpha dropped). */
export async function decodeForVisual(bytes: Uint8Array, format: ImageFormat): Promise<RgbImage> {
  try {
    if (format === 'heic') return await decodeHeic(bytes);
    if (format === 'avif') checkHeifPicture(bytes, 'avif');
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'none', pages: 1 })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return rgbFromRaw(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info.width, info.height, info.channels);
  } catch (err) {
    if (err instanceof ExposureError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(msg)) throw new ExposureError('too-large', 'This picture is too large to check safely.', { cause: err });
    if (/unsupported image format|bad seek|not a HEIC/i.test(msg)) {
      throw new ExposureError('unsupported', 'This kind of picture cannot be checked for what it shows.', { cause: err });
    }
    throw new ExposureError('corrupt', 'The picture could not be decoded: the file may be damaged.', { cause: err });
  }
}

/** Every detector reads a smaller copy; big photos are shrunk once to this size and the rest derive from it. */
const PYRAMID_BASE = 2048;
const shrunk = new WeakMap<RgbImage, Map<number, Promise<{ image: RgbImage; scale: number }>>>();

async function resizeRgb(image: RgbImage, maxSide: number): Promise<{ image: RgbImage; scale: number }> {
  const s = maxSide / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * s));
  const height = Math.max(1, Math.round(image.height * s));
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { kernel: 'linear' })
    .raw()
    .toBuffer();
  return {
    image: { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 3 },
    scale: image.width / width,
  };
}

/**
 * A smaller copy for the detectors (never larger than the original), with the scale back to
 * original pixels. Results are remembered per image, so detectors asking for the same size share one.
 */
export function downscale(image: RgbImage, maxSide: number): Promise<{ image: RgbImage; scale: number }> {
  const longest = Math.max(image.width, image.height);
  if (longest <= maxSide) return Promise.resolve({ image, scale: 1 });
  let sizes = shrunk.get(image);
  if (!sizes) {
    sizes = new Map();
    shrunk.set(image, sizes);
  }
  let result = sizes.get(maxSide);
  if (!result) {
    result =
      maxSide < PYRAMID_BASE && longest > PYRAMID_BASE
        ? downscale(image, PYRAMID_BASE).then(async (base) => {
            const r = await resizeRgb(base.image, maxSide);
            return { image: r.image, scale: image.width / r.image.width };
          })
        : resizeRgb(image, maxSide);
    sizes.set(maxSide, result);
  }
  return result;
}
