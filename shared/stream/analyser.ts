// Uses Node (through the visual engine): the one frame pipeline behind the command line's `stream`,
// the room scan and the live guard. Each frame is tested for change (frame-diff.ts); the schedule
// (schedule.ts) picks the checks it gets; detect() runs them on the engine, the person mask is
// re-used between passes, the reading checks run beside the quick ones on their own thread; the
// tracker (tracker.ts) turns sightings into tracks; and the guard's rules turn tracks into alerts.
// Frames are only read: nothing here writes or keeps one after its checks.
import type { Box } from '../boxes.js';
import { CATEGORY_RULES } from '../categories.js';
import { SEVERITY_RANK, VISUAL_CATEGORIES, type Finding, type VisualCategory } from '../findings.js';
import type { RgbImage } from '../image/rgb.js';
import { CHECK_NAMES, detect, type Detection, type DetectionPlan, type DetectorName, type PersonMask } from '../visual/index.js';
import type { VisualEngine } from '../visual/engine/engine.js';
import { personMask } from '../visual/detectors/objects/person-mask.js';
import { toFindings } from '../visual/findings/to-findings.js';
import { backgroundChange, changeBetween, personCells, thumbnailOf, type FramePixels, type Thumbnail } from './frame-diff.js';
import {
  afterPass,
  guardPasses,
  guardSettings,
  lookedFor,
  maskDue,
  noteChange,
  noteWallTime,
  NOT_BUSY,
  type BusyWatch,
  READ_DETECTORS,
  ROOM_SCAN,
  START_STATE,
  type GuardSettings,
  type Pass,
  type ScheduleState,
  type StreamMode,
} from './schedule.js';
import { DEFAULT_TRACKER, Tracker, type Track } from './tracker.js';
import { STREAM_FIX, streamWords } from './words.js';

/** One frame from the source. */
export interface StreamFrame extends FramePixels {
  /** Counts from 0 in the order frames were taken. */
  index: number;
  /** Seconds since the stream started (video time for a file, capture time live). */
  time: number;
}

/** A sighting the tracker follows: the detection and the finding it reads as. */
export interface Sighting {
  category: VisualCategory;
  box: Box;
  score: number;
  detection: Detection;
  finding: Finding;
}

/** A track as others see it (the CLI's JSON, the app's alerts). */
export interface TrackSummary {
  id: number;
  category: VisualCategory;
  severity: Finding['severity'];
  title: string;
  explanation: string;
  action: string;
  /** What was read, for text, plates and codes. */
  value?: string;
  /** [x, y, w, h] in frame pixels, where it was last seen. */
  box: Box;
  firstFrame: number;
  /**
   * The last frame it was in the picture as far as the checks know: the frame before the check
   * that first missed it when it left (frames in between had not changed there), else the latest frame.
   */
  lastFrame: number;
  firstSeconds: number;
  lastSeconds: number;
  /** It left the picture. */
  gone: boolean;
  /** The detector is unsure of it: listed as "maybe", never an alert. */
  maybe: boolean;
  /** It raised (or, in the room scan, would raise) an alert. */
  alert: boolean;
}

export type AnalyserEvent =
  | { type: 'alert'; track: TrackSummary; frame: RgbImage }
  | { type: 'cleared'; track: TrackSummary }
  | { type: 'room-progress'; passes: number; needed: number }
  | { type: 'room-done'; frame: RgbImage }
  /** The machine is too busy: the guard stopped looking until stream time `until` (seconds). */
  | { type: 'paused'; until: number }
  | { type: 'resumed' };

export interface AnalyserOptions {
  mode: StreamMode;
  /** Analysed frames per second the user allows (guard). */
  budget?: number;
  /**
   * Live: the reading checks run beside the next frames and the CPU share makes the detectors
   * rest. Offline (a file): every check is awaited and no rest is taken, so the same file always
   * gives the same tracks.
   */
  realtime: boolean;
  onEvent?: (event: AnalyserEvent) => void;
  /** Wall clock in milliseconds (live only: how long the checks take); performance.now by default. */
  clock?: () => number;
}

