// The one contract between the renderer and the main process. Every call is declared here once,
// with a zod schema for its input; main validates every message against it, the preload exposes
// one named function per call, and the renderer gets the typed `ExposureApi` derived from it.
// Values are JSON-safe so the same contract also runs over the test-only loopback bridge.
import { z } from 'zod';
import { CoverAreasSchema } from '../cover-schema.js';
import type { CleanReport, FileReport } from '../report.js';
import { FRAME_PROBLEMS, MAX_FRAME_PIXELS } from '../video/frames.js';
import { checklistCalls, type ChecklistCallOutputs, type ChecklistEvent } from './checklist-calls.js';
import { streamCalls, type FramePortApi, type StreamCallOutputs } from './stream-calls.js';

export { FRAME_PORT_CHANNEL, type FramePortApi, type ScreenSource } from './stream-calls.js';
export { CHECKLIST_EVENT_CHANNEL, type ChecklistEvent, type ChecklistOverview, type ChecklistStatus } from './checklist-calls.js';

const path = z.string().min(1).max(4096);

export const Settings = z.object({
  /** null: write the safe copy beside the original. */
  outputDir: path.nullable(),
  /** Inserted before the extension: photo.jpg -> photo.clean.jpg */
  suffix: z.string().min(1).max(40).regex(/^[A-Za-z0-9._ -]+$/),
  /** Look at the picture itself (backgrounds), not only metadata. */
  visual: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { outputDir: null, suffix: '.clean', visual: true };

export interface ChoosePathsResult {
  paths: string[];
}
export interface PreviewResult {
  /** A downscaled, upright JPEG as a data: URL (the CSP allows data: images, never file:). */
  dataUrl: string;
  width: number;
  height: number;
}
export interface StartScanResult {
  batchId: string;
}

/**
 * One frame of a video, decoded by the window for the picture checks: upright RGB pixels (3 bytes a
 * pixel, row by row) as base64, so the call is JSON-safe. Its length must match the size exactly.
 */
export const VideoFrameInput = z
  .object({
    path,
    /** Seconds from the start. */
    time: z.number().min(0).max(1e7),
    width: z.number().int().min(1).max(16_384),
    height: z.number().int().min(1).max(16_384),
    rgb: z.string().max(4 * MAX_FRAME_PIXELS).regex(/^[A-Za-z0-9+/]*$/),
  })
  .refine((f) => f.width * f.height <= MAX_FRAME_PIXELS && f.rgb.length === 4 * f.width * f.height);

export const calls = {
  /** Opens the system dialog to choose photos or a folder. */
  choosePaths: { input: z.object({ kind: z.enum(['files', 'folder']) }) },
  /** Opens the system dialog to choose where safe copies go. */
  chooseOutputDir: { input: z.object({}) },
  /** Scans files and folders (recursively) off the main thread; results arrive as events. */
  startScan: { input: z.object({ paths: z.array(path).min(1).max(10_000), visual: z.boolean().optional() }) },
  cancelScan: { input: z.object({ batchId: z.string().min(1).max(100) }) },
  getPreview: { input: z.object({ path, maxSize: z.number().int().min(64).max(4096).optional() }) },
  getEmbeddedImage: { input: z.object({ path, findingId: z.string().min(1).max(200) }) },
  /** Where the window's video player may load a checked video from (the app's media protocol). */
  videoSource: { input: z.object({ path }) },
  /** Runs the picture checks on one frame of a checked video; answers the video's report with it. */
  checkVideoFrame: { input: VideoFrameInput },
  /** No more frames of this video are coming (or none could be decoded, and why); answers its report. */
  videoFramesDone: { input: z.object({ path, problem: z.enum(FRAME_PROBLEMS).optional() }) },
  /** Writes safe copies; the originals are never touched. */
  saveSafeCopies: {
    input: z.object({
      items: z
        .array(
          z.object({
            path,
            /** Exactly these areas (the user's final list, possibly empty); absent: the copy policy plans them. */
            cover: CoverAreasSchema.optional(),
            /** Findings (ids from the scan) the user chose to leave visible though the policy covers them. */
            keep: z.array(z.string().min(1).max(200)).max(10_000).optional(),
          }),
        )
        .min(1)
        .max(10_000),
      force: z.boolean().optional(),
    }),
  },
  getSettings: { input: z.object({}) },
  setSettings: { input: Settings.partial() },
  /** Shows a folder in the system file manager. */
  openFolder: { input: z.object({ path }) },
  /** Opens a safe copy written in this session in the system's picture viewer. */
  openCopy: { input: z.object({ path }) },
  /** Shows a safe copy written in this session, selected, in the system file manager. */
  showInFolder: { input: z.object({ path }) },
  /**
   * Asks where to save, then writes the trainers' report on checked photos (HTML or PDF), each
   * photo's picture taken from its safe copy with these areas covered.
   */
  exportReport: {
    input: z.object({
      items: z.array(z.object({ path, cover: CoverAreasSchema.optional() })).min(1).max(10_000),
      format: z.enum(['html', 'pdf']),
    }),
  },
  /** The exposure checklist (shared/api/checklist-calls.ts). */
  ...checklistCalls,
  /** The stream screen (shared/api/stream-calls.ts). */
  ...streamCalls,
} as const;

export type CallName = keyof typeof calls;
export type CallInput<K extends CallName> = z.infer<(typeof calls)[K]['input']>;

export interface CallOutputs extends ChecklistCallOutputs, StreamCallOutputs {
  choosePaths: ChoosePathsResult;
  chooseOutputDir: { path: string | null };
  startScan: StartScanResult;
  cancelScan: { cancelled: boolean };
  getPreview: PreviewResult;
  getEmbeddedImage: { dataUrl: string };
  videoSource: { url: string };
  checkVideoFrame: { report: FileReport };
  videoFramesDone: { report: FileReport };
  saveSafeCopies: { reports: CleanReport[] };
  getSettings: Settings;
  setSettings: Settings;
  openFolder: { opened: boolean };
  openCopy: { opened: boolean };
  showInFolder: { shown: boolean };
  /** `path` is null when the user cancelled the save dialog. */
  exportReport: { path: string | null };
}

/** Events pushed from main to the renderer during a scan. */
export type ScanEvent =
  | { type: 'started'; batchId: string; total: number }
  | { type: 'file'; batchId: string; index: number; total: number; report: FileReport }
  | { type: 'progress'; batchId: string; done: number; total: number; current?: string }
  /** `error`: the whole batch stopped (e.g. the scanning helper crashed); per-file errors are in each report. */
  | { type: 'done'; batchId: string; cancelled: boolean; error?: { code: string; message: string } };

/** Every result crosses the boundary in this envelope; messages are written for users. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type ExposureApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutputs[K]>>;
} & {
  /** Subscribe to scan events; returns the unsubscribe function. */
  onScanEvent(listener: (event: ScanEvent) => void): () => void;
  /** Subscribe to the checklist locking itself; returns the unsubscribe function. */
  onChecklistEvent(listener: (event: ChecklistEvent) => void): () => void;
  /** The stream screen's frame port to the stream worker. */
  framePort: FramePortApi;
  /** Electron only: the real path of a dropped File (webUtils.getPathForFile in the preload). */
  pathForDroppedFile?(file: File): string;
};

export const CHANNEL_PREFIX = 'exposure:';
export const SCAN_EVENT_CHANNEL = 'exposure:scan-event';
export const channelFor = (name: CallName): string => `${CHANNEL_PREFIX}${name}`;
export const CALL_NAMES = Object.keys(calls) as CallName[];

/** Validates an incoming message. Never echoes the payload: it may hold personal data. */
export function parseCallInput<K extends CallName>(name: K, input: unknown): { ok: true; value: CallInput<K> } | { ok: false } {
  const parsed = calls[name].input.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data as CallInput<K> } : { ok: false };
}

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
