// Node built-ins: videos from disk. The file is never read whole (videos are often gigabytes): the
// box headers, the movie header and the small metadata blocks are read where they are, frames are
// decoded by ffmpeg, and the safe copy is written in pieces straight from the original.
import fsSync from 'node:fs';
import * as path from 'node:path';
import { ExposureError, toUserError } from '../errors.js';
import { blocksPosting, compareFindings, type Finding, type VideoFormat } from '../findings.js';
import type { CleanReport, FileReport } from '../report.js';
import type { ScanRequest } from '../scan/request.js';
import { planSource, planVideoClean, type VideoCleanOptions, type VideoCleanPlan } from '../video/clean-video.js';
import { frameTimes, framesDone, framesPending, withFrame, type FrameResult } from '../video/frames.js';
import { readVideoMetadata } from '../video/read-video.js';
import type { ByteSource } from '../video/source.js';
import type { RgbImage } from '../image/rgb.js';
import { fileError, openRegularFile, writeFileAtomic } from './files.js';
import { hasFfmpeg, NO_FFMPEG, readFrame, sceneCuts } from './video-frames.js';

/** A video file opened for reading in place; close it when done. */
export interface FileSource extends ByteSource {
  close(): void;
}

export function openVideo(file: string): FileSource {
  let opened: { fd: number; size: number };
  try {
    opened = openRegularFile(file);
  } catch (err) {
    throw fileError(err, file);
  }
  const { fd, size } = opened;
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = fsSync.readSync(fd, buf, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    },
    close: () => fsSync.closeSync(fd),
  };
}

export interface VideoScanOptions {
  signal?: AbortSignal;
  /** Runs the picture checks on one frame (the caller brings the models). */
  checkFrame?: (frame: RgbImage) => Promise<FrameResult>;
}

export async function scanVideoFile(file: string, format: VideoFormat, request: ScanRequest, options: VideoScanOptions = {}): Promise<FileReport> {
  const report: FileReport = { path: file, format, size: 0, findings: [], embeddedImages: [] };
  const src = openVideo(file);
  try {
    report.size = src.size;
    const meta = readVideoMetadata(src, path.basename(file));
    if (meta.width) report.width = meta.width;
    if (meta.height) report.height = meta.height;
    report.duration = Math.round(meta.duration * 1000) / 1000;
    report.findings = [...meta.findings];
    report.embeddedImages = meta.embeddedImages.map((e) => ({ findingId: e.findingId, label: e.label, mime: e.mime, size: e.bytes.length }));
    report.coverage = { metadata: true, picture: 'off', failedChecks: [] };
    report.findings.sort(compareFindings);
    if (request.visual && meta.tracks.some((t) => t.kind === 'picture')) {
      // The app decodes the frames in its own window and sends them back one by one.
      if (request.videoFrames === 'caller') report.coverage = framesPending();
      else return await checkFrames(report, file, meta.duration, request, options);
    }
  } finally {
    src.close();
  }
  return report;
}

/** The picture checks on the first, middle and last frames and the cuts between them, decoded by ffmpeg. */
async function checkFrames(report: FileReport, file: string, duration: number, request: ScanRequest, options: VideoScanOptions): Promise<FileReport> {
  if (!hasFfmpeg()) return { ...report, coverage: { metadata: true, picture: 'failed', failedChecks: [], pictureError: NO_FFMPEG } };
  const check = options.checkFrame ?? ((frame: RgbImage) => checkVideoFrame(frame, request));
  let checked: FileReport = { ...report, coverage: framesPending() };
  for (const time of frameTimes(duration, await sceneCuts(file))) {
    if (options.signal?.aborted) throw new ExposureError('cancelled', 'The check was cancelled.');
    let frame = await readFrame(file, time).catch(() => null);
    if (!frame && time > 0) frame = await readFrame(file, Math.max(0, time - 1)).catch(() => null);
    if (frame) checked = withFrame(checked, time, await check(frame));
  }
  // Only some frames were looked at: the coverage says which, so no verdict claims the whole video.
  return framesDone(checked);
}

/** The picture checks on one frame of a video (from ffmpeg, or from the app's window). */
export async function checkVideoFrame(frame: RgbImage, request: ScanRequest = { visual: true }): Promise<FrameResult> {
  const { scanImage } = await import('../scan/scan-image.js');
  const scan = await scanImage({ pixels: frame }, { ...request, visual: true });
  if (scan.coverage.picture === 'failed') return { findings: [], failedChecks: [], error: scan.coverage.pictureError ?? 'the frame could not be looked at' };
  return { findings: scan.findings, failedChecks: scan.coverage.failedChecks };
}

export interface VideoCleanFileOptions extends VideoCleanOptions {
  dest: string;
  force?: boolean;
}

/** Plans the copy, checks it as a reader would (before anything is written), then writes it in pieces. */
export async function cleanVideoFile(file: string, format: VideoFormat, options: VideoCleanFileOptions): Promise<CleanReport> {
  return planAndMaybeWrite(file, format, options, options);
}

/** What the safe copy of a video would take out and keep, checked as a reader would, without writing it. */
export async function describeVideoCopy(file: string, format: VideoFormat, options: VideoCleanOptions = {}): Promise<CleanReport> {
  return planAndMaybeWrite(file, format, options, null);
}

async function planAndMaybeWrite(file: string, format: VideoFormat, options: VideoCleanOptions, write: { dest: string; force?: boolean } | null): Promise<CleanReport> {
  const report: CleanReport = { path: file, format, reencoded: false, removed: [], kept: [] };
  const src = openVideo(file);
  try {
    const meta = readVideoMetadata(src, path.basename(file));
    const plan = planVideoClean(meta.movie, meta.tracks, options);
    verifyVideoCopy(src, plan);
    if (write) {
      await writeFileAtomic(write.dest, { write: (fd) => writePlan(src, plan, fd) }, write.force === true);
      report.output = write.dest;
    }
    report.outputFormat = format;
    report.removed = plan.removed;
    report.kept = plan.kept;
  } catch (err) {
    report.error = toUserError(err);
  } finally {
    src.close();
  }
  return report;
}

function verifyVideoCopy(src: ByteSource, plan: VideoCleanPlan): void {
  let leaks: Finding[];
  try {
    leaks = readVideoMetadata(planSource(src, plan), '').findings.filter((f) => f.source === 'metadata' && blocksPosting(f));
  } catch (err) {
    throw new ExposureError('verify-failed', `The safe copy could not be checked, so it was not written (${toUserError(err).message})`);
  }
  if (leaks.length > 0) throw new ExposureError('verify-failed', `The safe copy still contained: ${leaks.map((l) => l.title).join('; ')}. It was not written; the original is untouched.`);
}

const CHUNK = 4 * 1024 * 1024;

/** Writes the planned pieces: the new header from memory, the media data copied in 4 MB steps. */
function writePlan(src: ByteSource, plan: VideoCleanPlan, fd: number): void {
  const whole = planSource(src, plan);
  for (let at = 0; at < plan.size; at += CHUNK) {
    const part = whole.read(at, Math.min(CHUNK, plan.size - at));
    let done = 0;
    while (done < part.length) done += fsSync.writeSync(fd, part, done, part.length - done);
  }
}
