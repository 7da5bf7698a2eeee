// Places written as text in videos: ISO 6709 strings ("+32.0929+034.8620+028.516/", what iPhones
// and Android phones write) and the coordinates found in telemetry subtitles.
import type { GpsValue } from '../findings.js';
import { decimalPrecisionMeters } from '../metadata/gps.js';

const METRES_PER_DEGREE = 111_320;

/** One ISO 6709 component: degrees (DD), degrees-minutes (DDMM) or degrees-minutes-seconds (DDMMSS). */
function component(sign: string, text: string, degreeDigits: number): { value: number; precisionMeters: number } | null {
  const [whole = '', fraction = ''] = text.split('.');
  const extra = whole.length - degreeDigits;
  let value: number;
  let unit: number; // size of one unit of the last written field, in degrees
  if (extra <= 0) {
    value = Number(text);
    unit = 1;
  } else if (extra === 2) {
    value = Number(whole.slice(0, degreeDigits)) + Number(`${whole.slice(degreeDigits)}.${fraction || '0'}`) / 60;
    unit = 1 / 60;
  } else if (extra === 4) {
    value = Number(whole.slice(0, degreeDigits)) + Number(whole.slice(degreeDigits, degreeDigits + 2)) / 60 + Number(`${whole.slice(degreeDigits + 2)}.${fraction || '0'}`) / 3600;
    unit = 1 / 3600;
  } else return null;
  if (!Number.isFinite(value)) return null;
  const precisionMeters = unit === 1 ? decimalPrecisionMeters(fraction.length) : Math.max(0.01, Math.round(unit * 10 ** -fraction.length * METRES_PER_DEGREE * 100) / 100);
  return { value: sign === '-' ? -value : value, precisionMeters };
}

export function parseIso6709(text: string): GpsValue | null {
  const m = /([+-])(\d+(?:\.\d*)?)([+-])(\d+(?:\.\d*)?)(?:([+-])(\d+(?:\.\d*)?))?/.exec(text);
  if (!m) return null;
  const lat = component(m[1]!, m[2]!, 2);
  const lon = component(m[3]!, m[4]!, 3);
  if (!lat || !lon || Math.abs(lat.value) > 90 || Math.abs(lon.value) > 180) return null;
  const altitude = m[5] && m[6] ? Number(`${m[5]}${m[6]}`) : null;
  return { latitude: lat.value, longitude: lon.value, precisionMeters: Math.max(lat.precisionMeters, lon.precisionMeters), altitude: Number.isFinite(altitude) ? altitude : null };
}

/** A latitude/longitude pair in telemetry text ("latitude: 22.5 longitude: 113.9", "GPS(113.9,22.5,15)"). */
export function coordinatesInText(text: string): GpsValue | null {
  const named = /lat(?:itude)?\s*[:=]?\s*(-?\d{1,2}\.\d+)[^\d-]{1,40}lon(?:gitude)?\s*[:=]?\s*(-?\d{1,3}\.\d+)/i.exec(text);
  if (named) return gps(Number(named[1]), Number(named[2]), named[1]!, named[2]!);
  const dji = /GPS\s*\(\s*(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,2}\.\d+)/i.exec(text); // longitude first
  if (dji) return gps(Number(dji[2]), Number(dji[1]), dji[2]!, dji[1]!);
  const iso = /[+-]\d{2}\.\d{3,}[+-]\d{3}\.\d{3,}/.exec(text);
  return iso ? parseIso6709(iso[0]) : null;
}

function gps(latitude: number, longitude: number, latText: string, lonText: string): GpsValue | null {
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const decimals = Math.min((latText.split('.')[1] ?? '').length, (lonText.split('.')[1] ?? '').length);
  return { latitude, longitude, precisionMeters: decimalPrecisionMeters(decimals), altitude: null };
}

/** 0,0 (and nearly so) is what cameras write when they have no fix: not a place. */
export function isNoFix(g: GpsValue): boolean {
  return Math.abs(g.latitude) < 1e-6 && Math.abs(g.longitude) < 1e-6;
}
