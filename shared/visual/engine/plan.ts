// Which detectors a call of detect() runs. A photo scan runs what its categories need; a stream
// frame can run only the cheap ones (one backbone pass and the small TF.js models) many times a
// second and the rest now and then.
import { VISUAL_CATEGORIES, type VisualCategory } from '../../findings.js';

export const DETECTORS = [
  /** The person mask (Human's selfie segmentation): what is on the person, what is behind. */
  'people',
  /** COCO objects from the backbone pass: people, vehicles, beds, screens, street furniture. */
  'objects',
  /** Faces (blazeface). */
  'faces',
  /** Doors and door handles: heads on the backbone's features (almost free after the pass). */
  'doors',
  /** A closer look at vehicles in tiles around those the first pass saw (a backbone pass per tile). */
  'vehicle-tiles',
  /** Screens from outline and bezel (OpenCV). */
  'screens',
  /** Windows and outside views (image analysis on a 256-px copy). */
  'windows',
  /** The matchability map (OpenCV ORB): easily matched areas, and distinctive patterns from it. */
  'matchability',
  /** Readable text (PaddleOCR, in the readers' thread). */
  'text',
  /** Licence plates: text shaped like a plate, and a second read of each large vehicle's plate area. */
  'plates',
  /** QR codes and barcodes (zxing, in the readers' thread). */
  'codes',
] as const;
export type DetectorName = (typeof DETECTORS)[number];

export interface DetectionPlan {
  /** The detectors to run. */
  detectors: ReadonlySet<DetectorName>;
  /** The categories to report (detections of others are dropped). */
  categories: ReadonlySet<VisualCategory>;
  /** Vehicle tiles at most (each is a backbone pass); see objects.ts. */
  maxVehicleTiles: number;
}

/**
 * Vehicle tiles per photo at most (a 4:3 photo has 6, a square one 9), taken only where the first
 * pass saw vehicles or people, most first. Measured on the 7 scenes with vehicles: every tile 39/54
 * found, 14 false, 43 backbone passes; tiles holding a vehicle or person, at most 6: the same
 * 39/54 and 14 in 35 passes; at most 5: 38/54; at most 4: 37/54.
 */
export const MAX_VEHICLE_TILES = 6;

/** What each category needs. The person mask serves every category (on the person or behind them). */
const NEEDS: Record<VisualCategory, readonly DetectorName[]> = {
  person: ['objects'],
  face: ['faces'],
  text: ['text'],
  screen: ['objects', 'screens'],
  bed: ['objects'],
  pattern: ['objects', 'matchability'],
  door: ['doors'],
  'door-handle': ['doors'],
  window: ['windows'],
  vehicle: ['objects', 'vehicle-tiles'],
  'licence-plate': ['objects', 'text', 'plates'],
  'street-furniture': ['objects'],
  code: ['codes'],
  mirror: [],
  'matchable-area': ['matchability'],
};

/** Every detector the categories need (all categories by default). */
export function planFor(categories: readonly VisualCategory[] = VISUAL_CATEGORIES): DetectionPlan {
  const detectors = new Set<DetectorName>(['people']);
  for (const c of categories) for (const d of NEEDS[c]) detectors.add(d);
  return { detectors, categories: new Set(categories), maxVehicleTiles: MAX_VEHICLE_TILES };
}

/** The whole picture check of a photo. */
export const FULL_PLAN: DetectionPlan = planFor();

/**
 * For video frames many times a second: the person mask, one backbone pass (objects, doors and
 * handles from its features), faces and windows; no reading (text, plates, codes), no tiles, no
 * OpenCV passes. Run the full plan on a frame now and then for the rest.
 */
export const CHEAP_PLAN: DetectionPlan = {
  detectors: new Set<DetectorName>(['people', 'objects', 'faces', 'doors', 'windows']),
  categories: new Set(VISUAL_CATEGORIES),
  maxVehicleTiles: 0,
};