/** What happened to one frame. */
export interface FrameOutcome {
  index: number;
  /** Share of the background that changed since the last checked frame. */
  backgroundChange: number;
  /** The checks this frame got (none: its background had not changed and nothing was due). */
  passes: Array<Pass['kind']>;
  /** CPU seconds of the quick checks (the whole process's CPU while they ran). */
  seconds: number;
  /** The detectors of the quick checks (the watch or look-again pass) this frame got; empty when none ran. */
  checks: DetectorName[];
  /** The person mask was made again for this frame's quick checks. */
  maskMade: boolean;
  /** The guard is paused: the machine was too busy. */
  paused?: boolean;
}

const ALL_CATEGORIES = new Set<VisualCategory>(VISUAL_CATEGORIES);

/** An alert is for something high or critical that the detector is sure of. */
export function raisesAlert(track: Track<Sighting>): boolean {
  const f = track.item.finding;
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK.high && !isMaybe(track);
}

/** Unsure when the mean score of its sightings is under the category's bar. */
function isMaybe(track: Track<Sighting>): boolean {
  return track.score < CATEGORY_RULES[track.category].maybeBelow;
}

/** `latest`: the latest frame looked at, for a track still in the picture. */
export function summarise(track: Track<Sighting>, alerted: boolean, latest: { frame: number; time: number }, frameSeconds: number): TrackSummary {
  const f = track.item.finding;
  const gone = track.state === 'gone';
  const last = gone && track.missedAt ? { frame: Math.max(track.lastFrame, track.missedAt.frame - 1), time: Math.max(track.lastTime, track.missedAt.time - frameSeconds) } : gone ? { frame: track.lastFrame, time: track.lastTime } : latest;
  return {
    id: track.id,
    category: track.category,
    severity: f.severity,
    ...streamWords(track.category, f.title, f.explanation),
    action: STREAM_FIX[track.category],
    ...(typeof f.value === 'string' && ['text', 'licence-plate', 'code'].includes(track.category) ? { value: f.value } : {}),
    box: track.box,
    firstFrame: track.firstFrame,
    lastFrame: last.frame,
    firstSeconds: Math.round(track.firstTime * 1000) / 1000,
    lastSeconds: Math.round(last.time * 1000) / 1000,
    gone,
    maybe: isMaybe(track),
    alert: alerted,
  };
}

/** RGBA (a canvas) or RGB pixels as the RGB the detectors read; RGB frames are used as they are. */
export function toRgb(frame: FramePixels): RgbImage {
  if (frame.channels === 3) return { data: frame.data instanceof Uint8Array ? frame.data : new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), width: frame.width, height: frame.height, channels: 3 };
  const n = frame.width * frame.height;
  const out = new Uint8Array(n * 3);
  const src = frame.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i * 3] = src[j]!;
    out[i * 3 + 1] = src[j + 1]!;
    out[i * 3 + 2] = src[j + 2]!;
  }
  return { data: out, width: frame.width, height: frame.height, channels: 3 };
}

/** A crop of an RGB picture (box clamped to it). */
export function cropFrame(image: RgbImage, box: Box): { image: RgbImage; box: Box } {
  const x = Math.max(0, Math.min(image.width - 1, Math.floor(box[0])));
  const y = Math.max(0, Math.min(image.height - 1, Math.floor(box[1])));
  const w = Math.max(1, Math.min(image.width - x, Math.ceil(box[2])));
  const h = Math.max(1, Math.min(image.height - y, Math.ceil(box[3])));
  const data = new Uint8Array(w * h * 3);
  for (let row = 0; row < h; row++) data.set(image.data.subarray(((y + row) * image.width + x) * 3, ((y + row) * image.width + x + w) * 3), row * w * 3);
  return { image: { data, width: w, height: h, channels: 3 }, box: [x, y, w, h] };
}

