// Safe copies of files found by the hostile-file runs and a second public corpus: each file is
// built the way it occurs (a JFIF marker between progressive scans, a colour profile whose zlib
// stream lacks its checksum, a drone TIFF with an unterminated text tag, BigTIFF, truncation).
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../shared/bytes.js';
import { cleanImage } from '../../shared/clean/index.js';
import { detectFormat } from '../../shared/formats.js';
import { listPngChunks } from '../../shared/metadata/containers/png.js';
import { findEntry, mapTiff } from '../../shared/metadata/containers/tiff.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import { corpusFiles, corpusPath } from '../metadata/corpus.js';
import { exiftoolRead, exiftoolWrite, hasExiftool } from '../metadata/build.js';

const pixels = async (b: Uint8Array) => sharp(b).raw().toBuffer();

/** Marker segments of a JPEG, an SOS segment running to the end of its scan data. */
function jpegSegments(b: Uint8Array): { marker: number; start: number; end: number }[] {
  const out = [];
  let p = 2;
  while (p + 1 < b.length) {
    const marker = b[p + 1]!;
    if (marker === 0xd9) { out.push({ marker, start: p, end: p + 2 }); break; }
    let end = p + 2 + ((b[p + 2]! << 8) | b[p + 3]!);
    if (marker === 0xda) while (end < b.length && !(b[end] === 0xff && b[end + 1] !== 0 && !(b[end + 1]! >= 0xd0 && b[end + 1]! <= 0xd7))) end++;
    out.push({ marker, start: p, end });
    p = end;
  }
  return out;
}

