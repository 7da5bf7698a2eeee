// The exposure checklist as the screens see it: its status (never its key), what it holds once
// unlocked, and every action as a function that reports plain errors. It forgets the contents the
// moment the checklist locks (a lock event from main, or any call answering "locked"), and tells
// main the user is still there on key presses and clicks, at most once every 20 seconds.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChecklistOverview, ChecklistStatus } from '../../shared/api/contract.js';
import { ApiError, messageOf, unwrap, useApi } from '../api-context.js';

const STILL_HERE_EVERY_MS = 20_000;

export interface ChecklistModel {
  status: ChecklistStatus | null;
  overview: ChecklistOverview | null;
  /** The last error, in plain words, with its code (wrong-passphrase, locked...). */
  error: { code: string; message: string } | null;
  busy: boolean;
  /** A short confirmation to announce ("Saved", "Backup written to ..."). */
  notice: string | null;
  clearMessages(): void;
  /** Runs one API call: busy while it runs, the overview reloaded after, errors kept for the screen. */
  run<T>(call: () => Promise<T>, options?: { reload?: boolean; notice?: (value: T) => string | null }): Promise<T | undefined>;
  refreshStatus(): Promise<void>;
  /** Why the checklist last locked itself, if it did ("idle", "system"). */
  lockedBecause: string | null;
}

export function useChecklist(): ChecklistModel {
  const api = useApi();
  const [status, setStatus] = useState<ChecklistStatus | null>(null);
  const [overview, setOverview] = useState<ChecklistOverview | null>(null);
  const [error, setError] = useState<ChecklistModel['error']>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lockedBecause, setLockedBecause] = useState<string | null>(null);
  const lastPing = useRef(0);

  const forget = useCallback((reason: string | null) => {
    setOverview(null);
    setLockedBecause(reason);
    setStatus((s) => (s ? { ...s, state: s.state === 'unlocked' ? 'locked' : s.state } : s));
  }, []);

  const loadOverview = useCallback(async () => {
    setOverview(unwrap(await api.checklistOverview({})));
  }, [api]);

  const refreshStatus = useCallback(async () => {
    try {
      const next = unwrap(await api.checklistStatus({}));
      setStatus(next);
      if (next.state === 'unlocked') await loadOverview();
      else setOverview(null);
    } catch (err) {
      setError({ code: err instanceof ApiError ? err.code : 'internal', message: messageOf(err) });
    }
  }, [api, loadOverview]);

  useEffect(() => {
    void refreshStatus();
    return api.onChecklistEvent((event) => {
      if (event.type === 'locked') forget(event.reason);
    });
  }, [api, refreshStatus, forget]);

  const unlocked = status?.state === 'unlocked';
  useEffect(() => {
    if (!unlocked) return;
    const stillHere = () => {
      const now = Date.now();
      if (now - lastPing.current < STILL_HERE_EVERY_MS) return;
      lastPing.current = now;
      void api.checklistStillHere({});
    };
    window.addEventListener('keydown', stillHere, true);
    window.addEventListener('pointerdown', stillHere, true);
    return () => {
      window.removeEventListener('keydown', stillHere, true);
      window.removeEventListener('pointerdown', stillHere, true);
    };
  }, [api, unlocked]);

  const run = useCallback<ChecklistModel['run']>(
    async (call, options = {}) => {
      setBusy(true);
      setError(null);
      setNotice(null);
      try {
        const value = await call();
        if (value && typeof value === 'object' && 'state' in value && 'canRemember' in value) {
          const next = value as unknown as ChecklistStatus;
          setStatus(next);
          if (next.state === 'unlocked') setLockedBecause(null);
          if (next.state === 'unlocked' && options.reload !== false) await loadOverview();
          if (next.state !== 'unlocked') setOverview(null);
        } else if (options.reload) {
          await loadOverview();
        }
        setNotice(options.notice?.(value) ?? null);
        return value;
      } catch (err) {
        const code = err instanceof ApiError ? err.code : 'internal';
        setError({ code, message: messageOf(err) });
        if (code === 'locked') forget(null);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [loadOverview, forget],
  );

  return {
    status,
    overview,
    error,
    busy,
    notice,
    lockedBecause,
    clearMessages: () => {
      setError(null);
      setNotice(null);
    },
    run,
    refreshStatus,
  };
}
