// The picture part of a scan: loads the visual checks on first use only (they are heavy: models,
// wasm runtimes, sharp), once per process, and runs them on upright pixels. A failure of the whole
// picture check becomes coverage ("the picture could not be looked at"), never a lost report.
import { ExposureError, toUserError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { RgbImage } from '../image/rgb.js';
import type { ReadLine, ScanCoverage } from '../report.js';
import type { VisualEngine } from '../visual/engine/engine.js';
import type { ScanRequest } from './request.js';

type VisualModule = typeof import('../visual/index.js');
let visual: Promise<VisualModule> | undefined;

/** The visual checks' code, imported on first use; the engine (given, or the process's) loaded. */
async function loadVisual(engine?: VisualEngine): Promise<VisualModule> {
  visual ??= import('../visual/index.js');
  visual.catch(() => {
    visual = undefined;
  });
  const m = await visual;
  await (engine ?? m.sharedEngine()).load();
  return m;
}

/**
 * Below this many pixels on its short side a picture shows nothing the checks can find (the
 * smallest thing they report, a line of text, needs about this many; a 1×1 or 3×20000 picture is
 * a spacer or a strip, not a photo). Such a picture is "too small to check", said plainly.
 */
export const MIN_PICTURE_SIDE = 16;

export function tooSmallToCheck(width: number, height: number): string | null {
  if (Math.min(width, height) >= MIN_PICTURE_SIDE) return null;
  return `it is too small to check (${width} × ${height} pixels)`;
}

export interface PictureResult {
  findings: Finding[];
  coverage: ScanCoverage;
  /** Every line of text read, for the checklist's post-scan step (FileReport.readText). */
  readText: ReadLine[];
}

/** Runs the picture checks the request asks for; `metadata` says whether the hidden information was read. */
export async function checkPicture(image: RgbImage, request: ScanRequest, metadata: boolean, context: { signal?: AbortSignal; engine?: VisualEngine } = {}): Promise<PictureResult> {
  const { signal } = context;
  const small = tooSmallToCheck(image.width, image.height);
  if (small) return { findings: [], readText: [], coverage: { metadata, picture: 'failed', failedChecks: [], pictureError: small } };
  try {
    const m = await loadVisual(context.engine);
    const options = {
      ...(request.checks ? { categories: request.checks } : {}),
      ...(request.matcher ? { matcher: request.matcher } : {}),
      ...(signal ? { signal } : {}),
    };
    const { findings, failedChecks, readText } = await m.detectVisual(image, options, context.engine ?? m.sharedEngine());
    return { findings, readText, coverage: { metadata, picture: failedChecks.length ? 'partly' : 'checked', failedChecks } };
  } catch (err) {
    if (signal?.aborted || (err instanceof ExposureError && err.code === 'cancelled')) throw err;
    return { findings: [], readText: [], coverage: { metadata, picture: 'failed', failedChecks: [], pictureError: toUserError(err).message } };
  }
}
