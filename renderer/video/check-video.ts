// A video's picture part, done in the window: its poster for the screen, then (when the picture
// check is on) the first, middle and last frames and the scene cuts between them, each sent to the
// scan worker through the contract, which answers the video's report with that frame's findings.
// One video at a time: decoding is heavy, and the worker checks one frame at a time anyway.
import type { ExposureApi } from '../../shared/api/contract.js';
import type { FileReport } from '../../shared/report.js';
import { frameTimes, type FrameProblem } from '../../shared/video/frames.js';
import { unwrap } from '../api-context.js';
import { FrameProblemError, toBase64, VideoReader } from './video-reader.js';
import { addStill, expectStills, stillsProblem } from './video-stills.js';

/** The size of stills on screen (as photo previews). */
export const STILL_SIZE = 1280;

export interface VideoJob {
  path: string;
  /** Look at the frames (the report is waiting for them); otherwise only the poster is made. */
  checkFrames: boolean;
  /** Receives the report each time main answers with more of it. */
  onReport(report: FileReport): void;
  /** Receives progress: frames looked at of those planned. */
  onProgress?(done: number, total: number): void;
}

const PROBLEM_WORDS: Record<Exclude<FrameProblem, 'stopped'>, string> = {
  unsupported: 'The video player built into this app cannot show this kind of video on this computer.',
  damaged: 'The picture of this video could not be decoded; the file may be damaged.',
  timeout: 'Opening this video took too long.',
  failed: 'This video could not be opened for its picture.',
};

/**
 * Runs one video's job. Once `stop` is aborted no further frame is looked at: the report says the
 * frames not looked at were not checked (the poster is still made, for the preview).
 */
export async function runVideoJob(api: ExposureApi, job: VideoJob, stop?: AbortSignal): Promise<void> {
  const { path } = job;
  expectStills(path);
  let reader: VideoReader | null = null;
  let problem: FrameProblem | undefined;
  try {
    reader = await VideoReader.open(unwrap(await api.videoSource({ path })).url);
    addStill(path, 0, await reader.still(0, STILL_SIZE));
    if (job.checkFrames) {
      const times = stop?.aborted ? [] : frameTimes(reader.duration, await reader.sceneCuts().catch(() => []));
      let done = 0;
      job.onProgress?.(0, times.length);
      for (const time of times) {
        if (stop?.aborted) break;
        const frame = await reader.frame(time);
        if (time !== 0) addStill(path, time, await reader.still(time, STILL_SIZE));
        const { report } = unwrap(await api.checkVideoFrame({ path, time, width: frame.width, height: frame.height, rgb: toBase64(frame.rgb) }));
        job.onReport(report);
        job.onProgress?.(++done, times.length);
      }
    }
  } catch (err) {
    const why = err instanceof FrameProblemError && err.problem !== 'stopped' ? err.problem : 'failed';
    problem = why;
    stillsProblem(path, PROBLEM_WORDS[why]);
  } finally {
    reader?.close();
  }
  if (stop?.aborted && !problem) problem = 'stopped';
  if (job.checkFrames) {
    try {
      job.onReport(unwrap(await api.videoFramesDone(problem ? { path, problem } : { path })).report);
    } catch {
      // The report stays "not fully checked": the frames were not all looked at, and it says so.
    }
  }
}

const queue: Array<() => Promise<void>> = [];
let running = false;
/** Aborted by stopVideoChecks: every job queued until then stops looking at frames. */
let stopping = new AbortController();

/** Runs jobs one after another, in the order they were asked for. */
export function queueVideoJob(api: ExposureApi, job: VideoJob): void {
  expectStills(job.path);
  const stop = stopping.signal;
  queue.push(() => runVideoJob(api, job, stop));
  if (running) return;
  running = true;
  void (async () => {
    while (queue.length > 0) await queue.shift()!().catch(() => undefined);
    running = false;
  })();
}

/**
 * Stops looking at frames, for the video being checked and every one waiting: each report says
 * which frames were looked at, or that none were. Videos added later are checked as usual.
 */
export function stopVideoChecks(): void {
  stopping.abort();
  stopping = new AbortController();
}
