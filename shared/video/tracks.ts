// What each track of a video is, and which tracks are data rather than picture or sound: Apple
// timed metadata (mebx), GoPro telemetry (gpmd), Google camera motion (camm), Sony (rtmd), DJI
// (djmd), timecode (tmcd) and subtitle-like text tracks that drones fill with GPS readings. A track
// that carries positions over time is a path: the first point is read from its first samples.
import { ascii, u16, u32, utf8 } from '../bytes.js';
import type { GpsValue } from '../findings.js';
import type { ByteSource } from './source.js';
import { coordinatesInText, isNoFix, parseIso6709 } from './iso6709.js';
import { sampleRanges, type Movie, type Track } from './movie.js';

export type TrackKind = 'picture' | 'sound' | 'data' | 'timecode' | 'text' | 'other';

export interface TrackInfo {
  track: Track;
  kind: TrackKind;
  /** Plain words: "GoPro telemetry", "positions of faces". */
  label: string;
  /** Positions over time were found in it. */
  path: boolean;
  /** The first position, when it could be read. */
  firstPoint: GpsValue | null;
}

const DATA_ENTRIES: Record<string, string> = {
  mebx: 'timed data (Apple)', gpmd: 'GoPro telemetry (motion, camera settings, GPS)', camm: 'camera motion data (Google Street View format)',
  rtmd: 'Sony camera data', djmd: 'DJI flight data', dbgi: 'DJI debug data', 'mett': 'timed data', metx: 'timed data (XML)', 'urim': 'timed data',
};
const SAMPLES_LOOKED_AT = 32;
const BYTES_LOOKED_AT = 1024 * 1024;

export function trackKind(t: Track): TrackKind {
  if (t.handler === 'vide' && !DATA_ENTRIES[t.entry]) return 'picture';
  if (t.handler === 'soun') return 'sound';
  if (t.handler === 'tmcd' || t.entry === 'tmcd') return 'timecode';
  if (t.handler === 'meta' || t.handler === 'mdta' || DATA_ENTRIES[t.entry] || t.handler === 'camm') return 'data';
  if (t.handler === 'text' || t.handler === 'sbtl' || t.handler === 'subt' || t.entry === 'tx3g' || t.entry === 'text') return 'text';
  return 'other';
}

/** The bytes of a track's first few samples (bounded). */
function firstSamples(movie: Movie, src: ByteSource, t: Track): Uint8Array[] {
  if (!t.stbl) return [];
  let budget = BYTES_LOOKED_AT;
  return sampleRanges(movie.moov, t.stbl, movie.size, SAMPLES_LOOKED_AT).flatMap(([offset, size]) => {
    if (budget <= 0 || offset >= movie.size) return [];
    const n = Math.min(size, budget);
    budget -= n;
    return [src.read(offset, n)];
  });
}

export function describeTrack(movie: Movie, src: ByteSource, t: Track): TrackInfo {
  const kind = trackKind(t);
  const info: TrackInfo = { track: t, kind, label: DATA_ENTRIES[t.entry] ?? (kind === 'timecode' ? 'timecode (the time of day filming started)' : kind === 'text' ? 'text (subtitles or readings)' : `"${t.entry || t.handler}" data`), path: false, firstPoint: null };
  if (kind !== 'data' && kind !== 'text') return info;
  if (t.entry === 'mebx') {
    if (t.keys.some((k) => /face/i.test(k))) info.label = 'positions of faces in the picture (Apple)';
    if (!t.keys.some((k) => /location|gps/i.test(k))) return info;
    info.path = true;
    info.label = 'positions recorded while filming (Apple)';
  }
  for (const sample of firstSamples(movie, src, t)) {
    const point = pointIn(t, sample);
    if (point) {
      info.path = true;
      if (!isNoFix(point)) {
        info.firstPoint = point;
        break;
      }
    }
  }
  if (info.path && t.entry !== 'mebx') info.label = `${info.label.replace(/\s*\(.*\)$/, '')} with GPS positions`;
  return info;
}

function pointIn(t: Track, sample: Uint8Array): GpsValue | null {
  if (t.entry === 'gpmd') return gpmfPoint(sample);
  if (t.entry === 'camm') return cammPoint(sample);
  if (t.entry === 'mebx') {
    const iso = /[+-]\d{2}(\.\d+)?[+-]\d{3}(\.\d+)?([+-]\d+(\.\d+)?)?\//.exec(utf8(sample));
    return iso ? parseIso6709(iso[0]) : null;
  }
  // Text tracks: a 16-bit length, then the text. Other data: look for text readings anyway.
  const body = kindOfText(t) ? sample.subarray(2, 2 + u16(sample, 0)) : sample;
  return coordinatesInText(utf8(body).replace(/\0/g, ' '));
}

const kindOfText = (t: Track): boolean => t.entry === 'tx3g' || t.entry === 'text' || t.handler === 'sbtl' || t.handler === 'text';

/** GoPro GPMF: nested key-length-value records; GPS5/GPS9 hold latitude and longitude scaled by SCAL. */
function gpmfPoint(b: Uint8Array, start = 0, end = b.length, depth = 0): GpsValue | null {
  let scale: number[] = [];
  for (let p = start; p + 8 <= end;) {
    const key = ascii(b, p, 4);
    const type = b[p + 4]!;
    const size = b[p + 5]!;
    const repeat = u16(b, p + 6);
    const length = size * repeat;
    const data = p + 8;
    if (data + length > end) return null;
    if (type === 0 && depth < 4) {
      const inner = gpmfPoint(b, data, data + length, depth + 1);
      if (inner) return inner;
    } else if (key === 'SCAL') {
      scale = [];
      for (let i = 0; i < repeat; i++) scale.push(size === 4 ? u32(b, data + i * 4) | 0 : size === 2 ? (u16(b, data + i * 2) << 16) >> 16 : 1);
    } else if ((key === 'GPS5' || key === 'GPS9') && size >= 8 && repeat > 0) {
      const latitude = (u32(b, data) | 0) / (scale[0] || 1);
      const longitude = (u32(b, data + 4) | 0) / (scale[1] || scale[0] || 1);
      const altitude = (u32(b, data + 8) | 0) / (scale[2] || 1);
      if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) return { latitude, longitude, precisionMeters: 1, altitude };
    }
    p = data + Math.ceil(length / 4) * 4;
  }
  return null;
}

/** Google camm: a type number, then the reading; types 5 (position) and 6 (GPS) hold coordinates. */
function cammPoint(b: Uint8Array): GpsValue | null {
  if (b.length < 4) return null;
  const type = u16(b, 2, true);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (type === 5 && b.length >= 28) return { latitude: view.getFloat64(4, true), longitude: view.getFloat64(12, true), precisionMeters: 1, altitude: view.getFloat64(20, true) };
  if (type === 6 && b.length >= 36) return { latitude: view.getFloat64(16, true), longitude: view.getFloat64(24, true), precisionMeters: 1, altitude: view.getFloat32(32, true) };
  return null;
}