/** Each detection with the finding it reads as (wording from the category table). */
function sightingsOf(detections: readonly Detection[], size: { width: number; height: number }): Sighting[] {
  const findings = toFindings(detections, size);
  const left = [...findings];
  return detections.flatMap((d) => {
    const i = left.findIndex((f) => f.category === d.category && f.box?.every((v, k) => v === Math.round(d.box[k]!)));
    if (i < 0) return [];
    const [finding] = left.splice(i, 1);
    return [{ category: d.category, box: d.box, score: d.score, detection: d, finding: finding! }];
  });
}

export class StreamAnalyser {
  readonly tracker = new Tracker<Sighting>(DEFAULT_TRACKER);
  private settings: GuardSettings;
  private state: ScheduleState = START_STATE;
  private busy: BusyWatch = NOT_BUSY;
  /** The thumbnail of the last frame the quick checks looked at (changes are measured from it). */
  private reference: Thumbnail | null = null;
  private mask: PersonMask | null = null;
  /** The frame size the mask was made for. */
  private maskSize = '';
  private ignore: Uint8Array | undefined;
  private reading: Promise<void> | null = null;
  private readonly alerted = new Set<number>();
  private readonly failed = new Set<string>();
  private readonly ran = new Set<DetectorName>();
  private roomPasses = 0;
  private roomStart: number | null = null;
  private roomDone = false;
  private framesSeen = 0;
  private lastTime = 0;
  private lastIndex = 0;
  /** Seconds between frames (the last gap seen). */
  private frameGap = 0;

  constructor(
    private readonly engine: VisualEngine,
    private readonly options: AnalyserOptions,
  ) {
    this.settings = guardSettings(options.budget);
  }

  /**
   * A new budget while looking: the schedule's pace and CPU share change from the next frame on;
   * the tracks, and which of them were alerted, are kept, so nothing still in view is alerted again.
   */
  setBudget(framesPerSecond: number): void {
    this.settings = guardSettings(framesPerSecond);
  }

  get mode(): StreamMode {
    return this.options.mode;
  }

  /** The checks that could not run on some frame, in plain words. */
  failedChecks(): string[] {
    return [...this.failed];
  }

  /** The checks that ran on at least one frame, in plain words, without those that failed. */
  checksRun(): string[] {
    return [...new Set([...this.ran].map((d) => CHECK_NAMES[d]))].filter((c) => !this.failed.has(c));
  }

  /** The checks a photo's scan has that never ran here, in plain words (none failed: those are in failedChecks). */
  checksNotRun(): string[] {
    const ran = new Set(this.checksRun());
    return [...new Set(Object.values(CHECK_NAMES))].filter((c) => !ran.has(c) && !this.failed.has(c));
  }

  frames(): { count: number; seconds: number; roomPasses: number } {
    return { count: this.framesSeen, seconds: this.lastTime, roomPasses: this.roomPasses };
  }

  /** Every track that was ever confirmed, with whether it raised an alert. */
  summaries(): TrackSummary[] {
    return this.tracker.confirmedEver().map((t) => this.summary(t, this.alerted.has(t.id) || (this.options.mode === 'room-scan' && raisesAlert(t))));
  }

  private summary(track: Track<Sighting>, alerted: boolean): TrackSummary {
    return summarise(track, alerted, { frame: this.lastIndex, time: this.lastTime }, this.frameGap);
  }

  /** Tracks confirmed during the room scan, as they read. */
  roomTracks(): Array<Track<Sighting>> {
    return this.tracker.confirmedEver();
  }

  get roomScanDone(): boolean {
    return this.roomDone;
  }

