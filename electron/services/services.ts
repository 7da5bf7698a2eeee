// The main process's side of every call in the contract. Plain Node (no `electron` import):
// dialogs, opening a folder and the file worker are passed in, so the app injects Electron's and
// the loopback bridge injects its own, and both run exactly this code.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CallInput, ScanEvent } from '../../shared/api/contract.js';
import { ExposureError, toUserError } from '../../shared/errors.js';
import { isVideoFormat } from '../../shared/findings.js';
import type { CleanReport, FileReport } from '../../shared/report.js';
import type { VideoPoster } from '../../shared/node/video-report.js';
import { FRAME_PROBLEM_MESSAGE, framesDone, inVideoPixels, videoSizeFor, withFrame } from '../../shared/video/frames.js';
import { MediaFiles } from '../media-files.js';
import { MEDIA_BASE_URL } from '../security.js';
import { writeFileAtomic } from '../../shared/node/files.js';
import { buildReportHtml } from '../../shared/trainer-report/html.js';
import type { ReportPhoto } from '../../shared/trainer-report/types.js';
import type { ScanRequestData } from '../../shared/scan/request.js';
import type { CallHandlers } from '../ipc.js';
import type { ScanHandle, ScanUpdate } from '../worker/client.js';
import type { TaskOf, TaskOp, TaskOutputs } from '../worker/protocol.js';
import { SettingsStore } from './settings-store.js';
import { pickChecklistCalls, type ChecklistService } from './checklist-service.js';
import { createStreamCalls, type StreamHandlers } from './stream-service.js';
import { CaptureGate } from '../stream/capture-gate.js';

export interface Dialogs {
  /** Paths the user picked; empty when they cancelled. */
  choosePaths(kind: 'files' | 'folder'): Promise<string[]>;
  chooseOutputDir(): Promise<string | null>;
  /** Where to save a report; null when they cancelled. The dialog has asked before replacing a file. */
  chooseReportFile(format: 'html' | 'pdf'): Promise<string | null>;
}

/** What the services need from the file worker (FileWorkerClient implements it). */
export interface FileWorker {
  run<O extends TaskOp>(task: TaskOf<O>): Promise<TaskOutputs[O]>;
  scan(paths: string[], request: ScanRequestData, listener: (update: ScanUpdate) => void): ScanHandle;
}

export interface ServiceDeps {
  userDataDir: string;
  dialogs: Dialogs;
  /** Shows a folder in the file manager; throws when it cannot. Only ever given a directory. */
  openDirectory(dir: string): Promise<void>;
  /** Opens a picture in the system viewer; only ever given a safe copy this session wrote. */
  openPicture(file: string): Promise<void>;
  /** Shows a file, selected, in the file manager; only ever given a safe copy this session wrote. */
  revealFile(file: string): Promise<void>;
  /** Prints the report's HTML to PDF (Electron's printToPDF in the app). */
  printPdf(html: string): Promise<Uint8Array>;
  /** Where safe copies go until the user chooses (null: beside the original). */
  defaultCopiesDir?: string | null;
  /** Where the window loads videos from: the app's media protocol, or the test bridge's media server. */
  mediaBaseUrl?: string;
  worker: FileWorker;
  /** Delivers scan events to the UI (webContents.send in the app, the event stream in the bridge). */
  emit(event: ScanEvent): void;
  /** The exposure checklist (its key stays in this process); scan results pass through it. */
  checklist: ChecklistService;
  /** The stream screen's calls (stream-service.ts); absent: no capture and no stream worker. */
  stream?: StreamHandlers;
}

export const DEFAULT_PREVIEW_SIZE = 1024;

/** Raster types a data: URL may carry into the page; never SVG (it can hold script). */
const DISPLAYABLE_MIME = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp', 'image/avif']);

function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

function requireAbsolute(paths: readonly string[]): void {
  if (paths.some((p) => !path.isAbsolute(p))) {
    throw new ExposureError('not-found', 'A photo could not be found because its location was incomplete. Please choose it again.');
  }
}

/** A scan report without the lines of text it read (those are for the checklist's step only). */
function withoutReadText(report: FileReport): FileReport {
  const { readText: _lines, ...rest } = report;
  return rest;
}

export interface Services extends CallHandlers {
  /** Cancels every running scan (on window close or app quit). */
  cancelAllScans(): void;
  /** The videos the window may load (served by the shell's media protocol). */
  media: MediaFiles;
}

