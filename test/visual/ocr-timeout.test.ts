// A read that takes too long is given up without crashing the process, later reads still work,
// and stopping OCR waits for the abandoned thread instead of pulling it out from under its read.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeForVisual } from '../../shared/visual/decode.js';
import { recognise, setOcrTimeLimit, stopOcr } from '../../shared/visual/ocr-engine.js';

const scenes = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

afterAll(async () => {
  setOcrTimeLimit(6000);
  await stopOcr();
});

describe('OCR time limit', () => {
  it('gives up a slow read, then reads normally with a fresh worker, and stops cleanly', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const image = await decodeForVisual(new Uint8Array(readFileSync(path.join(scenes, 'openalpr_us__car1.jpg'))), 'jpeg');
      await recognise(image, { maxSide: 600 }); // warm: the worker exists and has read once
      setOcrTimeLimit(1);
      expect(await recognise(image, { maxSide: 1600 })).toEqual([]);
      setOcrTimeLimit(20_000);
      const words = (await recognise(image, { maxSide: 1200 })).flatMap((p) => p.lines.flat());
      expect(words.length).toBeGreaterThan(0);
      await stopOcr();
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, 120_000);
});
