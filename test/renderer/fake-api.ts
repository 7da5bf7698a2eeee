// A fake ExposureApi for component tests, built around REAL reports: scans replay FileReports
// produced by the real engine (shared/node/batch.ts) on corpus photos, previews and hidden images
// come from the real preview code, and safe copies are written by the real cleaner into a temp
// folder. Only the transport (IPC) and the system dialogs are replaced; every call is recorded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CALL_NAMES,
  DEFAULT_SETTINGS,
  type CallInput,
  type CallOutputs,
  type ChecklistEvent,
  type ExposureApi,
  type Result,
  type ScanEvent,
  type Settings,
} from '../../shared/api/contract.js';
import type { FileReport } from '../../shared/report.js';
import { toUserError } from '../../shared/errors.js';
import type { ChecklistService, ChecklistServiceDeps } from '../../electron/services/checklist-service.js';
import { createStreamCalls } from '../../electron/services/stream-service.js';
import { CaptureGate } from '../../electron/stream/capture-gate.js';

// The engine is loaded on first use, so screens that never touch a photo (settings) need none of it.
const engine = () => import('../../shared/node/batch.js');
const previews = () => import('../../shared/node/preview.js');

export const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
export const metadataPhoto = (name: string): string => path.join(CORPUS, 'metadata', name);
export const scenePhoto = (name: string): string => path.join(CORPUS, 'scenes', name);

export interface FakeApiOptions {
  /** What the scan "finds" for each chosen path. */
  reports: FileReport[];
  /** What the system dialog returns for choosePaths. */
  chosenPaths?: string[];
  chosenOutputDir?: string | null;
  settings?: Partial<Settings>;
  /** What the checklist's file dialogs return, in order (backups, screenshots, photos). */
  checklistDialogs?: Array<string | null>;
  /** How long an auto-lock "minute" lasts for the checklist. */
  checklistMinuteMs?: number;
}

export interface FakeApi extends ExposureApi {
  calls: Array<{ name: string; input: unknown }>;
  outDir: string;
  emit(event: ScanEvent): void;
  /** The real checklist service behind the checklist calls (created on first use). */
  checklist(): Promise<ChecklistService>;
  /** Web pages the checklist asked to open. */
  openedPages: string[];
}

type ChecklistCallName = Extract<keyof ExposureApi, `checklist${string}`>;

const tempDirs: string[] = [];

/** Deletes the folders the fake APIs saved safe copies into (call from afterAll). */
export function removeFakeApiDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(err: unknown): Result<T> => ({ ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } });

export async function realReports(files: string[], options: { visual?: boolean } = {}): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  const { scanFile } = await engine();
  for (const f of files) reports.push(await scanFile(f, { ...options, describePlace: true }));
  return reports;
}

