// GPS in plain words: how exactly a position is known (never finer than the stored digits or
// the device itself allow), the other GPS numbers rounded and named ("speed about 0.6 km/h"),
// and the right word for the device that took the photo (a camera is not a phone). Pure.
import type { Finding, FindingValue, GpsValue } from '../findings.js';

export type DeviceKind = 'phone' | 'camera' | 'drone' | 'action camera' | 'device';

const PHONE_MAKES = /^(apple|samsung|google|huawei|honor|xiaomi|redmi|poco|oneplus|oppo|vivo|realme|motorola|lge?|htc|nokia|zte|asus|fairphone|nothing|blackberry|meizu|lenovo|tcl|alcatel)\b/i;
const PHONE_MODELS = /\b(iphone|ipad|pixel|galaxy|sm-[a-z]\d|xperia|nexus|moto|redmi|mi \d|huawei|oneplus)/i;
const CAMERA_MAKES = /^(canon|nikon|fujifilm|fuji|olympus|om digital|panasonic|pentax|ricoh|leica|sigma|hasselblad|kodak|casio|minolta|konica|samsung techwin|phase one|sony)\b/i;
const SONY_PHONE = /xperia|^(so-|sov|sog|[a-z]\d{4})/i;

/** What kind of device made the photo, from the Make and Model tags. */
export function deviceKind(make: string | undefined, model: string | undefined): DeviceKind {
  const mk = (make ?? '').trim();
  const md = (model ?? '').trim();
  if (/^dji\b/i.test(mk) || /\b(mavic|phantom|inspire|fc\d{3,4})\b/i.test(md)) return 'drone';
  if (/^gopro\b/i.test(mk) || /\bhero\d/i.test(md) || /^insta360\b/i.test(mk)) return 'action camera';
  if (/^sony\b/i.test(mk)) return SONY_PHONE.test(md) ? 'phone' : 'camera';
  if (PHONE_MAKES.test(mk) || PHONE_MODELS.test(md)) return 'phone';
  if (CAMERA_MAKES.test(mk)) return 'camera';
  return 'device';
}

function field(v: FindingValue | undefined, ...keys: string[]): FindingValue | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  for (const k of keys) if (v[k] !== undefined) return v[k];
  return undefined;
}

function text(v: FindingValue | undefined): string | undefined {
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : typeof one === 'number' ? String(one) : undefined;
}

function num(v: FindingValue | undefined): number | undefined {
  const one = Array.isArray(v) ? v[0] : v;
  const n = typeof one === 'number' ? one : typeof one === 'string' ? Number(one) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The catalogue's wording names "the phone" or "your phone or camera"; once the make and model
 * say what the device is, those words name it ("the camera", "your drone"). Only wording changes.
 */
export function fitDeviceWords(findings: readonly Finding[]): Finding[] {
  const kind = deviceKindOf(findings);
  if (kind === 'device') return [...findings];
  const word = deviceWord(kind);
  const fit = (s: string): string => s.replace(/\byour phone or camera\b/g, `your ${word}`).replace(/\bthe phone was moving\b/g, `the ${word} was moving`);
  return findings.map((f) => (f.source === 'metadata' ? { ...f, title: fit(f.title), explanation: fit(f.explanation) } : f));
}

/** The device kind for a report's findings (its make-and-model finding). */
export function deviceKindOf(findings: readonly Finding[]): DeviceKind {
  const f = findings.find((x) => x.id === 'device.make-model');
  return deviceKind(text(field(f?.value, 'Make', 'tiff:Make', 'make')), text(field(f?.value, 'Model', 'tiff:Model', 'model')));
}

/** "phone", "camera", "drone"; "camera or phone" when the make does not say. */
export function deviceWord(kind: DeviceKind): string {
  return kind === 'device' ? 'camera or phone' : kind;
}

/** Typical error of one unit of GPS dilution of precision, in metres (a common receiver's range error). */
const METRES_PER_DOP = 5;
/**
 * No phone's or camera's satellite fix is better than a few metres, whatever the digits stored: an
 * accuracy is never said to be finer than this.
 */
export const FINEST_DEVICE_METRES = 5;

export interface GpsAccuracy {
  /** How exactly the position is known, in metres: never finer than the digits or the device allow. */
  meters: number;
  /** What limits it: the digits stored, or the device's own estimate of its error. */
  limitedBy: 'digits' | 'device';
  /** "to within about 11 m (as exact as the stored numbers allow)". */
  words: string;
}

function metres(m: number): string {
  if (m >= 1000) return `${Math.round(m / 100) / 10} km`;
  if (m >= 100) return `${Math.round(m / 10) * 10} m`;
  return `${Math.max(1, Math.round(m))} m`;
}

/**
 * How exactly a position is known: the coarser of what its stored digits can resolve and what the
 * device said its own error was (GPSHPositioningError, or GPSDOP times a receiver's usual error).
 */
export function gpsAccuracy(gps: GpsValue, details: FindingValue | undefined, device: DeviceKind = 'device'): GpsAccuracy {
  const digits = gps.precisionMeters;
  const hpe = num(field(details, 'GPSHPositioningError'));
  const dop = num(field(details, 'GPSDOP'));
  const deviceError = hpe !== undefined && hpe > 0 ? hpe : dop !== undefined && dop > 0 ? dop * METRES_PER_DOP : undefined;
  if (deviceError !== undefined && deviceError > digits && deviceError >= FINEST_DEVICE_METRES) {
    return { meters: deviceError, limitedBy: 'device', words: `to within about ${metres(deviceError)} (the ${deviceWord(device)}’s own estimate of its error)` };
  }
  if (digits < FINEST_DEVICE_METRES) {
    return { meters: FINEST_DEVICE_METRES, limitedBy: 'device', words: `to within a few metres (as exact as a ${deviceWord(device)}’s satellite position can be)` };
  }
  return { meters: digits, limitedBy: 'digits', words: `to within about ${metres(digits)} (as exact as the stored numbers allow)` };
}

const COMPASS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];

