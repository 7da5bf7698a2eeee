// Container walkers and block readers on real corpus files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listJpegSegments, readMpfEntries } from '../../shared/metadata/containers/jpeg.js';
import { listPngChunks } from '../../shared/metadata/containers/png.js';
import { listWebpChunks } from '../../shared/metadata/containers/webp.js';
import { readHeifMeta } from '../../shared/metadata/containers/heif-meta.js';
import { listBoxes } from '../../shared/metadata/containers/isobmff.js';
import { listGifBlocks } from '../../shared/metadata/containers/gif.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import { timestampInFileName } from '../../shared/metadata/filename.js';
import { corpusPath } from './corpus.js';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(corpusPath(name)));
const scan = (name: string) => scanMetadata(read(name), name);
const find = async (name: string, id: string) => (await scan(name)).findings.find((f) => f.id === id);

describe('container walkers', () => {
  it('JPEG: segments, end of image and MPF entries of the MPO', () => {
    const b = read('pillow__frozenpond.mpo');
    const l = listJpegSegments(b);
    expect(l.segments.map((s) => s.kind)).toContain('mpf');
    expect(l.imageEnd).toBe(82451);
    const mpf = readMpfEntries(b, l.segments.find((s) => s.kind === 'mpf')!);
    expect(mpf[1]).toMatchObject({ offset: 82452, size: 83757 });
    expect([b[82452], b[82453]]).toEqual([0xff, 0xd8]);
  });
  it('PNG: chunks after IDAT are listed', () => {
    const types = listPngChunks(read('mei__sampleWithExifData.png')).chunks.map((c) => c.type);
    expect(types.indexOf('eXIf')).toBeGreaterThan(types.indexOf('IDAT'));
  });
  it('WebP: EXIF and XMP chunks with sizes', () => {
    const l = listWebpChunks(read('pillow__flower2.webp'));
    expect(l.chunks.map((c) => c.type)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF', 'XMP ']);
    expect([l.width, l.height]).toEqual([300, 225]);
  });
  it('HEIF: finds the Exif item stored at the end of the file', () => {
    const b = read('mei__exif-at-eof.heic');
    const exif = readHeifMeta(b, listBoxes(b).boxes)!.items.find((i) => i.type === 'Exif')!;
    expect(exif.extents[0]!.offset).toBeGreaterThan(b.length - 4000);
  });
  it('GIF: comment and XMP application blocks (built in memory; the corpus has no GIF)', () => {
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Lyon"/></rdf:RDF></x:xmpmeta>';
    const trailer = [1, ...Array.from({ length: 256 }, (_, i) => 255 - i), 0];
    const gif = Uint8Array.from([
      ...Buffer.from('GIF89a'), 1, 0, 1, 0, 0, 0, 0,
      0x21, 0xfe, 5, ...Buffer.from('hello'), 0,
      0x21, 0xff, 11, ...Buffer.from('XMP DataXMP'), ...Buffer.from(xmp), ...trailer,
      0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0, 0x3b,
    ]);
    const l = listGifBlocks(gif);
    expect(l.truncated).toBe(false);
    expect(l.blocks.map((x) => x.kind)).toEqual(['comment', 'application', 'image']);
    return scanMetadata(gif, 'a.gif').then((s) => {
      expect(JSON.stringify(s.findings.find((f) => f.id === 'location.place-names')?.value)).toContain('Lyon');
      expect(JSON.stringify(s.findings.find((f) => f.id === 'text.description')?.value)).toContain('hello');
    });
  });
});

describe('block readers on real files', () => {
  it('GPS with precision from the stored digits; 0,0 is not a position', async () => {
    const gps = await find('mei__Apple_iPhone_4.jpg', 'gps.position');
    expect(gps).toMatchObject({ severity: 'critical', category: 'location' });
    const v = gps!.value as { latitude: number; longitude: number; precisionMeters: number };
    expect(v.latitude).toBeCloseTo(41.853, 4);
    expect(v.precisionMeters).toBeGreaterThan(1); // minutes with two decimals: ~19 m
    expect(await find('mei__Samsung_GT-I9000_Galaxy_S.jpg', 'gps.position')).toBeUndefined();
    expect((await find('mei__Samsung_GT-I9000_Galaxy_S.jpg', 'gps.empty'))?.severity).toBe('low');
  });
  it('FLIR GPS kept only in the FLIR record', async () => {
    const v = (await find('mei__FLIR_iPhone_device.jpg', 'gps.position'))!.value as { longitude: number };
    expect(v.longitude).toBeCloseTo(-118.25427, 4);
  });
  it('extracts the IFD1 thumbnail, maker-note previews, Photoshop thumbnail and MPF image as JPEG bytes', async () => {
    for (const [file, id] of [['exifsamples__22-canon_tags.jpg', 'thumbnail.ifd1'], ['exifsamples__87_OSError.jpg', 'thumbnail.preview'], ['exifsamples__BlueSquare.jpg', 'thumbnail.preview'], ['pillow__frozenpond.mpo', 'mpf.images'], ['exifsamples__corrupted.jpg', 'jpeg.trailing-data']] as const) {
      const s = await scan(file);
      const img = s.embeddedImages.find((i) => i.findingId === id);
      expect(img, `${file} ${id}`).toBeDefined();
      expect([img!.bytes[0], img!.bytes[1]]).toEqual([0xff, 0xd8]);
      expect(s.findings.find((f) => f.id === id)?.category).toBe('hidden-image');
    }
  });
  it('maker-note serials and owner names', async () => {
    expect(JSON.stringify((await find('mei__Issue_649.avif', 'device.serial-number'))!.value)).toContain('FA0381304');
    expect(JSON.stringify((await find('pillow__flower.webp', 'identity.owner'))!.value)).toContain('Andreas Huggel');
    expect(JSON.stringify((await find('exifsamples__corrupted.jpg', 'device.serial-number'))!.value)).toContain('F70501740');
  });
  it('IPTC places and names; damaged XMP still read', async () => {
    expect(JSON.stringify((await find('exifr__RangeError_Offset_outside_bounds.jpg', 'location.place-names'))!.value)).toContain('NEUSS');
    expect(JSON.stringify((await find('exifr__broken1.jpg', 'location.place-names'))!.value)).toContain('Powiśle');
  });
  it('XMP edit history, document ids, ICC device and orientation kept', async () => {
    const s = await scan('exifr__tif-with-iptc-icc-xmp.tif');
    expect(s.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['software.edit-history', 'ids.document', 'icc.device']));
    const portrait = await scan('exifsamples__portrait_6.jpg');
    expect(portrait.orientation).toBe(6);
    expect(portrait.findings.find((f) => f.id === 'exif.orientation')?.action).toMatch(/Kept/);
  });
  it('PNG text chunks, including AI prompts (built in memory)', async () => {
    const png = read('mei__sampleWithExifData.png');
    const iend = png.length - 12;
    const body = Buffer.concat([Buffer.from('parameters\0'), Buffer.from('a cat on my balcony, Steps: 20')]);
    const chunk = Buffer.alloc(12 + body.length);
    chunk.writeUInt32BE(body.length, 0);
    chunk.write('tEXt', 4, 'latin1');
    body.copy(chunk, 8);
    const bytes = Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
    const s = await scanMetadata(new Uint8Array(bytes), 'gen.png');
    expect(JSON.stringify(s.findings.find((f) => f.id === 'software.ai-generation')?.value)).toContain('balcony');
  });
  it('file-name timestamps', () => {
    expect(timestampInFileName('IMG_20180725_163423.jpg')).toBe('2018-07-25 16:34:23');
    expect(timestampInFileName('PXL_20230101_120000123.jpg')).toBe('2023-01-01 12:00:00');
    expect(timestampInFileName('Screenshot 2024-01-02 at 10.11.12.png')).toBe('2024-01-02 10:11:12');
    expect(timestampInFileName('holiday.jpg')).toBeNull();
  });
});