export function createFakeApi(options: FakeApiOptions): FakeApi {
  const listeners = new Set<(e: ScanEvent) => void>();
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let batches = 0;
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'exposure-renderer-'));
  tempDirs.push(outDir);
  const calls: FakeApi['calls'] = [];
  const record = (name: string, input: unknown) => calls.push({ name, input });
  const emit = (event: ScanEvent) => listeners.forEach((l) => l(event));

  // The checklist calls run the REAL checklist service (encrypted store in a temp folder, Argon2id
  // at its floor so tests stay quick); only its dialogs and the browser are replaced.
  const checklistListeners = new Set<(e: ChecklistEvent) => void>();
  const openedPages: string[] = [];
  const dialogAnswers = [...(options.checklistDialogs ?? [])];
  let service: Promise<ChecklistService> | null = null;
  const checklist = (): Promise<ChecklistService> =>
    (service ??= import('../../electron/services/checklist-service.js').then(async (m) => {
      const { cleanEvidenceFile, readPhotoLocation } = await import('../../shared/node/evidence.js');
      return m.createChecklistService({
        storeDir: path.join(outDir, 'checklist'),
        keyring: null,
        calibrate: false,
        ...(options.checklistMinuteMs ? { minuteMs: options.checklistMinuteMs } : {}),
        dialogs: { chooseBackupToSave: async () => dialogAnswers.shift() ?? null, chooseBackupToOpen: async () => dialogAnswers.shift() ?? null, choosePicture: async () => dialogAnswers.shift() ?? null },
        worker: {
          // The two tasks the checklist gives the file worker, run here by the same functions.
          run: (async (task: { op: string; path: string }) => (task.op === 'evidence' ? cleanEvidenceFile(task.path) : readPhotoLocation(task.path))) as unknown as ChecklistServiceDeps['worker']['run'],
        },
        openExternal: async (url) => void openedPages.push(url),
        emit: (event) => checklistListeners.forEach((l) => l(event)),
      });
    }));
  const checklistMethods = Object.fromEntries(
    CALL_NAMES.filter((name) => name.startsWith('checklist')).map((name) => [
      name,
      async (input: unknown) => {
        record(name, input);
        try {
          const svc = (await checklist()) as unknown as Record<string, (i: unknown) => Promise<unknown>>;
          return ok(await svc[name]!(input));
        } catch (err) {
          return { ok: false, error: toUserError(err) };
        }
      },
    ]),
  ) as unknown as Pick<ExposureApi, ChecklistCallName>;

  // The stream screen's calls as main runs them, without a stream worker (the E2E test has one).
  const stream = createStreamCalls(new CaptureGate(), {
    listScreens: async () => [],
    openFramePort: async () => {
      throw new Error('no stream worker in component tests');
    },
    screenClosed: () => undefined,
  });
  const streamMethod =
    <K extends keyof typeof stream>(name: K) =>
    async (input: CallInput<K>): Promise<Result<CallOutputs[K]>> => {
      record(name, input);
      try {
        return { ok: true, value: await (stream[name] as (i: CallInput<K>) => Promise<CallOutputs[K]>)(input) };
      } catch (err) {
        return { ok: false, error: toUserError(err) };
      }
    };

  const api: FakeApi = {
    ...checklistMethods,
    streamScreen: streamMethod('streamScreen'),
    listScreens: streamMethod('listScreens'),
    chooseStreamSource: streamMethod('chooseStreamSource'),
    openFramePort: streamMethod('openFramePort'),
    framePort: {
      start: async () => ({ ok: false, error: { code: 'unsupported', message: 'Stream checks are not available here.' } }),
      sendFrame: () => undefined,
      setBudget: () => undefined,
      stop: () => undefined,
      onMessage: () => () => undefined,
    },
    calls,
    outDir,
    emit,
    checklist,
    openedPages,
    onChecklistEvent(listener) {
      checklistListeners.add(listener);
      return () => void checklistListeners.delete(listener);
    },
    onScanEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async choosePaths(input: CallInput<'choosePaths'>) {
      record('choosePaths', input);
      return ok({ paths: options.chosenPaths ?? options.reports.map((r) => r.path) });
    },
    async chooseOutputDir(input) {
      record('chooseOutputDir', input);
      return ok({ path: options.chosenOutputDir ?? null });
    },
    async startScan(input) {
      record('startScan', input);
      const batchId = `batch-${++batches}`;
      const wanted = options.reports.filter((r) => input.paths.some((p) => r.path === p || r.path.startsWith(p + path.sep)));
      // Like main: events arrive after the call has returned, one file at a time.
      setTimeout(() => {
        emit({ type: 'started', batchId, total: wanted.length });
        wanted.forEach((report, index) => {
          emit({ type: 'file', batchId, index, total: wanted.length, report });
          emit({ type: 'progress', batchId, done: index + 1, total: wanted.length, current: report.path });
        });
        emit({ type: 'done', batchId, cancelled: false });
      }, 0);
      return ok({ batchId });
    },
    async cancelScan(input) {
      record('cancelScan', input);
      return ok({ cancelled: true });
    },
    async getPreview(input) {
      record('getPreview', input);
      try {
        const p = await (await previews()).makePreview(input.path, input.maxSize);
        return ok({ dataUrl: `data:image/jpeg;base64,${Buffer.from(p.jpeg).toString('base64')}`, width: p.width, height: p.height });
      } catch (err) {
        return fail(err);
      }
    },
    async getEmbeddedImage(input) {
      record('getEmbeddedImage', input);
      const image = await (await engine()).readEmbeddedImage(input.path, input.findingId);
      if (!image) return { ok: false, error: { code: 'not-found', message: 'This hidden picture could not be found.' } };
      return ok({ dataUrl: `data:${image.mime};base64,${Buffer.from(image.bytes).toString('base64')}` });
    },
    // Videos are decoded by the real window's player, which this test DOM does not have: see the E2E test.
    async videoSource(input) {
      record('videoSource', input);
      return { ok: false, error: { code: 'unsupported', message: 'No video player in this test.' } };
    },
    async checkVideoFrame(input) {
      record('checkVideoFrame', input);
      return { ok: false, error: { code: 'unsupported', message: 'No video player in this test.' } };
    },
    async videoFramesDone(input) {
      record('videoFramesDone', input);
      return { ok: false, error: { code: 'unsupported', message: 'No video player in this test.' } };
    },
    async saveSafeCopies(input) {
      record('saveSafeCopies', input);
      const { cleanFile } = await engine();
      const reports = [];
      for (const item of input.items) {
        reports.push(
          await cleanFile(item.path, { outDir: settings.outputDir ?? outDir, suffix: settings.suffix, force: input.force, ...(item.cover ? { cover: item.cover } : {}) }),
        );
      }
      return ok({ reports });
    },
    async getSettings(input) {
      record('getSettings', input);
      return ok(settings);
    },
    async setSettings(input) {
      record('setSettings', input);
      settings = { ...settings, ...input };
      return ok(settings);
    },
    async openFolder(input) {
      record('openFolder', input);
      return ok({ opened: true });
    },
    async openCopy(input) {
      record('openCopy', input);
      return ok({ opened: true });
    },
    async exportReport(input) {
      record('exportReport', input);
      // The real report from the real reports (the PDF printing is the E2E test's).
      const { reportPhotoForChecked } = await import('../../shared/node/report-photo.js');
      const { buildReportHtml } = await import('../../shared/trainer-report/html.js');
      const photos = [];
      for (const item of input.items) {
        const report = options.reports.find((r) => r.path === item.path);
        if (!report) return { ok: false, error: { code: 'not-found', message: 'This photo was not checked.' } };
        photos.push(await reportPhotoForChecked(report, item.cover ?? []));
      }
      const dest = path.join(outDir, 'exposure-report.html');
      writeFileSync(dest, buildReportHtml({ generatedAt: new Date(), photos }));
      return ok({ path: dest });
    },
    async showInFolder(input) {
      record('showInFolder', input);
      return ok({ shown: true });
    },
  };
  return api;
}
