// Node built-ins (node:module): a small offline map of where a photo was taken, as SVG paths:
// Natural Earth land and country borders (world-atlas, shipped in the npm package) projected
// around the position with d3-geo, the position, and an honest accuracy circle drawn to scale:
// what the position's digits and the device allow, never finer. No map tiles, no network.
import { createRequire } from 'node:module';
import { geoAzimuthalEquidistant, geoCircle, geoPath } from 'd3-geo';
import type { GpsMap } from './types.js';

export type { GpsMap } from './types.js';

const require = createRequire(import.meta.url);

/** world-atlas's TopoJSON, and what topojson-client makes of it (GeoJSON, handed straight to d3-geo). */
interface Topology {
  objects: Record<string, unknown>;
}
interface TopojsonClient {
  feature(topology: Topology, object: unknown): unknown;
  mesh(topology: Topology, object: unknown, filter?: (a: unknown, b: unknown) => boolean): unknown;
}


type Ring = Array<[number, number]>;
/** One polygon of land or one border line, with its longitude/latitude box for picking what is in view. */
interface Piece<T> {
  box: [number, number, number, number];
  coordinates: T;
}
interface Outlines {
  land: Array<Piece<Ring[]>>;
  borders: Array<Piece<Ring>>;
}
let outlines: Outlines | null = null;

function boxOf(points: Ring): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/**
 * Natural Earth 1:50m: fine enough for a region a few hundred kilometres across. Loaded once and
 * cut into polygons and border lines with their boxes, so a map projects only what is in view.
 */
function loadOutlines(): Outlines {
  if (outlines) return outlines;
  const topo = require('topojson-client') as TopojsonClient;
  const land = require('world-atlas/land-50m.json') as Topology;
  const countries = require('world-atlas/countries-50m.json') as Topology;
  const landShape = topo.feature(land, land.objects.land) as { features?: Array<{ geometry: { type: string; coordinates: unknown } }>; geometry?: { type: string; coordinates: unknown } };
  const geometries = landShape.features ? landShape.features.map((f) => f.geometry) : [landShape.geometry!];
  const polygons = geometries.flatMap((g) => (g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [g.coordinates as Ring[]]));
  const mesh = topo.mesh(countries, countries.objects.countries, (a, b) => a !== b) as { coordinates: Ring[] };
  outlines = {
    land: polygons.map((p) => ({ box: boxOf(p[0]!), coordinates: p })),
    borders: mesh.coordinates.map((l) => ({ box: boxOf(l), coordinates: l })),
  };
  return outlines;
}

/** The pieces whose box meets the view (a box in degrees around the position; the whole world near the poles or the date line). */
function inView<T>(pieces: Array<Piece<T>>, latitude: number, longitude: number, spanKm: number): T[] {
  const dLat = (spanKm / 111) * 0.75 + 1;
  const cos = Math.cos((Math.min(80, Math.abs(latitude) + dLat) * Math.PI) / 180);
  const dLon = dLat / Math.max(cos, 0.05);
  const [w, e, s, n] = [longitude - dLon, longitude + dLon, latitude - dLat, latitude + dLat];
  const wraps = w < -180 || e > 180 || n > 85 || s < -85;
  return pieces.filter((p) => wraps || (p.box[0] <= e && p.box[2] >= w && p.box[1] <= n && p.box[3] >= s)).map((p) => p.coordinates);
}

const EARTH_KM = 6371;
const MIN_SPAN_KM = 600;
const MAX_SPAN_KM = 8000;
/** Below this radius in pixels the circle is drawn at this size and said to be too small to see. */
const MIN_CIRCLE_PX = 3;

/** The map spans at least 600 km (enough to recognise the region's outline) and at least ten times the accuracy circle. */
export function mapSpanKm(accuracyMeters: number): number {
  return Math.min(MAX_SPAN_KM, Math.max(MIN_SPAN_KM, (accuracyMeters / 1000) * 2 * 5));
}

export function gpsMap(latitude: number, longitude: number, accuracyMeters: number, size: { width: number; height: number } = { width: 320, height: 200 }): GpsMap {
  const { width, height } = size;
  const spanKm = mapSpanKm(accuracyMeters);
  const projection = geoAzimuthalEquidistant()
    .rotate([-longitude, -latitude])
    .scale((width / spanKm) * EARTH_KM)
    .translate([width / 2, height / 2])
    // No adaptive resampling: at 1:50m over a few hundred kilometres the outlines are already finer than a pixel.
    .precision(0)
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection).digits(1);
  const { land, borders } = loadOutlines();
  const radiusDeg = accuracyMeters / 1000 / (EARTH_KM * (Math.PI / 180));
  const radiusPx = (accuracyMeters / 1000) * (width / spanKm);
  const tooSmall = radiusPx < MIN_CIRCLE_PX;
  const point = projection([longitude, latitude]) ?? [width / 2, height / 2];
  const accuracy = tooSmall
    ? `M${point[0] - MIN_CIRCLE_PX},${point[1]}a${MIN_CIRCLE_PX},${MIN_CIRCLE_PX} 0 1,0 ${2 * MIN_CIRCLE_PX},0a${MIN_CIRCLE_PX},${MIN_CIRCLE_PX} 0 1,0 ${-2 * MIN_CIRCLE_PX},0`
    : (path(geoCircle().center([longitude, latitude]).radius(radiusDeg)()) ?? '');
  return {
    width,
    height,
    spanKm: Math.round(spanKm),
    land: path({ type: 'MultiPolygon', coordinates: inView(land, latitude, longitude, spanKm) }) ?? '',
    borders: path({ type: 'MultiLineString', coordinates: inView(borders, latitude, longitude, spanKm) }) ?? '',
    point: [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10],
    accuracy,
    accuracyMeters,
    accuracyTooSmallToSee: tooSmall,
  };
}
