// Node built-ins (child_process): frames of a video for the picture checks, decoded by the system's
// ffmpeg (the command line and tests; the desktop app decodes frames in its own window instead, see
// the README). Frames come out upright (ffmpeg applies the rotation the phone recorded) as raw RGB.
// When ffmpeg is missing the caller is told plainly: the video is then "not fully checked".
import { spawn, spawnSync } from 'node:child_process';
import { ExposureError } from '../errors.js';
import type { RgbImage } from '../image/rgb.js';
import { MAX_PIXELS } from '../limits.js';

const available = new Map<string, boolean>();

/** The ffmpeg to use: FFMPEG_PATH if set, else `ffmpeg` on the PATH. */
export function ffmpegCommand(): string {
  return process.env.FFMPEG_PATH || 'ffmpeg';
}

export function hasFfmpeg(): boolean {
  const command = ffmpegCommand();
  if (!available.has(command)) available.set(command, spawnSync(command, ['-version'], { stdio: 'ignore', timeout: 10_000 }).status === 0);
  return available.get(command)!;
}

export const NO_FFMPEG =
  'The video\'s frames could not be looked at: this needs ffmpeg, which is not installed (on Debian or Ubuntu: apt-get install ffmpeg). Only the hidden information was checked.';

/** Runs ffmpeg, collecting stdout up to `limit` bytes; a clear error on failure or timeout. */
function run(args: string[], limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) child.kill('SIGKILL');
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => void (err = (err + c.toString()).slice(-2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ExposureError('unsupported', NO_FFMPEG, { cause: e }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks));
      else if (signal) reject(new ExposureError('corrupt', 'Reading a frame of this video took too long or was too large, so it was stopped.'));
      else reject(new ExposureError('corrupt', `A frame of this video could not be decoded (${err.trim().split('\n').pop()?.slice(0, 160) || `ffmpeg exit ${code}`}).`));
    });
  });
}

/** One frame at `time` seconds as upright RGB, or null when the video has no frame there. */
export async function readFrame(file: string, time: number): Promise<RgbImage | null> {
  // -ss before -i seeks to the key frame before `time`, then decodes up to it exactly.
  const ppm = await run(['-nostdin', '-v', 'error', '-ss', String(time), '-i', file, '-map', '0:v:0', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'ppm', '-'], MAX_PIXELS * 3 + 64, 60_000);
  if (ppm.length === 0) return null;
  return parsePpm(ppm);
}

/** Binary PPM (P6): "P6 width height 255" then RGB bytes. */
export function parsePpm(b: Buffer): RgbImage {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(b.subarray(0, 64).toString('latin1'));
  if (!header) throw new ExposureError('corrupt', 'A frame of this video could not be read.');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = b.subarray(header[0].length, header[0].length + width * height * 3);
  if (width * height > MAX_PIXELS || data.length < width * height * 3) throw new ExposureError('corrupt', 'A frame of this video could not be read.');
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 3 };
}

/** Times of scene changes among the key frames (decoding key frames only keeps this cheap). */
export async function sceneCuts(file: string, threshold = 0.35): Promise<number[]> {
  try {
    const out = await run(['-nostdin', '-v', 'error', '-skip_frame', 'nokey', '-i', file, '-map', '0:v:0', '-vf', `select='gt(scene,${threshold})',metadata=print:file=-`, '-an', '-f', 'null', '-'], 1 << 20, 60_000);
    return [...out.toString('latin1').matchAll(/pts_time:([\d.]+)/g)].map((m) => Number(m[1])).filter(Number.isFinite);
  } catch {
    return []; // scene changes are a bonus: the first, middle and last frames are looked at anyway
  }
}
