// A clean copy of a video without re-encoding: the container is rewritten, the picture and sound
// samples are copied as they are. Out: the movie's and tracks' user data and metadata, XMP and other
// top-level blocks, preview pictures, data tracks (GPS paths, face positions, telemetry) and
// timecode, and every byte of the media data that no kept track uses (zeroed). The chunk offsets
// (stco/co64) are written anew for where the media data lands, so moov may come before or after
// mdat. The header dates are kept unless asked (then set to zero).
import { ExposureError } from '../errors.js';
import { put32, u32, u8 } from '../bytes.js';
import { childBoxes, type Box } from '../metadata/containers/isobmff.js';
import { box as makeBox, ByteWriter } from '../clean/box-write.js';
import { addOnce } from '../clean/types.js';
import { chunkTable, moovRoot, sampleRanges, type Movie, type TopBox } from './movie.js';
import type { ByteSource } from './source.js';
import type { TrackInfo } from './tracks.js';

export interface VideoCleanOptions {
  /** Set the creation and modification times in the movie, track and media headers to zero. */
  clearDates?: boolean;
}

/** A piece of the copy: bytes made here, or a range of the original with some parts zeroed. */
export type VideoPiece = { bytes: Uint8Array } | { from: number; length: number; zero: [number, number][] };

export interface VideoCleanPlan {
  pieces: VideoPiece[];
  size: number;
  removed: string[];
  kept: string[];
}

const KEEP: Record<string, Set<string>> = {
  moov: new Set(['mvhd', 'trak', 'iods']),
  trak: new Set(['tkhd', 'tref', 'edts', 'mdia', 'tapt', 'load', 'matt', 'imap', 'txas', 'clip']),
  mdia: new Set(['mdhd', 'hdlr', 'minf', 'elng']),
  minf: new Set(['vmhd', 'smhd', 'hmhd', 'nmhd', 'sthd', 'gmhd', 'dinf', 'stbl', 'hdlr']),
};
const DROPPED_WORDS: Record<string, string> = {
  udta: 'User data (title, author, place, phone and other details)',
  meta: 'Metadata (place, phone make and model, software, dates)',
  uuid: 'Extra information blocks (such as XMP: place, names, editing history)',
  XMP_: 'XMP information (place, names, editing history)',
  PICT: 'Preview picture', pnot: 'Preview picture',
};
const FRAGMENTED = new Set(['moof', 'mfra', 'sidx', 'styp', 'ssix', 'emsg']);

export function planVideoClean(movie: Movie, tracks: TrackInfo[], options: VideoCleanOptions = {}): VideoCleanPlan {
  if (movie.top.some((x) => FRAGMENTED.has(x.type)) || childBoxes(movie.moov, moovRoot(movie)).some((x) => x.type === 'mvex')) {
    throw new ExposureError('unsupported', 'This video is stored in fragments (as some cameras and screen recorders write it); a copy without re-encoding cannot be made of it yet.');
  }
  const removed: string[] = [];
  const kept: string[] = ['The picture and sound exactly as they were recorded (not re-encoded: no loss of quality)'];
  const dropTracks = new Set(tracks.filter((t) => t.kind === 'data' || t.kind === 'timecode' || t.path).map((t) => t.track.id));
  for (const t of tracks) {
    if (!dropTracks.has(t.track.id)) continue;
    addOnce(removed, t.path ? 'Location track (the path recorded while filming)' : t.kind === 'timecode' ? 'Timecode track (the time of day filming started)' : `Data track: ${t.label}`);
  }
  const keptTracks = tracks.filter((t) => !dropTracks.has(t.track.id));
  if (!keptTracks.some((t) => t.kind === 'picture' || t.kind === 'sound')) {
    throw new ExposureError('unsupported', 'This video has no picture or sound track that could be kept, so no copy was made.');
  }
  if (options.clearDates) addOnce(removed, 'The recording date and time in the video header (set to zero)');
  else kept.push('The recording date in the video header (choose to clear the dates to remove it)');

  const keptTop = movie.top.filter((x) => x.type === 'ftyp' || x.type === 'moov' || x.type === 'mdat');
  for (const x of movie.top) if (!keptTop.includes(x) && DROPPED_WORDS[x.type]) addOnce(removed, DROPPED_WORDS[x.type]!);

  const ctx: RebuildContext = { moov: movie.moov, dropTracks, removed, clearDates: options.clearDates === true, mapOffset: (o) => o };
  const trialMoov = rebuild(ctx, moovRoot(movie), 'moov');
  // Where each kept top-level box lands, now that the new moov's size is known.
  const placed = new Map<TopBox, number>();
  let at = 0;
  for (const x of keptTop) {
    placed.set(x, at);
    at += x.type === 'moov' ? trialMoov.length : x.size;
  }
  const mdats = keptTop.filter((x) => x.type === 'mdat');
  ctx.mapOffset = (o) => {
    const home = mdats.find((m) => o >= m.offset + m.header && o < m.offset + m.size);
    if (!home) throw new ExposureError('corrupt', 'This video is damaged: its picture or sound points outside the media data, so no copy was made.');
    return o - home.offset + placed.get(home)!;
  };
  const moov = rebuild(ctx, moovRoot(movie), 'moov');
  const zero = zeroRanges(movie, tracks, dropTracks, mdats, removed);
  const pieces: VideoPiece[] = keptTop.map((x) => (x.type === 'moov'
    ? { bytes: moov }
    : { from: x.offset, length: x.size, zero: (zero.get(x) ?? []).map(([s, e]): [number, number] => [s - x.offset, e - x.offset]) }));
  return { pieces, size: at, removed, kept };
}

