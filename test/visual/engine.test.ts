// The visual engine on real photos: it loads once, is reused across calls, runs ONE backbone pass
// per photo whose features the door heads reuse, reads text and codes in a thread of its own, and
// can be disposed. detect() gives raw detections (no wording); toFindings() adds the wording.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORY_RULES } from '../../shared/categories.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { iou } from '../../shared/boxes.js';
import { CHEAP_PLAN, FULL_PLAN, VisualEngine, detect, planFor, toFindings, type Detection } from '../../shared/visual/index.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');
const scene = async (name: string) => decodeRgb(new Uint8Array(readFileSync(path.join(SCENES, `${name}.jpg`))), 'jpeg');
const truth = (name: string, label: string): [number, number, number, number][] =>
  (JSON.parse(readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: { label: string; box: [number, number, number, number] }[] }).objects
    .filter((o) => o.label === label)
    .map((o) => o.box);

/** The readers in their own thread, as in the app (the TypeScript worker runs through tsx here). */
const engine = new VisualEngine({ readers: 'thread' });
afterAll(() => engine.dispose());

const DETECTION_KEYS = new Set(['category', 'label', 'box', 'score', 'value', 'kind', 'onPerson']);

describe('VisualEngine', () => {
  it('loads every runtime once and hands the same ones to every caller', async () => {
    const [a, b] = await Promise.all([engine.load(), engine.load()]);
    expect(a).toBe(b);
    expect(await engine.load()).toBe(a);
    expect(a.readers.where).toBe('thread');
  }, 120_000);

  it('runs one backbone pass per indoor photo: objects and both door heads from it', async () => {
    const image = await scene('doordetect__DOR_S1_100');
    const before = await engine.backbonePasses();
    const { detections, failedChecks } = await detect(image, engine, FULL_PLAN);
    expect(failedChecks).toEqual([]);
    expect((await engine.backbonePasses()) - before).toBe(1);
    // The handle head read that pass's features.
    expect(detections.some((d) => d.category === 'door-handle' && truth('doordetect__DOR_S1_100', 'door handle').some((t) => iou(d.box, t) >= 0.3))).toBe(true);
    // The plaque over the door was read in the readers' thread.
    expect(detections.some((d) => d.category === 'text' && /treyden/i.test(d.value ?? ''))).toBe(true);
  }, 180_000);

  it('adds a capped number of vehicle tiles on a street photo, only where vehicles were seen', async () => {
    const image = await scene('coco128__000000000257');
    const before = await engine.backbonePasses();
    await detect(image, engine, planFor(['vehicle']));
    const passes = (await engine.backbonePasses()) - before;
    expect(passes).toBeGreaterThan(1);
    expect(passes).toBeLessThanOrEqual(1 + FULL_PLAN.maxVehicleTiles);
  }, 120_000);

  it('gives raw detections with scores and boxes in image pixels, and no wording', async () => {
    const image = await scene('coco128__000000000241');
    const { detections } = await detect(image, engine, planFor(['face', 'person']));
    expect(detections.length).toBeGreaterThan(2);
    for (const d of detections) {
      for (const key of Object.keys(d)) expect(DETECTION_KEYS.has(key), key).toBe(true);
      expect(d.score).toBeGreaterThan(0);
      expect(d.score).toBeLessThanOrEqual(1);
      const [x, y, w, h] = d.box;
      expect(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= image.width && y + h <= image.height).toBe(true);
      expect(d.onPerson).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(detections.map((d) => d.category))).toEqual(new Set(['face', 'person']));
  }, 120_000);

  it('runs the cheap plan for video frames: no reading, one pass, the same engine again and again', async () => {
    const image = await scene('coco128__000000000064');
    const before = await engine.backbonePasses();
    for (let i = 0; i < 3; i++) {
      const { detections } = await detect(image, engine, CHEAP_PLAN);
      expect(detections.some((d) => d.category === 'vehicle')).toBe(true);
      expect(detections.some((d) => d.category === 'text' || d.category === 'code' || d.category === 'licence-plate')).toBe(false);
    }
    expect((await engine.backbonePasses()) - before).toBe(3);
  }, 120_000);

  it('can be warmed (one pass), and once disposed refuses work', async () => {
    const other = new VisualEngine({ readers: 'thread' });
    await other.warm();
    const before = await other.backbonePasses();
    await other.dispose();
    await expect(other.load()).rejects.toThrow(/closed/);
    await expect(detect(await scene('coco128__000000000064'), other, CHEAP_PLAN)).rejects.toThrow(/closed/);
    expect(before).toBe(1);
    await other.dispose();
  }, 180_000);
});

describe('toFindings', () => {
  const size = { width: 1000, height: 800 };
  const d = (category: Detection['category'], box: Detection['box'], score: number, extra: Partial<Detection> = {}): Detection => ({ category, label: category, box, score, ...extra });

  it('words each finding from the category table, and its kind where the table has one', () => {
    const findings = toFindings(
      [d('text', [10, 10, 200, 40], 0.9, { value: '14 Harbour Street', kind: 'address' }), d('window', [500, 100, 200, 300], 0.8), d('pattern', [0, 400, 300, 300], 0.7, { kind: 'bedding' })],
      size,
    );
    const text = findings.find((f) => f.category === 'text')!;
    expect(text.title).toBe(CATEGORY_RULES.text.kinds!.address!.title);
    expect(text.severity).toBe('high');
    expect(text.value).toBe('14 Harbour Street');
    const window = findings.find((f) => f.category === 'window')!;
    expect([window.title, window.explanation, window.action]).toEqual([CATEGORY_RULES.window.title, CATEGORY_RULES.window.explanation, CATEGORY_RULES.window.action]);
    const bedding = findings.find((f) => f.category === 'pattern')!;
    expect(bedding.title).toBe('Patterned bedding is visible');
    expect(bedding.severity).toBe('high');
    // Patterns are too unreliable to count: always a maybe.
    expect(bedding.maybe).toBe(true);
  });

  it('tells the main subject from someone else, and says what is on the person', () => {
    const findings = toFindings(
      [d('face', [400, 200, 200, 240], 0.95, { onPerson: 0.9 }), d('face', [20, 20, 30, 36], 0.9, { onPerson: 0.8 }), d('screen', [700, 500, 100, 80], 0.6, { onPerson: 0.1 })],
      size,
    );
    const faces = findings.filter((f) => f.category === 'face');
    expect(faces.map((f) => f.kind).sort()).toEqual(['other', 'subject']);
    expect(faces.find((f) => f.kind === 'other')!.severity).toBe('high');
    expect(faces.every((f) => f.where === 'on the person')).toBe(true);
    expect(findings.find((f) => f.category === 'screen')!.where).toBe('in the background');
    // Worst first, ids unique per category.
    expect(findings[0]!.severity).toBe('high');
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    expect(findings.every((f) => /^visual\.[a-z-]+\.\d+$/.test(f.id))).toBe(true);
  });
});
