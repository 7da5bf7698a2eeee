// Node built-ins (fs, child_process): the frames of a video file or a folder of pictures, in order,
// for the stream pipeline (`exposure-check stream`). A video is decoded by the system's ffmpeg at a
// fixed rate, upright, as a stream of raw pictures read one at a time (never written anywhere);
// a folder's pictures are taken sorted by name, one per 1/fps seconds.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ExposureError } from '../errors.js';
import { detectFormat } from '../formats.js';
import { decodeRgb } from '../image/decode.js';
import { MAX_PIXELS } from '../limits.js';
import type { StreamFrame } from '../stream/analyser.js';
import { IMAGE_EXTENSIONS, readPhoto } from './files.js';
import { ffmpegCommand, hasFfmpeg } from './video-frames.js';

/** Frames wider or taller than this are shrunk by ffmpeg: the detectors read smaller copies anyway. */
const MAX_SIDE = 1920;

export const STREAM_NO_FFMPEG =
  'This video cannot be looked at: decoding its frames needs ffmpeg, which is not installed (on Debian or Ubuntu: apt-get install ffmpeg). A folder of pictures works without it.';

export interface FrameSource {
  kind: 'video' | 'folder';
  frames: AsyncIterable<StreamFrame>;
  /** Pictures in the folder that could not be read, with why (the rest go on). */
  skipped: Array<{ path: string; message: string }>;
}

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.qt', '.m4v', '.3gp', '.3g2', '.mkv', '.webm', '.avi', '.y4m']);

/** The frames of a video file or a folder of pictures, `fps` a second. */
export async function openFrameSource(input: string, fps: number): Promise<FrameSource> {
  let stat;
  try {
    stat = await fs.stat(input);
  } catch {
    throw new ExposureError('not-found', `${input} could not be found.`);
  }
  if (stat.isDirectory()) return folderFrames(input, fps);
  if (!stat.isFile()) throw new ExposureError('unreadable', 'This is not a regular file (it is a pipe, a device or a socket), so it was skipped.');
  const ext = path.extname(input).toLowerCase();
  if (!VIDEO_EXTENSIONS.has(ext) && IMAGE_EXTENSIONS.has(ext)) {
    throw new ExposureError('unsupported', 'This is a single picture, not a video: use "exposure-check scan" for photos, or give a folder of frames.');
  }
  if (!hasFfmpeg()) throw new ExposureError('unsupported', STREAM_NO_FFMPEG);
  return { kind: 'video', frames: videoFrames(input, fps), skipped: [] };
}

function folderFrames(dir: string, fps: number): FrameSource {
  const skipped: FrameSource['skipped'] = [];
  async function* frames(): AsyncGenerator<StreamFrame> {
    const names = (await fs.readdir(dir)).filter((n) => IMAGE_EXTENSIONS.has(path.extname(n).toLowerCase()) && !VIDEO_EXTENSIONS.has(path.extname(n).toLowerCase()));
    names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const [i, name] of names.entries()) {
      const file = path.join(dir, name);
      try {
        const bytes = await readPhoto(file);
        const format = detectFormat(bytes);
        if (!format) throw new ExposureError('not-an-image', 'This file is not a picture.');
        const rgb = await decodeRgb(bytes, format);
        // Frames keep the number and time their place in the folder gives them, even when one before was skipped.
        yield { ...rgb, index: i, time: i / fps };
      } catch (err) {
        skipped.push({ path: file, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return { kind: 'folder', frames: frames(), skipped };
}

/** Splits ffmpeg's stream of binary PPM pictures into frames, reading only as fast as they are used. */
async function* videoFrames(file: string, fps: number): AsyncGenerator<StreamFrame> {
  const scale = `scale='if(gt(iw,ih),min(${MAX_SIDE},iw),-2)':'if(gt(iw,ih),-2,min(${MAX_SIDE},ih))'`;
  const child = spawn(ffmpegCommand(), ['-nostdin', '-v', 'error', '-i', file, '-map', '0:v:0', '-vf', `fps=${fps},${scale}`, '-f', 'image2pipe', '-c:v', 'ppm', '-'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const spawnError = new Promise<never>((_, reject) => child.on('error', (e) => reject(new ExposureError('unsupported', STREAM_NO_FFMPEG, { cause: e }))));
  spawnError.catch(() => undefined);

  let buffer: Buffer = Buffer.alloc(0);
  let index = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buffer.subarray(0, 64).toString('latin1'));
        if (!header) {
          if (buffer.length >= 64) throw new ExposureError('corrupt', 'A frame of this video could not be read.');
          break;
        }
        const width = Number(header[1]);
        const height = Number(header[2]);
        if (width * height > MAX_PIXELS) throw new ExposureError('too-large', 'The frames of this video are too large to check.');
        const end = header[0].length + width * height * 3;
        if (buffer.length < end) break;
        // A copy: the detectors keep views of the frame while the next chunk arrives.
        const data = new Uint8Array(buffer.subarray(header[0].length, end));
        buffer = buffer.subarray(end);
        yield { data, width, height, channels: 3, index, time: index / fps };
        index++;
      }
    }
    const code = await Promise.race([exited, spawnError]);
    if (code !== 0) throw new ExposureError('corrupt', `This video could not be decoded (${stderr.trim().split('\n').pop()?.slice(0, 160) || `ffmpeg exit ${code}`}).`);
    if (index === 0) throw new ExposureError('corrupt', 'This file has no video frames to look at.');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
