// The app's state as one reducer over plain data: scan events in, photos and progress out.
// Events are accepted for any batch id because a batch's first events can arrive before the
// startScan call that created it has returned.
import type { ScanEvent } from '../../shared/api/contract.js';
import type { CleanReport, FileReport } from '../../shared/report.js';
import { defaultRedactions, NO_EDITS, type CoverEdits } from './present.js';

export type SaveState =
  | { status: 'saving' }
  /** `savedAt` tells two copies written to the same path apart (their previews differ). */
  | { status: 'saved'; report: CleanReport; savedAt: number }
  | { status: 'failed'; message: string; code?: string };

export interface PhotoEntry {
  report: FileReport;
  /** Finding index -> hide it in the safe copy. Only visual findings with a box appear here. */
  redact: Record<number, boolean>;
  edits?: CoverEdits;
  /** Earlier choices, latest last, for Undo. */
  history?: Array<{ redact: Record<number, boolean>; edits: CoverEdits }>;
  save?: SaveState;
  /** Videos: frames looked at so far of those planned, while the window is looking at them. */
  frames?: { done: number; total: number };
}

export interface BatchProgress {
  batchId: string;
  total: number;
  done: number;
  current?: string;
  finished: boolean;
  cancelled: boolean;
}

export interface Notice {
  tone: 'info' | 'error';
  message: string;
  /** A folder the message is about (where safe copies went), offered as "Open folder". */
  folder?: string;
  /** The message is about clearing the list, which "Undo" brings back. */
  undoClear?: boolean;
}

/** What "Clear the list" took away, kept until the next clear or scan so it can be undone. */
export interface ClearedList {
  order: string[];
  photos: Record<string, PhotoEntry>;
  selected: string | null;
}

export interface AppState {
  /** In the order the scan reported them; keyed by path so a rescan replaces the old entry. */
  order: string[];
  photos: Record<string, PhotoEntry>;
  selected: string | null;
  batches: Record<string, BatchProgress>;
  /** A message that is not about one photo (a dialog failed, checking was stopped). */
  notice: Notice | null;
  cleared: ClearedList | null;
}

export const initialState: AppState = { order: [], photos: {}, selected: null, batches: {}, notice: null, cleared: null };

export type AppAction =
  | { type: 'scan-event'; event: ScanEvent }
  /** startScan returned: show progress at once, before main's first event arrives. */
  | { type: 'scan-requested'; batchId: string }
  | { type: 'select'; path: string }
  | { type: 'set-redaction'; path: string; index: number; hide: boolean }
  | { type: 'edit-cover'; path: string; edits: CoverEdits }
  | { type: 'undo-cover'; path: string }
  | { type: 'save-started'; paths: string[] }
  | { type: 'save-finished'; reports: CleanReport[]; savedAt: number }
  | { type: 'save-failed'; paths: string[]; message: string }
  | { type: 'notice'; notice: Notice | null }
  /** More of a file's report arrived (a video's frames, looked at after its scan). */
  | { type: 'report-updated'; report: FileReport }
  | { type: 'video-progress'; path: string; done: number; total: number }
  | { type: 'clear' }
  | { type: 'undo-clear' };

function batch(state: AppState, batchId: string): BatchProgress {
  return state.batches[batchId] ?? { batchId, total: 0, done: 0, finished: false, cancelled: false };
}

function withBatch(state: AppState, b: BatchProgress): AppState {
  return { ...state, batches: { ...state.batches, [b.batchId]: b } };
}

function applyScanEvent(state: AppState, event: ScanEvent): AppState {
  switch (event.type) {
    case 'started':
      return withBatch(state, { ...batch(state, event.batchId), total: event.total });
    case 'progress':
      return withBatch(state, { ...batch(state, event.batchId), total: event.total, done: event.done, current: event.current });
    case 'file': {
      const report = event.report;
      const known = report.path in state.photos;
      const b = batch(state, event.batchId);
      const next = withBatch(state, { ...b, total: Math.max(b.total, event.total), done: Math.max(b.done, event.index + 1) });
      return {
        ...next,
        order: known ? next.order : [...next.order, report.path],
        photos: { ...next.photos, [report.path]: { report, redact: defaultRedactions(report) } },
        selected: next.selected ?? report.path,
      };
    }
    case 'done': {
      const b = batch(state, event.batchId);
      return withBatch(state, { ...b, done: event.cancelled ? b.done : b.total, current: undefined, finished: true, cancelled: event.cancelled });
    }
  }
}

