// Uses Node (sharp, the visual engine). The stream worker's side of the frame port: validates every
// message, runs the one frame pipeline (shared/stream/analyser.ts) one frame at a time, and keeps
// only the newest frame waiting: a frame that arrives while another is being looked at replaces
// the one waiting, so the guard never falls behind the picture. Frames are dropped as soon as
// they are looked at; the only pictures that leave are the stills of a finding, as JPEG in memory.
import sharp from 'sharp';
import type { Box } from '../../shared/boxes.js';
import type { RgbImage } from '../../shared/image/rgb.js';
import { cropFrame, StreamAnalyser, type AnalyserEvent, type TrackSummary } from '../../shared/stream/analyser.js';
import { parseToStreamWorker, type FromStreamWorker, type StreamFrameMessage, type StreamStartMessage, type StreamTrack } from '../../shared/stream/port-messages.js';
import { whereInFrame } from '../../shared/stream/words.js';
import type { VisualEngine } from '../../shared/visual/engine/engine.js';

/** One end of the frame port, whatever carries it. */
export interface FramePortEnd {
  post(message: FromStreamWorker): void;
  onMessage(listener: (message: unknown) => void): void;
}

async function jpegDataUrl(image: RgbImage, maxSide: number): Promise<string> {
  const jpeg = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/** The region of an alert with some room around it, so the user recognises the place. */
function regionAround(box: Box, image: RgbImage): Box {
  const [x, y, w, h] = box;
  const pad = Math.max(w, h) * 0.25;
  return [Math.max(0, x - pad), Math.max(0, y - pad), Math.min(image.width, w + 2 * pad), Math.min(image.height, h + 2 * pad)];
}

function withWhere(track: TrackSummary, size: { width: number; height: number }): StreamTrack {
  return { ...track, where: whereInFrame(track.box, size) };
}

/** Serves one window's frame port until it says stop. `engine` is loaded once and shared by the worker's sessions. */
/** Each engine's warm-up, shared by every session of the worker. */
const warmUps = new WeakMap<VisualEngine, Promise<void>>();

/** A served port, from the worker's side. */
export interface FramePortSession {
  /** Stops looking and resolves once no check of this session is running any more. */
  stop(): Promise<void>;
}

export function serveFramePort(port: FramePortEnd, engine: VisualEngine, clock: () => number = () => performance.now()): FramePortSession {
  let analyser: StreamAnalyser | null = null;
  let waiting: StreamFrameMessage | null = null;
  let dropped = 0;
  let running = false;
  let index = 0;
  let size = { width: 1, height: 1 };
  let lastTime = 0;
  // Stills are encoded one after another; an event's order is kept.
  let posting: Promise<void> = Promise.resolve();

  const send = (make: () => Promise<FromStreamWorker> | FromStreamWorker): void => {
    posting = posting.then(async () => port.post(await make())).catch(() => port.post({ type: 'error', message: 'A picture of the finding could not be made.' }));
  };

  function onEvent(event: AnalyserEvent): void {
    switch (event.type) {
      case 'alert': {
        const track = withWhere(event.track, size);
        const { image } = cropFrame(event.frame, regionAround(event.track.box, event.frame));
        send(async () => ({ type: 'alert', track, still: await jpegDataUrl(image, 480) }));
        break;
      }
      case 'cleared':
        send(() => ({ type: 'cleared', track: withWhere(event.track, size) }));
        break;
      case 'room-progress':
        send(() => ({ type: 'room-progress', passes: event.passes, needed: event.needed }));
        break;
      case 'room-done': {
        const current = analyser;
        if (!current) break;
        const frame = event.frame;
        const tracks = current.summaries().map((t) => withWhere(t, size));
        const checks = { checked: current.checksRun(), notChecked: current.checksNotRun(), failed: current.failedChecks() };
        send(async () => ({ type: 'room-done', still: await jpegDataUrl(frame, 1280), width: frame.width, height: frame.height, tracks, ...checks }));
        break;
      }
      case 'paused':
        send(() => ({ type: 'paused', seconds: Math.max(1, Math.round(event.until - lastTime)) }));
        break;
      case 'resumed':
        send(() => ({ type: 'resumed' }));
        break;
    }
  }

  async function start(message: StreamStartMessage): Promise<void> {
    waiting = null;
    index = 0;
    try {
      // Warm once per worker, so the first frame does not pay for compiling the models' kernels.
      if (!warmUps.has(engine)) warmUps.set(engine, engine.warm());
      await warmUps.get(engine);
    } catch {
      warmUps.delete(engine);
      port.post({ type: 'error', message: 'The picture checks could not be loaded, so nothing is being watched.' });
      return;
    }
    // A stopped session's late answers (a reading check still running) are not passed on.
    const session: StreamAnalyser = new StreamAnalyser(engine, { mode: message.mode, budget: message.budget, realtime: true, onEvent: (e) => analyser === session && onEvent(e), clock });
    analyser = session;
    port.post({ type: 'ready' });
  }

  let draining: Promise<void> = Promise.resolve();
  function drain(): Promise<void> {
    if (running) return draining;
    running = true;
    draining = drainFrames();
    return draining;
  }

  async function drainFrames(): Promise<void> {
    try {
      while (waiting && analyser) {
        const frame = waiting;
        waiting = null;
        size = { width: frame.width, height: frame.height };
        lastTime = frame.time;
        const current = analyser;
        const outcome = await current.analyse({ data: frame.data, width: frame.width, height: frame.height, channels: 4, index: index++, time: frame.time });
        if (current !== analyser) continue;
        port.post({ type: 'frame-done', time: frame.time, passes: outcome.passes, dropped });
      }
    } catch {
      port.post({ type: 'error', message: 'A frame could not be checked. The guard goes on with the next one.' });
    } finally {
      running = false;
    }
    if (waiting && analyser) void drain();
  }

  port.onMessage((raw) => {
    const message = parseToStreamWorker(raw);
    if (!message) return;
    switch (message.type) {
      case 'start':
        void start(message);
        break;
      case 'frame':
        if (!analyser) return;
        if (waiting) dropped++;
        // The newest frame wins: the one waiting (if any) is let go unseen.
        waiting = message;
        void drain();
        break;
      case 'budget':
        analyser?.setBudget(message.budget);
        break;
      case 'stop':
        analyser = null;
        waiting = null;
        break;
    }
  });

  return {
    async stop() {
      const last = analyser;
      analyser = null;
      waiting = null;
      await draining;
      await last?.settle();
      await posting;
    },
  };
}
