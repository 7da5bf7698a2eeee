// FLIR thermal cameras keep GPS and serial numbers in their own APP1 record ("FFF" file split
// over several segments), not in the standard EXIF GPS directory.
import { ascii, u16, u32 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { decimalPrecisionMeters } from './gps.js';

function field(b: Uint8Array, at: number, n: number): string {
  return ascii(b, at, n).replace(/\0.*$/s, '').trim();
}

/** `fff` = the FLIR segments' payloads (after their 8-byte headers) joined in order. */
export function reportFlir(fff: Uint8Array, out: FindingCollector): void {
  const where = 'FLIR record';
  if (ascii(fff, 0, 4) !== 'FFF\0') { out.markDamaged(where, new Error('not a FLIR record')); return; }
  // The directory header is big-endian in every FLIR file we know; fall back to little-endian.
  let le = false;
  let dirOffset = u32(fff, 24, le), count = u32(fff, 28, le);
  if (count > 1000 || dirOffset > fff.length) { le = true; dirOffset = u32(fff, 24, le); count = u32(fff, 28, le); }
  const view = new DataView(fff.buffer, fff.byteOffset, fff.byteLength);
  for (let i = 0; i < Math.min(count, 1000); i++) {
    const e = dirOffset + i * 32;
    if (e + 32 > fff.length) break;
    const type = u16(fff, e, le);
    const off = u32(fff, e + 12, le), len = u32(fff, e + 16, le);
    if (off + len > fff.length) continue;
    if (type === 0x20 && len >= 0x230) {
      // CameraInfo: record data is little-endian.
      out.add('device.make-model', where, 'FLIR CameraModel', field(fff, off + 0xd4, 32));
      out.add('device.serial-number', where, 'FLIR CameraSerialNumber', field(fff, off + 0x104, 16));
      out.add('device.make-model', where, 'FLIR LensModel', field(fff, off + 0x170, 32));
      out.add('device.serial-number', where, 'FLIR LensSerialNumber', field(fff, off + 0x1a0, 16));
      out.add('device.serial-number', where, 'FLIR FilterSerialNumber', field(fff, off + 0x21c, 16));
    } else if (type === 0x2b && len >= 0x24) {
      const valid = u32(fff, off, true);
      const lat = view.getFloat64(off + 0x10, true), lon = view.getFloat64(off + 0x18, true);
      const alt = view.getFloat32(off + 0x20, true);
      const latRef = field(fff, off + 8, 2), lonRef = field(fff, off + 10, 2);
      const sLat = latRef === 'S' ? -Math.abs(lat) : lat, sLon = lonRef === 'W' ? -Math.abs(lon) : lon;
      if (valid && Number.isFinite(lat) && Number.isFinite(lon) && (lat !== 0 || lon !== 0) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        // Stored as doubles: far more digits than any phone GPS resolves; say ~1 m.
        out.addGps(`${where} GPS`, { latitude: sLat, longitude: sLon, precisionMeters: Math.max(1, decimalPrecisionMeters(8)), altitude: Number.isFinite(alt) ? alt : null });
        out.add('gps.details', `${where} GPS`, 'FLIR GPS raw (as stored, without hemisphere sign)', `${lat} ${lon}`);
      } else {
        out.add('gps.empty', `${where} GPS`, 'FLIR GPS', 'empty');
      }
    }
  }
}
