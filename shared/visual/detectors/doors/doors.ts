// Doors and door handles: no shipped model has these classes. Both come from small heads trained
// on the features of the pretrained COCO CenterNet (default, feature-head.ts; one backbone pass
// serves both); the earlier methods, isolated clusters of detail on a plain panel
// (handles-detail.ts) and linear HOG window models (scripts/train/train-door-detectors.ts), stay
// selectable for comparison.
// Handles matter most: their design is distinctive enough to match a flat or hotel room from
// listing photos.
import type { Finding } from '../../../findings.js';
import doorModelJson from '../../../../bench/compare/models/door-hog.json' with { type: 'json' };
import handleModelJson from '../../../../bench/compare/models/door-handle-hog.json' with { type: 'json' };
import { baseGray, runHogDetector } from '../../../../bench/compare/hog-detector.js';
import { coveredBy } from '../pixels/image-ops.js';
import type { HogDetectorModel } from '../../../../bench/compare/sliding-window.js';
import type { Box, DoorMethod, HandleMethod, PersonMask, RgbImage } from '../../custom/types.js';
import { visualFinding } from '../../findings/to-findings.js';
import { maskShare } from '../pixels/mask-share.js';
import { detailHandles } from '../../../../bench/compare/handles-detail.js';
import { detectWithHeads, type HeadLabel } from './feature-head.js';

const HANDLE_MODEL = handleModelJson as HogDetectorModel;
const DOOR_MODEL = doorModelJson as HogDetectorModel;
/** A detection mostly on the person is the person (a hand, a sleeve), not the background. */
const MAX_PERSON_SHARE = 0.5;

/** keypoints: the background keypoints of the matchability map (image pixels). */
export async function detectDoorsAndHandles(
  image: RgbImage,
  keypoints: [number, number][],
  mask?: PersonMask,
  method: HandleMethod = 'pretrained',
  doorMethod: DoorMethod = 'pretrained',
): Promise<Finding[]> {
  const labels: HeadLabel[] = [...(method === 'pretrained' ? (['door-handle'] as const) : []), ...(doorMethod === 'pretrained' ? (['door'] as const) : [])];
  const heads = labels.length ? await detectWithHeads(image, labels) : undefined;
  // The grey working copy only the HOG models read.
  let base: ReturnType<typeof baseGray> | undefined;
  const gray = (): ReturnType<typeof baseGray> => (base ??= baseGray(image, HANDLE_MODEL.baseSide));
  const raw = heads?.['door-handle'] ?? (method === 'hog' ? runHogDetector(HANDLE_MODEL, gray(), 4) : detailHandles(image, keypoints));
  const handles = raw.filter((d) => maskShare(mask, image, d.box) < MAX_PERSON_SHARE);
  const doors = (heads?.door ?? runHogDetector(DOOR_MODEL, gray(), 3)).filter((d) => maskShare(mask, image, d.box) < MAX_PERSON_SHARE);
  const findings: Finding[] = [];
  handles.forEach((h, i) => {
    // For the heuristic methods a handle inside a detected door is more believable; the trained
    // head's score is reported as is (its threshold is chosen on held-out photos).
    const inDoor = method !== 'pretrained' && doors.some((d) => coveredBy(h.box, d.box) > 0.8);
    findings.push(visualFinding('door-handle', clip(h.box, image), Math.min(1, h.confidence + (inDoor ? 0.1 : 0)), i));
  });
  doors.forEach((d, i) => findings.push(visualFinding('door', clip(d.box, image), d.confidence, i)));
  return findings;
}

function clip(box: Box, image: RgbImage): Box {
  const x = Math.max(0, box[0]);
  const y = Math.max(0, box[1]);
  return [x, y, Math.min(image.width, box[0] + box[2]) - x, Math.min(image.height, box[1] + box[3]) - y];
}
