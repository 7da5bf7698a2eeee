// The door-handle head on pretrained CenterNet features (shared/visual/custom/handles-pretrained.ts),
// on real corpus photos used in place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandlesPretrained, handleHead, loadHandleHead, type HandleHead, type HandleHeadFile } from '../../shared/visual/custom/handles-pretrained.js';
import { iou } from '../../shared/visual/custom/image-ops.js';
import type { Box, RgbImage } from '../../shared/visual/custom/types.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

async function load(file: string): Promise<RgbImage> {
  const { data, info } = await sharp(path.join(CORPUS, file)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

function handles(scene: string): Box[] {
  const meta = JSON.parse(readFileSync(path.join(CORPUS, 'scenes', `${scene}.json`), 'utf8')) as { objects: { label: string; box: Box }[] };
  return meta.objects.filter((o) => o.label === 'door handle').map((o) => o.box);
}

describe('door-handle head on pretrained features', () => {
  const realFetch = globalThis.fetch;
  let head: HandleHead;

  beforeAll(async () => {
    // Any attempt to go online fails the test: the backbone, the head and the wasm binary come from disk.
    globalThis.fetch = (() => {
      throw new Error('network access attempted');
    }) as typeof fetch;
    head = await handleHead();
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('loads offline with a threshold chosen in training', () => {
    expect(Object.keys(head.weights).sort()).toEqual(['dw.b', 'dw.w', 'dw2.b', 'dw2.w', 'h1.b', 'h1.w', 'h2.b', 'h2.w', 'h3.b', 'h3.w', 'out.b', 'out.w']);
    expect(head.threshold).toBeGreaterThan(0.1);
    expect(head.threshold).toBeLessThan(0.95);
  });

  it('finds the lever handle of a real door in a 9.5-megapixel photo', async () => {
    const scene = 'doordetect__DOR_S1_100';
    const truth = handles(scene);
    const found = await detectHandlesPretrained(await load(`scenes/${scene}.jpg`));
    expect(found.some((d) => truth.some((t) => iou(d.box, t) >= 0.3))).toBe(true);
    for (const d of found) {
      expect(d.confidence).toBeGreaterThanOrEqual(head.threshold);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('finds no handle in outdoor photos without doors (one small, one 8 megapixels)', async () => {
    for (const file of ['metadata/exifsamples__DSCN0010.jpg', 'metadata/exifsamples__iphone_hdr_YES.jpg']) {
      expect(await detectHandlesPretrained(await load(file)), file).toEqual([]);
    }
  });

  it('refuses a head file of another kind', async () => {
    const other: HandleHeadFile = { format: 'something-else', threshold: 0.5, weights: [] };
    await expect(loadHandleHead(other)).rejects.toThrow(/not the expected kind/);
  });
});