function compass(deg: number): string {
  return COMPASS[Math.round((((deg % 360) + 360) % 360) / 45) % 8]!;
}

function round1(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

const SPEED_UNIT: Record<string, [string, number]> = { K: ['km/h', 1], M: ['mph', 1], N: ['knots', 1] };

/** The other GPS numbers in plain words: "speed about 0.6 km/h", "facing south-east". */
export function describeGpsDetails(details: FindingValue | undefined, device: DeviceKind = 'device'): string[] {
  const out: string[] = [];
  const speed = num(field(details, 'GPSSpeed'));
  if (speed !== undefined) {
    const [unit] = SPEED_UNIT[(text(field(details, 'GPSSpeedRef')) ?? 'K').toUpperCase()] ?? SPEED_UNIT.K!;
    out.push(speed === 0 ? 'not moving (speed 0)' : `speed about ${round1(speed)} ${unit}`);
  }
  const altitude = num(field(details, 'GPSAltitude'));
  if (altitude !== undefined) out.push(altitude < 0 ? `about ${Math.round(-altitude)} m below sea level` : `about ${Math.round(altitude)} m above sea level`);
  const facing = num(field(details, 'GPSImgDirection'));
  if (facing !== undefined) out.push(`the ${deviceWord(device)} faced ${compass(facing)} (${Math.round(facing)}°)`);
  const track = num(field(details, 'GPSTrack'));
  if (track !== undefined) out.push(`moving ${compass(track)} (${Math.round(track)}°)`);
  const bearing = num(field(details, 'GPSDestBearing'));
  if (bearing !== undefined) out.push(`pointed ${compass(bearing)} at something (${Math.round(bearing)}°)`);
  const distance = num(field(details, 'GPSDestDistance'));
  if (distance !== undefined) out.push(`a distance of about ${round1(distance)} to what it pointed at`);
  const hpe = num(field(details, 'GPSHPositioningError'));
  if (hpe !== undefined) out.push(`the ${deviceWord(device)} estimated its position to within about ${metres(hpe)}`);
  const dop = num(field(details, 'GPSDOP'));
  if (dop !== undefined && hpe === undefined) out.push(`satellite reception good to about ${metres(dop * METRES_PER_DOP)}`);
  const method = text(field(details, 'GPSProcessingMethod'));
  if (method) {
    const m = method.toUpperCase();
    out.push(m.includes('NETWORK') || m.includes('CELL') || m.includes('WLAN') || m.includes('WIFI') ? 'position found from mobile masts or Wi-Fi' : m.includes('GPS') ? 'position found by satellite' : `position found by: ${method}`);
  }
  const satellites = text(field(details, 'GPSSatellites'));
  if (satellites && /^\d+$/.test(satellites.trim())) out.push(`${Number(satellites.trim())} satellites used`);
  return out;
}
