// scanImage, the one scan every shell calls: on a photo's bytes (metadata and picture) and on
// pixels already decoded (a video or stream frame), on real corpus photos.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ExposureError } from '../../shared/errors.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { scanImage } from '../../shared/scan/scan-image.js';
import { ScanRequestData, requestData } from '../../shared/scan/request.js';
import { iou } from '../../shared/boxes.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const GPS_JPEG = path.join(CORPUS, 'metadata/exifsamples__DSCN0010.jpg');
const STREET = path.join(CORPUS, 'scenes/coco128__000000000064.jpg');
const BEDROOM = path.join(CORPUS, 'scenes/sunrgbd_i3du__2.jpg');

const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
const truth = (name: string, label: string): [number, number, number, number][] =>
  (JSON.parse(readFileSync(path.join(CORPUS, 'scenes', `${name}.json`), 'utf8')) as { objects: { label: string; box: [number, number, number, number] }[] }).objects
    .filter((o) => o.label === label)
    .map((o) => o.box);

describe('scanImage on bytes', () => {
  it('reads the hidden information only, and says the picture was not looked at', async () => {
    const scan = await scanImage({ bytes: bytesOf(GPS_JPEG), fileName: 'DSCN0010.jpg' }, { visual: false });
    expect(scan.format).toBe('jpeg');
    expect(scan.findings.some((f) => f.id === 'gps.position')).toBe(true);
    expect(scan.findings.every((f) => f.source !== 'visual')).toBe(true);
    expect(scan.coverage).toEqual({ metadata: true, picture: 'off', failedChecks: [] });
    expect(scan.embeddedImages.length).toBeGreaterThan(0);
    expect(scan.embeddedImages[0]!.bytes.length).toBeGreaterThan(100);
  });

  it('checks metadata and picture of a real street photo, only the categories asked for', async () => {
    const scan = await scanImage({ bytes: bytesOf(STREET) }, { visual: true, checks: ['vehicle'] });
    expect(scan.coverage.picture).toBe('checked');
    const visual = scan.findings.filter((f) => f.source === 'visual');
    expect(visual.length).toBeGreaterThan(0);
    expect(visual.every((f) => f.category === 'vehicle')).toBe(true);
    const cars = truth('coco128__000000000064', 'car');
    expect(visual.some((f) => cars.some((c) => iou(f.box!, c) >= 0.3))).toBe(true);
  }, 120_000);

  it('ranks text critical when the matcher hook says it is the user’s own detail', async () => {
    const base = sharp(BEDROOM);
    const { width = 0, height = 0 } = await base.metadata();
    const svg = Buffer.from(
      `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><rect x="40" y="380" width="420" height="60" fill="white"/>` +
        `<text x="50" y="420" font-family="DejaVu Sans, sans-serif" font-size="28" fill="black">Harbour Street Bakery</text></svg>`,
    );
    const bytes = new Uint8Array(await base.composite([{ input: svg }]).jpeg({ quality: 95 }).toBuffer());
    const seen: string[] = [];
    const matcher = (text: string): string | null => {
      seen.push(text);
      return /harbour street/i.test(text) ? 'your street' : null;
    };
    const scan = await scanImage({ bytes }, { visual: true, checks: ['text'], matcher });
    const sign = scan.findings.find((f) => f.category === 'text' && /Bakery/.test(String(f.value)));
    expect(sign?.severity).toBe('critical');
    expect(sign?.kind).toBe('personal');
    expect(seen.some((t) => /Bakery/.test(t))).toBe(true);
    // Without the hook the same sign is ordinary text.
    const plain = await scanImage({ bytes }, { visual: true, checks: ['text'] });
    expect(plain.findings.find((f) => /Bakery/.test(String(f.value)))?.severity).not.toBe('critical');
  }, 120_000);

  it('a picture too small to hold anything is "too small to check", its metadata still read', async () => {
    const tiny = new Uint8Array(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).png().toBuffer());
    const scan = await scanImage({ bytes: tiny }, { visual: true });
    expect(scan.coverage.picture).toBe('failed');
    expect(scan.coverage.pictureError).toMatch(/too small to check \(1 × 1 pixels\)/);
    expect(scan.findings).toEqual([]);
  });

  it('a header claiming 60000 × 60000 pixels is refused before anything is decoded', async () => {
    const bytes = bytesOf(GPS_JPEG).slice();
    // The main picture's frame header: walk the segments (the EXIF thumbnail has one of its own inside APP1).
    let sof = 2;
    while (bytes[sof + 1] !== 0xc0) sof += 2 + ((bytes[sof + 2]! << 8) | bytes[sof + 3]!);
    bytes.set([60000 >> 8, 60000 & 0xff, 60000 >> 8, 60000 & 0xff], sof + 5);
    await expect(scanImage({ bytes }, { visual: true })).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/60000 x 60000/) });
    await expect(scanImage({ bytes }, { visual: false })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses what is not an image with a plain error', async () => {
    await expect(scanImage({ bytes: new TextEncoder().encode('hello, not a photo') }, { visual: true })).rejects.toMatchObject({ code: 'not-an-image' });
    await expect(scanImage({ bytes: new Uint8Array(0) }, { visual: false })).rejects.toBeInstanceOf(ExposureError);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(scanImage({ bytes: bytesOf(STREET) }, { visual: true }, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('scanImage on pixels', () => {
  it('checks decoded pixels (a frame) with no file behind them', async () => {
    const pixels = await decodeRgb(bytesOf(STREET), 'jpeg');
    const scan = await scanImage({ pixels }, { visual: true, checks: ['vehicle', 'person'] });
    expect(scan.format).toBeNull();
    expect(scan.coverage).toEqual({ metadata: false, picture: 'checked', failedChecks: [] });
    expect(scan.width).toBe(pixels.width);
    expect(scan.findings.some((f) => f.category === 'vehicle')).toBe(true);
    expect(scan.findings.every((f) => f.source === 'visual')).toBe(true);
  }, 120_000);

  it('a 3 × 20000 strip is too small to check, said plainly', async () => {
    const pixels = { data: new Uint8Array(3 * 20000 * 3).fill(120), width: 3, height: 20000, channels: 3 as const };
    const scan = await scanImage({ pixels }, { visual: true });
    expect(scan.coverage.picture).toBe('failed');
    expect(scan.coverage.pictureError).toBe('it is too small to check (3 × 20000 pixels)');
  });

  it('refuses pixels that do not add up to a picture', async () => {
    const pixels = { data: new Uint8Array(10), width: 100, height: 100, channels: 3 as const };
    await expect(scanImage({ pixels }, { visual: true })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('ScanRequest', () => {
  it('sends only data to another process, validated on arrival', () => {
    const data = requestData({ visual: true, checks: ['text'], matcher: () => null });
    expect(data).toEqual({ visual: true, checks: ['text'] });
    expect(structuredClone(data)).toEqual(data);
    expect(ScanRequestData.safeParse(data).success).toBe(true);
    expect(ScanRequestData.safeParse({ visual: 'yes' }).success).toBe(false);
    expect(ScanRequestData.safeParse({ visual: true, checks: ['gps'] }).success).toBe(false);
  });
});
