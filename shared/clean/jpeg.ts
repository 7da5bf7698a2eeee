// JPEG: lossless cleaning. Only metadata segments and data after the end of the image go; the
// quantisation and Huffman tables, frame headers and every scan's compressed data are copied byte
// for byte, so the copy decodes to exactly the same pixels.
import { ExposureError } from '../errors.js';
import { jpegDamage } from '../metadata/read-jpeg.js';
import { ascii, asciiBytes, concat, indexOfAscii, put16, startsWith } from '../bytes.js';
import { describeExif } from './exif-summary.js';
import { ICC_KEPT, neutraliseIcc } from './icc.js';
import { walkJpeg, jpegDimensions, SOS, STRAY, isStartOfFrame, type JpegPiece as JpegSegment } from '../metadata/containers/jpeg.js';
import { minimalOrientationTiff, readOrientation, ORIENTATION_KEPT } from './orientation.js';
import { assertPixelLimit } from '../image/pixel-limit.js';
import { addOnce, pieceOutput, type CleanOutput } from './types.js';

/** Segments that carry the picture itself (tables, frame, scans, restart interval...). */
const CODING_MARKERS = new Set([0xdb, 0xc4, 0xcc, 0xdd, 0xdc, 0xde, 0xdf, 0xf8, SOS]);
const ICC_SIGNATURE = 'ICC_PROFILE\0';
const ICC_CHUNK_MAX = 65535 - 2 - ICC_SIGNATURE.length - 2;

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out[0] = 0xff;
  out[1] = marker;
  put16(out, 2, payload.length + 2);
  out.set(payload, 4);
  return out;
}

const THUMBNAIL_REMOVED = 'Hidden thumbnail image (can show the uncropped original)';

/** JFIF keeps version, units and density; its thumbnail goes. */
function jfifSegment(b: Uint8Array, p: number, removed: string[]): Uint8Array {
  if (b[p + 12] || b[p + 13]) addOnce(removed, THUMBNAIL_REMOVED);
  return segment(0xe0, Uint8Array.from([...b.subarray(p, p + 12), 0, 0]));
}

/** The Adobe marker's colour-transform byte says how to turn YCCK/CMYK back into colours: keep it. */
function adobeSegment(b: Uint8Array, p: number): Uint8Array {
  return segment(0xee, Uint8Array.from([...asciiBytes('Adobe'), 0, 100, 0, 0, 0, 0, b[p + 11]!]));
}

function describeTrailer(b: Uint8Array, from: number): string {
  const tail = b.subarray(from);
  const hasVideo = tail.length > 12 && indexOfAscii(tail, 'ftyp') >= 0;
  if (hasVideo) return 'Data after the end of the image (motion-photo video)';
  const skip = tail.findIndex((v) => v !== 0);
  if (skip >= 0 && tail[skip] === 0xff && tail[skip + 1] === 0xd8) {
    return 'Data after the end of the image (a second picture: stereo pair, depth map or HDR gain map)';
  }
  return 'Data after the end of the image';
}

function describeApp(b: Uint8Array, s: JpegSegment, removed: string[]): void {
  const n = s.marker - 0xe0;
  const p = s.payload;
  if (n === 1 && startsWith(b, p, 'Exif\0')) for (const line of describeExif(b.subarray(p + 6, s.payloadEnd))) addOnce(removed, line);
  else if (n === 1 && startsWith(b, p, 'http://ns.adobe.com/')) addOnce(removed, 'XMP information (can hold location, names, editing history)');
  else if (n === 1 && startsWith(b, p, 'FLIR')) addOnce(removed, 'FLIR thermal-camera record (can hold the GPS location)');
  else if (n === 2 && startsWith(b, p, 'MPF\0')) addOnce(removed, 'Multi-picture index (MPF)');
  else if (n === 13) addOnce(removed, 'Photoshop and IPTC information (captions, names, places)');
  else if (n === 0 && startsWith(b, p, 'JFXX')) addOnce(removed, THUMBNAIL_REMOVED);
  else addOnce(removed, `Application data (APP${n}${printableTag(b, p)})`);
}

function printableTag(b: Uint8Array, p: number): string {
  const tag = ascii(b, p, 12).split('\0')[0]!.replace(/[^\x20-\x7e]/g, '');
  return tag.length >= 3 ? `: ${tag}` : '';
}

