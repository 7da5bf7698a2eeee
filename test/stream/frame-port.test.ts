// The stream worker's side of the frame port (electron/stream/serve-frames.ts) with the real visual
// engine, over an in-memory port that copies messages as a real one does: malformed messages are
// dropped unread, and the newest frame wins (frames arriving while one is looked at replace the one
// waiting, so the guard never works through a backlog).
import * as path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenePictures } from '../../bench/stream-scene.js';
import { serveFramePort } from '../../electron/stream/serve-frames.js';
import { parseToStreamWorker, type FromStreamWorker } from '../../shared/stream/port-messages.js';
import { VisualEngine } from '../../shared/visual/index.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

let engine: VisualEngine;
let room: { data: Uint8Array; width: number; height: number };
beforeAll(async () => {
  engine = new VisualEngine();
  const { data, info } = await sharp((await scenePictures(SCENES)).room).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  room = { data: new Uint8Array(data), width: info.width, height: info.height };
}, 60_000);
afterAll(() => engine.dispose());

function openPort() {
  const received: FromStreamWorker[] = [];
  let toWorker: (message: unknown) => void = () => undefined;
  serveFramePort({ post: (m) => void received.push(structuredClone(m)), onMessage: (l) => (toWorker = l) }, engine);
  const waitFor = async (test: (m: FromStreamWorker[]) => boolean, ms = 90_000) => {
    const end = Date.now() + ms;
    while (!test(received)) {
      if (Date.now() > end) throw new Error(`timed out; got ${received.map((m) => m.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { received, send: (m: unknown) => toWorker(structuredClone(m)), waitFor };
}

const frame = (time: number, over: Record<string, unknown> = {}) => ({ type: 'frame', time, ...room, data: new Uint8Array(room.data), ...over });

describe('the frame port', () => {
  it('takes a new budget only among those the user can choose', () => {
    expect(parseToStreamWorker({ type: 'budget', budget: 10 })).toEqual({ type: 'budget', budget: 10 });
    expect(parseToStreamWorker({ type: 'budget', budget: 7 })).toBeNull();
    expect(parseToStreamWorker({ type: 'budget', budget: '5' })).toBeNull();
  });

  it('ignores a start with a budget the user cannot choose, and frames before a start', async () => {
    const port = openPort();
    port.send({ type: 'start', mode: 'guard', budget: 1000 });
    port.send(frame(0));
    await new Promise((r) => setTimeout(r, 500));
    expect(port.received).toEqual([]);
  });

  it('drops frames whose pixels do not match their size, and keeps only the newest frame waiting', async () => {
    const port = openPort();
    port.send({ type: 'start', mode: 'guard', budget: 5 });
    await port.waitFor((m) => m.some((x) => x.type === 'ready'));
    // Hostile or broken frames: never looked at.
    port.send(frame(0, { data: room.data.subarray(0, 1000) }));
    port.send(frame(0, { width: 5000 }));
    port.send({ type: 'frame', time: 0, width: 16, height: 16, data: 'x'.repeat(1024) });
    port.send({ type: 'bogus' });
    // Ten frames at once: the first is looked at, the rest wait in one slot, the newest winning.
    for (let i = 1; i <= 10; i++) port.send(frame(i / 10));
    await port.waitFor((m) => m.some((x) => x.type === 'frame-done' && x.time === 1));
    const done = port.received.filter((m): m is Extract<FromStreamWorker, { type: 'frame-done' }> => m.type === 'frame-done');
    expect(done.map((d) => d.time)).toEqual([0.1, 1]);
    expect(done.at(-1)!.dropped).toBe(8);
    // The first frame of a guard gets the quick checks.
    expect(done[0]!.passes).toContain('watch');
    port.send({ type: 'stop' });
    port.send(frame(2));
    await new Promise((r) => setTimeout(r, 300));
    expect(port.received.filter((m) => m.type === 'frame-done')).toHaveLength(2);
  });
});
