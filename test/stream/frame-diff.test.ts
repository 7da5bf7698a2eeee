// The cheap change test on real photos: a re-encoded or re-exposed frame is "unchanged"; a real
// object pasted into the room is found where it was pasted, and only there.
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { iou, type Box } from '../../shared/boxes.js';
import {
  backgroundChange,
  changeBetween,
  changedBounds,
  changedShareIn,
  personCells,
  regionChanged,
  thumbnailOf,
  type FramePixels,
} from '../../shared/stream/frame-diff.js';
import { SCENE_THING_BOX, scenePictures } from '../../bench/stream-scene.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');
const ROOM = path.join(SCENES, 'sunrgbd_i3du__1.jpg');
const OTHER = path.join(SCENES, 'coco128__000000000064.jpg');

async function frameOf(input: Sharp): Promise<FramePixels> {
  const { data, info } = await input.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 4 };
}
const room = () => sharp(ROOM).rotate().resize(1280, 720, { fit: 'cover' });

describe('frame difference', () => {
  let base: FramePixels;
  beforeAll(async () => {
    base = await frameOf(room());
  });

  it('makes a 64-cell-wide brightness grid with the frame shape', () => {
    const t = thumbnailOf(base);
    expect([t.cols, t.rows, t.width, t.height]).toEqual([64, 36, 1280, 720]);
    expect(Math.max(...t.cells)).toBeGreaterThan(Math.min(...t.cells) + 50);
  });

  it('reads RGB and RGBA frames alike', async () => {
    const { data, info } = await room().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const rgb = thumbnailOf({ data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 });
    expect(changeBetween(thumbnailOf(base), rgb).share).toBe(0);
  });

  it('calls a re-compressed frame unchanged', async () => {
    const jpeg = await room().jpeg({ quality: 40 }).toBuffer();
    const noisy = await frameOf(sharp(jpeg));
    expect(changeBetween(thumbnailOf(base), thumbnailOf(noisy)).share).toBeLessThan(0.01);
  });

  it('calls a frame the camera made brighter unchanged (automatic exposure)', async () => {
    const brighter = await frameOf(room().linear(1, 18));
    expect(changeBetween(thumbnailOf(base), thumbnailOf(brighter)).share).toBeLessThan(0.02);
    const gained = await frameOf(room().linear(1.2, 0));
    expect(changeBetween(thumbnailOf(base), thumbnailOf(gained)).share).toBeLessThan(0.02);
    const darker = await frameOf(room().linear(0.8, -5));
    expect(changeBetween(thumbnailOf(base), thumbnailOf(darker)).share).toBeLessThan(0.02);
  });

  it('finds a real object put into the room where it was put, and nowhere else', async () => {
    const where: Box = [840, 360, 320, 240];
    const patch = await sharp(OTHER).resize(where[2], where[3], { fit: 'cover' }).png().toBuffer();
    const after = await frameOf(room().composite([{ input: patch, left: where[0], top: where[1] }]));
    const map = changeBetween(thumbnailOf(base), thumbnailOf(after));
    expect(map.share).toBeGreaterThan(0.02);
    expect(changedShareIn(map, where)).toBeGreaterThan(0.5);
    expect(changedShareIn(map, [0, 0, 600, 300])).toBe(0);
    const bounds = changedBounds(map);
    expect(bounds).not.toBeNull();
    expect(iou(bounds!, where)).toBeGreaterThan(0.6);
    expect(regionChanged(thumbnailOf(base), thumbnailOf(after), where)).toBe(true);
    expect(regionChanged(thumbnailOf(base), thumbnailOf(after), [40, 40, 300, 200])).toBe(false);
  });

  it('finds a photo held up over a third of the frame where it is, not all over the room', async () => {
    // The stream bench's car photo: 560×560 on a 1280×720 room, re-encoded as a camera's frames are.
    const { room: roomPng, risky } = await scenePictures(SCENES);
    const before = await frameOf(sharp(await sharp(roomPng).jpeg({ quality: 89 }).toBuffer()));
    const after = await frameOf(sharp(await sharp(risky).jpeg({ quality: 80 }).toBuffer()));
    const map = changeBetween(thumbnailOf(before), thumbnailOf(after));
    expect(changedShareIn(map, SCENE_THING_BOX)).toBeGreaterThan(0.8);
    const bounds = changedBounds(map);
    expect(iou(bounds!, SCENE_THING_BOX)).toBeGreaterThan(0.8);
    expect(changedShareIn(map, [0, 0, 600, 720])).toBe(0);
  });

  it('ignores the person in front of the camera when asked', async () => {
    const where: Box = [480, 200, 320, 520];
    const patch = await sharp(OTHER).resize(where[2], where[3], { fit: 'cover' }).png().toBuffer();
    const after = await frameOf(room().composite([{ input: patch, left: where[0], top: where[1] }]));
    const map = changeBetween(thumbnailOf(base), thumbnailOf(after));
    // A person mask at 256×144 covering the same area.
    const mask = { data: new Uint8Array(256 * 144), width: 256, height: 144 };
    for (let y = 40; y < 144; y++) for (let x = 96; x < 160; x++) mask.data[y * 256 + x] = 255;
    const person = personCells(mask, map);
    expect(backgroundChange(map)).toBeGreaterThan(0.03);
    expect(backgroundChange(map, person)).toBe(0);
    expect(changedBounds(map, person)).toBeNull();
  });

  it('counts a frame of another size as changed everywhere', async () => {
    const small = await frameOf(sharp(ROOM).rotate().resize(640, 360, { fit: 'cover' }));
    expect(changeBetween(thumbnailOf(base), thumbnailOf(small)).share).toBe(1);
  });
});
