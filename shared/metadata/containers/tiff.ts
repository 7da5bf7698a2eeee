// TIFF/EXIF IFD walker (classic TIFF and BigTIFF): every directory of the file (IFD0, the chain of
// pages IFD1, IFD2..., SubIFDs, Exif, GPS, Interop), raw values with bounds checked, maker-note
// directories and GeoTIFF keys. Work is bounded whatever the file claims: at most MAX_IFDS
// directories of MAX_ENTRIES entries, each read once.
import { ascii, text8, u16, u32, u64, u8 } from '../../bytes.js';

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
  /** BigTIFF: 8-byte counts and offsets, 20-byte entries. */
  big: boolean;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
/** A directory has at most this many entries (real ones have a few hundred at most). */
const MAX_ENTRIES = 1000;
/** A file's directories read in all: pages, sub-images and the Exif/GPS/Interop directories. */
export const MAX_IFDS = 256;

export function readTiffHeader(b: Uint8Array, start: number): TiffHeader | null {
  const order = ascii(b, start, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const magic = u16(b, start + 2, le);
  if (magic === 43) {
    if (u16(b, start + 4, le) !== 8 || u16(b, start + 6, le) !== 0) return null;
    return { le, start, ifd0: start + u64(b, start + 8, le), big: true };
  }
  if (magic !== 42 && magic !== 0x55 && magic !== 0x4f52) return null; // TIFF, Panasonic RW2, Olympus ORF
  return { le, start, ifd0: start + u32(b, start + 4, le), big: false };
}

/**
 * Reads one IFD at absolute offset `at`. `base` is what value offsets are relative to (the TIFF
 * header for standard IFDs; the maker note start for some makers). Entries whose value lies
 * outside the bytes are left out, so no reader ever follows them.
 */
export function readIfd(b: Uint8Array, at: number, le: boolean, base: number, big = false): Ifd | null {
  const [countSize, entrySize, inline] = big ? [8, 20, 8] : [2, 12, 4];
  if (at <= 0 || at + countSize > b.length) return null;
  const count = big ? u64(b, at, le) : u16(b, at, le);
  if (count === 0 || count > MAX_ENTRIES || at + countSize + count * entrySize > b.length) return null;
  const entries: IfdEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = at + countSize + i * entrySize;
    const type = u16(b, e + 2, le);
    const n = big ? u64(b, e + 4, le) : u32(b, e + 4, le);
    const unit = TYPE_SIZE[type];
    if (!unit) continue;
    const size = unit * n;
    const valuePos = e + (big ? 12 : 8);
    const valueOffset = size <= inline ? valuePos : base + (big ? u64(b, valuePos, le) : u32(b, valuePos, le));
    if (size > inline && (valueOffset < 0 || valueOffset + size > b.length)) continue;
    entries.push({ tag: u16(b, e, le), type, count: n, valueOffset, size });
  }
  const nextAt = at + countSize + count * entrySize;
  const nextRel = big ? u64(b, nextAt, le) : u32(b, nextAt, le);
  return { entries, next: nextRel ? base + nextRel : 0 };
}

/** ASCII text up to the first NUL (UTF-8 when valid, as many writers use it; else Latin-1). */
export function entryString(b: Uint8Array, e: IfdEntry): string {
  const end = e.valueOffset + Math.min(e.size, 64 * 1024);
  const nul = b.indexOf(0, e.valueOffset);
  return text8(b, e.valueOffset, nul === -1 || nul > end ? end : nul).trim();
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
      case 16: case 18: out.push(u64(b, o + 8 * i, le)); break;
      case 17: out.push(u64(b, o + 8 * i, le) - (u8(b, o + 8 * i + (le ? 7 : 0)) & 0x80 ? 2 ** 64 : 0)); break;
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
  /** The second directory: the thumbnail in EXIF, the second page in a TIFF file. */
  ifd1: Ifd | null;
  /** Every image directory after IFD0 (IFD1, IFD2...: pages) and the SubIFDs, with a name each. */
  more: { name: string; ifd: Ifd }[];
  exif: Ifd | null;
  gps: Ifd | null;
  interop: Ifd | null;
  /** Absolute offset of the maker-note value and its size, when present. */
  makerNote: { offset: number; size: number } | null;
}

/**
 * Follows IFD0 and the chain after it (pages), SubIFDs, and the Exif, GPS and Interop
 * directories; exposes the maker note's location. Each directory is read once (a loop of
 * pointers ends the walk), and at most MAX_IFDS in all.
 */
export function mapTiff(b: Uint8Array, start: number): TiffMap | null {
  const header = readTiffHeader(b, start);
  if (!header) return null;
  const { le, big } = header;
  const visited = new Set<number>();
  const read = (at: number): Ifd | null => {
    if (visited.has(at) || visited.size >= MAX_IFDS) return null;
    visited.add(at);
    return readIfd(b, at, le, start, big);
  };
  const pointers = (e: IfdEntry | undefined): number[] => {
    if (!e) return [];
    // Some writers type the Exif pointer as UNDEFINED: read it as the 4-byte offset it is.
    const rel = [3, 4, 13, 16, 18].includes(e.type) ? entryNumbers(b, e, le).slice(0, 64) : [u32(b, e.valueOffset, le)];
    return rel.map((x) => start + x);
  };
  const ifd0 = read(header.ifd0);
  const chain: Ifd[] = [];
  for (let d = ifd0; d?.next && chain.length < MAX_IFDS; ) {
    d = read(d.next);
    if (d) chain.push(d);
  }
  const more = chain.map((ifd, i) => ({ name: `IFD${i + 1}`, ifd }));
  for (const parent of [ifd0, ...chain]) {
    for (const at of pointers(findEntry(parent, TAG.subIfds))) {
      const ifd = read(at);
      if (ifd) more.push({ name: `SubIFD${more.length - chain.length + 1}`, ifd });
    }
  }
  const exif = pointers(findEntry(ifd0, TAG.exifIfd)).map(read)[0] ?? null;
  const gps = pointers(findEntry(ifd0, TAG.gpsIfd)).map(read)[0] ?? null;
  const interop = pointers(findEntry(exif, TAG.interopIfd)).map(read)[0] ?? null;
  const mn = findEntry(exif, TAG.makerNote);
  return { header, ifd0, ifd1: chain[0] ?? null, more, exif, gps, interop, makerNote: mn ? { offset: mn.valueOffset, size: mn.size } : null };
}
