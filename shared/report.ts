// What a scan or a clean of one file produces. The CLI's --json output, the IPC contract and the
// UI are all built from these shapes.
import type { Finding, ImageFormat } from './findings.js';
import type { UserError } from './errors.js';

export interface EmbeddedImageInfo {
  findingId: string;
  label: string;
  mime: string;
  size: number;
}

export interface FileReport {
  path: string;
  format: ImageFormat | null;
  size: number;
  width?: number;
  height?: number;
  findings: Finding[];
  /** Images hidden inside the file (thumbnails, previews); the bytes are fetched separately. */
  embeddedImages: EmbeddedImageInfo[];
  error?: UserError;
}

export interface CleanReport {
  path: string;
  /** Where the clean copy was written (absent when it failed). */
  output?: string;
  format: ImageFormat | null;
  outputFormat?: ImageFormat;
  /** True when the pixels were decoded and encoded again (HEIC, AVIF, TIFF, redaction). */
  reencoded: boolean;
  /** Plain-language list of what was taken out. */
  removed: string[];
  /** What was deliberately kept (orientation, colour profile) and why. */
  kept: string[];
  error?: UserError;
}
