// The matchability map on real corpus photos: labelled distinctive things (a picture, patterned
// pillows, a door handle) must score higher than a plain wall or door panel of the same photo.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { matchabilityMap, regionScore } from '../../shared/visual/detectors/patterns/matchability.js';
import { coveredBy } from '../../shared/visual/pixels/image-ops.js';
import type { Box, RgbImage } from '../../shared/visual/types.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

async function loadScene(name: string): Promise<{ image: RgbImage; objects: { label: string; box: Box }[] }> {
  const { data, info } = await sharp(path.join(SCENES, `${name}.jpg`)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const meta = JSON.parse(readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: { label: string; box: Box }[] };
  return { image: { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 }, objects: meta.objects };
}

/** Mean grey-level difference between neighbouring pixels inside a box: proves a hand-picked
 * region really is plain (smooth shading from a lamp is allowed; texture and edges are not). */
function meanDetail(image: RgbImage, [bx, by, bw, bh]: Box): number {
  const grey = (x: number, y: number) => {
    const p = (y * image.width + x) * 3;
    return 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!;
  };
  let sum = 0;
  let n = 0;
  for (let y = by; y < by + bh - 1; y++) {
    for (let x = bx; x < bx + bw - 1; x++) {
      sum += Math.abs(grey(x + 1, y) - grey(x, y)) + Math.abs(grey(x, y + 1) - grey(x, y));
      n++;
    }
  }
  return sum / n;
}

function labelled(objects: { label: string; box: Box }[], label: string): Box {
  const found = objects.find((o) => o.label === label);
  if (!found) throw new Error(`no ${label} in the scene's labels`);
  return found.box;
}

describe('matchabilityMap', () => {
  it('scores a bedroom picture and patterned pillows above the plain wall beside them', async () => {
    const { image, objects } = await loadScene('sunrgbd_i3du__2');
    // Plain painted wall between the lamp and the bed head (chosen by eye; checked plain below).
    const wall: Box = [150, 0, 60, 120];
    expect(meanDetail(image, wall)).toBeLessThan(3);
    const map = await matchabilityMap(image);
    expect(map.gridW * map.gridH).toBe(map.scores.length);
    const wallScore = regionScore(map, wall);
    const pictureScore = regionScore(map, labelled(objects, 'picture frame'));
    const pillowScore = regionScore(map, labelled(objects, 'pillow'));
    expect(wallScore).toBeLessThan(0.15);
    expect(pictureScore).toBeGreaterThan(wallScore + 0.2);
    expect(pillowScore).toBeGreaterThan(wallScore + 0.5);
    // Findings point at the detailed parts, never at the plain wall.
    expect(map.regions.length).toBeGreaterThan(0);
    for (const r of map.regions) {
      expect(r.category).toBe('matchable-area');
      expect(r.label).toBe('matchable area');
      expect(r.score).toBeGreaterThanOrEqual(0.5);
      expect(coveredBy(r.box!, wall)).toBeLessThan(0.5);
    }
    const pillowBox = labelled(objects, 'pillow');
    expect(map.regions.some((r) => coveredBy(pillowBox, r.box!) > 0.5)).toBe(true);
  });

  it('lights up a door handle but not the plain door panel below it', async () => {
    const { image, objects } = await loadScene('handle400__door_10');
    // Inside the lower-left panel of the same door (chosen by eye; checked plain below).
    const panel: Box = [380, 700, 90, 260];
    expect(meanDetail(image, panel)).toBeLessThan(4);
    const map = await matchabilityMap(image);
    const handleScore = regionScore(map, labelled(objects, 'door handle'));
    const panelScore = regionScore(map, panel);
    expect(handleScore).toBeGreaterThan(0.5);
    expect(handleScore).toBeGreaterThan(panelScore + 0.4);
  });

  it('ignores the area the person covers', async () => {
    const { image, objects } = await loadScene('sunrgbd_i3du__2');
    const pillows = objects.filter((o) => o.label === 'pillow').map((o) => o.box);
    // A person mask (at a quarter of the resolution, as segmenters give) over the pillows.
    const mask = { width: Math.ceil(image.width / 4), height: Math.ceil(image.height / 4), data: new Uint8Array(Math.ceil(image.width / 4) * Math.ceil(image.height / 4)) };
    for (const [bx, by, bw, bh] of pillows) {
      for (let y = Math.floor(by / 4); y < Math.ceil((by + bh) / 4); y++) {
        for (let x = Math.floor(bx / 4); x < Math.ceil((bx + bw) / 4); x++) mask.data[y * mask.width + x] = 255;
      }
    }
    const withPerson = await matchabilityMap(image, mask);
    const without = await matchabilityMap(image);
    const pillow = labelled(objects, 'pillow');
    expect(regionScore(without, pillow)).toBeGreaterThan(0.5);
    expect(regionScore(withPerson, pillow)).toBeLessThan(0.1);
    for (const r of withPerson.regions) expect(coveredBy(r.box!, pillow)).toBeLessThan(0.5);
    // The picture on the wall, outside the mask, is unaffected.
    const picture = labelled(objects, 'picture frame');
    expect(Math.abs(regionScore(withPerson, picture) - regionScore(without, picture))).toBeLessThan(0.1);
  });
});
