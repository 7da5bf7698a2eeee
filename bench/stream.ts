// The stream figures (issue 11), on the recorded stream of bench/stream-scene.ts (a room at
// 1280×720, a real car photo held up with its plate readable, the room again), decoded to pixels
// beforehand so decoding is not counted:
//  (a) offline, every frame in order, as `exposure-check stream` runs: frames handled per CPU
//      second (the change test on each, the checks where needed); then a camera panning across the
//      room (every frame changed, so every frame needs the quick checks): the changed frames the
//      detectors analyse per CPU second, saying which checks each analysed frame got and how often
//      the slower ones ran (a frame counts as analysed only when the backbone looked at it);
//  (b) live, as the guard runs: frames grabbed at the default budget against the clock, the newest
//      taken whenever the analyser is free; CPU of the whole process (every thread,
//      the readers' included) over wall time, frames dropped, and the alert latency: wall time from
//      offering the first frame that shows the car to the alert, and from the first frame without
//      it to the alert clearing.
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { StreamAnalyser, type FrameOutcome, type StreamFrame } from '../shared/stream/analyser.js';
import { DEFAULT_BUDGET, guardSettings } from '../shared/stream/schedule.js';
import { VisualEngine } from '../shared/visual/index.js';
import { riskyFrames, scenePictures, writeSceneFolder, type SceneParts } from './stream-scene.js';

/** 4 s of room, 3 s with the car, 3 s of room again, 10 frames a second: 100 frames (276 MB of pixels). */
const PARTS: SceneParts = { fps: 10, before: 4, during: 3, after: 3 };

export interface StreamBench {
  /** The machine's 1-minute load average when the live run started (2 cores here: above 2, other work competed). */
  load: number;
  width: number;
  height: number;
  frames: number;
  offline: { framesPerCpuSecond: number; checked: number; watchCpu: { median: number; max: number } };
  /** The panning camera: every frame changed. */
  pan: PanFigures;
  live: { budget: number; cpuShareTarget: number; cpuCores: number; wall: number; offered: number; taken: number; dropped: number; alertLatency: number | null; clearLatency: number | null; alerts: string[]; pauses: number };
}

export interface PanFigures {
  frames: number;
  /** Frames whose quick checks ran (the backbone on each). */
  analysed: number;
  /** CPU seconds of those checks, all together. */
  cpu: number;
  median: number;
  max: number;
  /** How many analysed frames had each detector. */
  byDetector: Record<string, number>;
  masks: number;
  reads: number;
}

