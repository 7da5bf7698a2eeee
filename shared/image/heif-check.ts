// Before a HEIC/HEIF/AVIF is rewritten or decoded: is its main picture there, whole, and of a size
// that can be opened safely? A picture cut short would decode as a partly blank image.
import { ExposureError } from '../errors.js';
import { pictureItems, readHeifMeta, type HeifItem, type HeifMeta } from '../metadata/containers/heif-meta.js';
import { listBoxes, type Box } from '../metadata/containers/isobmff.js';
import { assertPixelLimit } from './pixel-limit.js';

export interface HeifPicture {
  top: Box[];
  meta: HeifMeta;
  primary: HeifItem;
  /** Ids of the items the main picture is made of (primary, tiles, transparency). */
  keep: Set<number>;
  kept: HeifItem[];
}

export function checkHeifPicture(b: Uint8Array, format: 'heic' | 'avif'): HeifPicture {
  const label = format === 'avif' ? 'AVIF' : 'HEIC/HEIF';
  const top = listBoxes(b).boxes;
  const meta = readHeifMeta(b, top);
  const primary = meta?.items.find((i) => i.id === meta.primaryId);
  if (!meta || !primary?.type) throw new ExposureError('corrupt', `This ${label} photo is damaged: its main picture cannot be found in the file.`);
  if (primary.width && primary.height) assertPixelLimit(primary.width, primary.height);
  const keep = pictureItems(meta, primary);
  const kept = meta.items.filter((i) => keep.has(i.id));
  if (kept.some((i) => i.incomplete || !i.type)) {
    throw new ExposureError('truncated', `This ${label} photo is cut short or damaged: part of its picture is missing (a copy would show part of it as a solid block). Copy the photo again from the phone or camera.`);
  }
  return { top, meta, primary, keep, kept };
}
