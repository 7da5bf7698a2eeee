// The door-handle and door heads on pretrained CenterNet features (shared/visual/detectors/doors/feature-head.ts),
// on real corpus photos used in place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureHead, headDetections, loadFeatureHead, type FeatureHead, type FeatureHeadFile, type HeadDetection, type HeadLabel } from '../../shared/visual/detectors/doors/feature-head.js';
import { backboneSource } from '../../shared/visual/engine/backbone.js';
import { VisualEngine } from '../../shared/visual/engine/engine.js';
import { iou } from '../../shared/visual/pixels/image-ops.js';
import type { Box, RgbImage } from '../../shared/visual/types.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

async function load(file: string): Promise<RgbImage> {
  const { data, info } = await sharp(path.join(CORPUS, file)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

function labelled(scene: string, label: string): Box[] {
  const meta = JSON.parse(readFileSync(path.join(CORPUS, 'scenes', `${scene}.json`), 'utf8')) as { objects: { label: string; box: Box }[] };
  return meta.objects.filter((o) => o.label === label).map((o) => o.box);
}

/** Outdoor photos without doors (one small, one 8 megapixels). */
const OUTDOOR = ['metadata/exifsamples__DSCN0010.jpg', 'metadata/exifsamples__iphone_hdr_YES.jpg'];

const engine = new VisualEngine({ readers: 'here' });

/** The heads' detections from one backbone pass of the engine. */
async function detectWithHeads<L extends HeadLabel>(image: RgbImage, labels: readonly L[]): Promise<Record<L, HeadDetection[]>> {
  return engine.exclusive(async ({ backbone, heads }) => {
    const { features } = await backbone.runBilinear((await backboneSource(image)).image, true);
    try {
      return await headDetections(backbone.tf, features!, image, Object.fromEntries(labels.map((l) => [l, heads[l]])) as Record<L, FeatureHead>);
    } finally {
      features!.dispose();
    }
  });
}
const detectWithHead = async (image: RgbImage, label: HeadLabel): Promise<HeadDetection[]> => (await detectWithHeads(image, [label]))[label];

describe('door-handle and door heads on pretrained features', () => {
  const realFetch = globalThis.fetch;
  let head: FeatureHead;
  let doorHead: FeatureHead;

  beforeAll(async () => {
    // Any attempt to go online fails the test: the backbone, the head and the wasm binary come from disk.
    globalThis.fetch = (() => {
      throw new Error('network access attempted');
    }) as typeof fetch;
    head = await featureHead('door-handle');
    doorHead = await featureHead('door');
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await engine.dispose();
  });

  it('loads offline with a threshold chosen in training', () => {
    for (const h of [head, doorHead]) {
      expect(Object.keys(h.weights).sort()).toEqual(['dw.b', 'dw.w', 'dw2.b', 'dw2.w', 'h1.b', 'h1.w', 'h2.b', 'h2.w', 'h3.b', 'h3.w', 'out.b', 'out.w']);
      expect(h.threshold).toBeGreaterThan(0.1);
      expect(h.threshold).toBeLessThan(0.95);
    }
    // The handle head reads the stride-4 features as they are; the door head a 4×4-cell average.
    expect([head.pool, head.dilations]).toEqual([1, [1, 2]]);
    expect(doorHead.pool).toBe(4);
  });

  it('finds the lever handle of a real door in a 9.5-megapixel photo', async () => {
    const scene = 'doordetect__DOR_S1_100';
    const truth = labelled(scene, 'door handle');
    const found = await detectWithHead(await load(`scenes/${scene}.jpg`), 'door-handle');
    expect(found.some((d) => truth.some((t) => iou(d.box, t) >= 0.3))).toBe(true);
    for (const d of found) {
      expect(d.confidence).toBeGreaterThanOrEqual(head.threshold);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('finds the door of a real room (900×1200)', async () => {
    const scene = 'handle400__doort_20';
    const truth = labelled(scene, 'door');
    const found = await detectWithHead(await load(`scenes/${scene}.jpg`), 'door');
    expect(found.some((d) => truth.some((t) => iou(d.box, t) >= 0.3))).toBe(true);
    for (const d of found) expect(d.confidence).toBeGreaterThanOrEqual(doorHead.threshold);
  });

  it('finds no handle in outdoor photos without doors (one small, one 8 megapixels)', async () => {
    for (const file of OUTDOOR) {
      expect(await detectWithHead(await load(file), 'door-handle'), file).toEqual([]);
    }
  });

  it('finds no door in a countryside view', async () => {
    // Only the small one: the door head has seen no door-free photos in training and takes the
    // 8-megapixel close-up of wisteria on a post for a door (see train-feature-head.py).
    expect(await detectWithHeads(await load(OUTDOOR[0]!), ['door-handle', 'door'])).toEqual({ 'door-handle': [], door: [] });
  });

  it('refuses a head file of another kind', async () => {
    const other: FeatureHeadFile = { format: 'something-else', threshold: 0.5, weights: [] };
    await expect(loadFeatureHead(other)).rejects.toThrow(/not the expected kind/);
  });
});
