// Video copies without re-encoding: every corpus video plays the same (ffmpeg: same frame and
// audio packet counts, identical decoded frames), ExifTool finds nothing identifying beyond the
// header date we keep by default, and our own reader finds nothing serious. Files built with
// ffmpeg cover what the corpus lacks: moov before mdat, a GPS track, metadata written by ffmpeg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { blocksPosting } from '../../shared/findings.js';
import { listBoxes } from '../../shared/metadata/containers/isobmff.js';
import { cleanFile } from '../../shared/node/clean-file.js';
import { readVideoMetadata } from '../../shared/video/read-video.js';
import { bytesSource } from '../../shared/video/source.js';
import { exiftool, leftovers } from '../clean/corpus.js';
import { countFrames, decodedHash, decodeErrors, hasFfmpeg, readVideo, videoFiles, videoPath } from './helpers.js';

/** The header dates the copy keeps unless asked to clear them (the report says so). */
const HEADER_DATES = /^(QuickTime|Track\d+):(CreateDate|ModifyDate|TrackCreateDate|TrackModifyDate|MediaCreateDate|MediaModifyDate)$/;
const withoutHeaderDates = (tags: Record<string, unknown>) => Object.fromEntries(Object.entries(tags).filter(([k]) => !HEADER_DATES.test(k)));
const metadataLeaks = (bytes: Uint8Array) => readVideoMetadata(bytesSource(bytes), 'copy.mp4').findings.filter((f) => f.source === 'metadata' && blocksPosting(f)).map((f) => f.id);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'video-clean-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasFfmpeg)('video clean copies (lossless)', () => {
  const copies = new Map<string, string>();
  beforeAll(async () => {
    for (const name of videoFiles()) {
      const r = await cleanFile(videoPath(name), { outDir: path.join(dir, 'corpus') });
      expect(r.error, name).toBeUndefined();
      copies.set(name, r.output!);
    }
  }, 120_000);

  it.each(videoFiles())('%s: same frames and sound, decoded identically', (name) => {
    const original = videoPath(name);
    const copy = copies.get(name)!;
    expect(copy.endsWith(path.extname(name))).toBe(true);
    expect(countFrames(copy, 'v')).toBe(countFrames(original, 'v'));
    expect(countFrames(copy, 'a')).toBe(countFrames(original, 'a'));
    expect(decodedHash(copy)).toBe(decodedHash(original));
    expect(decodedHash(copy, true)).toBe(decodedHash(original, true));
    expect(decodeErrors(copy)).toBe(decodeErrors(original));
  });

  it.each(videoFiles())('%s: ExifTool and our reader find nothing identifying in the copy', (name) => {
    const copy = copies.get(name)!;
    const tags = exiftool([copy]).get(copy)!;
    expect(leftovers(withoutHeaderDates(tags))).toEqual([]);
    expect(Object.keys(tags).filter((k) => /^(UserData|Keys|ItemList|XMP|GPS)/.test(k))).toEqual([]);
    expect(metadataLeaks(new Uint8Array(readFileSync(copy)))).toEqual([]);
  });

  it('the originals did carry what the copies lost (the checks can fail)', () => {
    const tags = exiftool(videoFiles().map(videoPath));
    const leaky = videoFiles().filter((n) => leftovers(withoutHeaderDates(tags.get(videoPath(n))!)).length > 0);
    expect(leaky).toEqual(expect.arrayContaining(['mei__with-gps.mov', 'mei__FLIR_Thermal.mp4', 'mei__uuid540.mp4', 'mei__xmp480qt.mov']));
    expect(metadataLeaks(readVideo('mei__with-gps.mov'))).toContain('gps.position');
  });

  it('says what went and what stayed', async () => {
    const r = await cleanFile(videoPath('mei__with-gps.mov'), { outDir: path.join(dir, 'words') });
    expect(r.reencoded).toBe(false);
    expect(r.removed).toEqual(expect.arrayContaining([expect.stringMatching(/^Metadata/), expect.stringMatching(/faces/)]));
    expect(r.kept).toEqual(expect.arrayContaining([expect.stringMatching(/not re-encoded/), expect.stringMatching(/recording date/)]));
  });

  it('--clear-dates sets the header dates to zero', async () => {
    const r = await cleanFile(videoPath('mei__FLIR_Thermal.mp4'), { outDir: path.join(dir, 'dates'), clearDates: true });
    const tags = exiftool([r.output!]).get(r.output!)!;
    const dates = Object.entries(tags).filter(([k]) => HEADER_DATES.test(k));
    expect(dates.length).toBeGreaterThanOrEqual(5);
    for (const [, v] of dates) expect(String(v)).toMatch(/^0000:00:00 00:00:00/);
    expect(r.removed).toContain('The recording date and time in the video header (set to zero)');
  });
});

