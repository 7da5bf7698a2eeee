// The picture checks on videos: frames at the start, middle and end (and at cuts), each finding
// with the time of its frame, and a coverage that never claims the whole video was looked at. With
// no ffmpeg, the video is plainly "not fully checked".
import { afterEach, describe, expect, it } from 'vitest';
import { frameTimes } from '../../shared/video/frames.js';
import { scanFile } from '../../shared/node/scan-file.js';
import { verdictOf } from '../../shared/verdict.js';
import { hasFfmpeg, videoPath } from './helpers.js';

describe('which frames are looked at', () => {
  it('the first, the middle and the last, plus cuts that are not next to them', () => {
    expect(frameTimes(85.5)).toEqual([0, 42.75, 85.25]);
    expect(frameTimes(85.5, [0.5, 8.3, 42, 52.1])).toEqual([0, 8.3, 42.75, 52.1, 85.25]);
    expect(frameTimes(0)).toEqual([0]);
    expect(frameTimes(100, Array.from({ length: 50 }, (_, i) => i * 2 + 1)).length).toBeLessThanOrEqual(8);
  });
});

describe.skipIf(!hasFfmpeg)('picture checks on video frames', () => {
  const saved = process.env.FFMPEG_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.FFMPEG_PATH;
    else process.env.FFMPEG_PATH = saved;
  });

  it('finds the web address shown at the end of a real video, at the time it is shown', async () => {
    const report = await scanFile(videoPath('mei__sample_iPod.m4v'), { visual: true, checks: ['text'] });
    expect(report.error).toBeUndefined();
    expect(report.duration).toBeCloseTo(85.5, 0);
    const frames = report.coverage!.frames!;
    expect(frames[0]).toBe(0);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(report.coverage!.picture).toBe('partly');
    const url = report.findings.find((f) => f.category === 'text' && /apple\.com/i.test(JSON.stringify(f.value)));
    expect(url?.time).toBeGreaterThan(80);
    expect(url?.where).toMatch(/^Frame at 1:2\d$/);
    expect(url?.box?.length).toBe(4);
    const verdict = verdictOf(report);
    expect(verdict.checked).toMatch(/frames of the video \(at 0:00, .*\); the rest of the video was not looked at/);
  }, 180_000);

  it('without ffmpeg the frames are not looked at, and the verdict says so', async () => {
    process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
    const report = await scanFile(videoPath('mei__sample.3gp'), { visual: true });
    expect(report.coverage).toMatchObject({ metadata: true, picture: 'failed' });
    expect(report.coverage!.pictureError).toMatch(/needs ffmpeg, which is not installed/);
    const verdict = verdictOf(report);
    expect(verdict.state).toBe('not-fully-checked');
    expect(verdict.checked).toMatch(/the picture could not be looked at/);
  });
});
