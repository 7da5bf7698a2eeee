// Plain data shared by the engine, the detectors and the findings: the picture, the person mask,
// and what a detector reports (a Detection: raw, scored, in image pixels, with no wording).
import type { VisualCategory } from '../findings.js';
import type { PersonalMatcher } from '../scan/request.js';
import type { RgbImage } from '../image/rgb.js';

export type { RgbImage } from '../image/rgb.js';
export type { Box } from '../boxes.js';
import type { Box } from '../boxes.js';

/** A one-channel mask at the image's own size (or smaller, with its own size): 0 = background, 255 = person. */
export interface PersonMask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A smaller copy of the picture and the factor from its pixels to the original's (original = copy / scale). */
export interface WorkingCopy {
  image: RgbImage;
  scale: number;
}

/**
 * One thing a detector saw: raw and scored, with no wording (the category table and toFindings()
 * turn detections into findings). The stream guard's tracker follows these from frame to frame.
 */
export interface Detection {
  category: VisualCategory;
  /** The detector's own label: a COCO name ('car', 'tv'), or ours ('door handle', 'qr code', 'screen-geometric'...). */
  label: string;
  /** [x, y, w, h] in pixels of the picture given to detect() (the upright original), rounded. */
  box: Box;
  /** 0..1: the model's score or the detector's confidence. */
  score: number;
  /** What was read: the text of a sign or a plate, the content of a code. */
  value?: string;
  /** A finer kind: what the text says ('address', 'phone', 'personal'...), 'bedding' for a patterned bed. */
  kind?: string;
  /** Share (0..1) of the box that lies on a person (the person mask), when the mask was made. */
  onPerson?: number;
}

export interface VisualOptions {
  /** Only look for these categories (default: all). */
  categories?: VisualCategory[];
  signal?: AbortSignal;
  /** Words from the user's exposure checklist (street, name, school...): text matching them is critical. */
  personalTerms?: string[];
  /** The checklist's matcher (ScanRequest.matcher); takes precedence over personalTerms. */
  matcher?: PersonalMatcher;
}
