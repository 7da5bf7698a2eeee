// The structure of an MP4 / MOV / M4V / 3GP file, read without loading its media data: the list of
// top-level boxes (their headers only), the movie header (moov) in memory, and for each track what
// it carries (handler, sample format, times) and where its samples are. Hostile files: every size
// is checked against the file's real size before anything is read or allocated, so a "2 GB moov"
// in a 1 MB file is a one-line error, not an allocation.
import { ascii, u16, u32, u64, u8 } from '../bytes.js';
import { ExposureError } from '../errors.js';
import { childBoxes, listBoxes, type Box } from '../metadata/containers/isobmff.js';
import type { ByteSource } from './source.js';

export interface TopBox {
  type: string;
  offset: number;
  /** Whole box, header included. */
  size: number;
  header: number;
}

/** A box inside `Movie.moov` (offsets are into that buffer, whose box starts at 0). */
export type MoovBox = Box;

export interface Track {
  trak: MoovBox;
  id: number;
  /** Media handler: 'vide', 'soun', 'meta', 'text', 'sbtl', 'tmcd', 'subt', 'hint'... */
  handler: string;
  /** First sample description's format: 'avc1', 'hvc1', 'mp4a', 'mebx', 'gpmd', 'camm', 'tx3g'... */
  entry: string;
  tkhd?: MoovBox;
  mdhd?: MoovBox;
  stbl?: MoovBox;
  /** mebx tracks: the keys their samples carry ("com.apple.quicktime.location.ISO6709"). */
  keys: string[];
  timescale: number;
  /** In the media's timescale. */
  duration: number;
}

export interface Movie {
  size: number;
  top: TopBox[];
  moovOffset: number;
  /** The moov box, header included. */
  moov: Uint8Array;
  /** 8, or 16 for a 64-bit size. */
  moovHeader: number;
  tracks: Track[];
  /** Movie timescale and duration (mvhd). */
  timescale: number;
  duration: number;
  /** Top-level boxes small enough to read (uuid, meta, udta, XMP), with their bytes. */
  small: { box: TopBox; bytes: Uint8Array }[];
}

/** A movie header larger than this is refused: real ones are a few megabytes even for hours of video. */
export const MAX_MOOV_BYTES = 128 * 1024 * 1024;
/** Top-level metadata boxes up to this size are read; larger ones are only reported. */
export const MAX_SMALL_BOX_BYTES = 16 * 1024 * 1024;
const MAX_TOP_BOXES = 100_000;
/** Box types that can start a QuickTime file that has no ftyp. */
export const QUICKTIME_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot', 'PICT']);

