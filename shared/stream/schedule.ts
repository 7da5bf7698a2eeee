// Pure: which checks a stream frame gets. The room scan looks at a few frames with every check.
// The live guard keeps the detectors' work small: a frame whose background did not change needs
// nothing (the tracks carry over), a change behind the person gets the quick checks (objects and
// faces on every changed frame, windows and screen outlines at most every few seconds: a room's
// windows and screens seldom come and go), the reading checks (text, plates, codes) read a changed
// picture at once, beside the quick checks, and again once it settled, a thing seen once is looked
// at again at once by the check that saw it (so an alert needs two sightings but comes quickly),
// and a CPU share caps how much of the time the detectors may run. Reading is always of the whole
// frame: the text detector reads a crop differently from the frame (a plate's lettering split, a
// line's words changed), and the sighting that confirms a thing decides how it is worded.
import { VISUAL_CATEGORIES, type VisualCategory } from '../findings.js';
import { planFor, type DetectorName } from '../visual/engine/plan.js';

export type StreamMode = 'room-scan' | 'guard';

/** The checks for what moves in and out of a room: objects (beds, screens, vehicles, people), faces, windows, screen outlines. */
export const WATCH_DETECTORS: readonly DetectorName[] = ['objects', 'faces', 'windows', 'screens'];
/** The quick checks every changed frame gets: the backbone's objects and faces. */
export const QUICK_DETECTORS: readonly DetectorName[] = ['objects', 'faces'];
/** The room's structure: windows and screen outlines, on a watch pass at most every `structureEverySeconds`. */
export const STRUCTURE_DETECTORS: readonly DetectorName[] = ['windows', 'screens'];
/** The checks that read: text, plates (from the text), QR codes and barcodes. They run on their own thread. */
export const READ_DETECTORS: readonly DetectorName[] = ['text', 'plates', 'codes'];

/** The room scan: every check on each frame it looks at (vehicle tiles limited: a room seldom needs them). */
export const ROOM_SCAN = { passes: 3, minSeconds: 4, maxVehicleTiles: 2 };

export interface GuardSettings {
  /** Frames the guard takes from the source per second (the CPU budget the user chooses). */
  framesPerSecond: number;
  /** Share (0..1) of one core the detectors may use on average. */
  cpuShare: number;
  /** The quick checks run at least this often, even on a still picture. */
  watchEverySeconds: number;
  /** The reading checks run at least this often on the whole frame. */
  readEverySeconds: number;
  /** The person mask is made again this often (in between, the last one is re-used). */
  maskEverySeconds: number;
  /** Windows and screen outlines join a watch pass at most this often (a regular look always has them). */
  structureEverySeconds: number;
  /** Share (0..1) of the background's cells that must change for the quick checks to run at once. */
  changeShare: number;
  /** The longest rest after a pass (seconds): the guard is never blind to a change for longer. */
  maxRest: number;
}

/** The budgets a user can choose (analysed frames per second), the default second. */
export const BUDGETS = [2, 5, 10] as const;
export const DEFAULT_BUDGET = 5;

/** Settings for a budget: more frames a second look more often and may use more of a core. */
export function guardSettings(framesPerSecond: number = DEFAULT_BUDGET): GuardSettings {
  const fps = Math.max(0.5, Math.min(30, framesPerSecond));
  return {
    framesPerSecond: fps,
    // 2 fps: 35% of a core, 5 fps: 60%, 10 fps: 85%; never a whole core, so the streaming software keeps one.
    cpuShare: Math.min(0.85, 0.2 + 0.075 * fps),
    watchEverySeconds: Math.max(1, 10 / fps),
    readEverySeconds: Math.max(3, 30 / fps),
    maskEverySeconds: Math.max(1, 10 / fps),
    structureEverySeconds: Math.max(1, 10 / fps),
    changeShare: 0.01,
    maxRest: 0.5,
  };
}

/** One check of one (whole) frame: which detectors. */
export interface Pass {
  detectors: Set<DetectorName>;
  /** 'watch' (quick checks), 'read', 'confirm' (look again at something seen once), 'room' (everything). */
  kind: 'room' | 'watch' | 'read' | 'confirm';
  why: string;
  /** A read of a picture still changing: it is read again once it settled. */
  early?: boolean;
}

/** What the schedule knows about the stream so far (times in seconds of stream time). */
export interface ScheduleState {
  lastWatch: number | null;
  lastRead: number | null;
  lastMask: number | null;
  /** The last watch pass with windows and screen outlines. */
  lastStructure: number | null;
  /** The detectors may not start a new optional pass before this time (the CPU share). */
  restUntil: number;
  /** The background changed since the last reading pass. */
  readPending: boolean;
}

export const START_STATE: ScheduleState = { lastWatch: null, lastRead: null, lastMask: null, lastStructure: null, restUntil: 0, readPending: false };

/** What one frame brings. */
export interface FrameFacts {
  time: number;
  /** Share (0..1) of the background (not the person) that changed since the last checked frame. */
  backgroundChange: number;
  /** Categories of things seen once (or missed once) that need a second look. */
  recheck: readonly VisualCategory[];
  /** A reading pass is still running (only one at a time). */
  reading: boolean;
}

/** The detectors a category needs (no person mask: the guard makes it itself; no vehicle tiles). */
export function detectorsFor(categories: readonly VisualCategory[]): Set<DetectorName> {
  const out = new Set<DetectorName>();
  for (const d of planFor(categories).detectors) if (d !== 'people' && d !== 'vehicle-tiles') out.add(d);
  return out;
}

/**
 * The categories a pass looked for: those whose every detector ran. Only these can be "missed":
 * a pass without the reading checks says nothing about text.
 */
