// The messages between the main process and the file worker (an Electron utilityProcess in the
// app, a worker_threads Worker under the Node bridge). Every request carries a sequence number;
// every response names the request it answers. Reading and writing photos (scans, previews, safe
// copies) all happen in the worker so the main process never blocks on a big or hostile file.
import type { UserError } from '../../shared/errors.js';
import type { CoverArea } from '../../shared/cover.js';
import type { CleanReport, FileReport } from '../../shared/report.js';
import type { ScanRequestData } from '../../shared/scan/request.js';
import type { ReportPhoto } from '../../shared/trainer-report/types.js';
import type { FrameResult } from '../../shared/video/frames.js';
import type { VideoPoster } from '../../shared/node/video-report.js';
import type { CleanResult } from '../../shared/node/clean-file.js';

export interface CleanTaskOptions {
  outDir: string | null;
  suffix: string;
  force: boolean;
  /** `default`: the copy policy covers, and the copy's picture is re-checked; `none`: metadata only. */
  redact: 'default' | 'none';
  /** Exactly these areas of the picture (the user's final list); absent: the copy policy plans them. */
  cover?: CoverArea[];
  /** Findings the user chose to leave visible. */
  keep?: string[];
}

/** One-shot jobs the worker does and answers once. */
export type WorkerTask =
  | { op: 'preview'; path: string; maxSize: number }
  | { op: 'embedded'; path: string; findingId: string }
  | { op: 'clean'; path: string; options: CleanTaskOptions }
  /** One photo's part of the trainers' report, from its scan: a safe copy in memory and its picture. */
  | { op: 'report-photo'; report: FileReport; cover: CoverArea[]; poster?: VideoPoster }
  /** The picture checks on one frame of a video, decoded by the window (upright RGB, validated by main). */
  | { op: 'video-frame'; time: number; width: number; height: number; data: Uint8Array }
  /** For the exposure checklist: a screenshot cleaned by our own cleaner, to be stored as evidence. */
  | { op: 'evidence'; path: string }
  /** For the exposure checklist: where one of the user's own photos was taken. */
  | { op: 'location'; path: string };

export interface TaskOutputs {
  preview: { jpeg: Uint8Array; width: number; height: number };
  embedded: { mime: string; bytes: Uint8Array } | null;
  clean: CleanResult;
  'report-photo': ReportPhoto;
  evidence: { mime: string; bytes: Uint8Array; removed: string[] };
  location: { latitude: number; longitude: number; precisionMeters: number } | null;
  /** The first frame also comes back small, as the video's picture in the trainers' report. */
  'video-frame': { result: FrameResult; poster?: VideoPoster };
}
export type TaskOp = WorkerTask['op'];
export type TaskOf<O extends TaskOp> = Extract<WorkerTask, { op: O }>;

export type WorkerRequest =
  /** The request is the data part of shared/scan's ScanRequest, validated again in the worker. */
  | { type: 'scan'; seq: number; paths: string[]; request: ScanRequestData }
  | { type: 'task'; seq: number; task: WorkerTask }
  /** Stops the scan (or task) with this sequence number; already-sent results stay valid. */
  | { type: 'cancel'; seq: number };

export type WorkerResponse =
  | { type: 'scan-started'; seq: number; total: number }
  | { type: 'scan-checking'; seq: number; index: number; total: number; path: string }
  | { type: 'scan-file'; seq: number; index: number; total: number; report: FileReport }
  | { type: 'scan-done'; seq: number; cancelled: boolean }
  | { type: 'result'; seq: number; value: TaskOutputs[TaskOp] }
  | { type: 'error'; seq: number; error: UserError };

/** The main-process end of the link to a worker. */
export interface WorkerChannel {
  post(message: WorkerRequest): void;
  onMessage(listener: (message: WorkerResponse) => void): void;
  /** Called once if the worker stops (crash, out of memory, killed). */
  onExit(listener: (code: number) => void): void;
  terminate(): void;
}

/** The worker's end of the link. */
export interface WorkerEndpoint {
  post(message: WorkerResponse): void;
  onMessage(listener: (message: WorkerRequest) => void): void;
}
