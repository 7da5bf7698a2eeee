// GPS coordinates from the EXIF GPS directory (raw rationals, so the precision reflects the digits
// actually stored) and from XMP text forms.
import type { GpsValue } from '../findings.js';
import { entryNumbers, entryRationals, entryString, findEntry, type Ifd } from './containers/tiff.js';
import type { FindingCollector } from './collector.js';

const METRES_PER_DEGREE = 111_320;

/** Metres that the finest stored digit of a D/M/S rational triple can resolve. */
export function dmsPrecisionMeters(parts: [number, number][]): number {
  const scale = [1, 60, 3600];
  let finest = 1; // degrees
  parts.slice(0, 3).forEach(([, den], i) => {
    if (den > 0) finest = Math.min(finest, 1 / (den * scale[i]!));
  });
  return roundPrecision(finest * METRES_PER_DEGREE);
}

function roundPrecision(m: number): number {
  return m < 1 ? Math.max(0.01, Math.round(m * 100) / 100) : Math.round(m);
}

/** Precision of a decimal-degree number written with `decimals` digits after the point. */
export function decimalPrecisionMeters(decimals: number): number {
  return roundPrecision(10 ** -decimals * METRES_PER_DEGREE);
}

function dmsToDegrees(parts: [number, number][]): number | null {
  let deg = 0;
  const scale = [1, 60, 3600];
  for (let i = 0; i < Math.min(3, parts.length); i++) {
    const [num, den] = parts[i]!;
    if (den === 0) { if (num === 0) continue; return null; }
    deg += num / den / scale[i]!;
  }
  return deg;
}

const GPS_DETAIL_TAGS: Record<number, string> = {
  6: 'GPSAltitude', 8: 'GPSSatellites', 9: 'GPSStatus', 10: 'GPSMeasureMode', 11: 'GPSDOP',
  13: 'GPSSpeed', 15: 'GPSTrack', 17: 'GPSImgDirection', 18: 'GPSMapDatum', 24: 'GPSDestBearing',
  26: 'GPSDestDistance', 27: 'GPSProcessingMethod', 30: 'GPSDifferential', 31: 'GPSHPositioningError',
};

function readCoordinate(b: Uint8Array, gps: Ifd, le: boolean, valueTag: number, refTag: number, negRef: string) {
  const e = findEntry(gps, valueTag);
  if (!e || e.count === 0) return null;
  const parts = entryRationals(b, e, le);
  const deg = dmsToDegrees(parts);
  if (deg === null) return null;
  const ref = findEntry(gps, refTag);
  const sign = ref && entryString(b, ref).toUpperCase().startsWith(negRef) ? -1 : 1;
  return { value: sign * deg, precision: dmsPrecisionMeters(parts) };
}

/** Reports the GPS directory of one EXIF block. */
export function reportGpsIfd(b: Uint8Array, gps: Ifd, le: boolean, where: string, out: FindingCollector): void {
  const lat = readCoordinate(b, gps, le, 2, 1, 'S');
  const lon = readCoordinate(b, gps, le, 4, 3, 'W');
  const altEntry = findEntry(gps, 6);
  let altitude: number | null = altEntry ? entryNumbers(b, altEntry, le)[0] ?? null : null;
  const altRef = findEntry(gps, 5);
  if (altitude !== null && altRef && entryNumbers(b, altRef, le)[0] === 1) altitude = -altitude;
  if (altitude !== null && !Number.isFinite(altitude)) altitude = null;
  if (lat && lon && (lat.value !== 0 || lon.value !== 0) && Math.abs(lat.value) <= 90 && Math.abs(lon.value) <= 180) {
    out.addGps(where, { latitude: lat.value, longitude: lon.value, precisionMeters: Math.max(lat.precision, lon.precision), altitude });
  } else {
    out.add('gps.empty', where, `${where} position`, lat && lon ? `${lat.value}, ${lon.value}` : 'empty');
  }
  const dLat = readCoordinate(b, gps, le, 20, 19, 'S');
  const dLon = readCoordinate(b, gps, le, 22, 21, 'W');
  if (dLat && dLon && (dLat.value !== 0 || dLon.value !== 0)) {
    out.addGps(`${where} destination`, { latitude: dLat.value, longitude: dLon.value, precisionMeters: Math.max(dLat.precision, dLon.precision), altitude: null });
  }
  for (const e of gps.entries) {
    const name = GPS_DETAIL_TAGS[e.tag];
    if (name) {
      const v = e.type === 2 ? entryString(b, e) : e.type === 7 ? stripCharsetPrefix(b, e.valueOffset, e.size) : entryNumbers(b, e, le);
      if (name === 'GPSAltitude' && altitude === 0 && !lat) continue;
      out.add('gps.details', where, name, Array.isArray(v) && v.length === 1 ? v[0] : v);
    } else if (e.tag === 28) {
      out.add('location.place-names', where, 'GPSAreaInformation', stripCharsetPrefix(b, e.valueOffset, e.size));
    } else if (e.tag === 7) {
      const t = entryNumbers(b, e, le);
      if (t.length === 3 && t.every(Number.isFinite)) out.add('time.taken', where, 'GPSTimeStamp', t.map((x) => String(Math.floor(x)).padStart(2, '0')).join(':'));
    } else if (e.tag === 29) {
      out.add('time.taken', where, 'GPSDateStamp', entryString(b, e));
    }
  }
}

/** EXIF "undefined" text fields start with an 8-byte character-set id ("ASCII\0\0\0"). */
export function stripCharsetPrefix(b: Uint8Array, offset: number, size: number): string {
  const head = String.fromCharCode(...b.subarray(offset, offset + Math.min(8, size)));
  const start = /^(ASCII|UNICODE|JIS|\0{8})/.test(head) ? 8 : 0;
  const isUnicode = head.startsWith('UNICODE');
  const body = b.subarray(offset + start, offset + size);
  const text = isUnicode ? new TextDecoder(body[0] === 0 ? 'utf-16be' : 'utf-16le').decode(body) : new TextDecoder().decode(body);
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000+/g, ' ').trim();
}

/**
 * XMP coordinates: "43,28.0469N" / "43,28,2.8N" (exif:GPSLatitude) or signed decimals
 * ("+47.3541841", drone-dji). Returns degrees and the precision of the written digits.
 */
export function parseXmpCoordinate(text: string): { value: number; precision: number } | null {
  const s = text.trim();
  let m = /^([+-]?\d+(?:\.(\d+))?)$/.exec(s);
  if (m) return { value: Number(m[1]), precision: decimalPrecisionMeters(m[2]?.length ?? 0) };
  m = /^(\d+),(\d+(?:\.(\d+))?)(?:,(\d+(?:\.(\d+))?))?([NSEW])$/i.exec(s);
  if (!m) return null;
  const deg = Number(m[1]) + Number(m[2]) / 60 + (m[4] ? Number(m[4]) / 3600 : 0);
  const sign = /[SW]/i.test(m[6]!) ? -1 : 1;
  const finest = m[4] !== undefined ? 10 ** -(m[5]?.length ?? 0) / 3600 : 10 ** -(m[3]?.length ?? 0) / 60;
  return { value: sign * deg, precision: roundPrecision(finest * METRES_PER_DEGREE) };
}
