// The app's video calls over the real services and file worker, without a browser: a scanned video
// waits for its frames; only a checked video gets a media URL; a frame (decoded here by ffmpeg, as
// the window's player would) goes through the contract's validation to the picture checks and comes
// back in the report with its time; the trainers' report then shows the video's first frame. A
// video no frame of which could be decoded is "not fully checked" and says why.
import { copyFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type ScanEvent } from '../../shared/api/contract.js';
import type { FileReport } from '../../shared/report.js';
import { verdictOf } from '../../shared/verdict.js';
import { readFrame } from '../../shared/node/video-frames.js';
import { createServices, type Services } from '../../electron/services/services.js';
import { FileWorkerClient } from '../../electron/worker/client.js';
import { inProcessWorker } from '../../electron/worker/in-process.js';
import { FILE_OPS } from '../../electron/worker/file-ops.js';
import { testChecklist } from './helpers/checklist.js';
import { eventLog, type EventLog } from './helpers/scan-events.js';
import { hasFfmpeg, videoPath } from '../video/helpers.js';

let tmp: string;
let log: EventLog;
let worker: FileWorkerClient;
let services: Services;
const reportFiles: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'exposure-video-services-'));
  log = eventLog();
  worker = new FileWorkerClient(() => inProcessWorker(FILE_OPS));
  services = createServices({
    userDataDir: path.join(tmp, 'userData'),
    checklist: testChecklist(path.join(tmp, 'userData'), worker),
    dialogs: { choosePaths: async () => [], chooseOutputDir: async () => null, chooseReportFile: async () => reportFiles.shift() ?? null },
    printPdf: async () => new Uint8Array(),
    openDirectory: async () => undefined,
    openPicture: async () => undefined,
    revealFile: async () => undefined,
    worker,
    emit: log.emit,
  });
});
afterAll(async () => {
  worker.close();
  await rm(tmp, { recursive: true, force: true });
});

async function scanned(file: string): Promise<FileReport> {
  const { batchId } = await services.startScan({ paths: [file], visual: true });
  const events = await log.whenDone(batchId, 120_000);
  return events.find((e): e is Extract<ScanEvent, { type: 'file' }> => e.type === 'file')!.report;
}

describe.skipIf(!hasFfmpeg)('videos in the app, over the real services', () => {
  it('a video waits for the window’s frames, gets a media URL only once checked, and its checked frames join the report', async () => {
    const video = path.join(tmp, 'trip.mov');
    copyFileSync(videoPath('mei__with-gps.mov'), video);
    await expect(services.videoSource({ path: video })).rejects.toThrow(/not checked/);

    const report = await scanned(video);
    expect(report.findings.some((f) => f.category === 'location')).toBe(true);
    expect(report.coverage).toMatchObject({ pending: true, picture: 'failed' });
    expect(verdictOf(report).checked).toContain('being looked at now');

    const { url } = await services.videoSource({ path: video });
    expect(url).toMatch(/^app-media:\/\/video\/[0-9a-f]{32}$/);
    expect(services.media.fileFor(new URL(url).pathname)).toBe(video);

    // The window would draw this frame from its <video>; here ffmpeg decodes it, upright RGB.
    const frame = (await readFrame(video, 0))!;
    const input = calls.checkVideoFrame.input.parse({ path: video, time: 0, width: frame.width, height: frame.height, rgb: Buffer.from(frame.data).toString('base64') });
    const after = (await services.checkVideoFrame(input)).report;
    expect(after.coverage).toMatchObject({ frames: [0], pending: true });
    const done = (await services.videoFramesDone({ path: video })).report;
    expect(done.coverage).toMatchObject({ picture: 'partly', frames: [0] });
    expect(done.coverage?.pending).toBeUndefined();
    expect(verdictOf(done).checked).toContain('1 frame of the video (at 0:00)');
    // The location found in the hidden information is still there.
    expect(done.findings.some((f) => f.category === 'location')).toBe(true);

    // The trainers' report: the video's first frame as its picture, and what its copy takes out.
    const dest = path.join(tmp, 'report.html');
    reportFiles.push(dest);
    expect(await services.exportReport({ items: [{ path: video }], format: 'html' })).toEqual({ path: dest });
    const html = await readFile(dest, 'utf8');
    expect(html).toMatch(/<img class="thumb" src="data:image\/jpeg;base64,[A-Za-z0-9+/=]{200,}"/);
    expect(html).toMatch(/The video&#39;s first frame, (as it is|with [^<]* covered here only)\. The safe copy of a video keeps its picture/);
    expect(html).not.toContain('Covered in the picture');
  }, 180_000);

  it('a video whose frames the window could not decode is not fully checked, and says why', async () => {
    const video = path.join(tmp, 'old-phone.3gp');
    copyFileSync(videoPath('mei__sample.3gp'), video);
    await scanned(video);
    const { report } = await services.videoFramesDone({ path: video, problem: 'unsupported' });
    const verdict = verdictOf(report);
    expect(verdict.state).toBe('not-fully-checked');
    expect(verdict.checked).toContain('cannot decode this kind of video on this computer');
    // A frame for a file that was never checked is refused, whatever its pixels.
    await expect(services.checkVideoFrame({ path: path.join(tmp, 'other.mp4'), time: 0, width: 1, height: 1, rgb: 'AAAA' })).rejects.toThrow(/not checked/);
  }, 120_000);
});
