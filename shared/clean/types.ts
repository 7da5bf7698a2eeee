// The result of cleaning or redacting one image: bytes plus plain words about what changed.
import { concat } from '../bytes.js';
import type { ImageFormat } from '../findings.js';

export interface CleanOutput {
  /** The whole copy (for JPEG, joined from `parts` on first use). */
  readonly bytes: Uint8Array;
  /** The copy as pieces to write in order (views into the original: no copy of the picture data). */
  parts?: readonly Uint8Array[];
  /**
   * What a metadata reader sees of the copy: every section in order, each scan cut to its header
   * (entropy-coded picture data cannot hold metadata: any marker inside it would end the scan).
   * Checking this instead of `bytes` checks the copy without walking its picture data again.
   */
  metadataView?: Uint8Array;
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

/** A copy written in pieces, joined only when someone asks for the whole. */
export function pieceOutput(parts: Uint8Array[], metadataView: Uint8Array, rest: Omit<CleanOutput, 'bytes' | 'parts' | 'metadataView'>): CleanOutput {
  let joined: Uint8Array | null = null;
  return {
    ...rest,
    parts,
    metadataView,
    get bytes() {
      joined ??= concat(parts);
      return joined;
    },
  };
}

/** Adds a plain-language line once: several segments of one kind make one line for the user. */
export function addOnce(list: string[], line: string): void {
  if (!list.includes(line)) list.push(line);
}

/** x, y, width, height in pixels of the upright image (after EXIF orientation). */
export type { Box } from '../boxes.js';