const UNDO_LIMIT = 100;

/** The entry with its current choices pushed onto its undo history. */
function remember(p: PhotoEntry): PhotoEntry {
  const history = [...(p.history ?? []), { redact: p.redact, edits: p.edits ?? NO_EDITS }];
  return { ...p, history: history.slice(-UNDO_LIMIT) };
}

function updatePhotos(state: AppState, paths: string[], update: (p: PhotoEntry) => PhotoEntry): AppState {
  const photos = { ...state.photos };
  for (const path of paths) {
    const entry = photos[path];
    if (entry) photos[path] = update(entry);
  }
  return { ...state, photos };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'scan-event':
      return applyScanEvent(state, action.event);
    case 'scan-requested':
      return state.batches[action.batchId] ? state : withBatch(state, batch(state, action.batchId));
    case 'select':
      return state.photos[action.path] ? { ...state, selected: action.path } : state;
    case 'set-redaction':
      // A new choice makes any earlier safe copy out of date, so the save state is dropped.
      return updatePhotos(state, [action.path], (p) => ({ ...remember(p), redact: { ...p.redact, [action.index]: action.hide }, save: undefined }));
    case 'edit-cover':
      return updatePhotos(state, [action.path], (p) => ({ ...remember(p), edits: action.edits, save: undefined }));
    case 'undo-cover':
      return updatePhotos(state, [action.path], (p) => {
        const last = p.history?.[p.history.length - 1];
        return last ? { ...p, redact: last.redact, edits: last.edits, history: p.history?.slice(0, -1), save: undefined } : p;
      });
    case 'save-started':
      return updatePhotos(state, action.paths, (p) => ({ ...p, save: { status: 'saving' } }));
    case 'save-finished': {
      let next = state;
      for (const report of action.reports) {
        next = updatePhotos(next, [report.path], (p) => ({
          ...p,
          save: report.error ? { status: 'failed', message: report.error.message, code: report.error.code } : { status: 'saved', report, savedAt: action.savedAt },
        }));
      }
      return next;
    }
    case 'save-failed':
      return updatePhotos(state, action.paths, (p) => ({ ...p, save: { status: 'failed', message: action.message } }));
    case 'notice':
      return { ...state, notice: action.notice };
    case 'report-updated':
      return updatePhotos(state, [action.report.path], (p) => ({ ...p, report: action.report }));
    case 'video-progress':
      return updatePhotos(state, [action.path], (p) => ({ ...p, frames: { done: action.done, total: action.total } }));
    case 'clear': {
      if (state.order.length === 0) return state;
      const cleared = { order: state.order, photos: state.photos, selected: state.selected };
      const n = state.order.length;
      return {
        ...initialState,
        batches: Object.fromEntries(Object.entries(state.batches).filter(([, b]) => !b.finished)),
        cleared,
        notice: { tone: 'info', message: `The list of ${n === 1 ? '1 photo' : `${n} photos`} was cleared. Your photos and safe copies are still on your computer.`, undoClear: true },
      };
    }
    case 'undo-clear': {
      const c = state.cleared;
      if (!c) return state;
      // Photos checked since the clear stay; the cleared ones come back before them.
      const order = [...c.order.filter((p) => !(p in state.photos)), ...state.order];
      return { ...state, order, photos: { ...c.photos, ...state.photos }, selected: state.selected ?? c.selected, cleared: null, notice: null };
    }
  }
}

/** Progress over all running batches, or null when nothing is being checked. */
export function activeProgress(state: AppState): { done: number; total: number; current?: string; batchIds: string[] } | null {
  const running = Object.values(state.batches).filter((b) => !b.finished);
  if (running.length === 0) return null;
  return {
    done: running.reduce((n, b) => n + b.done, 0),
    total: running.reduce((n, b) => n + b.total, 0),
    current: running.find((b) => b.current)?.current,
    batchIds: running.map((b) => b.batchId),
  };
}

export function photoList(state: AppState): PhotoEntry[] {
  return state.order.map((p) => state.photos[p]).filter((p): p is PhotoEntry => p !== undefined);
}
