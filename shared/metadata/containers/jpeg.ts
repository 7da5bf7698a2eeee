// The one JPEG marker-segment walker, for the metadata reader and the cleaner. Pure offsets, no
// interpretation beyond naming each segment, so the cleaner copies the image data byte for byte.
import { ascii, searchable, startsWith, u16, u32 } from '../../bytes.js';

export interface JpegSegment {
  /** Marker byte after 0xFF (0xE1 = APP1, 0xFE = COM, 0xDA = SOS...). */
  marker: number;
  /** Offset of the 0xFF that starts the marker. */
  offset: number;
  /** Offset just past the segment (for SOS: past its header only, not the scan data). */
  end: number;
  /** Payload, after the 2-byte length. */
  dataOffset: number;
  dataLength: number;
  kind: JpegSegmentKind;
}

export type JpegSegmentKind =
  | 'jfif' | 'exif' | 'xmp' | 'xmp-extended' | 'icc' | 'mpf' | 'photoshop' | 'adobe' | 'flir'
  | 'kodak-meta' | 'ducky' | 'picture-info' | 'ricoh-rmeta' | 'jumbf' | 'comment' | 'app-other' | 'sof' | 'sos' | 'table' | 'other';

export interface JpegLayout {
  segments: JpegSegment[];
  /** Offset just past the first EOI marker, or null when the file ends before it. */
  imageEnd: number | null;
  /** True when the structure stops before the end-of-image marker. */
  truncated: boolean;
  width?: number;
  height?: number;
}

const XMP_ID = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXT_ID = 'http://ns.adobe.com/xmp/extension/\0';

export function classifyJpegSegment(b: Uint8Array, marker: number, dataOffset: number): JpegSegmentKind {
  const d = dataOffset;
  if (marker === 0xfe) return 'comment';
  if (marker === 0xda) return 'sos';
  if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return 'sof';
  if (marker === 0xc4 || marker === 0xdb || marker === 0xdd || marker === 0xcc) return 'table';
  if (marker < 0xe0 || marker > 0xef) return 'other';
  if (marker === 0xe0 && (startsWith(b, d, 'JFIF\0') || startsWith(b, d, 'JFXX\0'))) return 'jfif';
  if (marker === 0xe1 && startsWith(b, d, 'Exif\0')) return 'exif';
  if (marker === 0xe1 && startsWith(b, d, XMP_ID)) return 'xmp';
  if (marker === 0xe1 && startsWith(b, d, XMP_EXT_ID)) return 'xmp-extended';
  if (marker === 0xe1 && startsWith(b, d, 'FLIR\0')) return 'flir';
  if (marker === 0xe2 && startsWith(b, d, 'ICC_PROFILE\0')) return 'icc';
  if (marker === 0xe2 && startsWith(b, d, 'MPF\0')) return 'mpf';
  if (marker === 0xe3 && startsWith(b, d, 'Meta\0')) return 'kodak-meta';
  if (marker === 0xe5 && startsWith(b, d, 'RMETA\0')) return 'ricoh-rmeta';
  if (marker === 0xeb && startsWith(b, d, 'JP')) return 'jumbf';
  if (marker === 0xec) return startsWith(b, d, 'Ducky') ? 'ducky' : 'picture-info';
  if (marker === 0xed && startsWith(b, d, 'Photoshop 3.0\0')) return 'photoshop';
  if (marker === 0xee && startsWith(b, d, 'Adobe')) return 'adobe';
  return 'app-other';
}

export const SOI = 0xd8;
export const EOI = 0xd9;
export const SOS = 0xda;
/** Pseudo-marker for bytes outside any segment (damaged files). */
export const STRAY = -1;

/** One piece of a JPEG file, in order: a marker segment, a standalone marker, or stray bytes. */
export interface JpegPiece {
  /** Marker byte after 0xFF, or STRAY for bytes that are not inside any segment. */
  marker: number;
  /** Offset of the 0xFF that starts the marker. */
  start: number;
  /** End (exclusive): the segment, plus the entropy-coded data for SOS. */
  end: number;
  /** Where the payload starts (after marker and length); equals `end` for standalone markers. */
  payload: number;
  /** End of the payload (for SOS: before the entropy-coded data). */
  payloadEnd: number;
}

