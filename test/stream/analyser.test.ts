// The frame pipeline's two live modes on real corpus photos (bench/stream-scene.ts): the room scan
// (every check on a few frames over a few seconds, then a report of what it saw), and the guard as
// the app runs it (reading checks beside the quick ones, the CPU share's rests), where the alert
// comes with the car and clears when it goes.
import * as path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENE_THING_BOX, scenePictures } from '../../bench/stream-scene.js';
import { coveredShare } from '../../shared/boxes.js';
import { StreamAnalyser, type AnalyserEvent, type StreamFrame } from '../../shared/stream/analyser.js';
import { ROOM_SCAN } from '../../shared/stream/schedule.js';
import { CHECK_NAMES, VisualEngine } from '../../shared/visual/index.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

async function rgba(png: Buffer): Promise<Omit<StreamFrame, 'index' | 'time'>> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 4 };
}

let engine: VisualEngine;
let room: Omit<StreamFrame, 'index' | 'time'>;
let risky: Omit<StreamFrame, 'index' | 'time'>;
beforeAll(async () => {
  engine = new VisualEngine();
  const pictures = await scenePictures(SCENES);
  // RGBA, as the app's canvas gives frames.
  room = await rgba(pictures.room);
  risky = await rgba(pictures.risky);
}, 60_000);
afterAll(() => engine.dispose());

describe('the room scan', () => {
  it('runs every check on a few frames over a few seconds, then reports the plate as "fix first"', async () => {
    const events: AnalyserEvent[] = [];
    const scan = new StreamAnalyser(engine, { mode: 'room-scan', realtime: true, onEvent: (e) => events.push(e) });
    let t = 0;
    while (!scan.roomScanDone && t < 20) {
      await scan.analyse({ ...risky, index: t, time: t });
      t += 1;
    }
    expect(scan.roomScanDone).toBe(true);
    expect(t - 1).toBeGreaterThanOrEqual(ROOM_SCAN.minSeconds);
    expect(events.filter((e) => e.type === 'room-progress').map((e) => (e as { passes: number }).passes)).toEqual(Array.from({ length: t }, (_, i) => i + 1));
    const done = events.filter((e) => e.type === 'room-done');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ frame: { width: 1280, height: 720, channels: 3 } });
    // After the scan, frames are not looked at again.
    expect((await scan.analyse({ ...risky, index: t, time: t })).passes).toEqual([]);
    const tracks = scan.summaries();
    const plate = tracks.find((x) => x.category === 'licence-plate');
    expect(plate).toMatchObject({ alert: true, severity: 'high', gone: false });
    expect(coveredShare(plate!.box, SCENE_THING_BOX)).toBeGreaterThan(0.9);
    // Said of a stream, not of a photo.
    for (const track of tracks) expect(`${track.title} ${track.explanation}`).not.toMatch(/\bphoto\b/i);
    // It says what it looked for: every check of a photo's scan.
    expect(new Set(scan.checksRun())).toEqual(new Set(Object.values(CHECK_NAMES)));
    expect(scan.failedChecks()).toEqual([]);
  }, 240_000);
});

describe('the live guard', () => {
  it('raises the alert when the car appears, once per thing, and clears it when the car goes', async () => {
    const events: AnalyserEvent[] = [];
    // The clock says every pass was quick: how busy the machine running the tests is must not make
    // the guard pause (that is tested below).
    const guard = new StreamAnalyser(engine, { mode: 'guard', budget: 5, realtime: true, clock: () => 0, onEvent: (e) => events.push(e) });
    // 2 s of room, 3 s with the car, 4 s of room, at 5 frames a second.
    const plan = (i: number) => (i >= 10 && i < 25 ? risky : room);
    let alertsBeforeBudget = -1;
    for (let i = 0; i < 45; i++) {
      // The user picks another budget while the car is in view and already alerted.
      if (i === 20) {
        alertsBeforeBudget = events.filter((e) => e.type === 'alert').length;
        guard.setBudget(10);
      }
      await guard.analyse({ ...plan(i), index: i, time: i / 5 });
      // A reading pass runs beside the quick checks of its frame; it is awaited before the next
      // frame so that the outcome does not depend on the machine's load (live, frames keep coming).
      await guard.settle();
    }
    await guard.settle();
    const alerts = events.filter((e): e is Extract<AnalyserEvent, { type: 'alert' }> => e.type === 'alert');
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(a.track.firstFrame).toBeGreaterThanOrEqual(10);
      expect(coveredShare(a.track.box, SCENE_THING_BOX)).toBeGreaterThan(0.9);
      // The alert carries the frame it was raised on, for the still of the region.
      expect(a.frame.width).toBe(1280);
    }
    expect(new Set(alerts.map((a) => a.track.id)).size).toBe(alerts.length);
    // The budget change kept what the guard tracks: what was alerted is not alerted again.
    expect(alertsBeforeBudget).toBeGreaterThan(0);
    const before = new Set(alerts.slice(0, alertsBeforeBudget).map((a) => a.track.category));
    expect(alerts.slice(alertsBeforeBudget).filter((a) => before.has(a.track.category))).toEqual([]);
    const cleared = events.filter((e): e is Extract<AnalyserEvent, { type: 'cleared' }> => e.type === 'cleared');
    // Every alert cleared once the car had gone, after it went.
    expect(cleared.map((c) => c.track.id).sort()).toEqual(alerts.map((a) => a.track.id).sort());
    for (const c of cleared) expect(c.track.lastFrame).toBeGreaterThanOrEqual(24);
  }, 300_000);
});

describe('a guard on a machine too busy', () => {
  it('pauses itself and says so rather than lag, then resumes and looks at what changed', async () => {
    const events: AnalyserEvent[] = [];
    // A clock on which every quick pass takes 2 s of wall time (others keep the CPU busy).
    let ms = 0;
    const guard = new StreamAnalyser(engine, { mode: 'guard', budget: 5, realtime: true, clock: () => (ms += 2000), onEvent: (e) => events.push(e) });
    const outcomes = [];
    for (let t = 0; t < 12; t++) outcomes.push(await guard.analyse({ ...(t % 2 ? risky : room), index: t, time: t }));
    await guard.settle();
    const paused = events.findIndex((e) => e.type === 'paused');
    expect(paused).toBeGreaterThanOrEqual(0);
    const until = (events[paused] as { until: number }).until;
    // While paused, frames get no checks and say why.
    const during = outcomes.filter((o) => o.index < until && o.paused);
    expect(during.length).toBeGreaterThan(0);
    for (const o of during) expect(o.passes).toEqual([]);
    // Then it tries again: the first frame after the pause is looked at.
    expect(events.slice(paused).some((e) => e.type === 'resumed')).toBe(true);
    expect(outcomes[Math.ceil(until)]!.passes.length).toBeGreaterThan(0);
  }, 300_000);
});
