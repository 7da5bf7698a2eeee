// The few parts of d3-geo (which ships no type declarations) that gps-map.ts uses.
declare module 'd3-geo' {
  export interface GeoProjection {
    (point: [number, number]): [number, number] | null;
    rotate(angles: [number, number]): GeoProjection;
    scale(k: number): GeoProjection;
    translate(point: [number, number]): GeoProjection;
    clipExtent(extent: [[number, number], [number, number]]): GeoProjection;
    precision(pixels: number): GeoProjection;
  }
  export interface GeoPath {
    (object: unknown): string | null;
    digits(digits: number): GeoPath;
  }
  export interface GeoCircle {
    (): unknown;
    center(point: [number, number]): GeoCircle;
    radius(degrees: number): GeoCircle;
  }
  export function geoAzimuthalEquidistant(): GeoProjection;
  export function geoPath(projection: GeoProjection): GeoPath;
  export function geoCircle(): GeoCircle;
}
