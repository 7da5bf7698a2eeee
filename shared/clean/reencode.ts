// HEIC, AVIF and TIFF are re-encoded: HEIC's HEVC cannot be copied into a format every app opens,
// and for AVIF/TIFF a fresh file is the simplest way to be sure no metadata survives. The output
// carries no metadata at all (sRGB pixels, no profile needed); the picture is written upright.
import sharp from 'sharp';
import type { ImageFormat } from '../findings.js';
import { decodeUpright, hasTransparency, type UprightPixels } from '../image/decode.js';
import type { CleanOutput } from './types.js';

export const JPEG_QUALITY = 92;

export async function encodePixels(p: UprightPixels, target: 'jpeg' | 'png' | 'webp'): Promise<Uint8Array> {
  const img = sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } });
  let out: Buffer;
  if (target === 'jpeg') {
    // 4:4:4 keeps sharp edges (text, redaction boxes) crisp; mozjpeg off for speed and predictability.
    out = await img.flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4', mozjpeg: false }).toBuffer();
  } else if (target === 'png') {
    out = await img.png({ compressionLevel: 6 }).toBuffer();
  } else {
    out = await img.webp({ lossless: true }).toBuffer();
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export async function reencodeImage(bytes: Uint8Array, format: ImageFormat): Promise<CleanOutput> {
  const pixels = await decodeUpright(bytes, format, { alpha: true });
  const removed = ['All metadata (the picture was saved again as a new file)'];
  const kept: string[] = ['The picture, turned the right way up'];
  if (pixels.pages > 1) removed.push(format === 'tiff' ? 'Other pages of the file (only the first page was kept)' : 'Other pictures stored in the file (only the main picture was kept)');
  // TIFF may be a scan or a graphic with transparency: PNG keeps every pixel exactly.
  const target = format === 'tiff' ? 'png' : 'jpeg';
  if (target === 'jpeg' && hasTransparency(pixels)) removed.push('Transparency (placed on a white background)');
  const out = await encodePixels(pixels, target);
  return { bytes: out, format: target, extension: target === 'jpeg' ? 'jpg' : 'png', reencoded: true, removed, kept };
}