  /** Looks at one frame; returns what ran. Call one frame at a time (await each). */
  async analyse(frame: StreamFrame): Promise<FrameOutcome> {
    this.framesSeen++;
    if (this.framesSeen > 1 && frame.time > this.lastTime) this.frameGap = frame.time - this.lastTime;
    this.lastTime = frame.time;
    this.lastIndex = frame.index;
    const thumb = thumbnailOf(frame);
    if (this.options.mode === 'room-scan') return this.roomFrame(frame, thumb);

    if (this.busy.pausedUntil !== null) {
      if (frame.time < this.busy.pausedUntil) return { index: frame.index, backgroundChange: 0, passes: [], seconds: 0, checks: [], maskMade: false, paused: true };
      // Back from a pause: whatever changed meanwhile is looked at now.
      this.busy = NOT_BUSY;
      this.reference = null;
      this.state = { ...this.state, restUntil: 0 };
      this.options.onEvent?.({ type: 'resumed' });
    }
    const change = this.reference ? changeBetween(this.reference, thumb) : null;
    if (change && this.mask && !this.ignore) this.ignore = personCells(this.mask, change);
    const moved = change ? backgroundChange(change, this.ignore) : 1;
    this.state = noteChange(this.state, moved, this.settings);
    const recheck = [...new Set(this.tracker.current().filter((t) => t.state === 'tentative' || t.misses > 0).map((t) => t.category))];
    const { tf, read } = guardPasses({ time: frame.time, backgroundChange: moved, recheck, reading: this.reading !== null }, this.state, this.settings);

    const outcome: FrameOutcome = { index: frame.index, backgroundChange: moved, passes: [], seconds: 0, checks: [], maskMade: false };
    if (!tf && !read) {
      this.tracker.expire(frame.time);
      return outcome;
    }
    const rgb = toRgb(frame);
    if (read) {
      outcome.passes.push(read.kind);
      const job = this.runPass(rgb, read, frame, thumb);
      // A read of a picture still changing is an early look: it is read again once it settled.
      this.state = { ...this.state, lastRead: read.kind === 'read' ? frame.time : this.state.lastRead, readPending: read.kind === 'read' && !read.early ? false : this.state.readPending };
      if (this.options.realtime) {
        // What this pass looks again at keeps its first sighting until the answer comes.
        const held = read.kind === 'confirm' ? [...lookedFor(read.detectors)] : [];
        this.tracker.hold(held);
        const done = (): void => {
          this.tracker.release(held);
          this.reading = null;
        };
        this.reading = job.then(done, done);
      } else {
        await job;
      }
    }
    if (tf) {
      outcome.passes.push(tf.kind);
      const cpu = process.cpuUsage();
      const clock = this.options.clock ?? (() => performance.now());
      const started = clock();
      const withMask = tf.kind === 'watch' && maskDue(this.state, frame.time, this.settings);
      outcome.checks = [...tf.detectors];
      outcome.maskMade = withMask;
      await this.runPass(rgb, tf, frame, thumb, withMask);
      const used = process.cpuUsage(cpu);
      const wall = (clock() - started) / 1000;
      outcome.seconds = (used.user + used.system) / 1e6;
      // The process's CPU counts the reading thread too, which may be busy beside this pass; the
      // wall time counts other programs' turns on a busy machine: the smaller is nearer this pass's own cost.
      const spent = Math.min(outcome.seconds, wall);
      this.state = afterPass(this.state, tf, frame.time, this.options.realtime ? spent : 0, this.settings, withMask);
      if (tf.kind === 'watch') this.reference = thumb;
      if (this.options.realtime) {
        const noted = noteWallTime(this.busy, wall, frame.time);
        this.busy = noted.watch;
        if (noted.pause) this.options.onEvent?.({ type: 'paused', until: noted.watch.pausedUntil! });
      }
    }
    return outcome;
  }

  /** Waits for a reading pass still running (the CLI and tests, before reading the tracks). */
  async settle(): Promise<void> {
    while (this.reading) await this.reading;
  }