/** Where nothing can be captured: no screens, no frame port. */
const NO_STREAM_SHELL = {
  listScreens: async () => [],
  openFramePort: async (): Promise<never> => {
    throw new ExposureError('unsupported', 'Stream checks are not available here.');
  },
  screenClosed: () => undefined,
};

export function createServices(deps: ServiceDeps): Services {
  const settings = new SettingsStore(deps.userDataDir, { outputDir: deps.defaultCopiesDir ?? null });
  const scans = new Map<string, ScanHandle>();
  // Safe copies written in this session: the only files the app will open or reveal (opening any
  // other file could run it).
  const written = new Set<string>();
  // The latest scan of each photo, so a report is made from what the user saw, not a new scan.
  const checked = new Map<string, FileReport>();
  // Videos the user chose, served to the window so its player can decode their frames.
  const media = new MediaFiles(deps.mediaBaseUrl ?? MEDIA_BASE_URL);
  // A checked video's first frame, small, for the trainers' report.
  const posters = new Map<string, VideoPoster>();

  /** The latest report of a video checked in this session; only those can be loaded or get frames. */
  function requireVideo(file: string): FileReport {
    requireAbsolute([file]);
    const report = checked.get(file);
    if (!report || report.error || !isVideoFormat(report.format)) {
      throw new ExposureError('not-found', 'This video was not checked since the app was opened. Add it again.');
    }
    return report;
  }

  function requireWritten(file: string): string {
    requireAbsolute([file]);
    const resolved = path.resolve(file);
    if (!written.has(resolved)) throw new ExposureError('not-found', 'Only safe copies made since the app was opened can be opened from here. Save the copy again.');
    return resolved;
  }

  function forwardScanUpdates(batchId: string): (update: ScanUpdate) => void {
    let started = false;
    const start = (total: number): void => {
      if (started) return;
      started = true;
      deps.emit({ type: 'started', batchId, total });
    };
    return (update) => {
      switch (update.type) {
        case 'started':
          start(update.total);
          break;
        case 'checking':
          start(update.total);
          // A batch the user started keeps the checklist open while it runs, so every photo in it is compared.
          deps.checklist.touch();
          deps.emit({ type: 'progress', batchId, done: update.index, total: update.total, current: update.path });
          break;
        case 'file':
          start(update.total);
          // The scan's own findings: the trainers' report never names checklist items or keeps read text.
          checked.set(update.report.path, withoutReadText(update.report));
          if (isVideoFormat(update.report.format) && !update.report.error) media.allow(update.report.path);
          deps.emit({ type: 'file', batchId, index: update.index, total: update.total, report: deps.checklist.personalise(update.report) });
          deps.emit({ type: 'progress', batchId, done: update.index + 1, total: update.total, current: update.report.path });
          break;
        case 'done':
          scans.delete(batchId);
          start(0);
          deps.emit({ type: 'done', batchId, cancelled: update.cancelled });
          break;
        case 'error':
          scans.delete(batchId);
          start(0);
          deps.emit({ type: 'done', batchId, cancelled: false, error: update.error });
          break;
      }
    };
  }

  async function saveOne(item: CallInput<'saveSafeCopies'>['items'][number], force: boolean): Promise<CleanReport> {
    const { outputDir, suffix, visual } = await settings.get();
    try {
      // With the picture check on, the copy policy covers what it covers by default (or exactly
      // the user's list) and the copy's picture is checked again; off, only the metadata goes.
      const options = {
        outDir: outputDir,
        suffix,
        force,
        redact: visual ? ('default' as const) : ('none' as const),
        ...(item.cover ? { cover: item.cover } : {}),
        ...(item.keep ? { keep: item.keep } : {}),
      };
      return deps.checklist.personaliseCopy(await deps.worker.run({ op: 'clean', path: item.path, options }));
    } catch (err) {
      return { path: item.path, format: null, reencoded: false, removed: [], kept: [], error: toUserError(err) };
    }
  }

  return {
    ...pickChecklistCalls(deps.checklist),
    ...(deps.stream ?? createStreamCalls(new CaptureGate(), NO_STREAM_SHELL)),

    async choosePaths({ kind }) {
      return { paths: await deps.dialogs.choosePaths(kind) };
    },

    async chooseOutputDir() {
      return { path: await deps.dialogs.chooseOutputDir() };
    },

    async startScan({ paths, visual }) {
      requireAbsolute(paths);
      const batchId = randomUUID();
      const useVisual = visual ?? (await settings.get()).visual;
      // A video's frames are decoded by the window (users have no ffmpeg) and sent back one by one.
      scans.set(batchId, deps.worker.scan(paths, { visual: useVisual, videoFrames: 'caller' }, forwardScanUpdates(batchId)));
      return { batchId };
    },

    async cancelScan({ batchId }) {
      const scan = scans.get(batchId);
      scan?.cancel();
      return { cancelled: scan !== undefined };
    },

    async getPreview({ path: file, maxSize }) {
      requireAbsolute([file]);
      const preview = await deps.worker.run({ op: 'preview', path: file, maxSize: maxSize ?? DEFAULT_PREVIEW_SIZE });
      return { dataUrl: dataUrl('image/jpeg', preview.jpeg), width: preview.width, height: preview.height };
    },

    async getEmbeddedImage({ path: file, findingId }) {
      requireAbsolute([file]);
      const image = await deps.worker.run({ op: 'embedded', path: file, findingId });
      if (!image) throw new ExposureError('not-found', 'This hidden picture could not be found in the photo any more.');
      if (!DISPLAYABLE_MIME.has(image.mime)) {
        throw new ExposureError('unsupported', 'This hidden picture is in a format the app cannot show, but the safe copy removes it.');
      }
      return { dataUrl: dataUrl(image.mime, image.bytes) };
    },

    async videoSource({ path: file }) {
      requireVideo(file);
      return { url: media.allow(file) };
    },

    async checkVideoFrame({ path: file, time, width, height, rgb }) {
      requireVideo(file);
      // The contract checked that the pixels are exactly width × height × 3 bytes.
      const data = Buffer.from(rgb, 'base64');
      const { result, poster } = await deps.worker.run({ op: 'video-frame', time, width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
      // Read again after the wait: other frames may have been added meanwhile.
      const before = requireVideo(file);
      // Boxes in the video's own pixels, whatever size the window decoded the frame at.
      const size = videoSizeFor({ width, height }, before);
      if (poster) posters.set(file, size ? { ...poster, frameWidth: size.width, frameHeight: size.height } : poster);
      const report = withFrame(before, time, inVideoPixels(result, { width, height }, size));
      checked.set(file, report);
      return { report };
    },

    async videoFramesDone({ path: file, problem }) {
      const report = framesDone(requireVideo(file), problem ? FRAME_PROBLEM_MESSAGE[problem] : undefined);
      checked.set(file, report);
      return { report };
    },

    async saveSafeCopies({ items, force }) {
      requireAbsolute(items.map((item) => item.path));
      const reports: CleanReport[] = [];
      // One at a time: a folder of big photos must not hold them all in memory at once.
      for (const item of items) {
        const report = await saveOne(item, force === true);
        if (report.output) written.add(path.resolve(report.output));
        reports.push(report);
      }
      return { reports };
    },

    async getSettings() {
      return settings.get();
    },

    async setSettings(changes) {
      return settings.update(changes);
    },

    async openFolder({ path: target }) {
      requireAbsolute([target]);
      const stat = await fs.stat(target);
      // Never hand a file to the system opener (it could run it): a file means its folder.
      const dir = stat.isDirectory() ? target : path.dirname(target);
      await deps.openDirectory(dir);
      return { opened: true };
    },

    async openCopy({ path: file }) {
      const copy = requireWritten(file);
      await fs.stat(copy);
      await deps.openPicture(copy);
      return { opened: true };
    },

    async showInFolder({ path: file }) {
      const copy = requireWritten(file);
      await fs.stat(copy);
      await deps.revealFile(copy);
      return { shown: true };
    },

    async exportReport({ items, format }) {
      requireAbsolute(items.map((i) => i.path));
      const reports = items.map((i) => checked.get(i.path));
      if (reports.some((r) => r === undefined)) throw new ExposureError('not-found', 'Some of these photos were not checked since the app was opened. Check them again, then export the report.');
      const dest = await deps.dialogs.chooseReportFile(format);
      if (!dest) return { path: null };
      const photos: ReportPhoto[] = [];
      // One at a time: each makes a copy of a full-size photo in memory.
      for (const [i, item] of items.entries()) {
        const poster = posters.get(item.path);
        photos.push(await deps.worker.run({ op: 'report-photo', report: reports[i]!, cover: item.cover ?? [], ...(poster ? { poster } : {}) }));
      }
      const html = buildReportHtml({ generatedAt: new Date(), photos });
      const bytes = format === 'pdf' ? await deps.printPdf(html) : new TextEncoder().encode(html);
      await writeFileAtomic(dest, bytes, true);
      written.add(path.resolve(dest));
      return { path: dest };
    },

    cancelAllScans() {
      for (const scan of scans.values()) scan.cancel();
    },

    media,
  };
}
