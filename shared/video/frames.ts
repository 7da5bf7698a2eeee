// Which frames of a video the picture checks look at, and how their results join the video's
// report: the one place for it, whoever decodes the frames (the system's ffmpeg for the command
// line, the app's own window for the app). A video is never "fully checked": the coverage names
// the frames looked at, and says plainly when none could be.
import { iou, type Box } from '../boxes.js';
import { compareFindings, type Finding } from '../findings.js';
import type { FileReport, ScanCoverage } from '../report.js';
import { formatTime } from './frame-time.js';
import { findingForVideo } from './words.js';

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

/**
 * The video's own size as shown (which the preview and the boxes use), upright like the frame the
 * player decoded; null when the file did not say. A size read the other way round is turned.
 */
export function videoSizeFor(frame: { width: number; height: number }, video: { width?: number | undefined; height?: number | undefined }): { width: number; height: number } | null {
  if (!video.width || !video.height) return null;
  const turned = video.width !== video.height && frame.width !== frame.height && video.width > video.height !== frame.width > frame.height;
  return turned ? { width: video.height, height: video.width } : { width: video.width, height: video.height };
}

/**
 * A frame's results in the video's own pixels: the window may send a frame scaled down (larger
 * than MAX_FRAME_PIXELS) or at another pixel shape than the file's display size.
 */
export function inVideoPixels(result: FrameResult, frame: { width: number; height: number }, size: { width: number; height: number } | null): FrameResult {
  if (!size || (size.width === frame.width && size.height === frame.height)) return result;
  const sx = size.width / frame.width;
  const sy = size.height / frame.height;
  const scale = (b: Box): Box => [b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy];
  return { ...result, findings: result.findings.map((f) => (f.box ? { ...f, box: scale(f.box) } : f)) };
}

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
  return findings.map((f) => ({ ...findingForVideo(f), time, where: `Frame at ${at}`, action: frameAction([time]) }));
}

/** What to do about something seen in a video's picture: the safe copy does not cover it. */
export function frameAction(times: readonly number[]): string {
  const parts = times.length === 1 ? `the part around ${formatTime(times[0]!)}` : `the parts around ${listWords(times.map(formatTime))}`;
  return `The safe copy keeps the video's picture as it is and does not cover this. Trim out ${parts}, or do not post the video.`;
}

function listWords(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The same thing in the same place of two frames (a parked car, a sign behind a still camera). */
function sameThing(a: Finding, b: Finding): boolean {
  return a.id === b.id && a.category === b.category && a.kind === b.kind && a.maybe === b.maybe && !!a.box && !!b.box && iou(a.box, b.box) >= SAME_PLACE_IOU;
}

/** Boxes overlapping this much in two frames are one thing seen again, not a second thing. */
const SAME_PLACE_IOU = 0.5;

/** A finding seen again in another frame: one finding that names every frame it was seen in. */
function seenAgain(first: Finding, again: Finding, time: number): Finding {
  const times = [...new Set([...(first.times ?? [first.time ?? time]), time])].sort((x, y) => x - y);
  const worse = compareFindings(again, first) < 0 ? again : first;
  return {
    ...first,
    severity: worse.severity,
    ...(first.confidence !== undefined || again.confidence !== undefined ? { confidence: Math.max(first.confidence ?? 0, again.confidence ?? 0) } : {}),
    times,
    where: `Frames at ${listWords(times.map(formatTime))}`,
    action: frameAction(times),
  };
}

/** Why no frame of a video could be looked at, as the app's window tells it. */
export const FRAME_PROBLEMS = ['unsupported', 'damaged', 'timeout', 'failed', 'stopped'] as const;
export type FrameProblem = (typeof FRAME_PROBLEMS)[number];

export const FRAME_PROBLEM_MESSAGE: Record<FrameProblem, string> = {
  unsupported:
    'the video player built into this app cannot decode this kind of video on this computer',
  damaged: 'its picture could not be decoded: the file may be damaged',
  timeout: 'reading its frames took too long, so they were not looked at',
  failed: 'its frames could not be read',
  stopped: 'you stopped the check before its frames were looked at',
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
  // One finding per thing: the same thing in the same place in several frames is counted once.
  const findings = report.findings.filter((f) => f.time !== time);
  for (const seen of atFrame(result.findings, time)) {
    const i = findings.findIndex((f) => f.time !== undefined && sameThing(f, seen));
    if (i < 0) findings.push(seen);
    else findings[i] = seenAgain(findings[i]!, seen, time);
  }
  findings.sort(compareFindings);
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
