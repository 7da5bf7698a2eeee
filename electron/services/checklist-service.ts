// The main process's side of the exposure checklist. Plain Node (no `electron` import): the
// keyring (safeStorage), the dialogs, the browser opener and the event sink are passed in, so the
// app injects Electron's and tests and the loopback bridge inject their own. The data key lives
// here only, in memory while unlocked; the renderer gets contents, never the key; the scan worker
// gets neither (screenshots and photos are parsed there, the matcher runs here on its results).
import { ExposureError } from '../../shared/errors.js';
import type { CallHandlers } from '../ipc.js';
import type { ChecklistEvent, ChecklistStatus } from '../../shared/api/checklist-calls.js';
import { applyChecklist, applyChecklistToCopy } from '../../shared/checklist/apply.js';
import { BROKERS, BROKER_FACTS_WRITTEN, brokerById } from '../../shared/checklist/brokers.js';
import { summarize } from '../../shared/checklist/dashboard.js';
import { localDay } from '../../shared/checklist/items.js';
import { buildMatcher, type ChecklistMatcher } from '../../shared/checklist/matcher.js';
import type { CleanReport, FileReport } from '../../shared/report.js';
import type { CleanResult } from '../../shared/node/clean-file.js';
import { exportBackup, installBackup, openBackup } from '../../shared/node/checklist/backup.js';
import { AUTO_LOCK_CHOICES, type ChecklistDb } from '../../shared/node/checklist/checklist-db.js';
import { UNSAFE_BACKENDS, forgetOnDevice, isRemembered, recallFromDevice, rememberOnDevice, type DeviceKeyring } from '../../shared/node/checklist/device-key.js';
import { readHeader } from '../../shared/node/checklist/header.js';
import { changePassphrase, createStore, openWithDataKey, storeState, unlockStore, wipeStore } from '../../shared/node/checklist/store.js';
import type { TaskOf, TaskOp, TaskOutputs } from '../worker/protocol.js';

/** The file worker's one-shot tasks (FileWorkerClient implements it): where screenshots and photos are parsed. */
export interface ChecklistWorker {
  run<O extends TaskOp>(task: TaskOf<O>): Promise<TaskOutputs[O]>;
}

export interface ChecklistDialogs {
  chooseBackupToSave(): Promise<string | null>;
  chooseBackupToOpen(): Promise<string | null>;
  /** One picture: a screenshot to keep as evidence, or one of the user's own photos for a place. */
  choosePicture(purpose: 'evidence' | 'place'): Promise<string | null>;
}

export interface ChecklistServiceDeps {
  storeDir: string;
  /** Electron's safeStorage, adapted; null when there is none (the bridge, the command line). */
  keyring: DeviceKeyring | null;
  dialogs: ChecklistDialogs;
  worker: ChecklistWorker;
  /** Opens a web page in the system browser; only ever given addresses from our broker list. */
  openExternal(url: string): Promise<void>;
  emit(event: ChecklistEvent): void;
  /** How long a "minute" of the auto-lock lasts (tests shorten it). */
  minuteMs?: number;
  /** Raise Argon2id's cost to about 0.7 s on this machine (the default). */
  calibrate?: boolean;
}

type ChecklistCallName = Extract<keyof CallHandlers, `checklist${string}`>;
export type ChecklistHandlers = Pick<CallHandlers, ChecklistCallName>;

export interface ChecklistService extends ChecklistHandlers {
  /** The report with what matches the checklist upgraded (unchanged while locked); text lines dropped. */
  personalise(report: FileReport): FileReport;
  /** A safe copy's report with its check judged again with the checklist (when unlocked); what it was judged from is dropped. */
  personaliseCopy(report: CleanResult): CleanReport;
  /** A scan the user started is running: it counts as the user being there (the idle timer restarts). */
  touch(): void;
  /** Locks at once: the computer was locked or is going to sleep, or the app is closing. */
  lock(reason: ChecklistEvent['reason']): void;
}

/** Only the checklist's IPC handlers (not personalise or lock, which main calls itself). */
export function pickChecklistCalls(service: ChecklistService): ChecklistHandlers {
  const { personalise: _p, personaliseCopy: _c, lock: _l, touch: _t, ...calls } = service;
  return calls;
}

/** After this many wrong passphrases in a row, each answer waits longer (2 s, 4 s, ... 30 s). */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 30_000;

