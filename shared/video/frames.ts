// Which frames of a video the picture checks look at, and how their results join the video's
// report: the one place for it, whoever decodes the frames (the system's ffmpeg for the command
// line, the app's own window for the app). A video is never "fully checked": the coverage names
// the frames looked at, and says plainly when none could be.
import { compareFindings, type Finding } from '../findings.js';
import type { FileReport, ScanCoverage } from '../report.js';
import { formatTime } from './frame-time.js';

/**
 * When to look: the first frame, the middle, the last, and the cuts between them (scene changes,
 * found cheaply), at most `max` times, in seconds.
 */
export function frameTimes(duration: number, cuts: number[] = [], max = 8): number[] {
  if (!(duration > 0)) return [0];
  const end = Math.max(0, duration - Math.min(0.25, duration / 4));
  const base = [0, duration / 2, end];
  const extra = cuts.filter((t) => base.every((b) => Math.abs(b - t) > Math.max(1, duration / 20)));
  const pick = extra.length > max - 3 ? extra.filter((_, i) => i % Math.ceil(extra.length / (max - 3)) === 0) : extra;
  return [...base, ...pick].sort((a, b) => a - b).map((t) => Math.round(t * 1000) / 1000);
}

/** The largest frame the app's window sends for checking (4K); bigger frames are scaled down first. */
export const MAX_FRAME_PIXELS = 3840 * 2160;

/** What the picture checks found on one frame. */
export interface FrameResult {
  findings: Finding[];
  failedChecks: string[];
  /** Set when the checks could not look at this frame at all (then it does not count as looked at). */
  error?: string;
}

/**
 * Each finding says which frame it was seen in ("Frame at 0:12"), so it can be found and trimmed,
 * and says what the copy really does: a video's copy keeps its picture as it is (nothing is covered).
 */
export function atFrame(findings: readonly Finding[], time: number): Finding[] {
  const at = formatTime(time);
  return findings.map((f) => ({ ...f, time, where: `Frame at ${at}`, action: frameAction(at) }));
}

/** What to do about something seen in a video's picture: the safe copy does not cover it. */
export function frameAction(at: string): string {
  return `The safe copy keeps the video's picture as it is and does not cover this. Trim out the part around ${at}, or do not post the video.`;
}

/** Why no frame of a video could be looked at, as the app's window tells it. */
export const FRAME_PROBLEMS = ['unsupported', 'damaged', 'timeout', 'failed'] as const;
export type FrameProblem = (typeof FRAME_PROBLEMS)[number];

export const FRAME_PROBLEM_MESSAGE: Record<FrameProblem, string> = {
  unsupported:
    'the video player built into this app cannot decode this kind of video on this computer',
  damaged: 'its picture could not be decoded: the file may be damaged',
  timeout: 'reading its frames took too long, so they were not looked at',
  failed: 'its frames could not be read',
};

/** Before any frame is looked at, in the app: the metadata is read, the frames come next. */
export function framesPending(metadata = true): ScanCoverage {
  return { metadata, picture: 'failed', failedChecks: [], pending: true, pictureError: "the video's frames have not been looked at yet" };
}

/** The report with one more frame's results in it (a frame looked at again replaces its old results). */
export function withFrame(report: FileReport, time: number, result: FrameResult): FileReport {
  const before = report.coverage;
  if (result.error) return report;
  const frames = [...new Set([...(before?.frames ?? []), time])].sort((a, b) => a - b);
  const failedChecks = [...new Set([...(before?.frames ? before.failedChecks : []), ...result.failedChecks])];
  const findings = [...report.findings.filter((f) => f.time !== time), ...atFrame(result.findings, time)].sort(compareFindings);
  const coverage: ScanCoverage = { metadata: before?.metadata ?? true, picture: 'partly', failedChecks, frames };
  if (before?.pending) coverage.pending = true;
  return { ...report, findings, coverage };
}

/** No more frames are coming: the coverage says which were looked at, or why none could be. */
export function framesDone(report: FileReport, problem?: string): FileReport {
  const before = report.coverage ?? framesPending();
  const { pending: _pending, ...rest } = before;
  if (rest.frames && rest.frames.length > 0) return { ...report, coverage: { ...rest, picture: 'partly' } };
  const why = problem ?? 'no frame of this video could be decoded';
  return { ...report, coverage: { metadata: rest.metadata, picture: 'failed', failedChecks: [], pictureError: why } };
}
