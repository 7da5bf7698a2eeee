// Lettering regions and plates on real corpus photos: labelled text is found, a plate on a car is
// found, a plain door panel gives no text.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeForVisual } from '../../shared/visual/decode.js';
import { stopOcr } from '../../shared/visual/ocr-engine.js';
import { detectObjectsAndFaces } from '../../shared/visual/objects.js';
import { detectPlates } from '../../shared/visual/plates.js';
import { findTextRegions } from '../../shared/visual/text-regions.js';
import { detectText } from '../../shared/visual/text.js';
import type { RgbImage } from '../../shared/visual/types.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');
type Box = [number, number, number, number];

function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  return (w * h) / (a[2] * a[3] + b[2] * b[3] - w * h);
}

async function scene(name: string): Promise<{ image: RgbImage; boxes: (label: string) => Box[] }> {
  const image = await decodeForVisual(new Uint8Array(fs.readFileSync(path.join(SCENES, `${name}.jpg`))), 'jpeg');
  const meta = JSON.parse(fs.readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: Array<{ label: string; box: Box }> };
  return { image, boxes: (label) => meta.objects.filter((o) => o.label === label).map((o) => o.box) };
}

async function crop(image: RgbImage, [left, top, width, height]: Box): Promise<RgbImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).extract({ left, top, width, height }).raw().toBuffer();
  return { data: new Uint8Array(data), width, height, channels: 3 };
}

afterAll(async () => {
  await stopOcr();
});

describe('findTextRegions', () => {
  it.each(['sunrgbd_i3du__2', 'doordetect__DOR_S1_100'])('finds the labelled lettering in %s', async (name) => {
    const { image, boxes } = await scene(name);
    const regions = await findTextRegions(image);
    const labelled = boxes('text');
    expect(labelled.length).toBeGreaterThan(0);
    for (const want of labelled) expect(Math.max(...regions.map((r) => iou(r.box, want)))).toBeGreaterThanOrEqual(0.3);
  });

  it('finds no text on a plain painted door panel', async () => {
    const { image } = await scene('handle400__door_200');
    const panel = await crop(image, [330, 420, 150, 480]);
    expect((await detectText(panel, [])).texts).toEqual([]);
  });
});

describe('detectText', () => {
  it('reads a printed sign on a real photo: address/phone text ranks high, the user’s own street critical', async () => {
    const base = sharp(path.join(SCENES, 'sunrgbd_i3du__2.jpg'));
    const { width = 0, height = 0 } = await base.metadata();
    const svg = Buffer.from(
      `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><rect x="40" y="380" width="420" height="90" fill="white"/>` +
        `<text x="50" y="415" font-family="DejaVu Sans, sans-serif" font-size="28" fill="black">Harbour Street Bakery</text>` +
        `<text x="50" y="455" font-family="DejaVu Sans, sans-serif" font-size="28" fill="black">Call 0161 496 0123</text></svg>`,
    );
    const { data, info } = await base.composite([{ input: svg }]).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const image: RgbImage = { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
    const { texts } = await detectText(image, ['Harbour Street']);
    const sign = texts.find((t) => /Bakery/.test(t.value ?? ''));
    expect(sign).toBeDefined();
    expect(iou(sign!.box, [40, 380, 420, 90])).toBeGreaterThan(0.3);
    expect(sign!.severityHint).toBe('critical');
    const plain = await detectText(image, []);
    expect(plain.texts.find((t) => /0161/.test(t.value ?? ''))?.severityHint).toBe('high');
  }, 30_000);
});

describe('detectText on labelled photos', () => {
  it('reports a whole caption line, read, as one finding covering the labelled line (doordetect__92d37f69abfba9de)', async () => {
    const { image, boxes } = await scene('doordetect__92d37f69abfba9de');
    const want = boxes('text')[0]!;
    const { texts } = await detectText(image, []);
    const line = texts.find((t) => iou(t.box, want) >= 0.3);
    expect(line).toBeDefined();
    expect(line!.value).toMatch(/Jour/);
    expect(line!.value).toMatch(/dimanche/);
    // The pieces OCR read separately are one finding, not one per word.
    expect(texts.filter((t) => iou(t.box, want) > 0)).toHaveLength(1);
  }, 30_000);
});

describe('detectPlates', () => {
  it('finds the plate on the car in openalpr_us__car5', async () => {
    const { image, boxes } = await scene('openalpr_us__car5');
    const objects = await detectObjectsAndFaces(image, false, true);
    const regions = await findTextRegions(image);
    const plates = await detectPlates(image, objects, regions);
    const want = boxes('license plate')[0]!;
    expect(plates.some((p) => iou(p.box, want) >= 0.3)).toBe(true);
  }, 60_000);
});
