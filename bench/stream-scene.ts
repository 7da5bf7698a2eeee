// A recorded "stream" built from real corpus photos, for the stream tests and the stream bench: a
// room (a living room with a television) at 1280×720, then the same room with a real car photo held
// into the right half of the picture (its licence plate and a phone number on it readable), then
// the room again. Each frame is re-encoded at a slightly different JPEG quality, as a camera's
// frames differ by noise. Written to a temp folder the caller owns: as pictures, a video or a y4m.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';

export const SCENE_SIZE = { width: 1280, height: 720 };
/** The room photo and the risky one, in `../shared/corpus/scenes`. */
export const SCENE_ROOM = 'coco128__000000000595.jpg';
export const SCENE_THING = 'openalpr_us__car1.jpg';
/** Where the risky photo sits in the frame: [x, y, w, h]. */
export const SCENE_THING_BOX: [number, number, number, number] = [680, 80, 560, 560];

export interface SceneParts {
  fps: number;
  /** Seconds of the room alone, then with the risky photo, then alone again. */
  before: number;
  during: number;
  after: number;
}

export const DEFAULT_PARTS: SceneParts = { fps: 10, before: 2, during: 2, after: 2 };

/** The two pictures of the scene as JPEG bytes at 1280×720: the room, and the room with the risky photo. */
export async function scenePictures(scenesDir: string): Promise<{ room: Buffer; risky: Buffer }> {
  const room = await sharp(path.join(scenesDir, SCENE_ROOM)).rotate().resize(SCENE_SIZE.width, SCENE_SIZE.height, { fit: 'cover' }).png().toBuffer();
  const [x, y, w, h] = SCENE_THING_BOX;
  const thing = await sharp(path.join(scenesDir, SCENE_THING)).rotate().resize(w, h, { fit: 'cover' }).png().toBuffer();
  const risky = await sharp(room).composite([{ input: thing, left: x, top: y }]).png().toBuffer();
  return { room, risky };
}

/** Frame numbers where the risky photo is in the picture: [first, end). */
export function riskyFrames(parts: SceneParts = DEFAULT_PARTS): [number, number] {
  const first = Math.round(parts.before * parts.fps);
  return [first, first + Math.round(parts.during * parts.fps)];
}

/** Writes the scene's frames as frame-000.jpg… into `dir`; returns their count. */
export async function writeSceneFolder(scenesDir: string, dir: string, parts: SceneParts = DEFAULT_PARTS): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const { room, risky } = await scenePictures(scenesDir);
  const [from, to] = riskyFrames(parts);
  const count = to + Math.round(parts.after * parts.fps);
  for (let i = 0; i < count; i++) {
    await sharp(i >= from && i < to ? risky : room)
      .jpeg({ quality: 80 + (i % 10) })
      .toFile(path.join(dir, `frame-${String(i).padStart(3, '0')}.jpg`));
  }
  return count;
}

/** Encodes a folder written by writeSceneFolder as a video with ffmpeg (.mp4: H.264; .y4m: raw, for a fake camera). */
export function encodeSceneVideo(framesDir: string, out: string, fps: number): void {
  const codec = out.endsWith('.y4m') ? ['-pix_fmt', 'yuv420p'] : ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-framerate', String(fps), '-i', path.join(framesDir, 'frame-%03d.jpg'), ...codec, out], { stdio: 'ignore' });
}