export function cleanJpeg(b: Uint8Array): CleanOutput {
  const walk = walkJpeg(b);
  if (walk.pieces.length === 0) throw new ExposureError('not-an-image', 'This file is not a JPEG image, even though it may be named like one.');
  if (walk.impossibleLength) throw new ExposureError('corrupt', 'This JPEG is damaged: one of its sections has an impossible size.');
  const layout = { segments: walk.pieces, eoiEnd: walk.eoiEnd };
  const dims = jpegDimensions(b, walk);
  // The reader's diagnosis, so that scan and clean say the same about a damaged file.
  if (!dims || !layout.segments.some((s) => s.marker === SOS)) throw jpegDamage(b) ?? new ExposureError('corrupt', 'This photo file is damaged: its picture data cannot be found.');
  assertPixelLimit(dims.width, dims.height);
  const removed: string[] = [];
  const kept: string[] = [];
  let jfif: Uint8Array | null = null;
  let adobe: Uint8Array | null = null;
  let orientation = 1;
  let sawExif = false;
  const iccChunks: Uint8Array[] = [];
  const coding: Uint8Array[] = [];
  const skeleton: Uint8Array[] = [];

  let inScans = false;
  for (const s of layout.segments) {
    const m = s.marker;
    const p = s.payload;
    if (m === 0xd8 || m === 0xd9) continue;
    if (m === SOS) inScans = true;
    const isMetadata = (m >= 0xe0 && m <= 0xef) || m === 0xfe;
    if (CODING_MARKERS.has(m) || isStartOfFrame(m) || (m >= 0xd0 && m <= 0xd7) || (inScans && !isMetadata)) {
      // Once the scans start, anything unrecognised (a damaged file's stray bytes or markers) is
      // part of what decoders read as picture data: copy it as it is so the pixels stay the same.
      coding.push(b.subarray(s.start, s.end));
      skeleton.push(m === SOS ? b.subarray(s.start, s.payloadEnd) : b.subarray(s.start, s.end));
    } else if (m === STRAY) {
      addOnce(removed, 'Unrecognised bytes between sections');
    } else if (inScans && ((m === 0xe0 && startsWith(b, p, 'JFIF\0') && s.payloadEnd - p >= 14) || (m === 0xee && startsWith(b, p, 'Adobe') && s.payloadEnd - p >= 12))) {
      // A JFIF or Adobe marker after the first scan: decoders decided the colour space without it,
      // so moving it to the head would change the picture. It stays where it is, minus its
      // thumbnail (JFIF) or its other fields (Adobe).
      const inPlace = m === 0xe0 ? jfifSegment(b, p, removed) : adobeSegment(b, p);
      coding.push(inPlace);
      skeleton.push(inPlace);
    } else if (m === 0xe0 && startsWith(b, p, 'JFIF\0') && s.payloadEnd - p >= 14) {
      if (!jfif) jfif = jfifSegment(b, p, removed);
      else if (b[p + 12] || b[p + 13]) addOnce(removed, THUMBNAIL_REMOVED);
    } else if (m === 0xe1 && startsWith(b, p, 'Exif\0') && !sawExif) {
      sawExif = true;
      orientation = readOrientation(b.subarray(p + 6, s.payloadEnd));
      describeApp(b, s, removed);
    } else if (m === 0xe2 && startsWith(b, p, ICC_SIGNATURE)) {
      iccChunks.push(b.subarray(p + 14, s.payloadEnd));
    } else if (m === 0xee && startsWith(b, p, 'Adobe') && s.payloadEnd - p >= 12) {
      // The colour-transform byte says how to turn YCCK/CMYK back into colours: keep it.
      adobe ??= adobeSegment(b, p);
    } else if (m >= 0xe0 && m <= 0xef) {
      describeApp(b, s, removed);
    } else if (m === 0xfe) {
      addOnce(removed, 'Comment');
    } else {
      addOnce(removed, `Unknown section (marker 0x${m.toString(16).toUpperCase()})`);
    }
  }

  const head: Uint8Array[] = [Uint8Array.of(0xff, 0xd8)];
  if (jfif) head.push(jfif);
  if (orientation !== 1) {
    head.push(segment(0xe1, concat([asciiBytes('Exif\0\0'), minimalOrientationTiff(orientation)])));
    kept.push(ORIENTATION_KEPT);
  }
  if (iccChunks.length > 0) head.push(...iccSegments(concat(iccChunks), kept, removed));
  if (adobe) {
    head.push(adobe);
    kept.push('Adobe colour-transform flag (needed for correct colours)');
  }

  const tail: Uint8Array[] = [Uint8Array.of(0xff, 0xd9)];
  if (layout.eoiEnd === null) kept.push('The picture data as it is (the original file was cut short)');
  else if (layout.eoiEnd < b.length && b.subarray(layout.eoiEnd).some((v) => v !== 0)) {
    removed.push(describeTrailer(b, layout.eoiEnd));
  }
  return pieceOutput([...head, ...coding, ...tail], concat([...head, ...skeleton, ...tail]), { format: 'jpeg', extension: 'jpg', reencoded: false, removed, kept });
}

function iccSegments(profile: Uint8Array, kept: string[], removed: string[]): Uint8Array[] {
  const clean = neutraliseIcc(profile);
  if (!clean) {
    removed.push('Damaged colour profile');
    return [];
  }
  kept.push(ICC_KEPT);
  const count = Math.ceil(clean.length / ICC_CHUNK_MAX);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const part = clean.subarray(i * ICC_CHUNK_MAX, (i + 1) * ICC_CHUNK_MAX);
    out.push(segment(0xe2, concat([asciiBytes(ICC_SIGNATURE), Uint8Array.of(i + 1, count), part])));
  }
  return out;
}
