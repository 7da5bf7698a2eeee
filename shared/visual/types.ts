// Plain data shared by every visual detector: an upright RGB picture in memory, and options.
import type { VisualCategory } from '../findings.js';
import type { PersonalMatcher } from '../scan/request.js';

export type { RgbImage } from '../image/rgb.js';

export interface VisualOptions {
  /** Only look for these categories (default: all). */
  categories?: VisualCategory[];
  signal?: AbortSignal;
  /** Words from the user's exposure checklist (street, name, school...): text matching them is critical. */
  personalTerms?: string[];
  /** The checklist's matcher (ScanRequest.matcher); takes precedence over personalTerms. */
  matcher?: PersonalMatcher;
}

/** A one-channel mask at the image's own size (or smaller, with its own size): 0 = background, 255 = person. */
export interface PersonMask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** What a detector returns before the orchestrator turns it into a Finding. */
export interface RawDetection {
  /** The model's own label (COCO name, our detector's label...); LABEL_TO_CATEGORY maps it. */
  label: string;
  /** [x, y, w, h] in original-image pixels. */
  box: [number, number, number, number];
  confidence: number;
  value?: string;
  /** Optional hint that raises the severity (e.g. text that looks like an address). */
  severityHint?: 'critical' | 'high' | 'medium' | 'low';
  /** Optional extra words for the title, e.g. "a phone number". */
  detail?: string;
  /** Finding.kind: what the text says (address, phone...), for the copy policy. */
  kind?: string;
}