describe('lossless copies keep what the decoder reads', () => {
  it('a progressive JPEG with a JFIF marker between scans keeps its picture (the marker is not moved)', async () => {
    const src = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
      .composite([{ input: Buffer.from('<svg width="64" height="48"><circle cx="20" cy="20" r="15" fill="#ff8800"/></svg>') }])
      .jpeg({ progressive: true, quality: 90 }).toBuffer());
    // Components named R, G, B and no JFIF before the first scan: decoders read the data as RGB.
    // A JFIF marker after the first scan comes too late to change that; moved to the head, it would.
    const jfif = Uint8Array.from([0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const parts: Uint8Array[] = [src.subarray(0, 2)];
    let scans = 0;
    for (const s of jpegSegments(src)) {
      const seg = src.slice(s.start, s.end);
      if (s.marker === 0xc2) for (let i = 0; i < seg[9]!; i++) seg[10 + i * 3] = [0x52, 0x47, 0x42][i]!;
      if (s.marker === 0xda) for (let i = 0; i < seg[4]!; i++) seg[5 + i * 2] = [0, 0x52, 0x47, 0x42][seg[5 + i * 2]!]!;
      parts.push(seg);
      if (s.marker === 0xda && ++scans === 1) parts.push(jfif);
    }
    const original = Uint8Array.from(parts.flatMap((x) => [...x]));
    const copy = await cleanImage(original, 'jpeg');
    expect(Buffer.compare(await pixels(copy.bytes), await pixels(original))).toBe(0);
  });

  it('a PNG colour profile whose zlib stream lacks its checksum is kept (decoders use it)', async () => {
    const base = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#20c040' } }).withIccProfile('p3').png().toBuffer());
    const iccp = listPngChunks(base).chunks.find((c) => c.type === 'iCCP')!;
    const data = base.subarray(iccp.dataOffset, iccp.dataOffset + iccp.dataLength);
    const profile = inflateSync(data.subarray(data.indexOf(0) + 2));
    const z = deflateSync(profile);
    const body = Buffer.concat([Buffer.from('icc\0\0'), z.subarray(0, z.length - 4)]);
    const chunk = Buffer.alloc(12 + body.length);
    chunk.writeUInt32BE(body.length, 0);
    chunk.write('iCCP', 4, 'latin1');
    body.copy(chunk, 8);
    chunk.writeUInt32BE(crc32([chunk.subarray(4, 8 + body.length)]), 8 + body.length);
    const original = new Uint8Array(Buffer.concat([base.subarray(0, iccp.offset), chunk, base.subarray(iccp.end)]));
    const before = await pixels(original);
    expect(Buffer.compare(before, await pixels(base))).toBe(0); // the decoder does use the profile
    const copy = await cleanImage(original, 'png');
    expect(Buffer.compare(await pixels(copy.bytes), before)).toBe(0);
  });
});

describe.skipIf(!hasExiftool)('TIFF files other tools write', () => {
  it('a drone TIFF whose text tag lacks its final NUL is cleaned, not refused as corrupt', async () => {
    const tiff = exiftoolWrite(new Uint8Array(await sharp({ create: { width: 32, height: 24, channels: 3, background: '#456789' } }).tiff().toBuffer()), 'tif',
      ['-Make=DJI', '-Model=FC6310', '-SerialNumber=0K8TG3R0030012', '-GPSLatitude=22.5', '-GPSLatitudeRef=N', '-GPSLongitude=113.9', '-GPSLongitudeRef=E']);
    const model = findEntry(mapTiff(tiff, 0)!.ifd0, 0x0110)!;
    tiff[model.valueOffset + model.size - 1] = 0x58; // "FC6310X" with no terminating NUL
    const scan = await scanMetadata(tiff, 'dji.tif');
    expect(JSON.stringify(scan.findings.find((f) => f.id === 'device.serial-number')?.value)).toContain('0K8TG3R0030012');
    const copy = await cleanImage(tiff, 'tiff');
    expect(copy.format).toBe('png');
    const leftover = JSON.stringify(exiftoolRead(copy.bytes, 'png'));
    for (const leak of ['0K8TG3R0030012', 'GPS', 'DJI']) expect(leftover).not.toContain(leak);
  });

  it('BigTIFF is read and cleaned like TIFF', async () => {
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Lyon"/></rdf:RDF></x:xmpmeta>';
    const big = new Uint8Array(await sharp({ create: { width: 32, height: 24, channels: 3, background: '#456789' } }).withXmp(xmp).tiff({ bigtiff: true }).toBuffer());
    expect(Buffer.from(big.subarray(0, 4)).toString('latin1')).toBe('II+\0');
    expect(JSON.stringify(exiftoolRead(big, 'tif'))).toContain('Lyon');
    expect(detectFormat(big)).toBe('tiff');
    const scan = await scanMetadata(big, 'big.tif');
    expect([scan.width, scan.height]).toEqual([32, 24]);
    expect(JSON.stringify(scan.findings.find((f) => f.id === 'location.place-names')?.value)).toContain('Lyon');
    const copy = await cleanImage(big, 'tiff');
    expect(JSON.stringify(exiftoolRead(copy.bytes, 'png'))).not.toContain('Lyon');
  });
});

describe('one diagnosis for a damaged file', () => {
  it('scan and clean give the same reason for every cut-short corpus file', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const name of corpusFiles().filter((f) => !/\.(heic|heif|avif)$/i.test(f))) {
      const whole = new Uint8Array(readFileSync(corpusPath(name)));
      for (const cut of [4, 8, 12, 20, 40, 100, 300, 1000, Math.floor(whole.length * 0.3), Math.floor(whole.length * 0.9), whole.length - 1]) {
        if (cut <= 0 || cut >= whole.length) continue;
        const b = whole.slice(0, cut);
        const format = detectFormat(b);
        const scanCode = await scanMetadata(b, name).then(() => 'ok', (e: { code?: string }) => e.code ?? 'thrown');
        if (scanCode === 'ok' || !format) continue;
        const cleanCode = await cleanImage(b, format).then(() => 'ok', (e: { code?: string }) => e.code ?? 'thrown');
        compared++;
        if (cleanCode !== scanCode) mismatches.push(`${name} cut at ${cut}: scan ${scanCode}, clean ${cleanCode}`);
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect(mismatches).toEqual([]);
  });
});

describe('the copy is checked through its metadata view', () => {
  it('for every corpus JPEG the view reads exactly as the whole copy does, and holds no picture data', async () => {
    let checked = 0;
    let small = 0;
    for (const name of corpusFiles().filter((f) => /\.(jpe?g|mpo)$/i.test(f))) {
      const bytes = new Uint8Array(readFileSync(corpusPath(name)));
      const copy = await cleanImage(bytes, 'jpeg').catch(() => null);
      if (!copy?.metadataView) continue;
      const whole = await scanMetadata(copy.bytes, name);
      const view = await scanMetadata(copy.metadataView, name);
      expect(view.findings.map((f) => [f.id, f.value]), name).toEqual(whole.findings.map((f) => [f.id, f.value]));
      expect(copy.metadataView.length, name).toBeLessThanOrEqual(copy.bytes.length);
      // Damaged files keep their stray bytes after the scans in the view; others have none of the picture.
      if (copy.metadataView.length < Math.max(4096, copy.bytes.length / 4)) small++;
      expect(Buffer.compare(Buffer.concat(copy.parts!), copy.bytes), name).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(small).toBeGreaterThanOrEqual(checked - 2);
  });
});