export function sizeText(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

const printable = (type: string): string => type.replace(/[^\x20-\x7e]/g, '?');

/** Top-level box headers, read one at a time from the source. */
export function listTopBoxes(src: ByteSource): TopBox[] {
  const boxes: TopBox[] = [];
  let pos = 0;
  while (pos + 8 <= src.size) {
    const h = src.read(pos, 16);
    let size = u32(h, 0);
    const type = ascii(h, 4, 4);
    let header = 8;
    if (size === 1) {
      if (h.length < 16) break;
      size = u64(h, 8);
      header = 16;
    } else if (size === 0) size = src.size - pos;
    if (size < header) throw new ExposureError('corrupt', `This video is damaged: its "${printable(type)}" block has an impossible size (${size} bytes).`);
    if (pos + size > src.size) {
      throw new ExposureError('truncated', `This video is cut short or damaged: its "${printable(type)}" block claims ${sizeText(size)} but only ${sizeText(src.size - pos)} of the file is left.`);
    }
    boxes.push({ type, offset: pos, size, header });
    if (boxes.length > MAX_TOP_BOXES) throw new ExposureError('corrupt', 'This video is damaged: it is made of an absurd number of tiny blocks.');
    pos += size;
  }
  if (pos < src.size && src.size - pos < 8 && boxes.length > 0) {
    // A few stray bytes at the end: harmless padding, ignored.
  }
  return boxes;
}

/** The moov box itself, as a Box over `Movie.moov`. */
export function moovRoot(movie: Movie): Box {
  return { type: 'moov', offset: 0, dataOffset: movie.moovHeader, end: movie.moov.length };
}

export function readMovie(src: ByteSource): Movie {
  const top = listTopBoxes(src);
  const moovBox = top.find((x) => x.type === 'moov');
  if (!moovBox) {
    if (top.some((x) => x.type === 'cmov')) throw new ExposureError('unsupported', 'This old QuickTime video stores its header compressed, which this app cannot read yet.');
    throw new ExposureError('corrupt', 'This video is damaged or incomplete: it has no movie header ("moov" block), so it cannot be played or checked.');
  }
  if (moovBox.size > MAX_MOOV_BYTES) {
    throw new ExposureError('too-large', `This video's header is too large to check safely (${sizeText(moovBox.size)}; the limit is ${sizeText(MAX_MOOV_BYTES)}).`);
  }
  const moov = src.read(moovBox.offset, moovBox.size).slice();
  const root: Box = { type: 'moov', offset: 0, dataOffset: moovBox.header, end: moov.length };
  assertWellFormed(moov, root, 0);
  const children = childBoxes(moov, root);
  if (children.some((x) => x.type === 'cmov')) throw new ExposureError('unsupported', 'This old QuickTime video stores its header compressed, which this app cannot read yet.');
  const mvhd = children.find((x) => x.type === 'mvhd');
  const { timescale, duration } = mvhd ? headerTimes(moov, mvhd) : { timescale: 0, duration: 0 };
  const small = top
    .filter((x) => x.type !== 'mdat' && x.type !== 'moov' && x.type !== 'free' && x.type !== 'skip' && x.type !== 'wide' && x.size <= MAX_SMALL_BOX_BYTES)
    .map((box) => ({ box, bytes: src.read(box.offset, box.size) }));
  return {
    size: src.size, top, moovOffset: moovBox.offset, moov, moovHeader: moovBox.header, small, timescale, duration,
    tracks: children.filter((x) => x.type === 'trak').map((trak) => readTrack(moov, trak)),
  };
}

/** Boxes whose children are boxes, inside a movie header. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'tref', 'mvex', 'udta', 'gmhd']);
const MAX_DEPTH = 12;

/**
 * The movie header's nesting is checked before it is used: a box that claims more room than its
 * parent has (a nested size overflow) makes the whole header untrustworthy, for players too.
 */
function assertWellFormed(b: Uint8Array, parent: Box, depth: number): void {
  if (depth > MAX_DEPTH) throw new ExposureError('corrupt', 'This video\'s header is damaged: its blocks are nested absurdly deep.');
  let pos = parent.dataOffset;
  while (pos + 8 <= parent.end) {
    let size = u32(b, pos);
    const type = ascii(b, pos + 4, 4);
    if (size === 0 && u32(b, pos + 4) === 0) break; // QuickTime's terminator inside udta
    let header = 8;
    if (size === 1) { size = u64(b, pos + 8); header = 16; } else if (size === 0) size = parent.end - pos;
    if (size < header || pos + size > parent.end) {
      throw new ExposureError('corrupt', `This video's header is damaged: its "${printable(type)}" block inside "${printable(parent.type)}" claims ${sizeText(size)}, more room than there is.`);
    }
    if (CONTAINERS.has(type)) assertWellFormed(b, { type, offset: pos, dataOffset: pos + header, end: pos + size }, depth + 1);
    pos += size;
  }
}

/** Creation and modification times (seconds since 1904), timescale and duration of mvhd/mdhd/tkhd. */
export function headerTimes(b: Uint8Array, box: Box): { created: number; modified: number; timescale: number; duration: number } {
  const p = box.dataOffset;
  if (u8(b, p) === 1) {
    const timescale = box.type === 'tkhd' ? 0 : u32(b, p + 20);
    return { created: u64(b, p + 4), modified: u64(b, p + 12), timescale, duration: box.type === 'tkhd' ? u64(b, p + 28) : u64(b, p + 24) };
  }
  const timescale = box.type === 'tkhd' ? 0 : u32(b, p + 12);
  return { created: u32(b, p + 4), modified: u32(b, p + 8), timescale, duration: box.type === 'tkhd' ? u32(b, p + 20) : u32(b, p + 16) };
}

function readTrack(moov: Uint8Array, trak: Box): Track {
  const kids = childBoxes(moov, trak);
  const tkhd = kids.find((x) => x.type === 'tkhd');
  const mdia = kids.find((x) => x.type === 'mdia');
  const mdiaKids = mdia ? childBoxes(moov, mdia) : [];
  const mdhd = mdiaKids.find((x) => x.type === 'mdhd');
  const hdlr = mdiaKids.find((x) => x.type === 'hdlr');
  const minf = mdiaKids.find((x) => x.type === 'minf');
  const stbl = minf ? childBoxes(moov, minf).find((x) => x.type === 'stbl') : undefined;
  const stsd = stbl ? childBoxes(moov, stbl).find((x) => x.type === 'stsd') : undefined;
  const entry = stsd ? childBoxes(moov, stsd)[0] : undefined;
  const times = mdhd ? headerTimes(moov, mdhd) : { timescale: 0, duration: 0 };
  const track: Track = {
    trak, id: tkhd ? (u8(moov, tkhd.dataOffset) === 1 ? u32(moov, tkhd.dataOffset + 20) : u32(moov, tkhd.dataOffset + 12)) : 0,
    handler: hdlr ? ascii(moov, hdlr.dataOffset + 8, 4) : '',
    entry: entry?.type ?? '',
    keys: entry?.type === 'mebx' ? mebxKeys(moov, entry) : [],
    timescale: times.timescale, duration: times.duration,
  };
  if (tkhd) track.tkhd = tkhd;
  if (mdhd) track.mdhd = mdhd;
  if (stbl) track.stbl = stbl;
  return track;
}

/** The keys of an Apple timed-metadata (mebx) sample description: keys > [local id] > keyd. */
function mebxKeys(b: Uint8Array, entry: Box): string[] {
  const keysBox = listBoxes(b, entry.dataOffset + 8, entry.end).boxes.find((x) => x.type === 'keys');
  if (!keysBox) return [];
  const out: string[] = [];
  for (const local of listBoxes(b, keysBox.dataOffset, keysBox.end).boxes) {
    const keyd = listBoxes(b, local.dataOffset, local.end).boxes.find((x) => x.type === 'keyd');
    if (keyd) out.push(ascii(b, keyd.dataOffset + 4, keyd.end - keyd.dataOffset - 4));
  }
  return out;
}

export interface ChunkTable {
  box: MoovBox;
  /** co64 (64-bit offsets) or stco. */
  wide: boolean;
  offsets: number[];
}

/** Chunk offsets (absolute file positions) of a track. */
export function chunkTable(moov: Uint8Array, stbl: MoovBox): ChunkTable | null {
  const box = childBoxes(moov, stbl).find((x) => x.type === 'stco' || x.type === 'co64');
  if (!box) return null;
  const wide = box.type === 'co64';
  const width = wide ? 8 : 4;
  const count = Math.min(u32(moov, box.dataOffset + 4), Math.floor((box.end - box.dataOffset - 8) / width));
  const offsets = new Array<number>(count);
  for (let i = 0, p = box.dataOffset + 8; i < count; i++, p += width) offsets[i] = wide ? u64(moov, p) : u32(moov, p);
  return { box, wide, offsets };
}

/**
 * Where each sample of a track lies in the file ([offset, size]), from stsc, stsz and stco/co64,
 * up to `limit` samples. Counts are bounded by the bytes of the tables that declare them.
 */
export function sampleRanges(moov: Uint8Array, stbl: MoovBox, fileSize: number, limit = Number.POSITIVE_INFINITY): [number, number][] {
  const kids = childBoxes(moov, stbl);
  const chunks = chunkTable(moov, stbl);
  const stsc = kids.find((x) => x.type === 'stsc');
  const stsz = kids.find((x) => x.type === 'stsz');
  if (!chunks || !stsc || !stsz) return [];
  const fixed = u32(moov, stsz.dataOffset + 4);
  // A table of sizes is bounded by its own bytes; one size for all samples by the file's size.
  const sampleCount = Math.min(u32(moov, stsz.dataOffset + 8), fixed ? Math.floor(fileSize / fixed) : Math.floor((stsz.end - stsz.dataOffset - 12) / 4));
  const sizeOf = (i: number): number => (fixed ? fixed : u32(moov, stsz.dataOffset + 12 + i * 4));
  const runs = Math.min(u32(moov, stsc.dataOffset + 4), Math.floor((stsc.end - stsc.dataOffset - 8) / 12));
  const out: [number, number][] = [];
  let sample = 0;
  const max = Math.min(limit, sampleCount);
  for (let r = 0; r < runs && sample < max; r++) {
    const p = stsc.dataOffset + 8 + r * 12;
    const first = u32(moov, p) - 1;
    const perChunk = u32(moov, p + 4);
    const next = r + 1 < runs ? u32(moov, p + 12) - 1 : chunks.offsets.length;
    for (let c = first; c < Math.min(next, chunks.offsets.length) && sample < max; c++) {
      let at = chunks.offsets[c]!;
      for (let k = 0; k < perChunk && sample < max; k++, sample++) {
        const size = sizeOf(sample);
        out.push([at, size]);
        at += size;
      }
    }
  }
  return out;
}
