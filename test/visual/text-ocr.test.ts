// Scene text with PaddleOCR's models: real lettering on corpus photos is found and read, plain
// areas give nothing, plates are read from the vehicle, and lines join into blocks.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iou } from '../../shared/boxes.js';
import type { Box } from '../../shared/boxes.js';
import { decodeRgb } from '../../shared/visual/index.js';
import { readText } from '../../shared/visual/engine/readers/paddle-ocr.js';
import type { TextLine } from '../../shared/visual/engine/readers/paddle-ocr.js';
import { detectPlates } from '../../shared/visual/detectors/text/plates.js';
import { startReaders } from '../../shared/visual/engine/readers/readers.js';
import { toFindings } from '../../shared/visual/findings/to-findings.js';
import { wordingOf } from '../../shared/categories.js';
import { afterAll } from 'vitest';
import { detectText, groupIntoBlocks, isReadable } from '../../shared/visual/detectors/text/text.js';
import type { RgbImage } from '../../shared/visual/types.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

async function scene(name: string): Promise<{ image: RgbImage; labels: Array<{ label: string; box: Box; text?: string }> }> {
  const image = await decodeRgb(new Uint8Array(fs.readFileSync(path.join(SCENES, `${name}.jpg`))), 'jpeg');
  const labels = (JSON.parse(fs.readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: Array<{ label: string; box: Box; text?: string }> }).objects;
  return { image, labels };
}

const readersPromise = startReaders('here');
afterAll(async () => (await readersPromise).dispose());

const line = (box: Box, text = 'WORD', confidence = 0.9): TextLine => ({ box, text, confidence, detScore: 0.9, vertical: false });

describe('reading scene text', () => {
  it('reads the name plaque over a cabin door, where the label puts it', async () => {
    const { image, labels } = await scene('doordetect__DOR_S1_100');
    const { texts } = await detectText(await readersPromise, image, []);
    const plaque = labels.find((l) => l.label === 'text')!;
    const found = texts.find((t) => /treyden/i.test(t.value ?? ''));
    expect(found, JSON.stringify(texts)).toBeDefined();
    expect(iou(found!.box, plaque.box)).toBeGreaterThan(0.5);
  });

  it('joins the lines of a road sign into one block and ranks the street name as an address', async () => {
    const { image } = await scene('openalpr_eu__eu10');
    const { texts } = await detectText(await readersPromise, image, []);
    const sign = texts.find((t) => /Cumberland/i.test(t.value ?? ''));
    expect(sign, JSON.stringify(texts.map((t) => t.value))).toBeDefined();
    expect(sign!.value!.split('\n').length).toBeGreaterThanOrEqual(2);
    expect(sign!.kind).toBe('address');
    expect(wordingOf('text', sign!.kind).severity).toBe('high');
  });

  it('finds nothing readable on a plain stretch of wall', async () => {
    const { image } = await scene('sunrgbd_i3du__2');
    const lines = await readText(image, { region: [0, 0, 160, 120] });
    expect(lines.filter(isReadable)).toEqual([]);
  });
});

describe('licence plates', () => {
  it('reads the plate on the car in a real street photo', async () => {
    const { image, labels } = await scene('openalpr_eu__eu10');
    const car: Box = [201, 191, 203, 209];
    const plates = await detectPlates(await readersPromise, image, [{ category: 'vehicle', label: 'car', box: car, score: 0.9 }], []);
    const truth = labels.find((l) => /plate/.test(l.label))!;
    const plate = plates.find((p) => iou(p.box, truth.box) >= 0.3);
    expect(plate, JSON.stringify(plates)).toBeDefined();
    expect(plate!.value?.replace(/[ -]/g, '')).toBe(truth.text);
  });
});

describe('what counts as readable, and blocks', () => {
  it('keeps confident words, drops low-confidence readings and lone characters unless certain', () => {
    expect(isReadable(line([0, 0, 50, 10], 'EXIT', 0.8))).toBe(true);
    expect(isReadable(line([0, 0, 50, 10], 'EXIT', 0.4))).toBe(false);
    expect(isReadable(line([0, 0, 10, 10], '7', 0.95))).toBe(true);
    expect(isReadable(line([0, 0, 10, 10], '7', 0.7))).toBe(false);
    expect(isReadable(line([0, 0, 10, 10], '--', 0.99))).toBe(false);
  });

  it('joins stacked lines of like size and keeps far or differently sized lettering apart', () => {
    const blocks = groupIntoBlocks([
      line([100, 100, 200, 20], 'Mrs J Whitfield'),
      line([100, 124, 180, 20], '14 Harbour Street'),
      line([600, 100, 200, 20], 'far away'),
      line([100, 150, 300, 80], 'HUGE'),
    ]);
    expect(blocks).toHaveLength(3);
    const address = blocks.find((b) => b.lines.length === 2)!;
    expect(address.lines.map((l) => l.text)).toEqual(['Mrs J Whitfield', '14 Harbour Street']);
    expect(address.box).toEqual([100, 100, 200, 44]);
  });
});

describe('findings for read and unread lettering', () => {
  it('shows what a plate says when it was read, and no made-up value when it was not', async () => {
    const image = { width: 300, height: 200 };
    const findings = toFindings(
      [
        { category: 'licence-plate', label: 'licence plate', box: [10, 10, 60, 20], score: 0.8, value: 'WA56660' },
        { category: 'licence-plate', label: 'licence plate', box: [100, 10, 60, 20], score: 0.4 },
        { category: 'vehicle', label: 'car', box: [0, 0, 200, 150], score: 0.9 },
      ],
      image,
    );
    const plates = findings.filter((f) => f.category === 'licence-plate');
    expect(plates.map((p) => p.value ?? null).sort()).toEqual(['WA56660', null]);
    expect(findings.find((f) => f.category === 'vehicle')?.value).toBe('car');
  });
});
