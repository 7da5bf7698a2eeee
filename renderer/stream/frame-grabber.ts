// Takes frames from the live picture for the checks: draws the <video> into one canvas at the
// analysis size (at most 1280×720, the size the checks are measured at) and reads its RGBA pixels.
// The canvas is re-used and never shown; each frame's pixels go to the frame port and are not kept.
import { MAX_ANALYSIS_SIDE } from '../../shared/stream/port-messages.js';

/** The analysis size for a source: shrunk (never enlarged) to fit 1280×720, or 720×1280 upright. */
export function analysisSize(width: number, height: number): { width: number; height: number } {
  const long = MAX_ANALYSIS_SIDE;
  const short = Math.round((MAX_ANALYSIS_SIDE * 9) / 16);
  const scale = Math.min(1, width >= height ? Math.min(long / width, short / height) : Math.min(short / width, long / height));
  return { width: Math.max(16, Math.round(width * scale)), height: Math.max(16, Math.round(height * scale)) };
}

export class FrameGrabber {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d', { willReadFrequently: true });

  /** RGBA pixels of the video's current picture at the analysis size; null before the first picture. */
  grab(video: HTMLVideoElement): { width: number; height: number; data: Uint8Array<ArrayBuffer> } | null {
    if (!this.context || video.readyState < 2 || video.videoWidth === 0) return null;
    const size = analysisSize(video.videoWidth, video.videoHeight);
    if (this.canvas.width !== size.width || this.canvas.height !== size.height) Object.assign(this.canvas, size);
    this.context.drawImage(video, 0, 0, size.width, size.height);
    const pixels = this.context.getImageData(0, 0, size.width, size.height);
    return { ...size, data: new Uint8Array(pixels.data.buffer as ArrayBuffer, pixels.data.byteOffset, pixels.data.byteLength) };
  }
}