export function lookedFor(detectors: ReadonlySet<DetectorName>): Set<VisualCategory> {
  return new Set(VISUAL_CATEGORIES.filter((c) => {
    // A plate is read from the text alone when the objects pass did not run with the reading
    // checks: a reading pass that no longer reads it has looked for it.
    const needs = c === 'licence-plate' ? new Set<DetectorName>(['text', 'plates']) : detectorsFor([c]);
    return needs.size > 0 && [...needs].every((d) => detectors.has(d));
  }));
}

/** The guard's quick checks and reading checks for this frame (either may be null: nothing to run). */
export function guardPasses(facts: FrameFacts, state: ScheduleState, settings: GuardSettings): { tf: Pass | null; read: Pass | null } {
  const { time } = facts;
  const readCats = facts.recheck.filter((c) => [...detectorsFor([c])].some((d) => READ_DETECTORS.includes(d)));
  const watchCats = facts.recheck.filter((c) => !readCats.includes(c));

  const changed = facts.backgroundChange >= settings.changeShare;
  const structureDue = state.lastStructure === null || time - state.lastStructure >= settings.structureEverySeconds;
  const watch = (why: string, structure: boolean): Pass => ({ detectors: new Set(structure ? WATCH_DETECTORS : QUICK_DETECTORS), kind: 'watch', why });
  let tf: Pass | null = null;
  if (state.lastWatch === null) tf = watch('first frame', true);
  else if (watchCats.length > 0) tf = { detectors: detectorsFor(watchCats), kind: 'confirm', why: `look again: ${watchCats.join(', ')}` };
  else if (time >= state.restUntil) {
    if (changed) tf = watch('the background changed', structureDue);
    else if (time - state.lastWatch >= settings.watchEverySeconds) tf = watch('regular look', true);
  }

  let read: Pass | null = null;
  if (!facts.reading) {
    // With the reading checks only, as the reading pass that saw it first (a plate from its text):
    // no backbone pass, no second read of each vehicle, so the second sighting comes sooner.
    if (readCats.length > 0) read = { detectors: new Set([...detectorsFor(readCats)].filter((d) => READ_DETECTORS.includes(d))), kind: 'confirm', why: `read again: ${readCats.join(', ')}` };
    else if (state.lastRead === null) read = { detectors: new Set(READ_DETECTORS), kind: 'read', why: 'first frame' };
    else if (time >= state.restUntil || time - state.lastRead >= 2 * settings.readEverySeconds) {
      // A change is read at once (a sign held up is read while the quick checks run), and again
      // once the picture settled (a parcel put down, not a hand moving).
      if (changed) read = { detectors: new Set(READ_DETECTORS), kind: 'read', why: 'the background changed', early: true };
      else if (state.readPending) read = { detectors: new Set(READ_DETECTORS), kind: 'read', why: 'the picture settled' };
      else if (time - state.lastRead >= settings.readEverySeconds) read = { detectors: new Set(READ_DETECTORS), kind: 'read', why: 'regular read' };
    }
  }
  return { tf, read };
}

/** Whether the person mask should be made again on this pass (the quick checks need it). */
export function maskDue(state: ScheduleState, time: number, settings: GuardSettings): boolean {
  return state.lastMask === null || time - state.lastMask >= settings.maskEverySeconds;
}

/**
 * The state after a pass ran from `start` for `seconds` of CPU: optional passes then rest so the
 * detectors stay within their share of a core on average, never longer than `maxRest` (a slow
 * pass must not leave the guard blind to what appears next).
 */
export function afterPass(state: ScheduleState, pass: Pass, start: number, seconds: number, settings: GuardSettings, maskMade: boolean): ScheduleState {
  const rest = Math.min(settings.maxRest, (seconds * (1 - settings.cpuShare)) / settings.cpuShare);
  return {
    lastWatch: pass.kind === 'watch' ? start : state.lastWatch,
    lastRead: pass.kind === 'read' ? start : state.lastRead,
    lastMask: maskMade ? start : state.lastMask,
    lastStructure: pass.kind === 'watch' && STRUCTURE_DETECTORS.every((d) => pass.detectors.has(d)) ? start : state.lastStructure,
    restUntil: Math.max(state.restUntil, start + seconds + rest),
    readPending: pass.kind === 'read' ? false : state.readPending,
  };
}

/** Notes a background change for the next reading pass. */
export function noteChange(state: ScheduleState, backgroundChange: number, settings: GuardSettings): ScheduleState {
  return backgroundChange >= settings.changeShare && !state.readPending ? { ...state, readPending: true } : state;
}

/**
 * The guard pauses itself rather than lag when the machine is too busy: when its last quick checks
 * each took longer than `passSeconds` of wall time (an alert could no longer come within a second
 * or so; on a quiet 2-core machine a pass takes about half a second), it stops looking for
 * `pauseSeconds`, says so, and tries again.
 */
export const BUSY = { passSeconds: 1.5, passes: 3, pauseSeconds: 5 };

export interface BusyWatch {
  /** Wall seconds of the latest quick passes. */
  recent: readonly number[];
  /** Stream time the pause ends at; null while guarding. */
  pausedUntil: number | null;
}

export const NOT_BUSY: BusyWatch = { recent: [], pausedUntil: null };

/** Notes the wall time of a quick pass that ran at stream time `time`; `pause` when the guard should pause now. */
export function noteWallTime(watch: BusyWatch, seconds: number, time: number): { watch: BusyWatch; pause: boolean } {
  const recent = [...watch.recent, seconds].slice(-BUSY.passes);
  if (recent.length === BUSY.passes && recent.every((s) => s > BUSY.passSeconds)) return { watch: { recent: [], pausedUntil: time + BUSY.pauseSeconds }, pause: true };
  return { watch: { recent, pausedUntil: watch.pausedUntil }, pause: false };
}
