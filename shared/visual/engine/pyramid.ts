// Uses Node (sharp): the smaller copies of the picture the detectors read, made once per size.
import sharp from 'sharp';
import { fitRgb } from '../pixels/image-ops.js';
import type { RgbImage, WorkingCopy } from '../types.js';

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

/**
 * A box-averaged copy that fits within `side` (the detectors' working copies), with its scale
 * (copy pixels per original pixel). Averaged from the 2048-px copy the others share rather than
 * from the full photo: the same picture for a detector working at 256-640 px, at a twentieth of
 * the cost of reading 36 MB of pixels in JavaScript.
 */
export async function averagedCopy(image: RgbImage, side: number): Promise<WorkingCopy> {
  const longest = Math.max(image.width, image.height);
  if (longest <= PYRAMID_BASE || process.env.EXPOSURE_WORK_COPIES === 'full') return fitRgb(image, side);
  const base = await downscale(image, PYRAMID_BASE);
  const fit = fitRgb(base.image, side);
  return { image: fit.image, scale: fit.image.width / image.width };
}