const KEYRING_PROBLEM =
  'This computer’s keyring could not unlock the checklist (it may have been changed or reset). Type your passphrase; nothing was deleted.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createChecklistService(deps: ChecklistServiceDeps): ChecklistService {
  const minuteMs = deps.minuteMs ?? 60_000;
  const kdf = { calibrate: deps.calibrate ?? true };
  let store: ChecklistDb | null = null;
  let matcher: ChecklistMatcher | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let rememberProblem: string | undefined;

  const keyringBackend = (): string | null => {
    const backend = deps.keyring?.backend() ?? null;
    return backend && !UNSAFE_BACKENDS.has(backend) ? backend : null;
  };

  function status(): ChecklistStatus {
    const state = store ? 'unlocked' : storeState(deps.storeDir);
    return {
      state,
      remembered: state !== 'none' && isRemembered(deps.storeDir),
      canRemember: keyringBackend() !== null,
      ...(rememberProblem && !store ? { rememberProblem } : {}),
      ...(store ? { autoLockMinutes: store.autoLockMinutes() } : {}),
    };
  }

  function restartIdleTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!store) return;
    timer = setTimeout(() => lock('idle'), store.autoLockMinutes() * minuteMs);
    timer.unref?.();
  }

  function lock(reason: 'idle' | 'system' | 'user'): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const wasOpen = store !== null;
    store?.close();
    store = null;
    matcher = null;
    if (wasOpen) deps.emit({ type: 'locked', reason });
  }

  function opened(next: ChecklistDb): ChecklistStatus {
    store?.close();
    store = next;
    matcher = null;
    failures = 0;
    rememberProblem = undefined;
    restartIdleTimer();
    return status();
  }

  /** The open checklist; any use of it counts as the user being there. */
  function open(): ChecklistDb {
    if (!store) throw new ExposureError('locked', 'The checklist is locked. Unlock it with your passphrase.');
    restartIdleTimer();
    return store;
  }

  function changed<T>(value: T): T {
    matcher = null;
    return value;
  }

  /** Slows down guessing: never deletes anything, only makes each wrong answer come later. */
  async function afterWrongPassphrase(err: unknown): Promise<never> {
    if (err instanceof ExposureError && err.code === 'wrong-passphrase') {
      failures++;
      if (failures > FREE_ATTEMPTS) await sleep(Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS)));
    }
    throw err;
  }

  function remember(dataKey: Buffer): void {
    const backend = keyringBackend();
    const header = readHeader(deps.storeDir);
    if (!backend || !deps.keyring || header.state !== 'ok') {
      throw new ExposureError('unsupported', 'This computer has no secure keyring the app can use, so the passphrase is needed each time.');
    }
    rememberOnDevice(deps.storeDir, header.header.database, dataKey, deps.keyring);
  }

  const handlers: ChecklistHandlers = {
    async checklistStatus() {
      return status();
    },

    async checklistCreate({ passphrase, confirm, remember: keep }) {
      if (passphrase !== confirm) throw new ExposureError('invalid-input', 'The two passphrases are not the same. Type the same passphrase twice.');
      const next = await createStore(deps.storeDir, passphrase, kdf);
      if (keep) remember(next.dataKey());
      return opened(next);
    },

    async checklistUnlock({ passphrase, remember: keep }) {
      if (store) return status();
      if (passphrase === undefined) {
        const header = readHeader(deps.storeDir);
        if (header.state !== 'ok') throw new ExposureError('not-found', 'There is no checklist to unlock.');
        const recalled = recallFromDevice(deps.storeDir, header.header.database, deps.keyring);
        if (recalled.state !== 'ok') {
          rememberProblem = recalled.state === 'unavailable' ? KEYRING_PROBLEM : undefined;
          throw new ExposureError('locked', rememberProblem ?? 'Type your passphrase to unlock the checklist.');
        }
        return opened(openWithDataKey(deps.storeDir, recalled.dataKey, header.header));
      }
      const next = await unlockStore(deps.storeDir, passphrase).catch(afterWrongPassphrase);
      if (keep) remember(next.dataKey());
      return opened(next);
    },

    async checklistLock() {
      lock('user');
      return status();
    },

    async checklistStillHere() {
      if (store) restartIdleTimer();
      return { ok: true };
    },

    async checklistOverview() {
      const db = open();
      const items = db.listItems();
      const today = localDay();
      const evidence = Object.fromEntries(items.filter((i) => i.evidenceCount > 0).map((i) => [i.id, db.listEvidence(i.id)]));
      return { items, dashboard: summarize(items, db.history(), today), brokers: BROKERS, brokerFactsWritten: BROKER_FACTS_WRITTEN, today, evidence };
    },

    async checklistAddItem({ item }) {
      return changed(open().addItem(item));
    },

    async checklistUpdateItem({ id, changes }) {
      return changed(open().updateItem(id, changes));
    },

    async checklistDeleteItem({ id }) {
      open().deleteItem(id);
      return changed({ deleted: true as const });
    },

    async checklistRecordCheck({ id, status: result, note }) {
      return open().recordCheck(id, result, note ?? '');
    },

    async checklistHistory({ id }) {
      return open().history(id);
    },

    async checklistAddBrokers({ brokerIds }) {
      const db = open();
      const present = new Set(db.listItems().map((i) => i.brokerId).filter(Boolean));
      let added = 0;
      for (const id of brokerIds) {
        const broker = brokerById(id);
        if (!broker || present.has(id)) continue;
        db.addItem({ category: 'broker', brokerId: id, value: broker.name, priority: broker.priority === 'crucial' ? 'high' : 'medium' });
        present.add(id);
        added++;
      }
      return { added };
    },

    async checklistOpenBrokerPage({ brokerId, page }) {
      const broker = brokerById(brokerId);
      if (!broker) throw new ExposureError('not-found', 'That site is not on the list.');
      await deps.openExternal(page === 'search' ? broker.searchUrl : broker.optOutUrl);
      return { opened: true };
    },

    async checklistAddEvidence({ itemId }) {
      open().getItem(itemId);
      const file = await deps.dialogs.choosePicture('evidence');
      if (!file) return null;
      // Cleaned in the worker, which parses untrusted files and never sees the key.
      const cleaned = await deps.worker.run({ op: 'evidence', path: file });
      return open().addEvidence(itemId, cleaned);
    },

    async checklistEvidenceImage({ id }) {
      const { mime, bytes } = open().getEvidence(id);
      if (!['image/jpeg', 'image/png', 'image/webp', 'image/gif'].includes(mime)) throw new ExposureError('unsupported', 'This screenshot cannot be shown.');
      return { dataUrl: `data:${mime};base64,${bytes.toString('base64')}` };
    },

    async checklistDeleteEvidence({ id }) {
      open().deleteEvidence(id);
      return { deleted: true as const };
    },

    async checklistPlaceFromPhoto() {
      open();
      const file = await deps.dialogs.choosePicture('place');
      if (!file) return null;
      const where = await deps.worker.run({ op: 'location', path: file });
      if (!where) throw new ExposureError('not-found', 'This photo does not say where it was taken. Choose another photo, or type the position.');
      return where;
    },

    async checklistChangePassphrase({ current, next, confirm }) {
      if (next !== confirm) throw new ExposureError('invalid-input', 'The two new passphrases are not the same. Type the same passphrase twice.');
      await changePassphrase(deps.storeDir, current, next, kdf).catch(afterWrongPassphrase);
      failures = 0;
      return { changed: true as const };
    },

    async checklistExport({ passphrase }) {
      const db = open();
      const file = await deps.dialogs.chooseBackupToSave();
      if (!file) return { path: null };
      // The save dialog has already asked before replacing a file of that name.
      await exportBackup(deps.storeDir, db, passphrase, file, { ...kdf, overwrite: true }).catch(afterWrongPassphrase);
      return { path: file };
    },

    async checklistImport({ passphrase }) {
      const file = await deps.dialogs.chooseBackupToOpen();
      if (!file) return null;
      // Checked before anything is closed or replaced: a wrong passphrase changes nothing.
      const backup = await openBackup(file, passphrase).catch(afterWrongPassphrase);
      try {
        lock('user');
        installBackup(deps.storeDir, backup);
        return opened(openWithDataKey(deps.storeDir, Buffer.from(backup.dataKey)));
      } finally {
        backup.dataKey.fill(0);
      }
    },

    async checklistWipe() {
      lock('user');
      wipeStore(deps.storeDir);
      rememberProblem = undefined;
      return status();
    },

    async checklistSetAutoLock({ minutes }) {
      if (!(AUTO_LOCK_CHOICES as readonly number[]).includes(minutes)) throw new ExposureError('invalid-input', 'Choose one of the offered times.');
      open().setAutoLockMinutes(minutes);
      restartIdleTimer();
      return status();
    },

    async checklistSetRemember({ remember: keep }) {
      const db = open();
      if (keep) remember(db.dataKey());
      else forgetOnDevice(deps.storeDir);
      return status();
    },
  };

  return {
    ...handlers,
    personalise(report) {
      let upgraded = report;
      if (store) {
        matcher ??= buildMatcher(store.listItems());
        upgraded = applyChecklist(report, matcher);
        // A scan that uses the checklist is the user at work: it keeps the checklist open.
        restartIdleTimer();
      }
      // The lines of text read are for this step only; the renderer gets the findings.
      const { readText: _lines, ...rest } = upgraded;
      return rest;
    },
    personaliseCopy(report) {
      const { recheck, ...rest } = report;
      if (!recheck || !store) return rest;
      matcher ??= buildMatcher(store.listItems());
      restartIdleTimer();
      return { ...rest, copy: applyChecklistToCopy(recheck, matcher) };
    },
    touch() {
      if (store) restartIdleTimer();
    },
    lock,
  };
}
