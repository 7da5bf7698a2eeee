// TIFF files: the whole file is one EXIF-style structure; IFD0 may also hold XMP, IPTC,
// Photoshop resources, an ICC profile and GeoTIFF map references.
import { ExposureError } from '../errors.js';
import { utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { entryNumbers, entryString, findEntry, mapTiff, TAG, type TiffMap } from './containers/tiff.js';
import { reportExifBlock } from './exif.js';
import { decimalPrecisionMeters } from './gps.js';
import { reportIcc } from './icc.js';
import { reportIptc, reportPhotoshopIrb } from './iptc.js';
import type { FormatResult } from './read-result.js';
import { reportXmp, xmpText } from './xmp.js';

export async function readTiff(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const map = mapTiff(b, 0);
  if (!map?.ifd0) throw new ExposureError('corrupt', 'This TIFF file is damaged: its first image directory cannot be read.');
  const { le } = map.header;
  const r = await reportExifBlock(b, 0, b.length, 'TIFF/EXIF', out);
  const ifd0 = map.ifd0;
  const range = (tag: number) => { const e = findEntry(ifd0, tag); return e ? [e.valueOffset, e.valueOffset + e.size] as const : null; };
  const blocks: [number, string, (s: number, e: number) => Promise<void> | void][] = [
    [TAG.xmp, 'XMP', (s, e) => reportXmp(xmpText(b, s, e), 'XMP', out)],
    [TAG.iptc, 'IPTC', (s, e) => reportIptc(b, s, e, 'IPTC', out)],
    [TAG.photoshop, 'Photoshop', (s, e) => reportPhotoshopIrb(b, s, e, 'Photoshop', out)],
    [TAG.icc, 'ICC profile', (s, e) => reportIcc(b.subarray(s, e), 'ICC profile', out)],
  ];
  for (const [tag, where, read] of blocks) {
    const at = range(tag);
    if (!at) continue;
    try { await read(at[0], at[1]); } catch (err) { out.markDamaged(where, err); }
  }
  try { reportGeoTiff(b, map, le, out); } catch (err) { out.markDamaged('GeoTIFF', err); }
  const w = findEntry(ifd0, 0x0100), h = findEntry(ifd0, 0x0101);
  return { width: w ? entryNumbers(b, w, le)[0] : undefined, height: h ? entryNumbers(b, h, le)[0] : undefined, orientation: r.orientation };
}

/** GeoTIFF: key directory, citations and tie points. Geographic tie points are coordinates. */
function reportGeoTiff(b: Uint8Array, map: TiffMap, le: boolean, out: FindingCollector): void {
  const keys = findEntry(map.ifd0, TAG.geoKeys);
  const tie = findEntry(map.ifd0, TAG.modelTiepoint);
  if (!keys && !tie) return;
  const where = 'GeoTIFF';
  const ascii = findEntry(map.ifd0, TAG.geoAscii);
  if (ascii) for (const part of entryString(b, ascii).split('|').filter(Boolean)) out.add('location.map-reference', where, 'Citation', part);
  const k = keys ? entryNumbers(b, keys, le) : [];
  let geographic = false;
  for (let i = 4; i + 3 < k.length; i += 4) {
    const [id, loc, , value] = [k[i]!, k[i + 1]!, k[i + 2]!, k[i + 3]!];
    if (id === 1024 && loc === 0) geographic = value === 2;
    if (loc === 0 && (id === 3072 || id === 2048)) out.add('location.map-reference', where, id === 3072 ? 'Projected coordinate system code' : 'Geographic coordinate system code', value);
  }
  if (tie) {
    const t = entryNumbers(b, tie, le);
    out.add('location.map-reference', where, 'Tie point (map X, Y)', [t[3] ?? 0, t[4] ?? 0]);
    const [x, y] = [t[3] ?? 0, t[4] ?? 0];
    if (geographic && Math.abs(y) <= 90 && Math.abs(x) <= 180 && (x !== 0 || y !== 0)) {
      out.addGps(where, { latitude: y, longitude: x, precisionMeters: decimalPrecisionMeters(6), altitude: null });
    }
  }
}
