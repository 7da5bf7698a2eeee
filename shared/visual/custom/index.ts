// The custom detectors for what no shipped model has a class for: doors and door handles (small
// heads trained on pretrained CenterNet features), windows and outside views, and distinctive
// patterns (from the matchability map). Everything runs on small working copies to stay cheap on
// two cores.
import type { Finding } from '../../findings.js';
import { matchabilityMap } from '../detectors/patterns/matchability.js';
import { detectDoorsAndHandles } from '../detectors/doors/doors.js';
import { detectPatterns } from '../detectors/patterns/patterns.js';
import type { CustomHints, PersonMask, RgbImage } from './types.js';
import { detectWindows } from '../detectors/windows/windows.js';

export type { Box, CustomHints, PersonMask, RgbImage } from './types.js';

export async function detectCustom(image: RgbImage, mask?: PersonMask, hints: CustomHints = {}): Promise<Finding[]> {
  const map = await matchabilityMap(image, mask);
  return [...(await detectDoorsAndHandles(image, map.keypoints, mask, hints.handleMethod, hints.doorMethod)), ...detectWindows(image, mask), ...detectPatterns(map, hints)];
}
