// Node built-ins (sharp): small upright previews for the app. The renderer never reads files
// itself; it gets a data: URL of a downscaled JPEG with no metadata.
import sharp from 'sharp';
import { detectFormat } from '../formats.js';
import { ExposureError } from '../errors.js';
import { decodeRgb } from '../image/decode.js';
import { readPhoto } from './files.js';

export interface Preview {
  jpeg: Uint8Array;
  /** Size of the full upright picture, so boxes in original pixels can be scaled onto the preview. */
  width: number;
  height: number;
}

export async function makePreview(file: string, maxSize = 1024): Promise<Preview> {
  return previewOf(await readPhoto(file), maxSize);
}

/** A downscaled upright JPEG of any picture in memory; sharp writes it with no metadata at all. */
export async function previewOf(bytes: Uint8Array, maxSize = 1024): Promise<Preview> {
  const format = detectFormat(bytes);
  if (!format) throw new ExposureError('not-an-image', 'This file is not a photo this app can open.');
  const image = await decodeRgb(bytes, format);
  const jpeg = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toBuffer();
  return { jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), width: image.width, height: image.height };
}
