// The one EXIF tag a clean copy keeps: Orientation, so the photo stays upright in every viewer.
// Reads it from a TIFF-structured EXIF block and writes a minimal block that holds nothing else.
import { u16, u32 } from '../bytes.js';

const ORIENTATION_TAG = 0x0112;

/** Orientation (1-8) from a TIFF header onwards ("II*\0" / "MM\0*"); 1 when absent or unreadable. */
export function readOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d;
  if (!little && !big) return 1;
  const ifd0 = u32(tiff, 4, little);
  if (ifd0 < 8 || ifd0 + 2 > tiff.length) return 1;
  const count = u16(tiff, ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(tiff, entry, little) === ORIENTATION_TAG) {
      const value = u16(tiff, entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** A big-endian TIFF block with IFD0 holding only Orientation (26 bytes). */
export function minimalOrientationTiff(orientation: number): Uint8Array {
  return Uint8Array.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // header, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, orientation >> 8, orientation & 0xff, 0x00, 0x00, // SHORT
    0x00, 0x00, 0x00, 0x00, // no next IFD (no thumbnail)
  ]);
}

export const ORIENTATION_KEPT = 'Orientation (keeps the photo upright)';
