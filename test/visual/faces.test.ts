// Faces: the second, closer look goes where the backbone saw people, and finds the small faces of
// a large photo the whole-photo look misses. dlib's group photo (every face labelled; a training
// set, never corpus/scenes) is placed at its own size on a grey canvas four times larger.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { iou, type Box } from '../../shared/boxes.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { detectFaces, HEAD_LOOK, headCrop } from '../../shared/visual/detectors/objects/faces.js';
import { VisualEngine, detect, planFor, type RgbImage } from '../../shared/visual/index.js';

const DLIB = path.resolve(import.meta.dirname, '../../../shared/train/dlib_faces');

describe('headCrop', () => {
  const photo = { width: 4000, height: 3000 };
  const wholeScale = 4000 / 256;

  it('is a square over the top of a small person, inside the photo', () => {
    const crop = headCrop([1000, 1200, 60, 180], photo, wholeScale)!;
    expect(crop[2]).toBe(crop[3]);
    expect(crop[2]).toBe(Math.round(HEAD_LOOK.share * 180));
    // It holds the top of the person (the head) and starts a little above it.
    expect(crop[1]).toBeLessThan(1200);
    expect(crop[1] + crop[3]).toBeGreaterThan(1200 + 180 / 8);
    expect(crop[0]).toBeLessThanOrEqual(1000 + 30 - crop[2] / 2 + 1);
  });

  it('stays inside the photo at its edges', () => {
    const crop = headCrop([3980, 0, 20, 100], photo, wholeScale)!;
    expect(crop[0] + crop[2]).toBeLessThanOrEqual(4000);
    expect(crop[1]).toBe(0);
  });

  it('skips a person the whole-photo look already saw closely', () => {
    expect(headCrop([0, 0, 2000, 2900], photo, wholeScale)).toBeNull();
    expect(headCrop([10, 10, 200, 400], { width: 500, height: 400 }, 500 / 256)).toBeNull();
  });
});

describe('detectFaces on small faces', () => {
  const engine = new VisualEngine({ readers: 'here' });
  afterAll(() => engine.dispose());

  it('finds more of the labelled faces with the closer look where people were seen, and no more false ones', async () => {
    const name = 'dlib__2008_002079';
    const small = await decodeRgb(new Uint8Array(readFileSync(path.join(DLIB, `${name}.jpg`))), 'jpeg');
    const pad = 4;
    const width = small.width * pad;
    const height = small.height * pad;
    const data = new Uint8Array(width * height * 3).fill(128);
    const dx = Math.round((width - small.width) / 2);
    const dy = Math.round((height - small.height) / 2);
    for (let y = 0; y < small.height; y++) data.set(small.data.subarray(y * small.width * 3, (y + 1) * small.width * 3), ((y + dy) * width + dx) * 3);
    const image: RgbImage = { data, width, height, channels: 3 };
    const truth = (JSON.parse(readFileSync(path.join(DLIB, `${name}.json`), 'utf8')) as { objects: { label: string; box: Box }[] }).objects
      .filter((o) => o.label === 'face')
      .map((o): Box => [o.box[0] + dx, o.box[1] + dy, o.box[2], o.box[3]]);

    const people = (await detect(image, engine, planFor(['person']))).detections.map((d) => d.box);
    expect(people.length).toBeGreaterThan(0);
    const score = (faces: { box: Box }[]) => ({
      found: truth.filter((t) => faces.some((f) => iou(f.box, t) >= 0.3)).length,
      falseFaces: faces.filter((f) => !truth.some((t) => iou(f.box, t) >= 0.3)).length,
    });
    const whole = score(await engine.exclusive(({ human }) => detectFaces(human, image, [])));
    const closer = score(await engine.exclusive(({ human }) => detectFaces(human, image, people)));
    expect(closer.found).toBeGreaterThan(whole.found);
    expect(closer.found).toBeGreaterThanOrEqual(truth.length / 2);
    expect(closer.falseFaces).toBeLessThanOrEqual(whole.falseFaces);
    // Through detect(), faces get the closer look when the plan runs the backbone (the whole check does).
    const viaDetect = (await detect(image, engine, planFor(['face', 'person']))).detections.filter((d) => d.category === 'face');
    expect(score(viaDetect).found).toBe(closer.found);
  }, 180_000);
});
