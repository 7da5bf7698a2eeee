// Uses Node (through the engine): what the picture shows, as raw detections. The readers' thread
// starts on text and codes first; meanwhile this thread runs the person mask, ONE backbone pass
// (COCO objects, and the features every head reads), faces, vehicle tiles where vehicles were
// seen, then the image-analysis detectors; plates last, from the text and the vehicles. One
// failing detector never hides what the others found: its check is named in `failedChecks`.
import { coveredShare } from '../../boxes.js';
import { ExposureError } from '../../errors.js';
import type { PersonalMatcher } from '../../scan/request.js';
import { detectCodes } from '../detectors/codes/codes.js';
import { detectDoorsAndHandles } from '../detectors/doors/doors.js';
import { detectFaces } from '../detectors/objects/faces.js';
import { isReported, mergeVehicles, seenObjects, vehiclesInTiles, type SeenObject } from '../detectors/objects/objects.js';
import { maskCoverage, personMask } from '../detectors/objects/person-mask.js';
import { matchabilityMap, MATCHABILITY_WORK_SIDE } from '../detectors/patterns/matchability.js';
import { detectPatterns } from '../detectors/patterns/patterns.js';
import { detectScreens } from '../detectors/screens/screens.js';
import { detectPlates } from '../detectors/text/plates.js';
import { detectText, isReadable, type TextResult } from '../detectors/text/text.js';
import type { ReadLine } from '../../report.js';
import { detectWindows, WINDOW_WORK_SIDE } from '../detectors/windows/windows.js';
import type { Detection, PersonMask, RgbImage } from '../types.js';
import { backboneSource, type BackbonePass } from './backbone.js';
import { unstretchedInput } from './backbone-size.js';
import type { VisualEngine } from './engine.js';
import { FULL_PLAN, type DetectionPlan, type DetectorName } from './plan.js';
import { averagedCopy } from './pyramid.js';

export interface DetectOptions {
  signal?: AbortSignal;
  /** Ranks text that matches the user's own details (the checklist); a list of words or a matcher. */
  personal?: readonly string[] | PersonalMatcher;
  /** A person mask already made (a stream may reuse a recent frame's): the people stage is skipped. */
  mask?: PersonMask;
  /**
   * A stream frame: the backbone reads it at its own shape (512×288 for 16:9, backbone-size.ts)
   * rather than stretched to 512×512, for 40% less CPU (bench/backbone-input.ts). Not when the
   * door checks run: their heads read the square input's features.
   */
  unstretched?: boolean;
}

export interface Detected {
  /** Best first within each category; boxes in the picture's pixels. */
  detections: Detection[];
  /** The checks that failed on this picture, in plain words ("readable text"): what they look for was not checked. */
  failedChecks: string[];
  /**
   * Every readable line of text, plates' included, where it is: what the exposure checklist is
   * compared with, in the process that holds it (FileReport.readText).
   */
  readText: ReadLine[];
}

/** The names the user reads when a check could not run ("not checked: readable text"). */
export const CHECK_NAMES: Record<DetectorName, string> = {
  people: 'people',
  objects: 'objects and faces',
  faces: 'objects and faces',
  doors: 'doors and door handles',
  'vehicle-tiles': 'distant vehicles',
  screens: 'screens',
  windows: 'windows',
  matchability: 'distinctive areas',
  text: 'readable text',
  plates: 'licence plates',
  codes: 'QR codes and barcodes',
};

const debug = (msg: string): void => {
  if (process.env.VISUAL_DEBUG) process.stderr.write(`[visual ${new Date().toISOString().slice(17, 23)}] ${msg}\n`);
};

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ExposureError('cancelled', 'The check was cancelled.');
}

/** The one backbone pass, on the engine's TF.js queue. Boxes come back in the copy's pixels, with the scale to the original. */
async function backbonePass(engine: VisualEngine, image: RgbImage, withFeatures: boolean, unstretched: boolean): Promise<{ pass: BackbonePass; scale: number }> {
  const { image: copy, scale } = await backboneSource(image);
  const input = unstretched && !withFeatures ? unstretchedInput(copy) : undefined;
  return engine.exclusive(async ({ backbone }) => ({ pass: await backbone.runBilinear(copy, withFeatures, input), scale }));
}

