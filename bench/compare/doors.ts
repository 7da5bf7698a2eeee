// Earlier door and door-handle methods, kept only to compare with the shipped heads in
// `npm run eval -- --handles detail|hog --doors hog`: linear HOG window models (trained by
// scripts/train/train-door-detectors.ts, weights in bench/compare/models) and isolated clusters of
// detail on a plain panel (handles-detail.ts). The app ships none of this.
import { coveredShare } from '../../shared/boxes.js';
import { doorDetections } from '../../shared/visual/detectors/doors/doors.js';
import type { HeadDetection } from '../../shared/visual/detectors/doors/feature-head.js';
import { matchabilityMap } from '../../shared/visual/detectors/patterns/matchability.js';
import type { Detection, RgbImage } from '../../shared/visual/types.js';
import { detailHandles } from './handles-detail.js';
import { baseGray, runHogDetector } from './hog-detector.js';
import doorModelJson from './models/door-hog.json' with { type: 'json' };
import handleModelJson from './models/door-handle-hog.json' with { type: 'json' };
import type { HogDetectorModel } from './sliding-window.js';

export type HandleMethod = 'pretrained' | 'detail' | 'hog';
export type DoorMethod = 'pretrained' | 'hog';

const HANDLE_MODEL = handleModelJson as HogDetectorModel;
const DOOR_MODEL = doorModelJson as HogDetectorModel;

/** The shipped detections with doors and/or handles replaced by an earlier method's. */
export async function withEarlierDoorMethods(image: RgbImage, shipped: readonly Detection[], handles: HandleMethod, doors: DoorMethod): Promise<Detection[]> {
  if (handles === 'pretrained' && doors === 'pretrained') return [...shipped];
  let base: ReturnType<typeof baseGray> | undefined;
  const gray = (): ReturnType<typeof baseGray> => (base ??= baseGray(image, HANDLE_MODEL.baseSide));
  const doorBoxes: HeadDetection[] =
    doors === 'hog' ? runHogDetector(DOOR_MODEL, gray(), 3) : shipped.filter((d) => d.category === 'door').map((d) => ({ box: d.box, confidence: d.score }));
  let handleBoxes: HeadDetection[];
  if (handles === 'hog') handleBoxes = runHogDetector(HANDLE_MODEL, gray(), 4);
  else if (handles === 'detail') handleBoxes = detailHandles(image, (await matchabilityMap(image)).keypoints);
  else handleBoxes = shipped.filter((d) => d.category === 'door-handle').map((d) => ({ box: d.box, confidence: d.score }));
  if (handles !== 'pretrained') {
    // For the heuristic methods a handle inside a detected door is more believable.
    handleBoxes = handleBoxes.map((h) => ({ box: h.box, confidence: Math.min(1, h.confidence + (doorBoxes.some((d) => coveredShare(h.box, d.box) > 0.8) ? 0.1 : 0)) }));
  }
  const replaced = doorDetections({ 'door-handle': handleBoxes, door: doorBoxes }, image);
  return [...shipped.filter((d) => d.category !== 'door' && d.category !== 'door-handle'), ...replaced];
}