  private async roomFrame(frame: StreamFrame, thumb: Thumbnail): Promise<FrameOutcome> {
    const outcome: FrameOutcome = { index: frame.index, backgroundChange: 0, passes: [], seconds: 0, checks: [], maskMade: false };
    if (this.roomDone) return outcome;
    this.roomStart ??= frame.time;
    const rgb = toRgb(frame);
    const cpu = process.cpuUsage();
    const pass: Pass = { detectors: new Set(), kind: 'room', why: 'room scan' };
    await this.runPass(rgb, pass, frame, thumb, true);
    const used = process.cpuUsage(cpu);
    outcome.passes.push('room');
    outcome.seconds = (used.user + used.system) / 1e6;
    this.roomPasses++;
    this.options.onEvent?.({ type: 'room-progress', passes: this.roomPasses, needed: ROOM_SCAN.passes });
    if (this.roomPasses >= ROOM_SCAN.passes && frame.time - this.roomStart >= ROOM_SCAN.minSeconds) {
      this.roomDone = true;
      this.options.onEvent?.({ type: 'room-done', frame: rgb });
    }
    return outcome;
  }

  /** Runs one pass on the whole frame and feeds what it saw to the tracker. */
  private async runPass(rgb: RgbImage, pass: Pass, frame: StreamFrame, thumb: Thumbnail, makeMask = false): Promise<void> {
    const room = pass.kind === 'room';
    const plan: DetectionPlan = room
      ? { detectors: new Set(['people', 'objects', 'faces', 'doors', 'vehicle-tiles', 'screens', 'windows', 'matchability', 'text', 'plates', 'codes']), categories: ALL_CATEGORIES, maxVehicleTiles: ROOM_SCAN.maxVehicleTiles }
      : { detectors: pass.detectors, categories: ALL_CATEGORIES, maxVehicleTiles: 0 };
    for (const d of plan.detectors) this.ran.add(d);
    const usesMask = [...plan.detectors].some((d) => d !== 'people' && !READ_DETECTORS.includes(d));
    let mask: PersonMask | undefined;
    if (usesMask) {
      if (makeMask || !this.mask || this.maskSize !== `${rgb.width}x${rgb.height}`) {
        try {
          this.mask = await this.engine.exclusive(({ human }) => personMask(human, rgb));
          this.maskSize = `${rgb.width}x${rgb.height}`;
          this.ignore = undefined;
          this.ran.add('people');
        } catch {
          this.failed.add(CHECK_NAMES.people);
        }
      }
      mask = this.mask ?? undefined;
    }
    // The guard's passes read the frame unstretched (fewer pixels, same shape); the room scan keeps a photo's path.
    const { detections, failedChecks } = await detect(rgb, this.engine, { ...plan, detectors: new Set([...plan.detectors].filter((d) => d !== 'people')) }, { ...(mask ? { mask } : {}), unstretched: !room });
    for (const f of failedChecks) this.failed.add(f);
    const sightings = sightingsOf(detections, rgb);
    const looked = room ? ALL_CATEGORIES : lookedFor(plan.detectors);
    for (const name of failedChecks) for (const [d, n] of Object.entries(CHECK_NAMES)) if (n === name) for (const c of lookedFor(new Set([d as DetectorName]))) looked.delete(c);
    const events = this.tracker.update({ frame: frame.index, time: frame.time, detections: sightings, looked, thumb });
    if (room) return;
    for (const event of events) {
      if (event.type === 'confirmed' && raisesAlert(event.track)) {
        this.alerted.add(event.track.id);
        this.options.onEvent?.({ type: 'alert', track: this.summary(event.track, true), frame: rgb });
      } else if (event.type === 'gone' && this.alerted.has(event.track.id)) {
        this.options.onEvent?.({ type: 'cleared', track: this.summary(event.track, true) });
      }
    }
  }
}
