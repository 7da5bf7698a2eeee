// Clean copies: the same picture without what can locate or identify the person who took it.
// Pure functions over bytes (no files). JPEG, PNG, WebP, GIF, JPEG XL, HEIC/HEIF and AVIF are
// cleaned losslessly; TIFF is re-encoded; redaction always re-encodes.
import { ExposureError } from '../errors.js';
import type { ImageFormat } from '../findings.js';
import { cleanGif } from './gif.js';
import { cleanJpeg } from './jpeg.js';
import { cleanJxl } from './jxl.js';
import { cleanPng } from './png.js';
import type { CleanOutput } from './types.js';
import type { CoverArea } from '../cover.js';
import { cleanWebp } from './webp.js';

export type { Box, CleanOutput } from './types.js';

function assertNotEmpty(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ExposureError('empty', 'This file is empty (0 bytes): there is no picture in it.');
}

export interface CleanImageOptions {
  /** Save HEIC/HEIF and AVIF as JPEG (decoded and encoded again) for sites that refuse them. */
  to?: 'jpeg';
}

export async function cleanImage(bytes: Uint8Array, format: ImageFormat, options: CleanImageOptions = {}): Promise<CleanOutput> {
  assertNotEmpty(bytes);
  switch (format) {
    case 'jpeg':
      return cleanJpeg(bytes);
    case 'png':
      return cleanPng(bytes);
    case 'webp':
      return cleanWebp(bytes);
    case 'gif':
      return cleanGif(bytes);
    case 'jxl':
      return cleanJxl(bytes);
    case 'heic':
    case 'avif':
      // The HEIF rewrite checks the picture with libheif (and re-encodes with sharp for --to jpeg):
      // loaded only when such a file arrives.
      return (await import('./heif.js')).cleanHeif(bytes, format, options);
    case 'tiff':
      // Decoding needs sharp (libvips) and libheif: loaded only when such a file arrives, so a
      // metadata-only clean of JPEG/PNG/WebP never pays for them.
      return (await import('./reencode.js')).reencodeImage(bytes, format);
    case 'jp2':
      throw new ExposureError('unsupported', 'JPEG 2000 files cannot be cleaned yet: convert the picture to JPEG or PNG first, then clean that.');
  }
}

/**
 * Covers the given areas for good (issue 4), then saves the picture with no metadata. Areas are
 * in pixels of the upright picture (after EXIF orientation).
 */
export async function redactImage(bytes: Uint8Array, format: ImageFormat, cover: readonly CoverArea[]): Promise<CleanOutput> {
  assertNotEmpty(bytes);
  const { redactPixels } = await import('./redact.js');
  const redacted = await redactPixels(bytes, format, cover);
  // For the lossless formats the cleaner can name what the metadata held; show that too.
  if (format === 'jpeg' || format === 'png' || format === 'webp' || format === 'gif') {
    const named = (await cleanImage(bytes, format)).removed;
    redacted.removed.push(...named.map((line) => line));
  }
  return redacted;
}
