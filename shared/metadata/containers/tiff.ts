// TIFF/EXIF IFD walker. exifr decodes the standard tags; this walker exists for what exifr does
// not expose: raw GPS rationals (for precision), thumbnail and preview offsets, maker-note
// directories and GeoTIFF keys. It also lets the cleaner find the IFD1 thumbnail.
import { ascii, u16, u32, u8 } from '../../bytes.js';

export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** Absolute offset of the value bytes (inline or pointed to). */
  valueOffset: number;
  /** Total value size in bytes. */
  size: number;
}

export interface Ifd {
  entries: IfdEntry[];
  /** Absolute offset of the next IFD, or 0. */
  next: number;
}

export interface TiffHeader {
  le: boolean;
  /** Absolute offset of the TIFF header (byte-order mark). */
  start: number;
  ifd0: number;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

export function readTiffHeader(b: Uint8Array, start: number): TiffHeader | null {
  const order = ascii(b, start, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const magic = u16(b, start + 2, le);
  if (magic !== 42 && magic !== 0x55 && magic !== 0x4f52) return null; // TIFF, Panasonic RW2, Olympus ORF
  return { le, start, ifd0: start + u32(b, start + 4, le) };
}

/**
 * Reads one IFD at absolute offset `at`. `base` is what value offsets are relative to (the TIFF
 * header for standard IFDs; the maker note start for some makers).
 */
export function readIfd(b: Uint8Array, at: number, le: boolean, base: number): Ifd | null {
  if (at <= 0 || at + 2 > b.length) return null;
  const count = u16(b, at, le);
  if (count === 0 || count > 1000 || at + 2 + count * 12 > b.length) return null;
  const entries: IfdEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = at + 2 + i * 12;
    const type = u16(b, e + 2, le);
    const n = u32(b, e + 4, le);
    const unit = TYPE_SIZE[type];
    if (!unit) continue;
    const size = unit * n;
    const valueOffset = size <= 4 ? e + 8 : base + u32(b, e + 8, le);
    if (size > 4 && (valueOffset < 0 || valueOffset + size > b.length)) continue;
    entries.push({ tag: u16(b, e, le), type, count: n, valueOffset, size });
  }
  const nextRel = u32(b, at + 2 + count * 12, le);
  return { entries, next: nextRel ? base + nextRel : 0 };
}

export function entryString(b: Uint8Array, e: IfdEntry): string {
  let s = '';
  for (let i = 0; i < e.size; i++) {
    const c = b[e.valueOffset + i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s.trim();
}

/** Numeric values (rationals divided out; for raw rationals use entryRationals). */
export function entryNumbers(b: Uint8Array, e: IfdEntry, le: boolean): number[] {
  const out: number[] = [];
  const n = Math.min(e.count, 4096);
  for (let i = 0; i < n; i++) {
    const o = e.valueOffset;
    switch (e.type) {
      case 1: case 7: out.push(u8(b, o + i)); break;
      case 6: out.push((u8(b, o + i) << 24) >> 24); break;
      case 3: out.push(u16(b, o + 2 * i, le)); break;
      case 8: out.push((u16(b, o + 2 * i, le) << 16) >> 16); break;
      case 4: case 13: out.push(u32(b, o + 4 * i, le)); break;
      case 9: out.push(u32(b, o + 4 * i, le) | 0); break;
      case 5: { const [num, den] = [u32(b, o + 8 * i, le), u32(b, o + 8 * i + 4, le)]; out.push(den ? num / den : NaN); break; }
      case 10: { const [num, den] = [u32(b, o + 8 * i, le) | 0, u32(b, o + 8 * i + 4, le) | 0]; out.push(den ? num / den : NaN); break; }
      case 11: out.push(new DataView(b.buffer, b.byteOffset + o + 4 * i, 4).getFloat32(0, le)); break;
      case 12: out.push(new DataView(b.buffer, b.byteOffset + o + 8 * i, 8).getFloat64(0, le)); break;
      default: break;
    }
  }
  return out;
}

export function entryRationals(b: Uint8Array, e: IfdEntry, le: boolean): [number, number][] {
  if (e.type !== 5 && e.type !== 10) return entryNumbers(b, e, le).map((v) => [v, 1]);
  const out: [number, number][] = [];
  for (let i = 0; i < Math.min(e.count, 64); i++) out.push([u32(b, e.valueOffset + 8 * i, le), u32(b, e.valueOffset + 8 * i + 4, le)]);
  return out;
}

export function findEntry(ifd: Ifd | null, tag: number): IfdEntry | undefined {
  return ifd?.entries.find((e) => e.tag === tag);
}

/** Pointer tags to sub-IFDs in IFD0. */
export const TAG = {
  exifIfd: 0x8769, gpsIfd: 0x8825, interopIfd: 0xa005, subIfds: 0x014a, makerNote: 0x927c,
  jpegOffset: 0x0201, jpegLength: 0x0202, stripOffsets: 0x0111, stripByteCounts: 0x0117,
  xmp: 0x02bc, iptc: 0x83bb, photoshop: 0x8649, icc: 0x8773,
  geoKeys: 0x87af, geoDoubles: 0x87b0, geoAscii: 0x87b1, modelTiepoint: 0x8482, modelPixelScale: 0x830e, modelTransform: 0x85d8,
} as const;

export interface TiffMap {
  header: TiffHeader;
  ifd0: Ifd | null;
  ifd1: Ifd | null;
  exif: Ifd | null;
  gps: Ifd | null;
  /** Absolute offset of the maker-note value and its size, when present. */
  makerNote: { offset: number; size: number } | null;
}

/** Follows IFD0 → IFD1, Exif IFD, GPS IFD; exposes the maker note's location. */
export function mapTiff(b: Uint8Array, start: number): TiffMap | null {
  const header = readTiffHeader(b, start);
  if (!header) return null;
  const { le } = header;
  const ifd0 = readIfd(b, header.ifd0, le, start);
  const sub = (tag: number, from: Ifd | null): Ifd | null => {
    const e = findEntry(from, tag);
    return e ? readIfd(b, start + u32(b, e.valueOffset, le), le, start) : null;
  };
  const ifd1 = ifd0 && ifd0.next && ifd0.next !== header.ifd0 ? readIfd(b, ifd0.next, le, start) : null;
  const exif = sub(TAG.exifIfd, ifd0);
  const gps = sub(TAG.gpsIfd, ifd0);
  const mn = findEntry(exif, TAG.makerNote);
  return { header, ifd0, ifd1, exif, gps, makerNote: mn ? { offset: mn.valueOffset, size: mn.size } : null };
}
