// The CenterNet graph at a stream frame's own shape (backbone-size.ts): the sizes a frame gets, the
// constants set in a copy of the shipped artifacts, and the real graph run at 512×288 on a real
// 16:9 frame, finding what the square 512×512 path finds, in the frame's pixels.
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { iou } from '../../shared/boxes.js';
import type { RgbImage } from '../../shared/image/rgb.js';
import { isReported, seenObjects } from '../../shared/visual/detectors/objects/objects.js';
import { backboneSource, loadBackbone, readBackboneArtifacts, type Backbone } from '../../shared/visual/engine/backbone.js';
import { resizedArtifacts, unstretchedInput } from '../../shared/visual/engine/backbone-size.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

/** A corpus photo as a camera frame: cut to `width`×`height`, centred. */
async function frame(name: string, width: number, height: number): Promise<RgbImage> {
  const { data } = await sharp(path.join(SCENES, name)).rotate().resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width, height, channels: 3 };
}

function int32s(artifacts: ReturnType<typeof readBackboneArtifacts>, name: string): number[] {
  let offset = 0;
  for (const spec of artifacts.weightSpecs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = { float16: 2, uint8: 1, uint16: 2 }[spec.quantization?.dtype as string] ?? 4;
    if (spec.name === name) return [...new Int32Array(artifacts.weightData.slice(offset, offset + 4 * count))];
    offset += count * bytes;
  }
  throw new Error(`no ${name}`);
}

describe('unstretchedInput', () => {
  it('keeps the frame shape with a 512 long side and sides in steps of 32', () => {
    expect(unstretchedInput({ width: 1280, height: 720 })).toEqual({ width: 512, height: 288 });
    expect(unstretchedInput({ width: 1920, height: 1080 })).toEqual({ width: 512, height: 288 });
    expect(unstretchedInput({ width: 640, height: 480 })).toEqual({ width: 512, height: 384 });
    expect(unstretchedInput({ width: 720, height: 1280 })).toEqual({ width: 288, height: 512 });
    expect(unstretchedInput({ width: 800, height: 800 })).toEqual({ width: 512, height: 512 });
    // A very wide window capture keeps a workable short side.
    expect(unstretchedInput({ width: 3840, height: 400 })).toEqual({ width: 512, height: 128 });
  });
});

describe('resizedArtifacts', () => {
  const shipped = readBackboneArtifacts();

  it('sets the pyramid and decoding constants and the declared input for 512×288, leaving the shipped copy as it was', () => {
    const before = new Uint8Array(shipped.weightData.slice(0));
    const wide = resizedArtifacts(shipped, { width: 512, height: 288 });
    expect(int32s(shipped, 'tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul')).toEqual([128, 128]);
    expect(int32s(wide, 'tower_0/CenternetHead/c5_upsample/up_sampling2d/mul')).toEqual([18, 32]);
    expect(int32s(wide, 'tower_0/CenternetHead/c4_upsample/up_sampling2d_1/mul')).toEqual([36, 64]);
    expect(int32s(wide, 'tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul')).toEqual([72, 128]);
    expect(int32s(wide, 'tower_0/strided_slice_6')).toEqual([128]);
    expect(int32s(wide, 'tower_0/BatchGather/concat')).toEqual([72 * 128, 4]);
    const input = wide.modelTopology.node.find((n) => n.name === 'tower_0/images')!;
    expect(JSON.stringify(input.attr)).toContain('"288"');
    expect(new Uint8Array(shipped.weightData)).toEqual(before);
    expect(JSON.stringify(shipped.modelTopology.node.find((n) => n.name === 'tower_0/images')!.attr)).not.toContain('"288"');
  });

  it('gives the shipped artifacts for 512×512 and refuses sizes the graph cannot take', () => {
    expect(resizedArtifacts(shipped, { width: 512, height: 512 })).toBe(shipped);
    expect(() => resizedArtifacts(shipped, { width: 500, height: 288 })).toThrow(/cannot read/);
    expect(() => resizedArtifacts(shipped, { width: 512, height: 64 })).toThrow(/cannot read/);
  });
});

describe('the backbone on an unstretched frame', () => {
  let backbone: Backbone;
  afterAll(() => backbone?.dispose());

  it('finds the car and the people of a 1280×720 street frame as the square path does, in frame pixels', async () => {
    backbone = await loadBackbone();
    const image = await frame('coco128__000000000257.jpg', 1280, 720);
    const { image: copy, scale } = await backboneSource(image);
    const square = seenObjects((await backbone.runBilinear(copy, false)).objects, image, scale).filter(isReported);
    const before = backbone.passes;
    const wide = seenObjects((await backbone.runBilinear(copy, false, unstretchedInput(copy))).objects, image, scale).filter(isReported);
    expect(backbone.passes - before).toBe(1);
    expect(square.some((o) => o.category === 'vehicle')).toBe(true);
    // The surest objects of the square path are found again, in the same place.
    for (const o of square.filter((s) => s.score >= 0.5)) expect(wide.some((w) => w.label === o.label && iou(w.box, o.box) >= 0.5), `${o.label} ${o.box.join(',')}`).toBe(true);
    for (const o of wide) {
      expect(o.box[0] + o.box[2]).toBeLessThanOrEqual(1280);
      expect(o.box[1] + o.box[3]).toBeLessThanOrEqual(720);
    }
  }, 120_000);

  it('runs a portrait frame at 288×512 and refuses features off the square input', async () => {
    backbone ??= await loadBackbone();
    const image = await frame('coco128__000000000257.jpg', 720, 1280);
    const { image: copy } = await backboneSource(image);
    const { objects } = await backbone.runBilinear(copy, false, unstretchedInput(copy));
    expect(objects.length).toBeGreaterThan(0);
    await expect(backbone.runBilinear(copy, true, unstretchedInput(copy))).rejects.toThrow(/square/);
  }, 120_000);
});
