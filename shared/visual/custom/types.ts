// Image types the custom detectors work on. RgbImage and PersonMask mirror the shapes exported by
// shared/visual/index.ts (the orchestrator); kept structural here so the custom detectors do not
// import the orchestrator (which imports them).

export type { RgbImage } from '../../image/rgb.js';

/** Person segmentation: 0 = background, 255 = person. Any size; it is scaled to the image. */
export interface PersonMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** [x, y, w, h] in pixels, top-left origin. */
export type { Box } from '../../boxes.js';
import type { Box } from '../../boxes.js';

/** Boxes found by other detectors that make a custom finding more (or less) likely. */
export interface CustomHints {
  /** Bed boxes from the object detector, in image pixels: patterned bedding inside ranks higher. */
  beds?: Box[];
  /** Door-handle method; the default is best, the others stay for comparison in `npm run eval`. */
  handleMethod?: HandleMethod;
  /** Door method, likewise. */
  doorMethod?: DoorMethod;
}

/** Door-handle methods: a head trained on pretrained CenterNet features (default,
 * assets/models/door-handle-head.json), isolated clusters of detail, or the linear HOG model
 * (assets/models/door-handle-hog.json). */
export type HandleMethod = 'pretrained' | 'detail' | 'hog';

/** Door methods: a head on the same pretrained features (default, assets/models/door-head.json)
 * or the linear HOG model (assets/models/door-hog.json). */
export type DoorMethod = 'pretrained' | 'hog';
