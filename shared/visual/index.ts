// The visual pass: what in the picture itself can locate or identify the person. Runs the model
// detectors (people, COCO objects, faces, text, plates, codes) and, when present, the custom
// detectors and matchability map in ./custom and ./matchability, and returns Findings.
import { coveredShare } from '../boxes.js';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExposureError } from '../errors.js';
import type { Finding, VisualCategory } from '../findings.js';
import { compareFindings } from '../findings.js';
import { buildFindings, renumber } from './build-findings.js';
import { detectCodes, loadCodeReader } from './codes.js';
import { detectObjectsAndFaces } from './objects.js';
import { loadOcr } from './ocr-engine.js';
import { personMask } from './person-mask.js';
import { detectPlates } from './plates.js';
import { detectScreens } from './screens.js';
import { detectText } from './text.js';
import type { TextResult } from './text.js';
import { getHuman } from './tf-runtime.js';
import type { PersonMask, RawDetection, RgbImage, VisualOptions } from './types.js';

export type { PersonMask, RgbImage, VisualOptions } from './types.js';
export { decodeForVisual } from './decode.js';
export { personMask, maskCoverage, maskValueAt } from './person-mask.js';
export { LABEL_TO_CATEGORY, categoryOfLabel } from './labels.js';
export { stopOcr } from './ocr-engine.js';

/** What the image-analysis detectors in ./custom look for. */
const CUSTOM_CATEGORIES: VisualCategory[] = ['door', 'door-handle', 'window', 'pattern', 'mirror', 'bed'];

let loading: Promise<void> | null = null;

/** Loads every model once (TF.js wasm, Tesseract, zxing); later calls return at once. */
export function loadVisualModels(): Promise<void> {
  loading ??= Promise.all([getHuman(), loadOcr(), loadCodeReader()])
    .then(() => undefined)
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}

type CustomModule = {
  detectCustom?: (image: RgbImage, mask?: PersonMask, hints?: { beds?: Array<[number, number, number, number]> }) => Promise<Finding[]>;
};
type MatchabilityModule = {
  matchabilityMap?: (image: RgbImage, mask?: PersonMask) => Promise<{ regions: Finding[] }>;
};

/** The custom detectors are built in parallel by another module; use them only when present. */
async function importIfPresent<T>(relative: string): Promise<T | null> {
  const file = fileURLToPath(new URL(relative, import.meta.url));
  // Compiled builds have the .js; tests and tsx run the .ts source directly.
  const found = [file, file.replace(/\.js$/, '.ts')].find((f) => fs.existsSync(f));
  if (!found) return null;
  return (await import(pathToFileURL(found).href)) as T;
}

const debug = (msg: string): void => {
  if (process.env.VISUAL_DEBUG) process.stderr.write(`[visual ${new Date().toISOString().slice(17, 23)}] ${msg}\n`);
};

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ExposureError('cancelled', 'The check was cancelled.');
}

export async function detectVisual(image: RgbImage, opts: VisualOptions = {}): Promise<Finding[]> {
  const { signal, personalTerms = [] } = opts;
  const wanted = (c: VisualCategory): boolean => !opts.categories || opts.categories.includes(c);
  if (image.width < 1 || image.height < 1 || image.data.length < image.width * image.height * 3) {
    throw new ExposureError('corrupt', 'The picture could not be decoded: the file may be damaged.');
  }
  checkAbort(signal);
  await loadVisualModels();
  checkAbort(signal);

  const wantObjects = ['person', 'screen', 'bed', 'vehicle', 'street-furniture', 'licence-plate'].some((c) => wanted(c as VisualCategory));
  const wantOcr = wanted('text') || wanted('licence-plate');
  // Text regions are found here, then read in Tesseract's worker thread while the TF.js models run.
  const textPromise: Promise<TextResult> = wantOcr ? detectText(image, personalTerms, signal) : Promise.resolve({ texts: [], regions: [] });
  const codesPromise: Promise<RawDetection[]> = wanted('code') ? detectCodes(image) : Promise.resolve([]);
  textPromise.catch(() => undefined);
  codesPromise.catch(() => undefined);

  debug('start');
  const mask = await personMask(image);
  debug('mask');
  checkAbort(signal);
  const objects = await detectObjectsAndFaces(image, wanted('face'), wantObjects);
  debug('objects');
  checkAbort(signal);
  // Screens the object model misses, found from outline and bezel (not a duplicate of its own).
  const screens = wanted('screen') ? await detectScreens(image, objects) : [];
  debug('screens');

  const [custom, matchability] = await Promise.all([
    importIfPresent<CustomModule>('./custom/index.js'),
    importIfPresent<MatchabilityModule>('./matchability.js'),
  ]);
  const beds = objects.filter((o) => o.label === 'bed').map((o) => o.box);
  debug('custom start');
  const wantCustom = CUSTOM_CATEGORIES.some(wanted);
  const customFindings = custom?.detectCustom && wantCustom ? await custom.detectCustom(image, mask, { beds }) : [];
  checkAbort(signal);
  const matchFindings = matchability?.matchabilityMap && wanted('matchable-area') ? (await matchability.matchabilityMap(image, mask)).regions : [];
  checkAbort(signal);

  debug('matchability');
  const { texts: allTexts, regions } = await textPromise;
  debug('ocr');
  const texts = wanted('text') ? allTexts : [];
  const plates = wanted('licence-plate') ? await detectPlates(image, objects, regions, signal) : [];
  debug('plates');
  const codes = await codesPromise;
  debug('codes');
  checkAbort(signal);

  // A plate's characters would otherwise be reported twice, as text too.
  const textNotPlates = texts.filter((t) => !plates.some((p) => coveredShare(t.box, p.box) > 0.5));
  const ours = buildFindings([...objects, ...screens, ...textNotPlates, ...plates, ...codes], image, mask, wanted);
  const theirs = [...customFindings, ...matchFindings].filter((f) => wanted(f.category as VisualCategory));
  return renumber([...ours, ...theirs].sort(compareFindings));
}

