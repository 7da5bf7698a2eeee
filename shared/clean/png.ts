// Uses node:zlib (a Node built-in, no file access) to re-compress the colour profile.
// PNG: rebuild the file from its chunks without metadata. Pixel data (IDAT/fdAT) is copied byte
// for byte; every written chunk gets a fresh CRC.
import { constants as zlibConstants, deflateSync, inflateSync } from 'node:zlib';
import { ExposureError } from '../errors.js';
import { listPngChunks, PNG_SIGNATURE, type PngChunk } from '../metadata/containers/png.js';
import { ascii, asciiBytes, concat, crc32, put32 } from '../bytes.js';
import { describeExif } from './exif-summary.js';
import { ICC_KEPT, neutraliseIcc } from './icc.js';
import { minimalOrientationTiff, readOrientation, ORIENTATION_KEPT } from './orientation.js';
import { assertPixelLimit } from '../image/pixel-limit.js';
import { addOnce, type CleanOutput } from './types.js';

/** Chunks about how to show the pixels (colour, transparency, animation): nothing personal. */
const RENDERING_CHUNKS = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'pHYs', 'bKGD',
  'cICP', 'mDCv', 'mDCV', 'cLLi', 'cLLI', 'acTL', 'fcTL', 'fdAT',
]);
/** Generic name written into the colour-profile chunk (the original name can name a device). */
const ICC_NAME = 'ICC profile';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  put32(out, 0, data.length);
  out.set(asciiBytes(type), 4);
  out.set(data, 8);
  put32(out, 8 + data.length, crc32([out.subarray(4, 8 + data.length)]));
  return out;
}

function textKeyword(b: Uint8Array, c: PngChunk): string {
  const zero = b.subarray(c.dataOffset, c.dataOffset + Math.min(80, c.dataLength)).indexOf(0);
  return ascii(b, c.dataOffset, zero < 0 ? Math.min(79, c.dataLength) : zero).replace(/[^\x20-\x7e]/g, '');
}

function describeText(keyword: string): string {
  if (keyword === 'XML:com.adobe.xmp') return 'XMP information (can hold location, names, editing history)';
  if (/^Raw profile type (exif|APP1)$/i.test(keyword)) return 'Camera details and settings (EXIF, as text)';
  if (/^(parameters|prompt|workflow|Dream|sd-metadata|invokeai)/i.test(keyword)) return 'AI image-generation settings (prompt, workflow)';
  return keyword ? `Text note "${keyword}"` : 'Text note';
}

function cleanIccp(b: Uint8Array, c: PngChunk, kept: string[], removed: string[]): Uint8Array | null {
  const data = b.subarray(c.dataOffset, c.dataOffset + c.dataLength);
  const nameEnd = data.indexOf(0);
  if (nameEnd < 1 || nameEnd > 79 || data[nameEnd + 1] !== 0) return null;
  let profile: Uint8Array;
  try {
    // Decoders (libpng) use a profile whose stream ends early or lacks its checksum: so do we, or the
    // copy's colours would change.
    profile = inflateSync(data.subarray(nameEnd + 2), { maxOutputLength: 16 * 1024 * 1024, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    removed.push('Damaged colour profile');
    return null;
  }
  const clean = neutraliseIcc(profile);
  if (!clean) {
    removed.push('Damaged colour profile');
    return null;
  }
  kept.push(ICC_KEPT);
  return chunk('iCCP', concat([asciiBytes(ICC_NAME), Uint8Array.of(0, 0), deflateSync(clean)]));
}

export function cleanPng(b: Uint8Array): CleanOutput {
  if (ascii(b, 0, 8) !== PNG_SIGNATURE) {
    throw new ExposureError('not-an-image', 'This file is not a PNG image, even though it may be named like one.');
  }
  const layout = listPngChunks(b);
  // Cut short first, as the reader says, so scan and clean give one diagnosis.
  if (layout.truncated) throw new ExposureError('truncated', 'This PNG is incomplete: the file was cut short, so part of the picture is missing.');
  if (layout.width === undefined || layout.height === undefined || layout.chunks[0]?.type !== 'IHDR') {
    throw new ExposureError('corrupt', 'This PNG is damaged: it has no picture header.');
  }
  assertPixelLimit(layout.width, layout.height);

  const removed: string[] = [];
  const kept: string[] = [];
  const out: Uint8Array[] = [asciiBytes(PNG_SIGNATURE)];
  let orientation = 1;
  let orientationWritten = false;
  for (const c of layout.chunks) {
    const t = c.type;
    if (t === 'IDAT' || t === 'fdAT' || t === 'IEND') {
      if (!orientationWritten && orientation !== 1) {
        out.push(chunk('eXIf', minimalOrientationTiff(orientation)));
        kept.push(ORIENTATION_KEPT);
      }
      orientationWritten = true;
    }
    const critical = (t.charCodeAt(0) & 0x20) === 0;
    if (RENDERING_CHUNKS.has(t) || (critical && t !== 'iCCP')) {
      // Copy verbatim, CRC included: pixels and rendering information stay byte-identical.
      out.push(b.subarray(c.offset, c.end));
    } else if (t === 'iCCP') {
      const icc = cleanIccp(b, c, kept, removed);
      if (icc) out.push(icc);
    } else if (t === 'eXIf' || t === 'exIf') {
      const tiff = b.subarray(c.dataOffset, c.dataOffset + c.dataLength);
      if (!orientationWritten && orientation === 1) orientation = readOrientation(tiff);
      for (const line of describeExif(tiff)) addOnce(removed, line);
    } else if (t === 'tEXt' || t === 'zTXt' || t === 'iTXt') {
      addOnce(removed, describeText(textKeyword(b, c)));
    } else if (t === 'tIME') {
      addOnce(removed, 'Date and time the file was last changed');
    } else {
      addOnce(removed, `Other hidden data (PNG "${t.replace(/[^\x20-\x7e]/g, '?')}" block)`);
    }
  }
  if (layout.trailingOffset !== null) removed.push('Data after the end of the image');
  return { bytes: concat(out), format: 'png', extension: 'png', reencoded: false, removed, kept };
}