/** A camera turning slowly across the room: `count` 1280×720 views of it, each 6 px further right, at 10 frames a second. */
async function panFrames(scenesDir: string, count: number, fps: number): Promise<StreamFrame[]> {
  const { room } = await scenePictures(scenesDir);
  const wide = await sharp(room).resize(1280 + 6 * count, Math.round(((1280 + 6 * count) * 720) / 1280)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const frames: StreamFrame[] = [];
  for (let i = 0; i < count; i++) {
    const { data } = await sharp(wide.data, { raw: { width: wide.info.width, height: wide.info.height, channels: 3 } })
      .extract({ left: 6 * i, top: Math.floor((wide.info.height - 720) / 2), width: 1280, height: 720 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    frames.push({ data: new Uint8Array(data), width: 1280, height: 720, channels: 3, index: i, time: i / fps });
  }
  return frames;
}

function panFigures(outcomes: FrameOutcome[]): PanFigures {
  const analysed = outcomes.filter((o) => o.checks.includes('objects'));
  const byDetector: Record<string, number> = {};
  for (const o of analysed) for (const d of o.checks) byDetector[d] = (byDetector[d] ?? 0) + 1;
  const cpu = analysed.map((o) => o.seconds);
  return {
    frames: outcomes.length,
    analysed: analysed.length,
    cpu: cpu.reduce((a, b) => a + b, 0),
    median: median(cpu),
    max: Math.max(...cpu),
    byDetector,
    masks: analysed.filter((o) => o.maskMade).length,
    // A frame's passes: the reading pass first when it got one, then the quick checks.
    reads: outcomes.filter((o) => o.passes.length > (o.checks.length ? 1 : 0)).length,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function decodeFrames(dir: string, fps: number): Promise<StreamFrame[]> {
  const names = readdirSync(dir).filter((n) => n.endsWith('.jpg')).sort();
  const frames: StreamFrame[] = [];
  for (const [i, name] of names.entries()) {
    const { data, info } = await sharp(path.join(dir, name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    frames.push({ data: new Uint8Array(data), width: info.width, height: info.height, channels: 3, index: i, time: i / fps });
  }
  return frames;
}

export async function benchStream(scenesDir: string, work: string): Promise<StreamBench> {
  const dir = path.join(work, 'stream-frames');
  await writeSceneFolder(scenesDir, dir, PARTS);
  const frames = await decodeFrames(dir, PARTS.fps);
  const [from, to] = riskyFrames(PARTS);
  const engine = new VisualEngine();
  try {
    await engine.load();
    await engine.warm();

    // (a) Offline.
    const offline = new StreamAnalyser(engine, { mode: 'guard', realtime: false });
    const watchCpu: number[] = [];
    let checked = 0;
    const c0 = process.cpuUsage();
    for (const frame of frames) {
      const outcome = await offline.analyse(frame);
      if (outcome.passes.length) checked++;
      if (outcome.passes.includes('watch')) watchCpu.push(outcome.seconds);
    }
    await offline.settle();
    const offlineCpu = cpuSeconds(process.cpuUsage(c0));

    // (a') The panning camera, offline: every frame changed.
    const panning = new StreamAnalyser(engine, { mode: 'guard', realtime: false });
    const panOutcomes: FrameOutcome[] = [];
    for (const frame of await panFrames(scenesDir, 30, PARTS.fps)) panOutcomes.push(await panning.analyse(frame));
    await panning.settle();
    const pan = panFigures(panOutcomes);

    // (b) Live, against the clock, at the default budget.
    const budget = DEFAULT_BUDGET;
    let alertAt: number | null = null;
    let clearAt: number | null = null;
    const alerts: string[] = [];
    let pauses = 0;
    const live = new StreamAnalyser(engine, {
      mode: 'guard',
      budget,
      realtime: true,
      onEvent: (e) => {
        if (e.type === 'alert') {
          alertAt ??= performance.now();
          alerts.push(e.track.category);
        }
        if (e.type === 'cleared') clearAt = performance.now();
        if (e.type === 'paused') pauses++;
      },
    });
    // The source grabs a frame every 1/budget s; whenever the analyser is free it takes the newest
    // grab and the older ones are dropped (latest wins). The grabs are computed from the clock, so
    // the analysis blocking this thread cannot delay the source as it would a feeder on this thread.
    const duration = frames.length / PARTS.fps;
    let taken = 0;
    let dropped = 0;
    let lastGrab = -1;
    let firstRisky: number | null = null;
    let firstClear: number | null = null;
    const load = loadavg()[0] ?? NaN;
    const start = performance.now();
    const c1 = process.cpuUsage();
    for (;;) {
      const now = (performance.now() - start) / 1000;
      if (now >= duration) break;
      const grab = Math.floor(now * budget);
      if (grab === lastGrab) {
        await sleep(((grab + 1) / budget - now) * 1000);
        continue;
      }
      dropped += Math.max(0, grab - lastGrab - 1);
      lastGrab = grab;
      const grabTime = grab / budget;
      const frame = frames[Math.min(frames.length - 1, Math.floor(grabTime * PARTS.fps))]!;
      // When the car first appeared / left, as the source saw it (whether or not that grab was taken).
      if (frame.index >= from && firstRisky === null) firstRisky = start + Math.ceil((from / PARTS.fps) * budget) / budget * 1000;
      if (frame.index >= to && firstClear === null) firstClear = start + Math.ceil((to / PARTS.fps) * budget) / budget * 1000;
      taken++;
      await live.analyse({ ...frame, time: grabTime });
    }
    // Let a reading pass finish and the alert clear, at most a few seconds more.
    const deadline = performance.now() + 3000;
    while (clearAt === null && performance.now() < deadline) await sleep(50);
    await live.settle();
    const wall = (performance.now() - start) / 1000;
    const liveCpu = cpuSeconds(process.cpuUsage(c1));
    return {
      load,
      width: frames[0]!.width,
      height: frames[0]!.height,
      frames: frames.length,
      offline: { framesPerCpuSecond: frames.length / offlineCpu, checked, watchCpu: { median: median(watchCpu), max: Math.max(...watchCpu) } },
      pan,
      live: {
        budget,
        cpuShareTarget: guardSettings(budget).cpuShare,
        cpuCores: liveCpu / wall,
        wall,
        offered: taken + dropped,
        taken,
        dropped,
        alertLatency: alertAt !== null && firstRisky !== null ? (alertAt - firstRisky) / 1000 : null,
        clearLatency: clearAt !== null && firstClear !== null ? (clearAt - firstClear) / 1000 : null,
        alerts,
        pauses,
      },
    };
  } finally {
    await engine.dispose();
  }
}

const f = (n: number | null, d = 2) => (n === null || !Number.isFinite(n) ? 'n/a' : n.toFixed(d));

export function streamLines(b: StreamBench): string[] {
  return [
    `Stream frames (${b.width}x${b.height}, a recorded stream of ${b.frames} frames at 10/s built from corpus photos; frames decoded beforehand):`,
    `  offline (exposure-check stream): ${f(b.offline.framesPerCpuSecond, 1)} frames handled per CPU second; the checks ran on ${b.offline.checked} of ${b.frames} (the rest unchanged)`,
    `  a camera panning across the room (${b.pan.frames} frames at 10/s, every one changed): ${f(b.pan.analysed / b.pan.cpu, 1)} changed frames/s analysed on one core (target: 5): ${b.pan.analysed} of ${b.pan.frames} frames analysed in ${f(b.pan.cpu)} s CPU of the detectors (median ${f(b.pan.median)} s, max ${f(b.pan.max)} s a frame)`,
    `    "analysed": the backbone's objects and the faces on each (objects ${b.pan.byDetector.objects ?? 0}, faces ${b.pan.byDetector.faces ?? 0}); windows on ${b.pan.byDetector.windows ?? 0} and screen outlines on ${b.pan.byDetector.screens ?? 0} of them (at most every ${f(guardSettings().structureEverySeconds, 0)} s); the person mask made again on ${b.pan.masks}; the reading checks (text, plates, codes, their own thread, not in this CPU) on ${b.pan.reads} frames`,
    `  the room and the car, offline: quick checks on a changed frame median ${f(b.offline.watchCpu.median)} s CPU, max ${f(b.offline.watchCpu.max)} s`,
    `  live guard at the default budget (${b.live.budget} frames/s offered for ${f(b.live.wall, 1)} s): ${f(b.live.cpuCores * 100, 0)}% of one core for the whole process (every thread; the detectors' own share is capped at ${f(b.live.cpuShareTarget * 100, 0)}%); ${b.live.taken} frames taken, ${b.live.dropped} dropped (the newest wins)${b.live.pauses ? `; paused ${b.live.pauses} time${b.live.pauses === 1 ? '' : 's'} (too busy)` : ''}`,
    `  (live figures are wall-clock: load average ${f(b.load, 1)} on ${cpus().length} cores when the live run started${b.load > cpus().length ? ', so other work competed for the CPU and the latency is longer than on a quiet machine' : ''})`,
    `  alert latency: ${f(b.live.alertLatency)} s from the first frame showing the car to the alert (target: within 1 s); cleared ${f(b.live.clearLatency)} s after the car left; alerts: ${b.live.alerts.join(', ') || 'none'}`,
  ];
}
