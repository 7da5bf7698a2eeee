// The worker's side of the file worker: runs scans and one-shot tasks with the file layer and
// answers on the endpoint. Pure glue: the file functions are passed in (the real ones come from
// shared/node/batch.ts), so the same loop runs in a utilityProcess, a worker thread or in-process.
import { toUserError } from '../../shared/errors.js';
import type { FileReport } from '../../shared/report.js';
import type { CleanResult } from '../../shared/node/clean-file.js';
import type { CoverArea } from '../../shared/cover.js';
import type { ReportPhoto } from '../../shared/trainer-report/types.js';
import type { RgbImage } from '../../shared/image/rgb.js';
import type { VideoPoster } from '../../shared/node/video-report.js';
import { ScanRequestData } from '../../shared/scan/request.js';
import type { TaskOutputs, WorkerEndpoint, WorkerRequest, WorkerTask } from './protocol.js';

/** The file layer the worker calls (the signatures of shared/node/batch.ts). */
export interface FileOps {
  scanPaths(
    paths: string[],
    opts: ScanRequestData & { describePlace?: boolean; signal?: AbortSignal; onStart?: (total: number) => void; onFileStart?: (index: number, total: number, path: string) => void },
  ): AsyncIterable<{ index: number; total: number; report: FileReport }>;
  reportPhoto(report: FileReport, cover: CoverArea[], poster?: VideoPoster | null): Promise<ReportPhoto>;
  checkVideoFrame(frame: RgbImage, time: number): Promise<TaskOutputs['video-frame']>;
  cleanFile(
    path: string,
    opts: { outDir?: string | null; suffix?: string; force?: boolean; redact?: 'default' | 'none'; cover?: CoverArea[]; keep?: string[]; written?: Map<string, string>; withRecheck?: boolean },
  ): Promise<CleanResult>;
  readEmbeddedImage(path: string, findingId: string): Promise<{ mime: string; bytes: Uint8Array } | null>;
  makePreview(path: string, maxSize: number): Promise<{ jpeg: Uint8Array; width: number; height: number }>;
  cleanEvidenceFile(path: string): Promise<{ mime: string; bytes: Uint8Array; removed: string[] }>;
  readPhotoLocation(path: string): Promise<{ latitude: number; longitude: number; precisionMeters: number } | null>;
}

async function runTask(task: WorkerTask, files: FileOps, written: Map<string, string>): Promise<TaskOutputs[WorkerTask['op']]> {
  switch (task.op) {
    case 'preview':
      return files.makePreview(task.path, task.maxSize);
    case 'embedded':
      return files.readEmbeddedImage(task.path, task.findingId);
    case 'report-photo':
      return files.reportPhoto(task.report, task.cover, task.poster ?? null);
    case 'video-frame':
      return files.checkVideoFrame({ data: task.data, width: task.width, height: task.height, channels: 3 }, task.time);
    case 'clean': {
      const { outDir, suffix, force, redact, cover, keep } = task.options;
      // The main process judges the copy again with the exposure checklist (which this process never sees), then drops the recheck.
      return files.cleanFile(task.path, { outDir, suffix, force, redact, written, withRecheck: true, ...(cover ? { cover } : {}), ...(keep ? { keep } : {}) });
    }
    case 'evidence':
      return files.cleanEvidenceFile(task.path);
    case 'location':
      return files.readPhotoLocation(task.path);
  }
}

export function serveWorkerRequests(endpoint: WorkerEndpoint, files: FileOps): void {
  const running = new Map<number, AbortController>();
  // Every safe copy this worker wrote (path -> the photo it was made from), as the command line
  // keeps for one run: "Save all" of two photo.jpg from different folders into one folder gives
  // photo.clean.jpg and photo-2.clean.jpg, and "Replace" replaces only that photo's own copy,
  // never another photo's copy written in this session.
  const written = new Map<string, string>();

  async function runScan(seq: number, paths: string[], data: unknown): Promise<void> {
    const controller = new AbortController();
    running.set(seq, controller);
    try {
      const request = ScanRequestData.parse(data);
      const onStart = (total: number): void => endpoint.post({ type: 'scan-started', seq, total });
      const onFileStart = (index: number, total: number, path: string): void => endpoint.post({ type: 'scan-checking', seq, index, total, path });
      for await (const item of files.scanPaths(paths, { ...request, describePlace: true, signal: controller.signal, onStart, onFileStart })) {
        if (controller.signal.aborted) break;
        endpoint.post({ type: 'scan-file', seq, index: item.index, total: item.total, report: item.report });
      }
      endpoint.post({ type: 'scan-done', seq, cancelled: controller.signal.aborted });
    } catch (err) {
      if (controller.signal.aborted) endpoint.post({ type: 'scan-done', seq, cancelled: true });
      else endpoint.post({ type: 'error', seq, error: toUserError(err) });
    } finally {
      running.delete(seq);
    }
  }

  async function answerTask(seq: number, task: WorkerTask): Promise<void> {
    try {
      endpoint.post({ type: 'result', seq, value: await runTask(task, files, written) });
    } catch (err) {
      endpoint.post({ type: 'error', seq, error: toUserError(err) });
    }
  }

  endpoint.onMessage((message: WorkerRequest) => {
    switch (message.type) {
      case 'scan':
        void runScan(message.seq, message.paths, message.request);
        break;
      case 'task':
        void answerTask(message.seq, message.task);
        break;
      case 'cancel':
        running.get(message.seq)?.abort();
        break;
    }
  });
}
