// Every call the screens make to main, in one place: choosing, scanning, cancelling, saving and
// settings. Results arrive as reducer actions; failures become plain notices, never exceptions.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/api/contract.js';
import { messageOf, unwrap, useApi } from '../api-context.js';
import { appReducer, initialState, type AppState } from '../state/app-state.js';
import { coverAreasForEntry, isRedactable, keptFindingsFor, parentFolder, plural, type CoverEdits } from '../state/present.js';
import { useVideoChecks } from './useVideoChecks.js';
import { stopVideoChecks } from '../video/check-video.js';

export interface ExposureActions {
  state: AppState;
  settings: Settings;
  choose(kind: 'files' | 'folder'): Promise<void>;
  scanPaths(paths: string[]): Promise<void>;
  /** Stops the running check: the photos being checked, and the frames of the videos waiting to be looked at. */
  cancel(): Promise<void>;
  /** Stops looking at videos' frames (the scan itself is done). */
  stopVideoChecks(): void;
  save(paths: string[], options?: { force?: boolean; summary?: boolean }): Promise<void>;
  openFolder(path: string): Promise<void>;
  /** Writes the trainers' report on these photos (with the areas each copy covers); asks where first. */
  exportReport(paths: string[], format: 'html' | 'pdf'): Promise<{ path: string | null } | { error: string }>;
  /** Opens a safe copy in the picture viewer, or shows it in its folder. */
  openCopy(path: string, how: 'open' | 'show'): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<boolean>;
  chooseOutputDir(): Promise<string | null>;
  select(path: string): void;
  setRedaction(path: string, index: number, hide: boolean): void;
  editCover(path: string, edits: CoverEdits): void;
  undoCover(path: string): void;
  dismissNotice(): void;
  notify(tone: 'info' | 'error', message: string): void;
  clear(): void;
  undoClear(): void;
}

