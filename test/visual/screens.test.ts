// The geometric screen detector on real corpus photos: a lit TV on a dark wall is found; a plain
// wall, a framed mirror and a framed picture are not screens.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../shared/image/decode.js';
import { categoryOfLabel } from '../../shared/categories.js';
import { integralImages, measureQuad } from '../../shared/visual/detectors/screens/screens-evidence.js';
import { boxIou } from '../../shared/visual/detectors/screens/screens-geometry.js';
import type { Box } from '../../shared/visual/detectors/screens/screens-geometry.js';
import { SCREEN_LABEL, detectScreens, screenLikeness } from '../../shared/visual/detectors/screens/screens.js';
import type { RgbImage } from '../../shared/visual/types.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

interface SceneMeta {
  objects: Array<{ label: string; box: Box }>;
}

async function scene(name: string): Promise<{ image: RgbImage; meta: SceneMeta }> {
  const image = await decodeRgb(fs.readFileSync(path.join(SCENES, `${name}.jpg`)), 'jpeg');
  const meta = JSON.parse(fs.readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as SceneMeta;
  return { image, meta };
}

function crop(image: RgbImage, [x, y, w, h]: Box): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * image.width + x) * 3;
    data.set(image.data.subarray(from, from + w * 3), row * w * 3);
  }
  return { data, width: w, height: h, channels: 3 };
}

function labelled(meta: SceneMeta, label: string): Box {
  const found = meta.objects.find((o) => o.label === label);
  if (!found) throw new Error(`no ${label} in the scene's labels`);
  return found.box;
}

describe('detectScreens', () => {
  it('finds the lit TV above the fridge in the LG showroom photo', async () => {
    const { image, meta } = await scene('doordetect__a567a0b64b3c52dc');
    const truth = labelled(meta, 'screen');
    const screens = await detectScreens(image);
    expect(screens.length).toBeGreaterThan(0);
    expect(screens.every((s) => s.label === SCREEN_LABEL && categoryOfLabel(s.label) === 'screen')).toBe(true);
    expect(Math.max(...screens.map((s) => boxIou(s.box, truth)))).toBeGreaterThanOrEqual(0.3);
  });

  it('does not report a screen the object model already reported there', async () => {
    const { image, meta } = await scene('doordetect__a567a0b64b3c52dc');
    const truth = labelled(meta, 'screen');
    const screens = await detectScreens(image, [{ category: 'screen', label: 'tv', box: truth }]);
    expect(screens.some((s) => boxIou(s.box, truth) > 0.3)).toBe(false);
  });

  it('defers to the object model when it names the same region as something else', async () => {
    const { image, meta } = await scene('doordetect__a567a0b64b3c52dc');
    const truth = labelled(meta, 'screen');
    const screens = await detectScreens(image, [{ category: null, label: 'microwave', box: truth }]);
    expect(screens.some((s) => boxIou(s.box, truth) > 0.3)).toBe(false);
  });

  it('does not take the framed mirror over the sofa for a screen', async () => {
    const { image, meta } = await scene('sunrgbd_i3du__3');
    const mirror = labelled(meta, 'mirror');
    const screens = await detectScreens(image);
    expect(screens.some((s) => boxIou(s.box, mirror) >= 0.3)).toBe(false);
    // The frame itself is judged, not just missed by the outline search.
    expect(screenLikeness(measureQuad(integralImages(image), mirror))).toBe(0);
  });

  it('does not take the framed picture over the bed for a screen', async () => {
    const { image, meta } = await scene('sunrgbd_i3du__2');
    const picture = labelled(meta, 'picture frame');
    const screens = await detectScreens(image);
    expect(screens.some((s) => boxIou(s.box, picture) >= 0.3)).toBe(false);
  });

  it('finds no screen on a plain stretch of wall', async () => {
    const { image } = await scene('sunrgbd_i3du__3');
    // The panelled wall right of the mirror, above the furniture.
    const wall = crop(image, [600, 0, 130, 180]);
    expect(await detectScreens(wall)).toEqual([]);
  });
});