export async function detect(image: RgbImage, engine: VisualEngine, plan: DetectionPlan = FULL_PLAN, options: DetectOptions = {}): Promise<Detected> {
  const { signal } = options;
  if (image.width < 1 || image.height < 1 || image.data.length < image.width * image.height * 3) {
    throw new ExposureError('corrupt', 'The picture could not be decoded: the file may be damaged.');
  }
  const runs = (d: DetectorName): boolean => plan.detectors.has(d);
  checkAbort(signal);
  const { readers, heads } = await engine.load();
  checkAbort(signal);

  const failed = new Set<string>();
  /** Runs one detector; a failure (other than cancelling) is noted and the rest carry on. */
  async function stage<T>(name: DetectorName, fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      const value = await run();
      debug(name);
      return value;
    } catch (err) {
      if (signal?.aborted || (err instanceof ExposureError && err.code === 'cancelled')) throw err;
      debug(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      failed.add(CHECK_NAMES[name]);
      return fallback;
    }
  }

  // The readers' thread starts at once and reads while this thread runs the TF.js models.
  const noText: TextResult = { texts: [], lines: [] };
  const textPromise = runs('text') || runs('plates') ? stage('text', noText, () => detectText(readers, image, options.personal, signal)) : Promise.resolve(noText);
  const codesPromise = runs('codes') ? stage('codes', [] as Detection[], () => detectCodes(readers, image, signal)) : Promise.resolve([] as Detection[]);
  textPromise.catch(() => undefined);
  codesPromise.catch(() => undefined);

  debug('start');
  const mask = options.mask ?? (runs('people') ? await stage('people', undefined as PersonMask | undefined, () => engine.exclusive(({ human }) => personMask(human, image))) : undefined);
  checkAbort(signal);

  // The one backbone pass: COCO objects, and the features the door heads read.
  let objects: SeenObject[] = [];
  const found: Detection[] = [];
  if (runs('objects') || runs('doors')) {
    const pass = await stage(runs('objects') ? 'objects' : 'doors', null as { pass: BackbonePass; scale: number } | null, () => backbonePass(engine, image, runs('doors'), options.unstretched === true));
    if (pass) {
      objects = seenObjects(pass.pass.objects, image, pass.scale);
      if (pass.pass.features) {
        const features = pass.pass.features;
        const doors = await stage('doors', [] as Detection[], () =>
          engine.exclusive(({ backbone }) => detectDoorsAndHandles(backbone.tf, features, image, heads, mask)).finally(() => features.dispose()),
        );
        found.push(...doors);
      }
    } else if (runs('doors')) {
      failed.add(CHECK_NAMES.doors);
    }
  }
  checkAbort(signal);
  if (runs('faces')) {
    // A second, closer look goes where the backbone saw people (when this plan ran it).
    const people = objects.filter((o) => o.category === 'person').map((o) => o.box);
    found.push(...(await stage('faces', [] as Detection[], () => engine.exclusive(({ human }) => detectFaces(human, image, people)))));
  }
  checkAbort(signal);
  if (runs('vehicle-tiles') && objects.some((o) => o.category === 'vehicle')) {
    const tiles = await stage('vehicle-tiles', [] as Detection[], () => engine.exclusive(({ backbone }) => vehiclesInTiles(backbone, image, objects, plan.maxVehicleTiles)));
    objects = mergeVehicles(objects, tiles);
  }
  const reported = objects.filter(isReported);
  found.push(...(runs('objects') ? reported : []));
  checkAbort(signal);

  // Image analysis on this thread while the readers finish.
  if (runs('screens')) found.push(...(await stage('screens', [] as Detection[], () => detectScreens(image, objects))));
  checkAbort(signal);
  if (runs('matchability')) {
    const beds = reported.filter((o) => o.label === 'bed').map((o) => o.box);
    const areas = await stage('matchability', [] as Detection[], async () => {
      const map = await matchabilityMap(image, mask, await averagedCopy(image, MATCHABILITY_WORK_SIDE));
      return [...map.regions, ...detectPatterns(map, beds)];
    });
    found.push(...areas);
  }
  checkAbort(signal);
  if (runs('windows')) found.push(...(await stage('windows', [] as Detection[], async () => detectWindows(image, mask, await averagedCopy(image, WINDOW_WORK_SIDE)))));
  checkAbort(signal);

  const { texts, lines } = await textPromise;
  const plates = runs('plates') ? await stage('plates', [] as Detection[], () => detectPlates(readers, image, reported, lines, signal)) : [];
  // A plate's characters would otherwise be reported twice, as text too.
  found.push(...texts.filter((t) => !plates.some((p) => coveredShare(t.box, p.box) > 0.5)), ...plates, ...(await codesPromise));
  checkAbort(signal);

  const detections = found
    .filter((d) => plan.categories.has(d.category))
    .map((d) => (mask ? { ...d, onPerson: Number(maskCoverage(mask, d.box, image.width, image.height).toFixed(3)) } : d));
  const readText = lines.filter(isReadable).map((l) => ({ text: l.text, box: l.box, confidence: Math.round(l.confidence * 100) / 100 }));
  return { detections, failedChecks: [...failed], readText };
}