export function useExposure(): ExposureActions {
  const api = useApi();
  const [state, dispatch] = useReducer(appReducer, initialState);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  // The latest state for async callbacks, which would otherwise see the state of their render.
  const stateRef = useRef(state);
  stateRef.current = state;
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  // Videos: the window decodes their poster and frames, and main checks the frames (useVideoChecks).
  useVideoChecks(api, state, dispatch);

  const fail = useCallback((err: unknown) => dispatch({ type: 'notice', notice: { tone: 'error', message: messageOf(err) } }), []);

  useEffect(() => {
    return api.onScanEvent((event) => {
      dispatch({ type: 'scan-event', event });
      if (event.type === 'done' && event.error) {
        dispatch({ type: 'notice', notice: { tone: 'error', message: event.error.message } });
      } else if (event.type === 'done' && event.cancelled) {
        dispatch({ type: 'notice', notice: { tone: 'info', message: 'Checking was stopped. The photos checked so far are listed.' } });
      }
    });
  }, [api]);

  useEffect(() => {
    let live = true;
    api
      .getSettings({})
      .then((r) => {
        if (live) setSettings(unwrap(r));
      })
      .catch(fail);
    return () => {
      live = false;
    };
  }, [api, fail]);

  const scanPaths = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      dispatch({ type: 'notice', notice: null });
      try {
        const { batchId } = unwrap(await api.startScan({ paths, visual: settingsRef.current.visual }));
        dispatch({ type: 'scan-requested', batchId });
      } catch (err) {
        fail(err);
      }
    },
    [api, fail],
  );

  const choose = useCallback(
    async (kind: 'files' | 'folder') => {
      try {
        const { paths } = unwrap(await api.choosePaths({ kind }));
        await scanPaths(paths);
      } catch (err) {
        fail(err);
      }
    },
    [api, fail, scanPaths],
  );

  const cancel = useCallback(async () => {
    stopVideoChecks();
    const running = Object.values(stateRef.current.batches).filter((b) => !b.finished);
    try {
      for (const b of running) unwrap(await api.cancelScan({ batchId: b.batchId }));
    } catch (err) {
      fail(err);
    }
  }, [api, fail]);

  const save = useCallback(
    async (paths: string[], options: { force?: boolean; summary?: boolean } = {}) => {
      const items = paths.flatMap((path) => {
        const entry = stateRef.current.photos[path];
        if (!entry || entry.report.error) return [];
        // The user's list, even when empty (nothing chosen is a choice), and what they chose to keep.
        const cover = coverAreasForEntry(entry);
        if (cover.length === 0 && !entry.report.findings.some(isRedactable)) return [{ path }];
        return [{ path, cover, keep: keptFindingsFor(entry.report, entry.redact) }];
      });
      if (items.length === 0) return;
      const itemPaths = items.map((i) => i.path);
      dispatch({ type: 'save-started', paths: itemPaths });
      try {
        const { reports } = unwrap(await api.saveSafeCopies(options.force ? { items, force: true } : { items }));
        dispatch({ type: 'save-finished', reports, savedAt: Date.now() });
        if (options.summary) {
          const saved = reports.filter((r) => !r.error).length;
          const failed = reports.length - saved;
          const message = `${plural(saved, 'safe copy', 'safe copies')} saved.` + (failed > 0 ? ` ${plural(failed, 'photo')} could not be saved: see the list.` : '');
          const folders = new Set(reports.flatMap((r) => (r.output ? [parentFolder(r.output)] : [])));
          const folder = folders.size === 1 ? [...folders][0] : undefined;
          dispatch({ type: 'notice', notice: { tone: failed > 0 ? 'error' : 'info', message, ...(folder ? { folder } : {}) } });
        }
      } catch (err) {
        dispatch({ type: 'save-failed', paths: itemPaths, message: messageOf(err) });
      }
    },
    [api],
  );

  const openFolder = useCallback(
    async (path: string) => {
      try {
        unwrap(await api.openFolder({ path }));
      } catch (err) {
        fail(err);
      }
    },
    [api, fail],
  );

  const openCopy = useCallback(
    async (path: string, how: 'open' | 'show') => {
      try {
        if (how === 'open') unwrap(await api.openCopy({ path }));
        else unwrap(await api.showInFolder({ path }));
      } catch (err) {
        fail(err);
      }
    },
    [api, fail],
  );

  const exportReport = useCallback(
    async (paths: string[], format: 'html' | 'pdf') => {
      const items = paths.flatMap((path) => {
        const entry = stateRef.current.photos[path];
        if (!entry) return [];
        const cover = entry.report.error ? [] : coverAreasForEntry(entry);
        return [cover.length > 0 ? { path, cover } : { path }];
      });
      if (items.length === 0) return { path: null };
      try {
        return { path: unwrap(await api.exportReport({ items, format })).path };
      } catch (err) {
        return { error: messageOf(err) };
      }
    },
    [api],
  );

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      try {
        setSettings(unwrap(await api.setSettings(patch)));
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },
    [api, fail],
  );

  const chooseOutputDir = useCallback(async () => {
    try {
      return unwrap(await api.chooseOutputDir({})).path;
    } catch (err) {
      fail(err);
      return null;
    }
  }, [api, fail]);

  return {
    state,
    settings,
    choose,
    scanPaths,
    cancel,
    stopVideoChecks,
    save,
    openFolder,
    openCopy,
    exportReport,
    updateSettings,
    chooseOutputDir,
    select: useCallback((path: string) => dispatch({ type: 'select', path }), []),
    editCover: useCallback((path: string, edits: CoverEdits) => dispatch({ type: 'edit-cover', path, edits }), []),
    undoCover: useCallback((path: string) => dispatch({ type: 'undo-cover', path }), []),
    setRedaction: useCallback((path: string, index: number, hide: boolean) => dispatch({ type: 'set-redaction', path, index, hide }), []),
    dismissNotice: useCallback(() => dispatch({ type: 'notice', notice: null }), []),
    notify: useCallback((tone: 'info' | 'error', message: string) => dispatch({ type: 'notice', notice: { tone, message } }), []),
    clear: useCallback(() => dispatch({ type: 'clear' }), []),
    undoClear: useCallback(() => dispatch({ type: 'undo-clear' }), []),
  };
}