interface RebuildContext {
  moov: Uint8Array;
  dropTracks: Set<number>;
  removed: string[];
  clearDates: boolean;
  mapOffset: (offset: number) => number;
}

/** A container box again, with only what playing the video needs. */
function rebuild(ctx: RebuildContext, box: Box, type: string): Uint8Array {
  const b = ctx.moov;
  const parts: Uint8Array[] = [];
  for (const child of childBoxes(b, box)) {
    const keep = KEEP[type]?.has(child.type) ?? true;
    if (!keep) {
      addOnce(ctx.removed, DROPPED_WORDS[child.type] ?? `Other hidden data ("${child.type.replace(/[^\x20-\x7e]/g, '?')}" block)`);
      continue;
    }
    if (child.type === 'trak') {
      const tkhd = childBoxes(b, child).find((x) => x.type === 'tkhd');
      const id = tkhd ? (u8(b, tkhd.dataOffset) === 1 ? u32(b, tkhd.dataOffset + 20) : u32(b, tkhd.dataOffset + 12)) : 0;
      if (ctx.dropTracks.has(id)) continue;
    }
    if (KEEP[child.type] || child.type === 'trak') parts.push(makeBox(child.type, [rebuild(ctx, child, child.type)]));
    else if (child.type === 'stbl') parts.push(rebuildSampleTable(ctx, child));
    else if (child.type === 'tref') {
      const refs = rebuildReferences(ctx, child);
      if (refs) parts.push(refs);
    } else if (child.type === 'mvhd' || child.type === 'tkhd' || child.type === 'mdhd') parts.push(headerWithDates(ctx, child));
    else if (child.type === 'hdlr') parts.push(anonymousHandler(b, child));
    else parts.push(b.subarray(child.offset, child.end));
  }
  return type === 'moov' ? makeBox('moov', parts) : concatParts(parts);
}

