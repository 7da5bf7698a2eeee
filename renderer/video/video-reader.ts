// Decodes a video's frames in the app's own window with Chromium's <video> (users have no ffmpeg).
// The video comes from main's media protocol (only videos the user chose, range requests), loaded
// with CORS so its frames can be read from a canvas. Frames come out upright, as the player shows
// them. Nothing here leaves the window except through the typed API.
import { MAX_FRAME_PIXELS, type FrameProblem } from '../../shared/video/frames.js';

/** Why frames could not be read, in the contract's words (main turns it into a sentence). */
export class FrameProblemError extends Error {
  constructor(readonly problem: FrameProblem, message: string) {
    super(message);
  }
}

export interface Frame {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, row by row. */
  rgb: Uint8Array;
}

const LOAD_TIMEOUT_MS = 20_000;
const SEEK_TIMEOUT_MS = 15_000;

function problemOf(video: HTMLVideoElement): FrameProblem {
  switch (video.error?.code) {
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return 'unsupported';
    case MediaError.MEDIA_ERR_DECODE:
      return 'damaged';
    default:
      return 'failed';
  }
}

/** Resolves on `event`, rejects on the element's error or after `ms`. */
function waitFor(video: HTMLVideoElement, event: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      video.removeEventListener(event, onEvent);
      video.removeEventListener('error', onError);
      fn();
    };
    const onEvent = () => done(resolve);
    const onError = () => done(() => reject(new FrameProblemError(problemOf(video), video.error?.message || 'the video could not be played')));
    const timer = setTimeout(() => done(() => reject(new FrameProblemError('timeout', `no ${event} after ${ms} ms`))), ms);
    video.addEventListener(event, onEvent);
    video.addEventListener('error', onError);
  });
}

/** A size within `maxPixels` (and `maxSide`), keeping the shape. */
export function fitSize(width: number, height: number, maxPixels: number, maxSide = Infinity): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(maxPixels / (width * height)), maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export class VideoReader {
  private readonly canvas = document.createElement('canvas');

  private constructor(private readonly video: HTMLVideoElement) {}

  /** Opens a video from the media protocol; throws FrameProblemError when it cannot be decoded. */
  static async open(url: string): Promise<VideoReader> {
    const video = document.createElement('video');
    video.crossOrigin = 'anonymous';
    video.muted = true;
    video.preload = 'auto';
    video.playsInline = true;
    video.src = url;
    const reader = new VideoReader(video);
    try {
      await waitFor(video, 'loadeddata', LOAD_TIMEOUT_MS);
      if (!(video.videoWidth > 0 && video.videoHeight > 0)) throw new FrameProblemError('unsupported', 'the video has no picture the player can show');
    } catch (err) {
      reader.close();
      throw err;
    }
    return reader;
  }

  get duration(): number {
    return Number.isFinite(this.video.duration) ? this.video.duration : 0;
  }

  /** The upright size of a frame, as the player shows it. */
  get width(): number {
    return this.video.videoWidth;
  }

  get height(): number {
    return this.video.videoHeight;
  }

  private async seek(time: number): Promise<void> {
    const t = Math.max(0, Math.min(time, this.duration));
    if (Math.abs(this.video.currentTime - t) < 1e-6 && this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) return;
    const seeked = waitFor(this.video, 'seeked', SEEK_TIMEOUT_MS);
    this.video.currentTime = t;
    await seeked;
  }

  /** Draws the frame at `time` into the canvas at the given size and returns its 2D context. */
  private async draw(time: number, size: { width: number; height: number }): Promise<CanvasRenderingContext2D> {
    await this.seek(time);
    this.canvas.width = size.width;
    this.canvas.height = size.height;
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new FrameProblemError('failed', 'no canvas to draw the frame on');
    ctx.drawImage(this.video, 0, 0, size.width, size.height);
    return ctx;
  }

  /** The frame at `time` as RGB pixels (scaled down only when larger than the checks take). */
  async frame(time: number, maxPixels = MAX_FRAME_PIXELS): Promise<Frame> {
    const size = fitSize(this.width, this.height, maxPixels);
    const ctx = await this.draw(time, size);
    const rgba = ctx.getImageData(0, 0, size.width, size.height).data;
    const rgb = new Uint8Array(size.width * size.height * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i]!;
      rgb[j + 1] = rgba[i + 1]!;
      rgb[j + 2] = rgba[i + 2]!;
    }
    return { ...size, rgb };
  }

  /** The frame at `time` as a small JPEG data: URL for the screen (the preview), with its full size. */
  async still(time: number, maxSide: number): Promise<{ dataUrl: string; width: number; height: number }> {
    await this.draw(time, fitSize(this.width, this.height, Infinity, maxSide));
    return { dataUrl: this.canvas.toDataURL('image/jpeg', 0.85), width: this.width, height: this.height };
  }

  /**
   * Scene cuts, cheaply: a few evenly spaced tiny frames (32 pixels wide), and the times where one
   * differs a lot from the one before. Only for videos long enough to hold more than one scene.
   */
  async sceneCuts(samples = 12, threshold = 0.22): Promise<number[]> {
    const duration = this.duration;
    if (duration < 4) return [];
    const size = fitSize(this.width, this.height, Infinity, 32);
    const cuts: number[] = [];
    let previous: Uint8ClampedArray | null = null;
    for (let i = 1; i < samples; i++) {
      const time = (duration * i) / samples;
      const data = (await this.draw(time, size)).getImageData(0, 0, size.width, size.height).data;
      if (previous && meanDifference(previous, data) > threshold) cuts.push(Math.round(time * 1000) / 1000);
      previous = data;
    }
    return cuts;
  }

  close(): void {
    this.video.removeAttribute('src');
    this.video.load();
  }
}

/** Mean absolute difference of two RGBA pictures of the same size, 0..1. */
export function meanDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
  return sum / ((a.length / 4) * 3 * 255);
}

/** Bytes as base64 (the contract carries frames as text, so the same call runs over IPC and the test bridge). */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
