// The visual pass: what in the picture itself can locate or identify the person. Runs the model
// detectors (people, COCO objects, faces, text, plates, codes), the image-analysis detectors in
// ./custom and the matchability map, and returns Findings. One failing detector never hides what
// the others found: the user is told plainly which checks could not run.
import { coveredShare } from '../boxes.js';
import { ExposureError } from '../errors.js';
import type { Finding, VisualCategory } from '../findings.js';
import type { ReadLine } from '../report.js';
import { compareFindings } from '../findings.js';
import { buildFindings, markUncertain, renumber } from './build-findings.js';
import { detectCodes, loadCodeReader } from './codes.js';
import { detectCustom } from './custom/index.js';
import { matchabilityMap } from './matchability.js';
import { detectObjectsAndFaces } from './objects.js';
import { personMask } from './person-mask.js';
import { detectPlates } from './plates.js';
import { MIN_READ_CONFIDENCE, loadPaddleOcr } from './paddle-ocr.js';
import { detectScreens } from './screens.js';
import { detectText } from './text.js';
import type { TextResult } from './text.js';
import { getHuman } from './tf-runtime.js';
import type { PersonMask, RawDetection, RgbImage, VisualOptions } from './types.js';

export type { PersonMask, RgbImage, VisualOptions } from './types.js';
export { decodeRgb } from '../image/decode.js';
export { personMask, maskCoverage, maskValueAt } from './person-mask.js';
export { LABEL_TO_CATEGORY, categoryOfLabel } from './labels.js';

/** What the image-analysis detectors in ./custom look for. */
const CUSTOM_CATEGORIES: VisualCategory[] = ['door', 'door-handle', 'window', 'pattern', 'mirror', 'bed'];

let loading: Promise<void> | null = null;

/** Loads every model once (TF.js wasm, PaddleOCR's ONNX models, zxing); later calls return at once. */
export function loadVisualModels(): Promise<void> {
  loading ??= Promise.all([getHuman(), loadPaddleOcr(), loadCodeReader()])
    .then(() => undefined)
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}

const debug = (msg: string): void => {
  if (process.env.VISUAL_DEBUG) process.stderr.write(`[visual ${new Date().toISOString().slice(17, 23)}] ${msg}\n`);
};

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ExposureError('cancelled', 'The check was cancelled.');
}

export interface VisualResult {
  findings: Finding[];
  /** The checks that failed on this picture, in plain words ("readable text"); what they look for was not checked. */
  failedChecks: string[];
  /** Every line read with at least the reader's own confidence bar (see FileReport.readText). */
  readText: ReadLine[];
}

export async function detectVisual(image: RgbImage, opts: VisualOptions = {}): Promise<VisualResult> {
  const { signal } = opts;
  const personal = opts.matcher ?? opts.personalTerms ?? [];
  const wanted = (c: VisualCategory): boolean => !opts.categories || opts.categories.includes(c);
  if (image.width < 1 || image.height < 1 || image.data.length < image.width * image.height * 3) {
    throw new ExposureError('corrupt', 'The picture could not be decoded: the file may be damaged.');
  }
  checkAbort(signal);
  await loadVisualModels();
  checkAbort(signal);

  const failed: string[] = [];
  /** Runs one detector; a failure (other than cancelling) is noted and the rest carry on. */
  async function stage<T>(what: string, fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      const value = await run();
      debug(what);
      return value;
    } catch (err) {
      if (signal?.aborted || (err instanceof ExposureError && err.code === 'cancelled')) throw err;
      debug(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      failed.push(what);
      return fallback;
    }
  }

  const wantObjects = ['person', 'screen', 'bed', 'vehicle', 'street-furniture', 'licence-plate'].some((c) => wanted(c as VisualCategory));
  const wantOcr = wanted('text') || wanted('licence-plate');
  // Text is found and read by ONNX Runtime's own threads while the TF.js models run.
  const noText: TextResult = { texts: [], lines: [] };
  const textPromise = wantOcr ? stage('readable text', noText, () => detectText(image, personal, signal)) : Promise.resolve(noText);
  const codesPromise = wanted('code') ? stage('QR codes and barcodes', [] as RawDetection[], () => detectCodes(image)) : Promise.resolve([]);
  textPromise.catch(() => undefined);
  codesPromise.catch(() => undefined);

  debug('start');
  const mask = await stage('people', undefined as PersonMask | undefined, () => personMask(image));
  checkAbort(signal);
  const objects = await stage('objects and faces', [] as RawDetection[], () => detectObjectsAndFaces(image, wanted('face'), wantObjects));
  checkAbort(signal);
  // Screens the object model misses, found from outline and bezel (not a duplicate of its own).
  const screens = wanted('screen') ? await stage('screens', [] as RawDetection[], () => detectScreens(image, objects)) : [];

  const beds = objects.filter((o) => o.label === 'bed').map((o) => o.box);
  const customFindings = CUSTOM_CATEGORIES.some(wanted) ? await stage('doors, handles, windows and patterns', [] as Finding[], () => detectCustom(image, mask, { beds })) : [];
  checkAbort(signal);
  const matchFindings = wanted('matchable-area') ? await stage('distinctive areas', [] as Finding[], async () => (await matchabilityMap(image, mask)).regions) : [];
  checkAbort(signal);

  const { texts: allTexts, lines } = await textPromise;
  const texts = wanted('text') ? allTexts : [];
  const plates = wanted('licence-plate') ? await stage('licence plates', [] as RawDetection[], () => detectPlates(image, objects, lines, signal)) : [];
  const codes = await codesPromise;
  checkAbort(signal);

  // A plate's characters would otherwise be reported twice, as text too.
  const textNotPlates = texts.filter((t) => !plates.some((p) => coveredShare(t.box, p.box) > 0.5));
  const ours = buildFindings([...objects, ...screens, ...textNotPlates, ...plates, ...codes], image, mask ?? null, wanted);
  const theirs = [...customFindings, ...matchFindings].filter((f) => wanted(f.category as VisualCategory));
  const found = markUncertain(renumber([...ours, ...theirs].sort(compareFindings)));
  const readText = lines
    .filter((l) => l.text.trim() !== '' && l.confidence >= MIN_READ_CONFIDENCE)
    .map((l) => ({ text: l.text, box: l.box, confidence: Math.round(l.confidence * 100) / 100 }));
  return { findings: found, failedChecks: failed, readText };
}
