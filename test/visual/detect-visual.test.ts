// The visual pass on real corpus photos, with every http(s) fetch refused: models must come from
// node_modules only.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISUAL_CATEGORIES } from '../../shared/findings.js';
import type { Finding } from '../../shared/findings.js';
import { decodeRgb, detectVisual, loadVisualModels } from '../../shared/visual/index.js';
import type { RgbImage } from '../../shared/visual/index.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');
const require = createRequire(import.meta.url);

interface SceneMeta {
  objects: Array<{ label: string; box: [number, number, number, number] }>;
}

function iou(a: readonly number[], b: readonly number[]): number {
  const [ax = 0, ay = 0, aw = 0, ah = 0] = a;
  const [bx = 0, by = 0, bw = 0, bh = 0] = b;
  const w = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
  const h = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
  return (w * h) / (aw * ah + bw * bh - w * h);
}

async function scene(name: string): Promise<{ image: RgbImage; meta: SceneMeta }> {
  const image = await decodeRgb(fs.readFileSync(path.join(SCENES, `${name}.jpg`)), 'jpeg');
  const meta = JSON.parse(fs.readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as SceneMeta;
  return { image, meta };
}

async function toRgb(png: Buffer): Promise<RgbImage> {
  return decodeRgb(new Uint8Array(png), 'png');
}

const fetchCalls: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  globalThis.fetch = (async (input: unknown) => {
    const url = String(input instanceof URL ? input.href : typeof input === 'string' ? input : (input as { url?: string }).url);
    fetchCalls.push(url);
    if (/^https?:/i.test(url)) throw new Error(`network access attempted: ${url}`);
    return realFetch(input as string);
  }) as typeof fetch;
  await loadVisualModels();
});

afterAll(async () => {
  globalThis.fetch = realFetch;
});

function expectWellFormed(findings: Finding[]): void {
  for (const f of findings) {
    expect(VISUAL_CATEGORIES as readonly string[]).toContain(f.category);
    expect(f.source).toBe('visual');
    expect(f.id).toMatch(/^visual\.[a-z-]+\.\d+$/);
    expect(f.box).toHaveLength(4);
    expect(f.title.length).toBeGreaterThan(5);
    expect(f.explanation.length).toBeGreaterThan(20);
    expect(f.action.length).toBeGreaterThan(10);
  }
  expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
}

describe('detectVisual on real photos (offline)', () => {
  it('finds the bed in a SUN RGB-D bedroom where it is labelled', async () => {
    const { image, meta } = await scene('sunrgbd_i3du__2');
    const { findings } = await detectVisual(image, { categories: ['bed', 'face', 'screen', 'text'] });
    expectWellFormed(findings);
    const beds = meta.objects.filter((o) => o.label === 'bed').map((o) => o.box);
    expect(beds.length).toBeGreaterThan(0);
    const found = findings.filter((f) => f.category === 'bed');
    expect(found.some((f) => beds.some((b) => iou(f.box!, b) >= 0.3))).toBe(true);
    expect(found[0]!.explanation).toMatch(/listing/);
  });

  it('finds cars in a street scene and boxes them in original pixels', async () => {
    const { image, meta } = await scene('coco128__000000000064');
    const { findings } = await detectVisual(image, { categories: ['vehicle'] });
    const cars = meta.objects.filter((o) => o.label === 'car').map((o) => o.box);
    expect(findings.some((f) => f.category === 'vehicle' && cars.some((c) => iou(f.box!, c) >= 0.3))).toBe(true);
  });

  it('tells the people apart: faces in a group photo, the main subject marked', async () => {
    const { image, meta } = await scene('coco128__000000000241');
    const { findings } = await detectVisual(image, { categories: ['face', 'person'] });
    expectWellFormed(findings);
    const faces = meta.objects.filter((o) => o.label === 'face').map((o) => o.box);
    const found = findings.filter((f) => f.category === 'face');
    expect(found.filter((f) => faces.some((b) => iou(f.box!, b) >= 0.3)).length).toBeGreaterThanOrEqual(2);
    expect(found.some((f) => f.where === 'on the person')).toBe(true);
  });

  it('reads text drawn onto a real photo, and ranks the user’s own words critical', async () => {
    const base = sharp(path.join(SCENES, 'sunrgbd_i3du__2.jpg'));
    const { width = 0, height = 0 } = await base.metadata();
    const svg = Buffer.from(
      `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
        `<rect x="40" y="380" width="420" height="90" fill="white"/>` +
        `<text x="50" y="415" font-family="DejaVu Sans, sans-serif" font-size="28" fill="black">Harbour Street Bakery</text>` +
        `<text x="50" y="455" font-family="DejaVu Sans, sans-serif" font-size="28" fill="black">Call 0161 496 0123</text>` +
        `</svg>`,
    );
    const image = await toRgb(await base.composite([{ input: svg }]).png().toBuffer());
    const { findings } = await detectVisual(image, { categories: ['text'], personalTerms: ['Harbour Street'] });
    expectWellFormed(findings);
    const text = findings.filter((f) => f.category === 'text');
    const all = text.map((f) => String(f.value)).join(' ');
    expect(all).toMatch(/Bakery/);
    const sign = text.find((f) => /Bakery/.test(String(f.value)))!;
    expect(iou(sign.box!, [40, 380, 420, 90])).toBeGreaterThan(0.3);
    // "Harbour Street" is on the user's checklist.
    expect(sign.severity).toBe('critical');
  });

  it('decodes a QR code placed on a real photo', async () => {
    const writer = require('zxing-wasm/writer') as {
      prepareZXingModule(o: { overrides: { wasmBinary: ArrayBuffer }; fireImmediately: true }): Promise<unknown>;
      writeBarcode(text: string, o: { format: string; scale: number }): Promise<{ svg: string; error: string }>;
    };
    const wasm = fs.readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
    await writer.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    const code = await writer.writeBarcode('https://example.org/parcel/4521', { format: 'QRCode', scale: 4 });
    expect(code.error).toBe('');
    const qr = await sharp(Buffer.from(code.svg)).resize(160, 160, { kernel: 'nearest' }).flatten({ background: '#ffffff' }).png().toBuffer();
    const photo = await sharp(path.join(SCENES, 'coco128__000000000064.jpg'))
      .composite([{ input: qr, left: 280, top: 420 }])
      .png()
      .toBuffer();
    const { findings } = await detectVisual(await toRgb(photo), { categories: ['code'] });
    const codes = findings.filter((f) => f.category === 'code');
    expect(codes).toHaveLength(1);
    expect(codes[0]!.value).toBe('https://example.org/parcel/4521');
    expect(iou(codes[0]!.box!, [280, 420, 160, 160])).toBeGreaterThan(0.5);
  });

  it('reports nothing on a plain stretch of real wall', async () => {
    // The upper-left of this bedroom is bare wall.
    const crop = await sharp(path.join(SCENES, 'sunrgbd_i3du__2.jpg')).extract({ left: 0, top: 0, width: 160, height: 120 }).png().toBuffer();
    const { findings, failedChecks } = await detectVisual(await toRgb(crop), {
      categories: ['face', 'text', 'screen', 'bed', 'vehicle', 'licence-plate', 'street-furniture', 'code', 'person'],
    });
    expect(findings).toEqual([]);
    expect(failedChecks).toEqual([]);
  });

  it('never asked the network for anything', () => {
    expect(fetchCalls.filter((u) => /^https?:/i.test(u))).toEqual([]);
  });
});
