// Reading videos: every place, device, person, software and date field of the real corpus
// videos, in the same findings as photos; and hostile box structures that must end in a clear
// one-line error, quickly, without reserving what the file claims.
import { describe, expect, it } from 'vitest';
import type { Finding, GpsValue } from '../../shared/findings.js';
import { detectMediaFormat } from '../../shared/formats.js';
import { readVideoMetadata } from '../../shared/video/read-video.js';
import { bytesSource } from '../../shared/video/source.js';
import { forVideo } from '../../shared/video/words.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readVideo, VIDEO_DIR, videoFiles } from './helpers.js';

const scan = (name: string) => readVideoMetadata(bytesSource(readVideo(name)), name);
const find = (findings: Finding[], id: string) => findings.find((f) => f.id === id);
const text = (f: Finding | undefined) => JSON.stringify(f?.value ?? null);

describe('video metadata from the corpus', () => {
  it('knows every corpus video by its contents, and never takes a HEIC for a video', () => {
    expect(videoFiles()).toHaveLength(7);
    expect(videoFiles().map((f) => detectMediaFormat(readVideo(f)))).not.toContain(null);
    expect(detectMediaFormat(readVideo('mei__with-gps.mov'))).toBe('mov');
    expect(detectMediaFormat(readVideo('mei__sample_iPod.m4v'))).toBe('m4v');
    expect(detectMediaFormat(readVideo('mei__sample.3gp'))).toBe('3gp');
    expect(detectMediaFormat(readFileSync(path.resolve(VIDEO_DIR, '../metadata/mei__exif-at-eof.heic')))).toBe('heic');
  });

  it('iPhone MOV: the place (QuickTime keys), the phone, the software and the dates', () => {
    const r = scan('mei__with-gps.mov');
    const gps = find(r.findings, 'gps.position')!;
    expect(gps.severity).toBe('critical');
    expect(gps.value).toMatchObject({ latitude: 32.0929, longitude: 34.862, altitude: 28.516 });
    expect((gps.value as GpsValue).precisionMeters).toBeLessThan(20);
    expect(find(r.findings, 'device.make-model')?.value).toEqual({ Make: 'Apple', Model: 'iPhone 6' });
    expect(text(find(r.findings, 'software.editor'))).toContain('12.3');
    expect(text(find(r.findings, 'time.taken'))).toContain('2019-07-24T11:25:40+0300');
    expect(find(r.findings, 'time.header')?.severity).toBe('low');
    // Two Apple timed-metadata tracks (detected faces, orientation): data, not picture or sound.
    expect(r.tracks.filter((t) => t.kind === 'data')).toHaveLength(2);
    expect(text(find(r.findings, 'video.data-track'))).toMatch(/faces/);
    expect([r.width, r.height]).toEqual([320, 568]);
  });

  it('FLIR MP4: the 3GPP location box, the author and the description', () => {
    const r = scan('mei__FLIR_Thermal.mp4');
    expect(find(r.findings, 'gps.position')?.value).toMatchObject({ latitude: expect.closeTo(34.07539, 4), longitude: expect.closeTo(-118.2543, 4) });
    expect(find(r.findings, 'identity.people')?.value).toEqual({ Author: 'FLIR One' });
    expect(text(find(r.findings, 'text.description'))).toContain('palette:Arctic');
  });

  it('GPS at 0,0 is not a place', () => {
    const r = scan('mei__ftyp3gp5.mp4');
    expect(find(r.findings, 'gps.position')).toBeUndefined();
    expect(find(r.findings, 'gps.empty')?.severity).toBe('low');
  });

  it('XMP in a uuid box and in udta/XMP_, the title, and the hidden preview picture', () => {
    const r = scan('mei__uuid540.mp4');
    expect(text(find(r.findings, 'text.description'))).toContain('My Movie');
    expect(find(r.findings, 'ids.document')?.where).toBe('XMP');
    expect(r.embeddedImages).toHaveLength(1);
    expect([...r.embeddedImages[0]!.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const qt = scan('mei__xmp480qt.mov');
    expect(text(find(qt.findings, 'software.editor'))).toContain('After Effects');
    expect(text(find(qt.findings, 'text.description'))).toContain('Baltic sea');
  });
});

/** A minimal movie: ftyp, then the given top-level boxes. */
function box(type: string, ...payload: (Uint8Array | number[])[]): Uint8Array {
  const body = Buffer.concat(payload.map((p) => Buffer.from(p)));
  const out = Buffer.alloc(8 + body.length);
  out.writeUInt32BE(out.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  return out;
}
const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isommp41'));

function errorOf(bytes: Uint8Array): { code: string; message: string; ms: number } {
  const start = performance.now();
  try {
    readVideoMetadata(bytesSource(bytes), 'x.mp4');
    return { code: 'ok', message: '', ms: performance.now() - start };
  } catch (err) {
    const e = err as { code: string; message: string };
    return { code: e.code, message: e.message, ms: performance.now() - start };
  }
}

describe('a video is called a video', () => {
  it('no finding of a corpus video speaks of "the photo" (the wording written for photos names the video)', () => {
    const words = videoFiles().flatMap((name) => scan(name).findings.flatMap((f) => [f.title, f.explanation, f.action]));
    expect(words.filter((w) => /\bphoto\b(?!s)/i.test(w))).toEqual([]);
    // The place finding is there, in video words: the check can fail.
    expect(find(scan('mei__with-gps.mov').findings, 'gps.position')?.title).toBe('The exact place this video was taken');
  });

  it('frames keep the plural photos of other people and the "motion photo" kind', () => {
    expect(forVideo('Matching bedding in a photo to the hotel’s own listing photos.')).toBe('Matching bedding in a video to the hotel’s own listing photos.');
    expect(forVideo('A motion photo keeps a short video. The Photo is shown.')).toBe('A motion photo keeps a short video. The Video is shown.');
  });
});

describe('hostile boxes: one clear line, bounded time and memory', () => {
  const real = readVideo('mei__FLIR_Thermal.mp4');

  it('a moov of 2 GB claimed in a 1 MB file', () => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(2 ** 31, 0);
    head.write('moov', 4, 'latin1');
    const e = errorOf(Buffer.concat([ftyp, head, Buffer.alloc(1024 * 1024)]));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/"moov" block claims 2\.0 GB but only 1\.0 MB/);
    expect(e.message).not.toMatch(/\n/);
    expect(e.ms).toBeLessThan(1000);
  });

  it('a 64-bit size of 1 TB in a small file', () => {
    const head = Buffer.alloc(16);
    head.writeUInt32BE(1, 0);
    head.write('mdat', 4, 'latin1');
    head.writeUInt32BE(256, 8); // 256 * 2^32 bytes
    expect(errorOf(Buffer.concat([ftyp, head, Buffer.alloc(100)])).code).toBe('truncated');
  });

  it('a box whose size is smaller than its own header', () => {
    const bad = Buffer.from(real);
    bad.writeUInt32BE(4, 28); // the box after ftyp
    expect(errorOf(bad)).toMatchObject({ code: 'corrupt' });
  });

  it('a box inside the movie header that claims more room than its parent has (nested overflow)', () => {
    const bad = Buffer.from(real);
    const trak = bad.indexOf('trak') - 4;
    bad.writeUInt32BE(0x7fffff00, trak);
    const e = errorOf(bad);
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/"trak" block inside "moov" claims/);
  });

  it('a size of 0 means "to the end of the file" and is read as such', () => {
    const moov = box('moov', box('mvhd', new Uint8Array(100)));
    const mdat = Buffer.from(box('mdat', new Uint8Array(64)));
    mdat.writeUInt32BE(0, 0);
    expect(errorOf(Buffer.concat([ftyp, moov, mdat])).code).toBe('ok');
  });

  it('no movie header at all, and a file cut short in the middle of its media data', () => {
    expect(errorOf(Buffer.concat([ftyp, box('free', new Uint8Array(10))])).message).toMatch(/no movie header/);
    const cut = errorOf(real.subarray(0, real.length / 2));
    expect(cut.code).toBe('truncated');
    expect(cut.message).toMatch(/cut short/);
  });

  it('sample tables claiming four billion entries are bounded by the bytes that hold them', () => {
    const bad = Buffer.from(real);
    for (const table of ['stsz', 'stsc', 'stco']) {
      for (let at = bad.indexOf(table); at >= 0; at = bad.indexOf(table, at + 4)) bad.writeUInt32BE(0xffffffff, at + 8 + (table === 'stsz' ? 4 : 0));
    }
    const e = errorOf(bad);
    expect(['ok', 'corrupt', 'truncated']).toContain(e.code);
    expect(e.ms).toBeLessThan(2000);
  });

  it('random bytes behind a video header never hang or crash', () => {
    let seed = 7;
    for (let i = 0; i < 50; i++) {
      const noise = Uint8Array.from({ length: 4096 }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24));
      noise.set(ftyp, 0);
      const e = errorOf(noise);
      expect(['ok', 'corrupt', 'truncated', 'unsupported', 'too-large']).toContain(e.code);
    }
  });
});
