// The whole scan of one image, from its bytes (a photo file) or from pixels already decoded (a
// video or stream frame): the hidden information (metadata), then, when asked, what the picture
// shows. Every shell calls this: the batch layer under the CLI and the app's scan worker, the
// bench, the stream guard, the re-check of a safe copy. Nothing here touches the file system.
import { ExposureError } from '../errors.js';
import { compareFindings, type EmbeddedImage, type Finding, type ImageFormat } from '../findings.js';
import type { RgbImage } from '../image/rgb.js';
import { assertPixelLimit } from '../image/pixel-limit.js';
import { scanMetadata } from '../metadata/index.js';
import type { ReadLine, ScanCoverage } from '../report.js';
import { checkPicture } from './picture.js';
import type { VisualEngine } from '../visual/engine/engine.js';
import type { ScanRequest } from './request.js';

/** A photo file's bytes (its name helps: a timestamp in it is a finding), or upright pixels. */
export type ScanInput = { bytes: Uint8Array; fileName?: string } | { pixels: RgbImage };

export interface ScanContext {
  signal?: AbortSignal;
  /** The visual engine to use (a stream or a bench keeps its own); the process's shared one by default. */
  engine?: VisualEngine;
}

/** What one image gave away, and what was checked. */
export interface ImageScan {
  /** null for pixels (no file, so no hidden information). */
  format: ImageFormat | null;
  width?: number;
  height?: number;
  /** Worst first. */
  findings: Finding[];
  /** Images hidden in the file (thumbnails, previews), with their bytes. */
  embeddedImages: EmbeddedImage[];
  coverage: ScanCoverage;
  /** Every line of text the picture check read (for the exposure checklist's post-scan step). */
  readText: ReadLine[];
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ExposureError('cancelled', 'The check was cancelled.');
}

function assertPixels(image: RgbImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || data.length < width * height * 3) {
    throw new ExposureError('invalid-input', 'The picture handed to the check is not a whole RGB picture.');
  }
}

/**
 * Scans one image. Throws an ExposureError (with a plain message) when the file cannot be checked:
 * empty, not an image, damaged beyond reading, too many pixels to open safely, or cancelled. A
 * picture that cannot be looked at (too small, undecodable, a check that failed) keeps the metadata
 * findings and says so in `coverage`.
 */
export async function scanImage(input: ScanInput, request: ScanRequest, context: ScanContext = {}): Promise<ImageScan> {
  const { signal } = context;
  checkAbort(signal);
  if ('pixels' in input) {
    assertPixels(input.pixels);
    const { width, height } = input.pixels;
    if (!request.visual) return { format: null, width, height, findings: [], embeddedImages: [], coverage: { metadata: false, picture: 'off', failedChecks: [] }, readText: [] };
    const picture = await checkPicture(input.pixels, request, false, context);
    return { format: null, width, height, findings: picture.findings.sort(compareFindings), embeddedImages: [], coverage: picture.coverage, readText: picture.readText };
  }

  const meta = await scanMetadata(input.bytes, input.fileName ?? '');
  // The one pixel guard, from the header alone: a picture that would exhaust memory once decoded
  // is refused whole, before anything decodes it.
  if (meta.width && meta.height) assertPixelLimit(meta.width, meta.height);
  else await (await import('../image/decode.js')).readHeader(input.bytes, meta.format).catch((err: unknown) => {
    if (err instanceof ExposureError && err.code === 'too-large') throw err;
    // Other header trouble is the decoder's to report, as a picture that could not be looked at.
  });
  const scan: ImageScan = {
    format: meta.format,
    findings: [...meta.findings],
    embeddedImages: meta.embeddedImages,
    coverage: { metadata: true, picture: 'off', failedChecks: [] },
    readText: [],
  };
  if (meta.width) scan.width = meta.width;
  if (meta.height) scan.height = meta.height;
  if (request.visual) {
    checkAbort(signal);
    let image: RgbImage | null = null;
    try {
      // The decoder checks the pixel limit from the header before decoding anything.
      const { decodeRgb } = await import('../image/decode.js');
      image = await decodeRgb(input.bytes, meta.format);
    } catch (err) {
      checkAbort(signal);
      const message = err instanceof ExposureError ? err.message : 'The picture could not be opened.';
      scan.coverage = { metadata: true, picture: 'failed', failedChecks: [], pictureError: message };
    }
    if (image) {
      scan.width ??= image.width;
      scan.height ??= image.height;
      const picture = await checkPicture(image, request, true, context);
      scan.findings.push(...picture.findings);
      scan.coverage = picture.coverage;
      scan.readText = picture.readText;
    }
  }
  scan.findings.sort(compareFindings);
  return scan;
}
