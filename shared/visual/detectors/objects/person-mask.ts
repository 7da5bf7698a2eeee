// Uses Node (TF.js through the engine's Human): separates the people in a photo from the background, so a
// finding can say whether it is about the subject or about the room behind them.
import { downscale } from '../../engine/pyramid.js';
import { toTensor, type HumanLike } from '../../engine/human.js';
import type { PersonMask, RgbImage } from '../../types.js';

/** The segmentation model works at 256 px; a little more keeps the edges usable. */
const MASK_SIDE = 512;

/**
 * A person mask at most MASK_SIDE px on its long side (scale it to the image with `maskValueAt`
 * or `maskCoverage`): 255 where a person is, 0 for background.
 */
export async function personMask(human: HumanLike, image: RgbImage): Promise<PersonMask> {
  const { image: small } = await downscale(image, MASK_SIDE);
  const input = toTensor(human, small.data, small.width, small.height);
  try {
    const out = await human.segmentation(input);
    if (!out) return { data: new Uint8Array(small.width * small.height), width: small.width, height: small.height };
    try {
      const [h = small.height, w = small.width, c = 1] = out.shape;
      const values = await out.data();
      const data = new Uint8Array(w * h);
      // Human returns RGBA; the alpha channel is the person probability (0..255).
      for (let i = 0; i < w * h; i++) data[i] = Math.max(0, Math.min(255, Math.round(Number(values[i * c + (c - 1)]))));
      return { data, width: w, height: h };
    } finally {
      human.tf.dispose(out);
    }
  } finally {
    human.tf.dispose(input);
  }
}

/** The mask value (0..255) at a pixel of the full image. */
export function maskValueAt(mask: PersonMask, x: number, y: number, imageWidth: number, imageHeight: number): number {
  const mx = Math.min(mask.width - 1, Math.max(0, Math.floor((x * mask.width) / imageWidth)));
  const my = Math.min(mask.height - 1, Math.max(0, Math.floor((y * mask.height) / imageHeight)));
  return mask.data[my * mask.width + mx] ?? 0;
}

/** Share (0..1) of a box, in full-image pixels, that lies on a person. */
export function maskCoverage(
  mask: PersonMask,
  box: readonly [number, number, number, number],
  imageWidth: number,
  imageHeight: number,
): number {
  const sx = mask.width / imageWidth;
  const sy = mask.height / imageHeight;
  const x0 = Math.max(0, Math.floor(box[0] * sx));
  const y0 = Math.max(0, Math.floor(box[1] * sy));
  const x1 = Math.min(mask.width, Math.max(x0 + 1, Math.ceil((box[0] + box[2]) * sx)));
  const y1 = Math.min(mask.height, Math.max(y0 + 1, Math.ceil((box[1] + box[3]) * sy)));
  let on = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      total++;
      if ((mask.data[y * mask.width + x] ?? 0) >= 128) on++;
    }
  }
  return total === 0 ? 0 : on / total;
}
