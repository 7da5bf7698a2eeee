// A video's frames decoded by the app's window: the contract takes only frames whose pixels match
// their size, within the bound; each frame's findings join the report with their time; when no
// frame could be decoded, the report says "not fully checked" and why, in plain words.
import { describe, expect, it } from 'vitest';
import { calls } from '../../shared/api/contract.js';
import type { Finding } from '../../shared/findings.js';
import type { FileReport } from '../../shared/report.js';
import { verdictOf } from '../../shared/verdict.js';
import { FRAME_PROBLEM_MESSAGE, MAX_FRAME_PIXELS, framesDone, framesPending, inVideoPixels, videoSizeFor, withFrame } from '../../shared/video/frames.js';

const rgb = (w: number, h: number) => Buffer.alloc(w * h * 3, 7).toString('base64');
const frame = (over: Record<string, unknown> = {}) => ({ path: '/videos/clip.mp4', time: 1.5, width: 4, height: 2, rgb: rgb(4, 2), ...over });

const plate: Finding = {
  id: 'visual.licence-plate',
  category: 'licence-plate',
  severity: 'high',
  title: 'A licence plate may be readable',
  explanation: 'x',
  action: 'Covered in the safe copy.',
  source: 'visual',
  box: [1, 1, 2, 1],
};

function videoReport(): FileReport {
  return { path: '/videos/clip.mp4', size: 1000, format: 'mp4', findings: [], embeddedImages: [], coverage: framesPending() } as FileReport;
}

describe('frames from the window', () => {
  it('the contract takes a frame only when its pixels are exactly width × height × 3 bytes, within the bound', () => {
    const input = calls.checkVideoFrame.input;
    expect(input.safeParse(frame()).success).toBe(true);
    expect(input.safeParse(frame({ rgb: rgb(4, 1) })).success).toBe(false);
    expect(input.safeParse(frame({ rgb: `${rgb(4, 2).slice(0, -4)}!!!!` })).success).toBe(false);
    expect(input.safeParse(frame({ time: -1 })).success).toBe(false);
    expect(input.safeParse(frame({ width: 4000, height: 4000, rgb: '' })).success).toBe(false);
    expect(4000 * 4000).toBeGreaterThan(MAX_FRAME_PIXELS);
    expect(input.safeParse(frame({ path: 'relative.mp4' })).success).toBe(true); // main checks it is absolute and was checked
    expect(calls.videoFramesDone.input.safeParse({ path: '/v.mp4', problem: 'melted' }).success).toBe(false);
  });

  it('joins each frame with its time, says the copy keeps the picture, and never claims the whole video', () => {
    let report = videoReport();
    expect(verdictOf(report).state).toBe('not-fully-checked');
    expect(verdictOf(report).checked).toContain('being looked at now');
    const elsewhere: Finding = { ...plate, box: [30, 20, 2, 1] };
    report = withFrame(report, 0, { findings: [plate], failedChecks: [] });
    report = withFrame(report, 12.4, { findings: [elsewhere], failedChecks: ['text'] });
    // A frame the checks could not look at does not count as looked at.
    report = withFrame(report, 20, { findings: [], failedChecks: [], error: 'no models' });
    report = framesDone(report);
    expect(report.coverage).toMatchObject({ picture: 'partly', frames: [0, 12.4], failedChecks: ['text'] });
    expect(report.coverage?.pending).toBeUndefined();
    expect(report.findings.map((f) => [f.time, f.where])).toEqual([
      [0, 'Frame at 0:00'],
      [12.4, 'Frame at 0:12'],
    ]);
    expect(report.findings[1]!.action).toContain('does not cover this');
    expect(report.findings[1]!.action).toContain('around 0:12');
    const verdict = verdictOf(report);
    expect(verdict.state).toBe('fix-before-posting');
    expect(verdict.detail).toContain('trim out');
    expect(verdict.checked).toContain('the rest of the video was not looked at');
  });

  it('counts the same thing in the same place of several frames once, naming every frame', () => {
    let report = videoReport();
    const moved: Finding = { ...plate, box: [1.2, 1, 2, 1], severity: 'critical', confidence: 0.9 };
    report = withFrame(report, 0, { findings: [plate], failedChecks: [] });
    report = withFrame(report, 5, { findings: [moved], failedChecks: [] });
    report = withFrame(report, 9.75, { findings: [plate, { ...plate, maybe: true }], failedChecks: [] });
    report = framesDone(report);
    const sure = report.findings.filter((f) => !f.maybe);
    expect(sure).toHaveLength(1);
    expect(sure[0]).toMatchObject({ time: 0, times: [0, 5, 9.75], where: 'Frames at 0:00, 0:05 and 0:09', severity: 'critical', confidence: 0.9, box: plate.box });
    expect(sure[0]!.action).toContain('the parts around 0:00, 0:05 and 0:09');
    // An unsure sighting stays apart: it never counts in the verdict.
    expect(report.findings.filter((f) => f.maybe).map((f) => f.time)).toEqual([9.75]);
    expect(verdictOf(report).serious).toBe(1);
  });

  it('puts the boxes of a frame decoded at another size into the video’s own pixels', () => {
    const result = { findings: [plate, { ...plate, box: undefined }], failedChecks: [] };
    // An 8K video whose frame the window scaled down to fit the bound: boxes scale back up.
    const frame8k = { width: 3840, height: 2160 };
    const up = inVideoPixels(result, frame8k, videoSizeFor(frame8k, { width: 7680, height: 4320 }));
    expect(up.findings[0]!.box).toEqual([2, 2, 4, 2]);
    expect(up.findings[1]!.box).toBeUndefined();
    expect(inVideoPixels(result, { width: 4, height: 2 }, { width: 4, height: 2 })).toBe(result);
    expect(videoSizeFor({ width: 4, height: 2 }, {})).toBeNull();
    // A portrait phone video whose size was read landscape: the upright frame decides.
    expect(videoSizeFor({ width: 540, height: 960 }, { width: 1920, height: 1080 })).toEqual({ width: 1080, height: 1920 });
    expect(inVideoPixels(result, { width: 540, height: 960 }, { width: 1080, height: 1920 }).findings[0]!.box).toEqual([2, 2, 4, 2]);
  });

  it('says why, in plain words, when no frame could be decoded', () => {
    const report = framesDone(videoReport(), FRAME_PROBLEM_MESSAGE.unsupported);
    expect(report.coverage).toMatchObject({ picture: 'failed', pictureError: FRAME_PROBLEM_MESSAGE.unsupported });
    const verdict = verdictOf(report);
    expect(verdict.state).toBe('not-fully-checked');
    expect(verdict.detail).toContain('the picture of this video was not looked at');
    expect(verdict.checked).toContain('cannot decode this kind of video');
  });
});
