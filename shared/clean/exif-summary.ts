// Plain words for what an EXIF block held, so the user sees what the clean copy took out.
// A light walk of IFD0, the Exif IFD and the thumbnail link; the reader (shared/metadata) does the
// full job, this only names the kinds of thing removed.
import { u16, u32 } from '../bytes.js';

const TAGS_IFD0: Record<number, string> = {
  0x8825: 'GPS location',
  0x013b: 'Photographer name (Artist)',
  0x8298: 'Copyright owner',
  0x010f: 'Camera make and model',
  0x0110: 'Camera make and model',
  0x0131: 'Editing software',
  0x0132: 'Date and time',
  0x9c9d: 'Author name (Windows)',
};
const TAGS_EXIF: Record<number, string> = {
  0x927c: 'Maker notes (camera-specific data; can include serial numbers)',
  0xa431: 'Camera serial number',
  0xa435: 'Lens serial number',
  0xa430: 'Camera owner name',
  0x9003: 'Date and time',
  0xa420: 'Unique image ID',
};

export const EXIF_GENERAL = 'Camera details and settings (EXIF)';
export const THUMBNAIL = 'Hidden thumbnail image (can show the uncropped original)';

/** Describes a TIFF-structured EXIF block ("II*\0"/"MM\0*" at offset 0). */
export function describeExif(tiff: Uint8Array): string[] {
  const out = [EXIF_GENERAL];
  if (tiff.length < 8) return out;
  const little = tiff[0] === 0x49;
  const readIfd = (at: number, names: Record<number, string>): { sub: number; next: number } => {
    let sub = 0;
    if (at < 8 || at + 2 > tiff.length) return { sub, next: 0 };
    const count = u16(tiff, at, little);
    for (let i = 0; i < count && at + 2 + i * 12 + 12 <= tiff.length; i++) {
      const e = at + 2 + i * 12;
      const tag = u16(tiff, e, little);
      const name = names[tag];
      if (name && !out.includes(name)) out.push(name);
      if (tag === 0x8769) sub = u32(tiff, e + 8, little);
    }
    const nextAt = at + 2 + count * 12;
    return { sub, next: nextAt + 4 <= tiff.length ? u32(tiff, nextAt, little) : 0 };
  };
  const ifd0 = readIfd(u32(tiff, 4, little), TAGS_IFD0);
  if (ifd0.sub) readIfd(ifd0.sub, TAGS_EXIF);
  if (ifd0.next >= 8 && ifd0.next < tiff.length) out.push(THUMBNAIL);
  return out;
}
