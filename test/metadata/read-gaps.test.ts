// Read gaps found by testing against ExifTool's test images and hostile files: each case builds
// its file the way the format is written (ExifTool writes the tag where it can), ExifTool reads
// it back as the oracle, and our reader must report the value in the right category.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { encode as encodeCbor } from 'cborg';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/findings.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import {
  ascii, box, bytes, concatBytes, exifSegment, exifWithMakerNote, exiftoolRead, exiftoolWrite, hasExiftool, ifd, segment,
  tinyJpeg, u16be, u32be, withSegments,
} from './build.js';

const valueOf = (findings: Finding[], id: string): string => JSON.stringify(findings.find((f) => f.id === id)?.value ?? null);
const oracleText = (rec: Record<string, unknown>): string => JSON.stringify(rec);

describe.skipIf(!hasExiftool)('read gaps, checked against ExifTool', () => {
  it('XMP written as UTF-16 (with and without a byte-order mark) is read', async () => {
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" photoshop:City="Lyon" photoshop:Country="France"><dc:creator><rdf:Seq><rdf:li>Jane Roe</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
    const packet = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>${xmp}<?xpacket end="w"?>`;
    const encodings: [string, Uint8Array][] = [
      ['UTF-16LE with mark', concatBytes([[0xff, 0xfe], Buffer.from(packet, 'utf16le')])],
      ['UTF-16BE without mark', Buffer.from(packet, 'utf16le').swap16()],
    ];
    for (const [name, encoded] of encodings) {
      const jpeg = withSegments(await tinyJpeg(), segment(0xe1, concatBytes([bytes('http://ns.adobe.com/xap/1.0/\0'), encoded])));
      expect(oracleText(exiftoolRead(jpeg, 'jpg')), name).toContain('Lyon');
      const { findings } = await scanMetadata(jpeg, 'x.jpg');
      expect(valueOf(findings, 'location.place-names'), name).toContain('Lyon');
      expect(valueOf(findings, 'identity.people'), name).toContain('Jane Roe');
    }
  });

  it('Ducky copyright, XPAuthor and cell-tower ids written by ExifTool', async () => {
    const jpeg = exiftoolWrite(await tinyJpeg(), 'jpg', [
      '-Ducky:Copyright=Jane Roe Studio', '-Ducky:Comment=taken from my balcony', '-XPAuthor=Jane Roe',
      '-XMP-cell:CellTowerID=12345', '-XMP-cell:LocationAreaCode=678', '-XMP-cell:MobileCountryCode=234', '-XMP-cell:MobileNetworkCode=15',
    ]);
    const { findings } = await scanMetadata(jpeg, 'x.jpg');
    expect(valueOf(findings, 'identity.people')).toContain('Jane Roe Studio');
    expect(valueOf(findings, 'identity.people')).toContain('"XPAuthor":"Jane Roe"');
    expect(valueOf(findings, 'text.description')).toContain('balcony');
    const cell = findings.find((f) => f.id === 'location.cell-tower');
    expect(cell).toMatchObject({ category: 'location', severity: 'high' });
    for (const v of ['12345', '678', '234', '15']) expect(JSON.stringify(cell!.value)).toContain(`"${v}"`);
  });

  it('Artist in IFD1-IFD3 of a multi-page TIFF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'exposure-tiff-'));
    try {
      const file = path.join(dir, 'pages.tif');
      execFileSync('convert', ['-size', '16x16', 'xc:red', 'xc:green', 'xc:blue', 'xc:white', file]);
      const tiff = exiftoolWrite(new Uint8Array(readFileSync(file)), 'tif', ['-IFD1:Artist=Page Two Person', '-IFD3:Artist=Jane Page Four']);
      expect(oracleText(exiftoolRead(tiff, 'tif'))).toContain('Jane Page Four');
      const { findings } = await scanMetadata(tiff, 'pages.tif');
      expect(valueOf(findings, 'identity.people')).toContain('Page Two Person');
      expect(valueOf(findings, 'identity.people')).toContain('Jane Page Four');
      expect(valueOf(findings, 'thumbnail.ifd1')).toContain('3 more pages');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serial numbers inside maker notes (Samsung, Sigma, Ricoh, Sony, Motorola)', async () => {
    const serial = (s: string) => ascii(s);
    const cases: [string, string, (at: number) => number[]][] = [
      ['SAMSUNG', 'SAMS0012345', (at) => ifd([[0x0001, 7, 4, bytes('0100')], [0xa002, 2, 12, serial('SAMS0012345')]], at)],
      ['SIGMA', 'SIG1234567', (at) => [...bytes('SIGMA\0\0\0'), 1, 0, ...ifd([[0x0002, 2, 11, serial('SIG1234567')]], at + 10)]],
      ['RICOH', 'AB12345678', (at) => [...bytes('Ricoh\0\0\0'), ...ifd([[0x0001, 2, 8, serial('Rev0113')], [0x0005, 7, 16, bytes('000000AB12345678')]], at + 8)]],
      ['SONY', 'SONY9876543', (at) => [...bytes('SONY DSC \0\0\0'), ...ifd([[0x2031, 2, 12, serial('SONY9876543')]], at + 12)]],
      // Motorola: "MOT\0" and 4 bytes, then a directory whose offsets count from the maker note's start.
      ['motorola', 'ZY2238TJ4V', () => [...bytes('MOT\0'), 0, 0, 0, 0, ...ifd([[0x5500, 2, 15, serial('MPJ24.139-23.4')], [0x5501, 2, 11, serial('ZY2238TJ4V')]], 8)]],
    ];
    for (const [make, value, note] of cases) {
      const tiff = exifWithMakerNote([[0x010f, 2, make.length + 1, ascii(make)], [0x0110, 2, 5, ascii('Test')]], note);
      const jpeg = withSegments(await tinyJpeg(), exifSegment(tiff));
      expect(oracleText(exiftoolRead(jpeg, 'jpg', ['-n'])), `ExifTool reads the ${make} serial`).toContain(value);
      const { findings } = await scanMetadata(jpeg, 'x.jpg');
      expect(valueOf(findings, 'device.serial-number'), make).toContain(value);
    }
  });

  it('Ricoh RMETA custom fields (APP5)', async () => {
    const names = ['Inspector', 'Site address', 'Sign type'];
    const values = ['Jane Roe', '12 Station Road', 'Warning'];
    const section = (type: number, s: string) => { const b = bytes(s); return [...u16be(type), ...u16be(b.length + 2), ...b]; };
    const d = [...bytes('MM'), 0, 0, ...u16be(0), 0, 0, ...u16be(20), ...new Array(10).fill(0), ...u16be(names.length), ...new Array(8).fill(0),
      ...section(1, `${names.join('\0')}\0`), ...section(2, `${values.join('\0')}\0`), 0, 0, 0, 0];
    const jpeg = withSegments(await tinyJpeg(), segment(0xe5, [...bytes('RMETA\0'), ...d]));
    expect(oracleText(exiftoolRead(jpeg, 'jpg'))).toContain('12 Station Road');
    const { findings } = await scanMetadata(jpeg, 'x.jpg');
    expect(valueOf(findings, 'identity.people')).toContain('Jane Roe');
    expect(valueOf(findings, 'location.place-names')).toContain('12 Station Road');
  });

  it('IPTC inside an AFCP trailer is reported as names and places, not only as hidden data', async () => {
    const jpeg = await tinyJpeg();
    const iptc = (dataset: number, s: string) => { const b = bytes(s); return [0x1c, 2, dataset, ...u16be(b.length), ...b]; };
    const data = [...iptc(90, 'Bristol'), ...iptc(80, 'Jane Roe')];
    const start = jpeg.length;
    const dataAt = start + 12 + 12;
    const trailer = [...bytes('AXS!'), 0, 1, ...u16be(1), 0, 0, 0, 0, ...bytes('IPTC'), ...u32be(data.length), ...u32be(dataAt), ...data, ...bytes('AXS!'), ...u32be(start), 0, 0, 0, 0];
    const file = concatBytes([jpeg, trailer]);
    expect(oracleText(exiftoolRead(file, 'jpg'))).toContain('Bristol');
    const { findings } = await scanMetadata(file, 'x.jpg');
    expect(valueOf(findings, 'location.place-names')).toContain('Bristol');
    expect(valueOf(findings, 'identity.people')).toContain('Jane Roe');
  });

  it('C2PA content credentials in APP11 (JUMBF over two segments): author, copyright, place, GPS, apps, thumbnail', async () => {
    const thumb = await tinyJpeg(8, 8);
    const jumd = (label: string, type = 'json') => box('jumd', [...bytes(type.padEnd(4)), 0, 0x11, 0, 0x10, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71, 3, ...bytes(label), 0]);
    const sbox = (label: string, ...content: Uint8Array[]) => box('jumb', concatBytes([jumd(label), ...content]));
    const json = (v: unknown) => box('json', bytes(JSON.stringify(v)));
    const cbor = (v: unknown) => box('cbor', encodeCbor(v));
    const store = sbox('c2pa', sbox('urn:uuid:6a0b3c1e-0000-4000-8000-000000000001',
      sbox('c2pa.assertions',
        sbox('stds.schema-org.CreativeWork', json({ '@context': 'https://schema.org', '@type': 'CreativeWork', author: [{ '@type': 'Person', name: 'Jane Roe' }] })),
        sbox('com.example.metadata', cbor({ Copyright: 'Roe Photography', Location: 'Bristol' })),
        sbox('stds.exif', json({ '@context': { exif: 'http://ns.adobe.com/exif/1.0/' }, 'exif:GPSLatitude': '51,27.0N', 'exif:GPSLongitude': '2,35.5W' })),
        sbox('c2pa.actions', cbor({ actions: [{ action: 'c2pa.edited', softwareAgent: 'Photo Editor 2.1', when: '2024-05-01T10:00:00Z' }] })),
        sbox('c2pa.thumbnail.claim.jpeg', box('bfdb', [0, ...bytes('image/jpeg'), 0]), box('bidb', thumb))),
      sbox('c2pa.claim', cbor({ claim_generator: 'PhoneCam/3.2', 'dc:format': 'image/jpeg' }))));
    // Split into two APP11 segments: "JP", instance 1, sequence number, the box header, then a piece.
    const header = store.subarray(0, 8);
    const body = store.subarray(8);
    const half = Math.floor(body.length / 2);
    const app11 = (seq: number, piece: Uint8Array) => segment(0xeb, concatBytes([bytes('JP'), u16be(1), u32be(seq), header, piece]));
    const jpeg = withSegments(await tinyJpeg(), app11(1, body.subarray(0, half)), app11(2, body.subarray(half)));
    expect(oracleText(exiftoolRead(jpeg, 'jpg'))).toContain('Jane Roe');
    const scan = await scanMetadata(jpeg, 'x.jpg');
    const { findings } = scan;
    expect(valueOf(findings, 'identity.people')).toContain('Jane Roe');
    expect(valueOf(findings, 'identity.people')).toContain('Roe Photography');
    expect(valueOf(findings, 'location.place-names')).toContain('Bristol');
    const gps = findings.find((f) => f.id === 'gps.position')?.value as { latitude: number; longitude: number };
    expect(gps.latitude).toBeCloseTo(51.45, 3);
    expect(gps.longitude).toBeCloseTo(-2.5917, 3);
    expect(valueOf(findings, 'software.edit-history')).toContain('Photo Editor 2.1');
    expect(valueOf(findings, 'identity.content-credentials')).toContain('PhoneCam/3.2');
    expect(scan.embeddedImages.some((i) => i.label.includes('c2pa.thumbnail') && i.bytes[0] === 0xff)).toBe(true);
  });
});

describe('hostile input stays bounded', () => {
  it('bit-flipped PNGs whose EXIF claims far-away offsets keep memory bounded (exifr reserved gigabytes)', async () => {
    const { corpusPath } = await import('./corpus.js');
    const orig = new Uint8Array(readFileSync(corpusPath('exifr__png_with_exif_and_gps.png')));
    let seed = 1234;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    let worst = 0;
    for (let i = 0; i < 1200; i++) {
      const b = orig.slice();
      for (let k = 0, n = 1 + Math.floor(rnd() * 8); k < n; k++) {
        const at = Math.floor(rnd() * b.length);
        b[at] = rnd() < 0.5 ? b[at]! ^ (1 << Math.floor(rnd() * 8)) : Math.floor(rnd() * 256);
      }
      const before = process.memoryUsage().arrayBuffers;
      await scanMetadata(b, 'x.png').catch(() => undefined);
      worst = Math.max(worst, process.memoryUsage().arrayBuffers - before);
    }
    expect(worst).toBeLessThan(64 * 1024 * 1024);
  });

  it('30,000 repeated PNG text chunks: one finding, a bounded list of values, the rest counted', async () => {
    const { corpusPath } = await import('./corpus.js');
    const png = new Uint8Array(readFileSync(corpusPath('mei__sampleWithExifData.png')));
    const chunk = (i: number) => { const body = bytes(`Comment\0note ${i % 20000}`); return [...u32be(body.length), ...bytes('tEXt'), ...body, 0, 0, 0, 0]; };
    const many: number[] = [];
    for (let i = 0; i < 30_000; i++) many.push(...chunk(i));
    const file = concatBytes([png.subarray(0, 33), many, png.subarray(33)]);
    const { findings } = await scanMetadata(file, 'x.png');
    const text = findings.find((f) => f.id === 'text.description')!.value as Record<string, unknown>;
    expect((text.Comment as string[]).length).toBe(50);
    expect(text['(not shown)']).toBe('29900 more entries of the same kind, repeats included');
  });
});