function concatParts(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function headerWithDates(ctx: RebuildContext, box: Box): Uint8Array {
  const copy = ctx.moov.slice(box.offset, box.end);
  if (!ctx.clearDates) return copy;
  const p = box.dataOffset - box.offset;
  copy.fill(0, p + 4, p + 4 + (copy[p] === 1 ? 16 : 8)); // creation and modification times
  return copy;
}

/**
 * A handler box with its maker ("appl") and its free-text name ("Core Media Video") left out:
 * players only need the handler type. The empty name is valid both as QuickTime's counted
 * string and as ISO's zero-terminated one.
 */
function anonymousHandler(b: Uint8Array, hdlr: Box): Uint8Array {
  return makeBox('hdlr', [b.subarray(hdlr.dataOffset, hdlr.dataOffset + 12), new Uint8Array(13)]);
}

/** Track references without the tracks that are removed. */
function rebuildReferences(ctx: RebuildContext, tref: Box): Uint8Array | null {
  const b = ctx.moov;
  const kinds: Uint8Array[] = [];
  for (const ref of childBoxes(b, tref)) {
    const ids: number[] = [];
    for (let p = ref.dataOffset; p + 4 <= ref.end; p += 4) if (!ctx.dropTracks.has(u32(b, p))) ids.push(u32(b, p));
    if (ids.length === 0) continue;
    const w = new ByteWriter();
    for (const id of ids) w.u32(id);
    kinds.push(makeBox(ref.type, [w.bytes()]));
  }
  return kinds.length > 0 ? makeBox('tref', kinds) : null;
}

/** The sample table as it was, with the chunk offsets moved to where the media data now lies. */
function rebuildSampleTable(ctx: RebuildContext, stbl: Box): Uint8Array {
  const b = ctx.moov;
  const copy = b.slice(stbl.offset, stbl.end);
  const table = chunkTable(b, stbl);
  if (table) {
    const first = table.box.dataOffset + 8 - stbl.offset;
    table.offsets.forEach((o, i) => {
      const moved = ctx.mapOffset(o);
      if (table.wide) {
        put32(copy, first + i * 8, Math.floor(moved / 2 ** 32));
        put32(copy, first + i * 8 + 4, moved >>> 0);
      } else {
        if (moved > 0xffffffff) throw new ExposureError('too-large', 'This video is too large to be rewritten with its current chunk table.');
        put32(copy, first + i * 4, moved);
      }
    });
  }
  return copy;
}

/**
 * Byte ranges of the media data to zero: the samples of removed tracks, and everything no kept
 * track points to (when the kept tracks' tables are complete enough to trust).
 */
function zeroRanges(movie: Movie, tracks: TrackInfo[], dropTracks: Set<number>, mdats: TopBox[], removed: string[]): Map<TopBox, [number, number][]> {
  const result = new Map<TopBox, [number, number][]>();
  const used: [number, number][] = [];
  let trusted = true;
  for (const t of tracks) {
    if (!t.track.stbl) continue;
    const ranges = sampleRanges(movie.moov, t.track.stbl, movie.size);
    if (dropTracks.has(t.track.id)) continue;
    if (ranges.length === 0 || childBoxes(movie.moov, t.track.stbl).some((x) => x.type === 'stz2' || x.type === 'saio')) trusted = false;
    for (const [o, n] of ranges) used.push([o, o + n]);
  }
  used.sort((x, y) => x[0] - y[0]);
  for (const m of mdats) {
    const start = m.offset + m.header;
    const end = m.offset + m.size;
    const gaps: [number, number][] = [];
    let cursor = start;
    for (const [s, e] of used) {
      if (e <= cursor || s >= end) continue;
      if (s > cursor) gaps.push([cursor, Math.min(s, end)]);
      cursor = Math.max(cursor, Math.min(e, end));
    }
    if (cursor < end) gaps.push([cursor, end]);
    const unused = gaps.reduce((n, [s, e]) => n + e - s, 0);
    // Tables that leave most of the media data unaccounted for are not trusted to say what is unused.
    if (trusted && unused < (end - start) / 2) {
      if (gaps.length > 0) result.set(m, gaps);
      if (unused > 0) addOnce(removed, 'Data inside the file that neither the picture nor the sound uses (blanked)');
    } else {
      const dropped: [number, number][] = [];
      for (const t of tracks) {
        if (!dropTracks.has(t.track.id) || !t.track.stbl) continue;
        for (const [o, n] of sampleRanges(movie.moov, t.track.stbl, movie.size)) if (o >= start && o + n <= end) dropped.push([o, o + n]);
      }
      if (dropped.length > 0) result.set(m, dropped.sort((x, y) => x[0] - y[0]));
    }
  }
  return result;
}

/** The planned copy as a byte source (to check it before writing, and for tests). */
export function planSource(src: ByteSource, plan: VideoCleanPlan): ByteSource {
  const starts: number[] = [];
  let at = 0;
  for (const p of plan.pieces) {
    starts.push(at);
    at += 'bytes' in p ? p.bytes.length : p.length;
  }
  return {
    size: plan.size,
    read(offset, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, plan.size - offset)));
      plan.pieces.forEach((p, i) => {
        const s = starts[i]!;
        const len = 'bytes' in p ? p.bytes.length : p.length;
        const from = Math.max(offset, s);
        const to = Math.min(offset + out.length, s + len);
        if (from >= to) return;
        if ('bytes' in p) out.set(p.bytes.subarray(from - s, to - s), from - offset);
        else {
          out.set(src.read(p.from + from - s, to - from), from - offset);
          for (const [zs, ze] of p.zero) {
            const a = Math.max(zs + s, from), z = Math.min(ze + s, to);
            if (a < z) out.fill(0, a - offset, z - offset);
          }
        }
      });
      return out;
    },
  };
}
