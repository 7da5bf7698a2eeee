// The media files the window's <video> may load (electron/media-files.ts): only videos the user
// chose, under random tokens; byte ranges exactly as asked; only the app's origin; bytes streamed
// from the real corpus video match the file.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaFiles, mediaResponse, openBody, parseRange, type MediaRequest } from '../../electron/media-files.js';

const VIDEO = path.resolve(import.meta.dirname, '../../../shared/corpus/video/mei__with-gps.mov');
const ORIGIN = 'app://exposure';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'exposure-media-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const get = (urlPath: string, extra: Partial<MediaRequest> = {}): MediaRequest => ({ path: urlPath, method: 'GET', range: null, origin: ORIGIN, ...extra });

async function bytesOf(answer: Awaited<ReturnType<typeof mediaResponse>>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openBody(answer.body!)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('media files', () => {
  const whole = readFileSync(VIDEO);

  it('gives an allowed video a URL under a random 128-bit token, the same one each time', () => {
    const media = new MediaFiles('app-media://video');
    const url = media.allow(VIDEO);
    expect(url).toMatch(/^app-media:\/\/video\/[0-9a-f]{32}$/);
    expect(url).not.toContain('mei__');
    expect(media.allow(VIDEO)).toBe(url);
    expect(media.urlFor(VIDEO)).toBe(url);
    expect(new MediaFiles('app-media://video').allow(VIDEO)).not.toBe(url);
  });

  it('serves the whole file, and byte ranges as 206 with the exact bytes', async () => {
    const media = new MediaFiles('app-media://video');
    const token = new URL(media.allow(VIDEO)).pathname;
    const all = await mediaResponse(media, get(token), ORIGIN);
    expect(all.status).toBe(200);
    expect(all.headers).toMatchObject({ 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'access-control-allow-origin': ORIGIN, 'content-length': String(whole.length) });
    expect((await bytesOf(all)).equals(whole)).toBe(true);

    const part = await mediaResponse(media, get(token, { range: 'bytes=100-1099' }), ORIGIN);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${whole.length}`);
    expect((await bytesOf(part)).equals(whole.subarray(100, 1100))).toBe(true);

    const tail = await mediaResponse(media, get(token, { range: 'bytes=-10' }), ORIGIN);
    expect((await bytesOf(tail)).equals(whole.subarray(whole.length - 10))).toBe(true);
    const past = await mediaResponse(media, get(token, { range: `bytes=${whole.length}-` }), ORIGIN);
    expect(past.status).toBe(416);
    expect(past.body).toBeNull();
    const head = await mediaResponse(media, get(token, { method: 'HEAD' }), ORIGIN);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('refuses unknown tokens, paths, other origins and other methods', async () => {
    const media = new MediaFiles('app-media://video');
    const token = new URL(media.allow(VIDEO)).pathname;
    expect((await mediaResponse(media, get('/0123456789abcdef0123456789abcdef'), ORIGIN)).status).toBe(404);
    expect((await mediaResponse(media, get(VIDEO), ORIGIN)).status).toBe(404);
    expect((await mediaResponse(media, get(`${token}/../x`), ORIGIN)).status).toBe(404);
    expect((await mediaResponse(media, get(token, { origin: 'https://evil.example' }), ORIGIN)).status).toBe(403);
    expect((await mediaResponse(media, get(token, { method: 'POST' }), ORIGIN)).status).toBe(405);
  });

  it('does not serve an allowed path once it is no longer a regular file', async () => {
    const media = new MediaFiles('app-media://video');
    const file = path.join(tmp, 'clip.mp4');
    writeFileSync(file, 'x');
    const token = new URL(media.allow(file)).pathname;
    rmSync(file);
    symlinkSync(tmp, file);
    expect((await mediaResponse(media, get(token), ORIGIN)).status).toBe(404);
  });

  it('reads ranges the way browsers send them', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-5000', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
  });
});
