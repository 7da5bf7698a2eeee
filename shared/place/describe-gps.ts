// Node built-ins (through place-name.ts and gps-map.ts): everything the app and the reports show
// about a photo's GPS position, from its findings. Offline: the place names and map outlines ship
// in npm packages.
import type { Finding, GpsValue } from '../findings.js';
import { gpsMap } from './gps-map.js';
import { describeGpsDetails, deviceKindOf, gpsAccuracy } from './gps-words.js';
import { placeName } from './place-name.js';
import type { GpsPlace } from './types.js';

function isGps(v: unknown): v is GpsValue {
  const g = v as GpsValue | null;
  return typeof g === 'object' && g !== null && typeof g.latitude === 'number' && typeof g.longitude === 'number' && typeof g.precisionMeters === 'number';
}

/** The photo's position in words and as a map, or null when it carries no position. */
export function describeGps(findings: readonly Finding[]): GpsPlace | null {
  const position = findings.find((f) => f.id === 'gps.position' && isGps(f.value));
  if (!position || !isGps(position.value)) return null;
  const { latitude, longitude } = position.value;
  const details = findings.find((f) => f.id === 'gps.details')?.value;
  const device = deviceKindOf(findings);
  const accuracy = gpsAccuracy(position.value, details, device);
  let place: GpsPlace['place'] = null;
  let map: GpsPlace['map'] = null;
  try {
    place = placeName(latitude, longitude);
  } catch {
    /* the words still say the coordinates; the place name is a help, not the finding */
  }
  try {
    map = gpsMap(latitude, longitude, accuracy.meters);
  } catch {
    /* as above */
  }
  return { latitude, longitude, accuracy, place, map, details: describeGpsDetails(details, device), device };
}
