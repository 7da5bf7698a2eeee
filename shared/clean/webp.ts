// WebP: rebuild the RIFF container without EXIF and XMP. Bitstream chunks (VP8, VP8L, ALPH,
// ANMF) are copied byte for byte; the VP8X flags and the RIFF size are recomputed.
import { ExposureError } from '../errors.js';
import { listWebpChunks, type RiffChunk } from '../metadata/containers/webp.js';
import { ascii, asciiBytes, concat, put32, startsWith, u32 } from '../bytes.js';
import { describeExif } from './exif-summary.js';
import { ICC_KEPT, neutraliseIcc } from './icc.js';
import { minimalOrientationTiff, readOrientation, ORIENTATION_KEPT } from './orientation.js';
import { assertPixelLimit } from '../image/pixel-limit.js';
import { addOnce, type CleanOutput } from './types.js';

const PICTURE_CHUNKS = new Set(['VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF']);
const FLAG_ICC = 0x20;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  out.set(asciiBytes(type), 0);
  put32(out, 4, data.length, true);
  out.set(data, 8);
  return out;
}

function payload(b: Uint8Array, c: RiffChunk): Uint8Array {
  return b.subarray(c.dataOffset, c.dataOffset + c.dataLength);
}

/** EXIF chunks are a bare TIFF block by the spec, but some writers prefix "Exif\0\0". */
function exifTiff(data: Uint8Array): Uint8Array {
  return startsWith(data, 0, 'Exif\0\0') ? data.subarray(6) : data;
}

export function cleanWebp(b: Uint8Array): CleanOutput {
  if (ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') {
    throw new ExposureError('not-an-image', 'This file is not a WebP image, even though it may be named like one.');
  }
  const layout = listWebpChunks(b);
  if (layout.truncated) throw new ExposureError('truncated', 'This WebP image is incomplete: the file was cut short.');
  if (layout.width === undefined || layout.height === undefined) {
    throw new ExposureError('corrupt', 'This WebP image is damaged: it has no picture data.');
  }
  assertPixelLimit(layout.width, layout.height);

  const removed: string[] = [];
  const kept: string[] = [];
  let vp8x: Uint8Array | null = null;
  let icc: Uint8Array | null = null;
  let orientation = 1;
  const picture: Uint8Array[] = [];
  for (const c of layout.chunks) {
    if (c.type === 'VP8X' && c.dataLength >= 10) vp8x = payload(b, c).slice();
    else if (PICTURE_CHUNKS.has(c.type)) picture.push(b.subarray(c.offset, c.end));
    else if (c.type === 'ICCP' && !icc) {
      icc = neutraliseIcc(payload(b, c));
      if (icc) kept.push(ICC_KEPT);
      else removed.push('Damaged colour profile');
    } else if (c.type === 'EXIF') {
      const tiff = exifTiff(payload(b, c));
      if (orientation === 1) orientation = readOrientation(tiff);
      for (const line of describeExif(tiff)) addOnce(removed, line);
    } else if (c.type === 'XMP ') addOnce(removed, 'XMP information (can hold location, names, editing history)');
    else addOnce(removed, `Other hidden data (WebP "${c.type.replace(/[^\x20-\x7e]/g, '?')}" block)`);
  }
  if (picture.length === 0) throw new ExposureError('corrupt', 'This WebP image is damaged: it has no picture data.');
  const riffEnd = 8 + u32(b, 4, true);
  if (riffEnd < b.length && b.subarray(riffEnd).some((v) => v !== 0)) removed.push('Data after the end of the image');

  const chunks: Uint8Array[] = [];
  if (vp8x) {
    // Simple (non-VP8X) files cannot carry ICC or EXIF at all, so only extended files get them back.
    let flags = vp8x[0]! & ~(FLAG_ICC | FLAG_EXIF | FLAG_XMP);
    if (icc) flags |= FLAG_ICC;
    if (orientation !== 1) flags |= FLAG_EXIF;
    vp8x[0] = flags;
    chunks.push(riffChunk('VP8X', vp8x));
    if (icc) chunks.push(riffChunk('ICCP', icc));
  } else if (icc || orientation !== 1) {
    kept.length = 0;
    if (icc) removed.push('Colour profile (a simple WebP file cannot hold one)');
  }
  chunks.push(...picture);
  if (vp8x && orientation !== 1) {
    chunks.push(riffChunk('EXIF', minimalOrientationTiff(orientation)));
    kept.push(ORIENTATION_KEPT);
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(asciiBytes('RIFF'), 0);
  put32(header, 4, body.length + 4, true);
  header.set(asciiBytes('WEBP'), 8);
  return { bytes: concat([header, body]), format: 'webp', extension: 'webp', reencoded: false, removed, kept };
}
