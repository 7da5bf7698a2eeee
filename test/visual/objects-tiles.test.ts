// Vehicles from overlapping tiles: distant cars the whole-photo pass misses, on real corpus photos.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../shared/image/decode.js';
import { afterAll } from 'vitest';
import type { VisualCategory } from '../../shared/findings.js';
import { VisualEngine, detect, planFor, type Detection, type RgbImage } from '../../shared/visual/index.js';
import { cutByTileEdge, iou, suppressOverlaps, tileGrid } from '../../shared/visual/detectors/objects/tiling.js';
import type { Box } from '../../shared/visual/detectors/objects/tiling.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

async function sceneImage(name: string) {
  return decodeRgb(new Uint8Array(fs.readFileSync(path.join(SCENES, `${name}.jpg`))), 'jpeg');
}

const engine = new VisualEngine({ readers: 'here' });
afterAll(() => engine.dispose());

/** What the full object check (one backbone pass, then vehicle tiles where vehicles were seen) reports. */
async function objectsIn(image: RgbImage, categories: VisualCategory[] = ['vehicle']): Promise<Detection[]> {
  return (await detect(image, engine, planFor(categories))).detections;
}

function groundTruth(name: string, label: string): Box[] {
  const meta = JSON.parse(fs.readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: Array<{ label: string; box: Box }> };
  return meta.objects.filter((o) => o.label === label).map((o) => o.box);
}

describe('tileGrid', () => {
  it('covers a 4:3 photo edge to edge with overlapping half-size tiles', () => {
    const tiles = tileGrid(1536, 1152, 768);
    expect(tiles).toHaveLength(6);
    for (let y = 0; y < 1152; y += 16) {
      for (let x = 0; x < 1536; x += 16) {
        expect(tiles.some(([tx, ty, tw, th]) => x >= tx && x < tx + tw && y >= ty && y < ty + th)).toBe(true);
      }
    }
    // Neighbours share a strip, so an object on a tile edge is whole in one of them.
    expect(tiles[1]![0]).toBeLessThan(tiles[0]![0] + tiles[0]![2]);
    expect(tiles.every(([tx, ty, tw, th]) => tx >= 0 && ty >= 0 && tx + tw <= 1536 && ty + th <= 1152)).toBe(true);
  });

  it('uses one tile when the picture is smaller than a tile', () => {
    expect(tileGrid(300, 200, 768)).toEqual([[0, 0, 300, 200]]);
  });
});

describe('suppressOverlaps', () => {
  it('keeps separate cars, drops a duplicate and a half car cut by a tile edge', () => {
    const kept = suppressOverlaps([
      { box: [100, 100, 200, 100] as Box, confidence: 0.8 },
      { box: [105, 102, 196, 98] as Box, confidence: 0.5 }, // the same car from another tile
      { box: [100, 100, 90, 100] as Box, confidence: 0.4 }, // its left half, at a tile edge
      { box: [400, 100, 200, 100] as Box, confidence: 0.35 }, // another car
    ]);
    expect(kept.map((k) => k.confidence)).toEqual([0.8, 0.35]);
  });
});

describe('cutByTileEdge', () => {
  // The top-right tile of a 1600 × 1200 picture.
  const tile: Box = [800, 0, 800, 800];
  it('flags a box running into a side the neighbouring tile overlaps', () => {
    expect(cutByTileEdge([805, 300, 120, 60], tile, 1600, 1200)).toBe(true); // left side, x = 800
    expect(cutByTileEdge([1200, 760, 120, 40], tile, 1600, 1200)).toBe(true); // bottom side, y = 800
  });
  it('keeps a box inside the tile or against the picture’s own border', () => {
    expect(cutByTileEdge([1000, 300, 120, 60], tile, 1600, 1200)).toBe(false);
    expect(cutByTileEdge([1480, 0, 120, 60], tile, 1600, 1200)).toBe(false); // top and right are the picture's border
  });
});

describe('objects with vehicle tiles', () => {
  it('finds both food trucks by the crowd, not a cut-off part of the one between them', async () => {
    const name = 'coco128__000000000257';
    const found = (await objectsIn(await sceneImage(name))).filter((d) => d.category === 'vehicle');
    const trucks: Box[] = [
      [55, 301, 141, 60],
      [508, 304, 131, 64],
    ];
    for (const gt of trucks) expect(groundTruth(name, 'truck').some((b) => iou(b, gt) > 0.99)).toBe(true);
    for (const gt of trucks) expect(found.some((d) => iou(d.box, gt) >= 0.3)).toBe(true);
    // The white truck's top strip (a "bus" running into a tile side) was reported before.
    const top: Box = [246, 272, 180, 46];
    expect(found.some((d) => iou(d.box, top) >= 0.5)).toBe(false);
  }, 60_000);

  it('finds a van the model scores low (under 0.3)', async () => {
    const name = 'coco128__000000000064';
    const found = (await objectsIn(await sceneImage(name))).filter((d) => d.category === 'vehicle');
    const van: Box = [53, 354, 125, 59];
    expect(groundTruth(name, 'truck').some((b) => iou(b, van) > 0.99)).toBe(true);
    expect(found.some((d) => iou(d.box, van) >= 0.3 && d.score < 0.3)).toBe(true);
  }, 60_000);

  it('finds distant cars on a 640-px street photo that one whole-photo look missed', async () => {
    const name = 'coco128__000000000071';
    const found = (await objectsIn(await sceneImage(name))).filter((d) => d.category === 'vehicle');
    // Small cars (about 20×8 px) by the train that the 512-px whole-photo pass did not report.
    const distant: Box[] = [
      [349, 198, 19, 5],
      [367, 197, 20, 8],
      [460, 217, 19, 12],
    ];
    for (const gt of distant) expect(groundTruth(name, 'car').some((b) => iou(b, gt) > 0.99)).toBe(true);
    const matched = distant.filter((gt) => found.some((d) => iou(d.box, gt) >= 0.3));
    expect(matched.length).toBeGreaterThanOrEqual(2);
    // Merged across tiles: no two reported vehicles are the same box.
    for (let i = 0; i < found.length; i++) for (let j = i + 1; j < found.length; j++) expect(iou(found[i]!.box, found[j]!.box)).toBeLessThan(0.5);
  }, 60_000);

  it('finds the parked cars of a 2200-px street photo with a box matching the labelled one', async () => {
    const name = 'ade20k__ADE_train_00016900';
    const found = (await objectsIn(await sceneImage(name))).filter((d) => d.category === 'vehicle');
    const cars = groundTruth(name, 'car');
    const matched = cars.filter((gt) => found.some((d) => iou(d.box, gt) >= 0.3));
    expect(matched.length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('reports no vehicle in a bedroom', async () => {
    const found = await objectsIn(await sceneImage('sunrgbd_i3du__2'), ['vehicle', 'bed', 'face']);
    expect(found.filter((d) => d.category === 'vehicle')).toEqual([]);
    expect(found.some((d) => d.label === 'bed')).toBe(true);
  }, 60_000);
});