/** The whole file, piece by piece. */
export interface JpegWalk {
  /** Empty when the file does not start with SOI. */
  pieces: JpegPiece[];
  /** Offset just after the first EOI, or null when the file ends before it (cut short). */
  eoiEnd: number | null;
  /** Bytes that were not inside any segment (junk between segments, listed as STRAY). */
  strayBytes: number;
  /** The walk stopped at a segment claiming a length under 2 (impossible: the length counts itself). */
  impossibleLength: boolean;
}

/** Markers without a length: TEM, RSTn and SOI. */
function isStandalone(m: number): boolean {
  return (m >= 0xd0 && m <= SOI) || m === 0x01;
}

/** End of the entropy-coded data that starts at `from`: the next marker that is not RSTn. */
function entropyEnd(b: Uint8Array, from: number): number {
  let p = from;
  for (;;) {
    p = b.indexOf(0xff, p);
    if (p < 0) return b.length;
    let q = p + 1;
    while (q < b.length && b[q] === 0xff) q++; // fill bytes
    if (q >= b.length) return b.length;
    const n = b[q]!;
    if (n === 0x00 || (n >= 0xd0 && n <= 0xd7)) {
      p = q + 1;
      continue;
    }
    return q - 1;
  }
}

/**
 * The one JPEG walker: every piece of the file up to the first EOI, offsets only, nothing decoded.
 * An SOS piece's range includes the entropy-coded data after it, so the cleaner can copy the
 * compressed picture byte for byte; junk between segments is skipped as decoders skip it (listed
 * as STRAY), and markers below 0xC0, which have no length to trust, count as junk.
 */
export function walkJpeg(bytes: Uint8Array): JpegWalk {
  // Searched byte by byte over the whole compressed picture: the fast view.
  const b = searchable(bytes);
  const walk: JpegWalk = { pieces: [], eoiEnd: null, strayBytes: 0, impossibleLength: false };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) return walk;
  const pieces = walk.pieces;
  pieces.push({ marker: SOI, start: 0, end: 2, payload: 2, payloadEnd: 2 });
  let pos = 2;
  for (;;) {
    if (pos >= b.length) return walk;
    if (b[pos] !== 0xff) {
      const next = b.indexOf(0xff, pos);
      const end = next < 0 ? b.length : next;
      walk.strayBytes += end - pos;
      pieces.push({ marker: STRAY, start: pos, end, payload: pos, payloadEnd: end });
      if (next < 0) return walk;
      pos = next;
      continue;
    }
    while (pos + 1 < b.length && b[pos + 1] === 0xff) pos++; // fill bytes
    if (pos + 1 >= b.length) return walk;
    const marker = b[pos + 1]!;
    if (marker === EOI) {
      pieces.push({ marker, start: pos, end: pos + 2, payload: pos + 2, payloadEnd: pos + 2 });
      walk.eoiEnd = pos + 2;
      return walk;
    }
    const invalid = marker < 0xc0 && marker !== 0x01;
    if (invalid || isStandalone(marker)) {
      if (invalid) walk.strayBytes += 2;
      pieces.push({ marker: invalid ? STRAY : marker, start: pos, end: pos + 2, payload: pos + 2, payloadEnd: pos + 2 });
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) return walk;
    const length = u16(b, pos + 2);
    if (length < 2) {
      walk.impossibleLength = true;
      return walk;
    }
    const segEnd = pos + 2 + length;
    if (segEnd > b.length) return walk;
    const end = marker === SOS ? entropyEnd(b, segEnd) : segEnd;
    pieces.push({ marker, start: pos, end, payload: pos + 4, payloadEnd: segEnd });
    pos = end;
  }
}

/** Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC); F7 is JPEG-LS. */
export function isStartOfFrame(m: number): boolean {
  return (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;
}

/** Picture size from the first start-of-frame segment; null if none. */
export function jpegDimensions(b: Uint8Array, walk: JpegWalk): { width: number; height: number } | null {
  const sof = walk.pieces.find((s) => isStartOfFrame(s.marker));
  if (!sof || sof.payload + 5 > sof.payloadEnd) return null;
  return { height: u16(b, sof.payload + 1), width: u16(b, sof.payload + 3) };
}

/** The segments with a length (metadata, tables, frames, scan headers), named: the metadata reader's view of the walk. */
export function listJpegSegments(b: Uint8Array): JpegLayout {
  const walk = walkJpeg(b);
  const layout: JpegLayout = { segments: [], imageEnd: walk.eoiEnd, truncated: walk.eoiEnd === null };
  for (const p of walk.pieces) {
    if (p.marker === STRAY || p.marker === EOI || isStandalone(p.marker)) continue;
    const seg: JpegSegment = {
      marker: p.marker,
      offset: p.start,
      end: p.payloadEnd,
      dataOffset: p.payload,
      dataLength: p.payloadEnd - p.payload,
      kind: classifyJpegSegment(b, p.marker, p.payload),
    };
    layout.segments.push(seg);
    if (seg.kind === 'sof' && layout.width === undefined && seg.dataLength >= 5) {
      layout.height = u16(b, seg.dataOffset + 1);
      layout.width = u16(b, seg.dataOffset + 3);
    }
  }
  return layout;
}

/** Offset of the TIFF header inside an APP1 Exif segment (after "Exif\0\0"). */
export function exifTiffOffset(seg: JpegSegment): number {
  return seg.dataOffset + 6;
}

/** Start of the XMP packet inside an APP1 XMP segment. */
export function xmpPacketOffset(seg: JpegSegment): number {
  return seg.dataOffset + (seg.kind === 'xmp' ? XMP_ID.length : XMP_EXT_ID.length + 32 + 8);
}

/** ICC profiles may span several APP2 segments; they are numbered, so join them in order. */
export function joinIccSegments(b: Uint8Array, segments: JpegSegment[]): Uint8Array | null {
  const parts = segments
    .filter((s) => s.kind === 'icc' && s.dataLength > 14)
    .map((s) => ({ seq: b[s.dataOffset + 12]!, bytes: b.subarray(s.dataOffset + 14, s.dataOffset + s.dataLength) }))
    .sort((x, y) => x.seq - y.seq);
  if (parts.length === 0) return null;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p.bytes, o); o += p.bytes.length; }
  return out;
}

export interface MpfEntry {
  /** Absolute offset of the image in the file (0 for the primary image). */
  offset: number;
  size: number;
  /** MP type code: 0x030000 = primary, 0x010001/0x010002 = large/full-HD thumbnail, 0x020002 = multi-angle/stereo. */
  type: number;
}

/** Reads the MP Entry table of a Multi-Picture Format (APP2 "MPF") segment. */
export function readMpfEntries(b: Uint8Array, seg: JpegSegment): MpfEntry[] {
  const tiff = seg.dataOffset + 4;
  const order = ascii(b, tiff, 2);
  if (order !== 'II' && order !== 'MM') return [];
  const le = order === 'II';
  const ifd = tiff + u32(b, tiff + 4, le);
  const count = u16(b, ifd, le);
  const entries: MpfEntry[] = [];
  for (let i = 0; i < count && i < 64; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(b, e, le) !== 0xb002) continue;
    const n = u32(b, e + 4, le);
    const listAt = tiff + u32(b, e + 8, le);
    for (let k = 0; k + 16 <= n && k < 16 * 64; k += 16) {
      const attr = u32(b, listAt + k, le);
      const size = u32(b, listAt + k + 4, le);
      const rel = u32(b, listAt + k + 8, le);
      entries.push({ type: attr & 0xffffff, size, offset: rel === 0 ? 0 : tiff + rel });
    }
  }
  return entries;
}
