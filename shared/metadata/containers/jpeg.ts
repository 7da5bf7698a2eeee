// JPEG marker-segment walker. Pure offsets, no interpretation beyond naming each segment, so the
// cleaner can reuse it to copy the image data byte for byte.
import { ascii, startsWith, u16, u32 } from '../../bytes.js';

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

/** Offset of the next marker in entropy-coded data (skips stuffed 0xFF00 and restart markers). */
function nextMarkerAfterScan(b: Uint8Array, from: number): number {
  for (let i = b.indexOf(0xff, from); i !== -1 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    const m = b[i + 1]!;
    if (m === 0x00 || m === 0xff || (m >= 0xd0 && m <= 0xd7)) continue;
    return i;
  }
  return -1;
}

export function listJpegSegments(b: Uint8Array): JpegLayout {
  const layout: JpegLayout = { segments: [], imageEnd: null, truncated: true };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return layout;
  let pos = 2;
  while (pos + 1 < b.length) {
    if (b[pos] !== 0xff) {
      // Garbage between segments: resync on the next marker, as decoders do.
      const next = nextMarkerAfterScan(b, pos);
      if (next === -1) return layout;
      pos = next;
      continue;
    }
    const marker = b[pos + 1]!;
    if (marker === 0xff) { pos++; continue; } // fill byte
    if (marker === 0xd9) { layout.imageEnd = pos + 2; layout.truncated = false; return layout; }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { pos += 2; continue; }
    if (pos + 4 > b.length) return layout;
    const length = u16(b, pos + 2);
    if (length < 2 || pos + 2 + length > b.length) return layout;
    const dataOffset = pos + 4;
    const seg: JpegSegment = {
      marker, offset: pos, end: pos + 2 + length, dataOffset, dataLength: length - 2,
      kind: classifyJpegSegment(b, marker, dataOffset),
    };
    layout.segments.push(seg);
    if (seg.kind === 'sof' && layout.width === undefined) {
      layout.height = u16(b, dataOffset + 1);
      layout.width = u16(b, dataOffset + 3);
    }
    if (marker === 0xda) {
      const next = nextMarkerAfterScan(b, seg.end);
      if (next === -1) return layout;
      pos = next;
    } else {
      pos = seg.end;
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
