// The result of cleaning or redacting one image: bytes plus plain words about what changed.
import type { ImageFormat } from '../findings.js';

export interface CleanOutput {
  bytes: Uint8Array;
  /** Format of the output (HEIC, AVIF and redacted files change format). */
  format: ImageFormat;
  /** File extension for the output, without the dot. */
  extension: string;
  /** True when the pixels were decoded and encoded again. */
  reencoded: boolean;
  /** Plain-language list of what was taken out. */
  removed: string[];
  /** What was deliberately kept, and why. */
  kept: string[];
}

/** Adds a plain-language line once: several segments of one kind make one line for the user. */
export function addOnce(list: string[], line: string): void {
  if (!list.includes(line)) list.push(line);
}

/** x, y, width, height in pixels of the upright image (after EXIF orientation). */
export type { Box } from '../boxes.js';
