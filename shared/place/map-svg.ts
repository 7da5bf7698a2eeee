// Pure: the small GPS map (shared/place/gps-map.ts makes it under Node) as one self-contained SVG
// document: no scripts, no external references. The trainers' report and the app show it through
// <img src="data:image/svg+xml,...">, so it can neither run anything nor load anything.
import type { GpsMap } from './types.js';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The map as one self-contained SVG (no scripts, no external references), for reports. */
export function gpsMapSvg(map: GpsMap, label = ''): string {
  const [x, y] = map.point;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${map.width} ${map.height}" width="${map.width}" height="${map.height}" role="img" aria-label="${esc(label || 'Map of where the photo was taken')}">`,
    `<rect width="${map.width}" height="${map.height}" fill="#dbe9f4"/>`,
    `<path d="${map.land}" fill="#f4f1e8" stroke="#9a9a8a" stroke-width="0.5"/>`,
    `<path d="${map.borders}" fill="none" stroke="#9a9a8a" stroke-width="0.5" stroke-dasharray="2,2"/>`,
    `<path d="${map.accuracy}" fill="rgba(200,30,30,0.18)" stroke="#c81e1e" stroke-width="1"/>`,
    `<circle cx="${x}" cy="${y}" r="2.5" fill="#c81e1e"/>`,
    `<text x="6" y="${map.height - 6}" font-size="10" font-family="sans-serif" fill="#333">${esc(`about ${map.spanKm} km across`)}</text>`,
    '</svg>',
  ].join('');
}

/** The map as a data: URL for an <img>. */
export function gpsMapDataUrl(map: GpsMap, label = ''): string {
  return `data:image/svg+xml,${encodeURIComponent(gpsMapSvg(map, label))}`;
}