describe.skipIf(!hasFfmpeg)('videos built with ffmpeg', () => {
  it('moov before mdat (fast start) with a place, a title and an artist: offsets moved, plays the same', async () => {
    const made = path.join(dir, 'faststart.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', videoPath('mei__with-gps.mov'), '-map', '0:v', '-map', '0:a', '-c', 'copy', '-movflags', '+faststart',
      '-metadata', 'title=At home', '-metadata', 'artist=Alice Example', '-metadata', 'location=+48.8584+002.2945/', made]);
    const before = new Uint8Array(readFileSync(made));
    const types = listBoxes(before).boxes.map((b) => b.type);
    expect(types.indexOf('moov')).toBeLessThan(types.indexOf('mdat'));
    const found = readVideoMetadata(bytesSource(before), 'faststart.mp4').findings;
    expect(found.find((f) => f.id === 'gps.position')?.value).toMatchObject({ latitude: expect.closeTo(48.8584, 3), longitude: expect.closeTo(2.2945, 3) });
    expect(JSON.stringify(found.find((f) => f.id === 'identity.people')?.value)).toContain('Alice Example');

    const r = await cleanFile(made, { outDir: path.join(dir, 'faststart-out') });
    expect(r.error).toBeUndefined();
    const after = new Uint8Array(readFileSync(r.output!));
    const moovBefore = listBoxes(before).boxes.find((b) => b.type === 'moov')!;
    const moovAfter = listBoxes(after).boxes.find((b) => b.type === 'moov')!;
    expect(moovAfter.end - moovAfter.offset).toBeLessThan(moovBefore.end - moovBefore.offset); // so every chunk offset had to move
    expect(countFrames(r.output!, 'v')).toBe(countFrames(made, 'v'));
    expect(countFrames(r.output!, 'a')).toBe(countFrames(made, 'a'));
    expect(decodedHash(r.output!, true)).toBe(decodedHash(made, true));
    const tags = exiftool([r.output!]).get(r.output!)!;
    expect(leftovers(withoutHeaderDates(tags))).toEqual([]);
    expect(Buffer.from(after).includes('Alice')).toBe(false);
  });

  it('a subtitle track of GPS readings (as drones write) is a critical path, and leaves the copy', async () => {
    const srt = path.join(dir, 'gps.srt');
    writeFileSync(srt, [1, 2, 3].map((i) => `${i}\n00:00:0${i - 1},000 --> 00:00:0${i},000\nF/2.8, SS 200, ISO 100, GPS(113.94${i}6,22.54${i}2,15), D 12m, H 30m\n`).join('\n'));
    const made = path.join(dir, 'drone.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', videoPath('mei__FLIR_Thermal.mp4'), '-i', srt, '-map', '0', '-map', '1', '-c', 'copy', '-c:s', 'mov_text', made]);
    const scan = readVideoMetadata(bytesSource(new Uint8Array(readFileSync(made))), 'drone.mp4');
    const path_ = scan.findings.find((f) => f.id === 'location.path')!;
    expect(path_.severity).toBe('critical');
    expect(JSON.stringify(path_.value)).toContain('22.54120, 113.94160');
    expect(JSON.stringify(scan.findings.find((f) => f.id === 'gps.position')?.value)).toContain('"latitude":22.5412,"longitude":113.9416');

    const r = await cleanFile(made, { outDir: path.join(dir, 'drone-out') });
    expect(r.error).toBeUndefined();
    expect(r.removed).toContain('Location track (the path recorded while filming)');
    const after = readFileSync(r.output!);
    expect(after.includes('GPS(113')).toBe(false); // the readings are gone from the media data too
    expect(countFrames(r.output!, 'v')).toBe(countFrames(made, 'v'));
    expect(decodedHash(r.output!)).toBe(decodedHash(made));
    expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', r.output!], { encoding: 'utf8' }).trim().split('\n').sort()).toEqual(['audio', 'video']);
  });
});

describe('bad videos in a batch', () => {
  it('a hostile video gets one clear line and the batch goes on', async () => {
    const bad = path.join(dir, 'hostile.mp4');
    const head = Buffer.alloc(8);
    head.writeUInt32BE(2 ** 31, 0);
    head.write('moov', 4, 'latin1');
    writeFileSync(bad, Buffer.concat([Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isommp41', 'latin1'), head, Buffer.alloc(1 << 20)]));
    let stdout = '';
    const code = await main(['clean', '--json', '--out', path.join(dir, 'batch'), bad, videoPath('mei__sample.3gp')], { stdout: (s) => void (stdout += s), stderr: () => undefined, stderrIsTTY: false });
    expect(code).toBe(1);
    const files = JSON.parse(stdout).files as { output: string | null; error?: { code: string; message: string } }[];
    expect(files[0]!.error?.code).toBe('truncated');
    expect(files[0]!.error?.message).toMatch(/^This video is cut short or damaged: its "moov" block claims 2\.0 GB/);
    expect(files[1]!.output).toMatch(/mei__sample\.clean\.3gp$/);
  });
});
