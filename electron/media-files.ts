// Uses Node built-ins (fs, crypto). Serves the videos the user chose to the app's own window, so
// Chromium's <video> can decode their frames (users do not have ffmpeg). Only a video the scan
// found gets a URL, under a random token; any other request is refused. Range requests get 206,
// so the player seeks without reading the whole file. The Electron protocol handler (main.ts) and
// the test-only bridge answer with exactly these statuses and headers.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  /** The bytes to send (inclusive end), or null for none (HEAD, errors). Open it with `openBody`. */
  body: { file: string; start: number; end: number } | null;
}

/** The videos this session may serve: token -> path. Tokens are 128 random bits, never the path. */
export class MediaFiles {
  private readonly files = new Map<string, string>();
  private readonly tokens = new Map<string, string>();

  /** `baseUrl`: "app-media://video" in the app, the bridge's media origin under test. */
  constructor(private readonly baseUrl: string) {}

  /** Lets the window load this video (one the user chose and the scan found to be a video). */
  allow(file: string): string {
    let token = this.tokens.get(file);
    if (!token) {
      token = randomBytes(16).toString('hex');
      this.tokens.set(file, token);
      this.files.set(token, file);
    }
    return `${this.baseUrl}/${token}`;
  }

  /** The URL of an allowed video, or null. */
  urlFor(file: string): string | null {
    const token = this.tokens.get(file);
    return token ? `${this.baseUrl}/${token}` : null;
  }

  /** The file a request path ("/<token>") names, or null. */
  fileFor(urlPath: string): string | null {
    const match = /^\/([0-9a-f]{32})$/.exec(urlPath);
    return match ? (this.files.get(match[1]!) ?? null) : null;
  }
}

/** "bytes=a-b", "bytes=a-" or "bytes=-n" against a file of `size` bytes; null = the whole file. */
export function parseRange(header: string | null | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or nonsense: send it all
  if (m[1] === '') {
    const n = Math.min(Number(m[2]), size);
    return n === 0 ? 'unsatisfiable' : { start: size - n, end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return 'unsatisfiable';
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return end < start ? 'unsatisfiable' : { start, end };
}

export interface MediaRequest {
  /** The URL's path: "/<token>". */
  path: string;
  method: string;
  range: string | null;
  /** The Origin header, when the browser sent one. */
  origin: string | null;
}

/** Answers one request for a video; `pageOrigin` is the app's window, the only origin served. */
export async function mediaResponse(media: MediaFiles, request: MediaRequest, pageOrigin: string): Promise<MediaResponse> {
  const headers: Record<string, string> = {
    'access-control-allow-origin': pageOrigin,
    vary: 'Origin',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const fail = (status: number): MediaResponse => ({ status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: null });
  if (request.origin !== null && request.origin !== pageOrigin) return fail(403);
  if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
  const file = media.fileFor(request.path);
  if (!file) return fail(404);
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return fail(404);
    size = stat.size;
  } catch {
    return fail(404);
  }
  // Every container the app reads is ISO-BMFF; Chromium's demuxer reads MOV and 3GP under this type.
  Object.assign(headers, { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' });
  const range = parseRange(request.range, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers['content-length'] = String(end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  return { status: range ? 206 : 200, headers, body: request.method === 'GET' && size > 0 ? { file, start, end } : null };
}

/** Opens the bytes of a response as a stream; the file is checked again once open (swapped for a pipe?). */
export async function openBody(body: NonNullable<MediaResponse['body']>): Promise<Readable> {
  const handle = await fs.open(body.file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
    return handle.createReadStream({ start: body.start, end: body.end, autoClose: true });
  } catch (err) {
    await handle.close();
    throw err;
  }
}
