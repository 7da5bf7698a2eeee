// Precision and recall per category, as the backgrounds issue defines them: a detection matches
// an unmatched label of the same category when IoU ≥ 0.3; an unmatched detection is false only
// when the photo's `labelled` list covers its category ('all' covers everything).
import { iou } from '../../shared/boxes.js';
import type { Box } from './scenes.js';

export interface Detection {
  category: string;
  box: Box;
  confidence: number;
}

export interface Tally {
  labels: number;
  found: number;
  truePositives: number;
  falsePositives: number;
  /** Photos whose labels cover the category and show none of it. */
  photosWithout: number;
  /** False positives on those photos: what a user sees on a photo that has none of the thing. */
  falseOnPhotosWithout: number;
}

export const emptyTally = (): Tally => ({ labels: 0, found: 0, truePositives: 0, falsePositives: 0, photosWithout: 0, falseOnPhotosWithout: 0 });

export const MATCH_IOU = 0.3;

export { iou };

/**
 * Adds one photo's results to the per-category tallies. `categories`: every category scored, so
 * that a photo covering one and showing none of it counts among the photos without it.
 */
export function scorePhoto(
  tallies: Map<string, Tally>,
  truth: { category: string; box: Box }[],
  detections: Detection[],
  covers: (category: string) => boolean,
  categories: readonly string[] = [],
): void {
  const tally = (c: string): Tally => {
    let t = tallies.get(c);
    if (!t) tallies.set(c, (t = emptyTally()));
    return t;
  };
  for (const t of truth) tally(t.category).labels++;
  const absent = new Set(categories.filter((c) => covers(c) && !truth.some((t) => t.category === c)));
  for (const c of absent) tally(c).photosWithout++;
  const matched = new Set<number>();
  for (const d of [...detections].sort((a, b) => b.confidence - a.confidence)) {
    let best = -1;
    let bestIou = MATCH_IOU;
    truth.forEach((t, i) => {
      if (t.category !== d.category || matched.has(i)) return;
      const v = iou(t.box, d.box);
      if (v >= bestIou) [best, bestIou] = [i, v];
    });
    if (best >= 0) {
      matched.add(best);
      tally(d.category).truePositives++;
      tally(d.category).found++;
    } else if (covers(d.category)) {
      tally(d.category).falsePositives++;
      if (absent.has(d.category)) tally(d.category).falseOnPhotosWithout++;
    }
  }
}

export function precision(t: Tally): number | null {
  const n = t.truePositives + t.falsePositives;
  return n > 0 ? t.truePositives / n : null;
}

export function recall(t: Tally): number | null {
  return t.labels > 0 ? t.found / t.labels : null;
}

/** False positives per photo on the photos that show none of the category (null: no such photo). */
export function falsePerPhotoWithout(t: Tally): number | null {
  return t.photosWithout > 0 ? t.falseOnPhotosWithout / t.photosWithout : null;
}
