// The picture checks: what in the picture itself can locate or identify the person. The API others
// build on:
//   const engine = new VisualEngine();              // owns every runtime and model; load() once
//   const { detections } = await detect(image, engine, plan);   // raw, scored, in image pixels
//   const findings = toFindings(detections, image);  // wording, severity, subject, "maybe"
// detectVisual() does both with the process's shared engine (what scanImage uses).
import { ExposureError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { ReadLine } from '../report.js';
import { detect } from './engine/detect.js';
import { sharedEngine, type VisualEngine } from './engine/engine.js';
import { planFor } from './engine/plan.js';
import { toFindings } from './findings/to-findings.js';
import type { RgbImage, VisualOptions } from './types.js';

export type { Detection, PersonMask, RgbImage, VisualOptions, WorkingCopy } from './types.js';
export { decodeRgb } from '../image/decode.js';
export { maskCoverage, maskValueAt, personMask } from './detectors/objects/person-mask.js';
export { LABEL_TO_CATEGORY, categoryOfLabel } from '../categories.js';
export { VisualEngine, sharedEngine, type EngineOptions } from './engine/engine.js';
export { detect, CHECK_NAMES, type Detected, type DetectOptions } from './engine/detect.js';
export { CHEAP_PLAN, FULL_PLAN, DETECTORS, planFor, type DetectionPlan, type DetectorName } from './engine/plan.js';
export { toFindings } from './findings/to-findings.js';

/** Loads every model of the shared engine once; later calls return at once. */
export async function loadVisualModels(): Promise<void> {
  await sharedEngine().load();
}

export interface VisualResult {
  findings: Finding[];
  /** The checks that failed on this picture, in plain words ("readable text"); what they look for was not checked. */
  failedChecks: string[];
  /** Every readable line of text (see FileReport.readText). */
  readText: ReadLine[];
}

/** The whole picture check of one picture, as findings. */
export async function detectVisual(image: RgbImage, opts: VisualOptions = {}, engine: VisualEngine = sharedEngine()): Promise<VisualResult> {
  if (image.width < 1 || image.height < 1 || image.data.length < image.width * image.height * 3) {
    throw new ExposureError('corrupt', 'The picture could not be decoded: the file may be damaged.');
  }
  const personal = opts.matcher ?? opts.personalTerms;
  const { detections, failedChecks, readText } = await detect(image, engine, planFor(opts.categories), {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(personal ? { personal } : {}),
  });
  return { findings: toFindings(detections, image), failedChecks, readText };
}
