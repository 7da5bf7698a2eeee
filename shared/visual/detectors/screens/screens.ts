// Uses Node (OpenCV wasm via engine/opencv.ts, sharp via engine/pyramid.ts).
//
// Screens the COCO model misses (TVs at an angle, a lit monitor on a dark wall, a switched-off
// set): four-sided outlines (screens-geometry.ts) whose surroundings look like a screen
// (screens-evidence.ts). General rules only, no per-photo thresholds:
//  - lit: a dark, even band (the bezel) just outside the outline and a clearly brighter display
//    inside it;
//  - off or seen from its edge: a dark, even band just inside the outline, the middle dark and
//    even too (glass) or lit, and a clearly brighter room around it;
//  - big enough to matter (a screen under 0.5% of the photo shows nothing readable), and face-on
//    outlines with a screen's proportions (4:3 to 2:1).
// Mirrors and framed pictures share the shape; their frames are rarely as dark and even as a
// bezel, which is what rejects them here.
import { coveredShare } from '../../../boxes.js';
import { downscale } from '../../engine/pyramid.js';
import { findQuads } from './screens-geometry.js';
import type { Box, Quad } from './screens-geometry.js';
import { boxIou } from './screens-geometry.js';
import { BAND_SHARE, integralImages, measureQuad } from './screens-evidence.js';
import type { QuadEvidence, RegionStats } from './screens-evidence.js';
import type { VisualCategory } from '../../../findings.js';
import type { Detection, RgbImage } from '../../types.js';

/** The raw label this detector emits (the category table maps it to 'screen'). */
export const SCREEN_LABEL = 'screen-geometric';

/** Enough pixels to see a bezel a few pixels wide; small enough to stay well under 0.1 s. */
const WORK_SIDE = 640;
const MIN_AREA_SHARE = 0.005;
/** Bounding-box share: beyond this it is a photo of a screen, or the outline is the photo's own edge. */
const MAX_AREA_SHARE = 0.5;
/** Bezels are black or near-black plastic: mean grey level and its spread in the band. */
const BEZEL_MAX_MEAN = 50;
const BEZEL_MAX_STD = 25;
/** Bezels are neutral black or grey; a brown or coloured dark band is wood, leather or fabric. */
const BEZEL_MAX_SATURATION = 20;
/** A lit display is this much brighter than its bezel; so is the room around an off set. */
const LIT_CONTRAST = 60;
const GLASS_MAX_MEAN = 55;
const GLASS_MAX_STD = 20;
/** Switched-off glass reflects the room without colour: mean max-min of R, G, B. */
const GLASS_MAX_SATURATION = 8;
/** The set's outer band when the glass is dark: often lit unevenly (glare, water, clutter). */
const SET_EDGE_MAX_MEAN = 55;
/** The object model naming the same region as something else (a microwave, a traffic light) wins. */
const OTHER_OBJECT_IOU = 0.5;
/** Face-on outlines (fill near 1) must have a screen's proportions; perspective ones cannot be judged. */
const FACE_ON_FILL = 0.85;
const MIN_ASPECT = 1.2;
const MAX_ASPECT = 2.1;
const MAX_BOX_ELONGATION = 3;
const INSIDE_VEHICLE = 0.8;
const MAX_RESULTS = 4;

/** How much a quadrilateral looks like a screen, 0 (not at all) to 1. Exported for tests. */
export function screenLikeness(e: QuadEvidence): number {
  const evenDark = (s: RegionStats): boolean => s.mean < BEZEL_MAX_MEAN && s.std < BEZEL_MAX_STD && s.saturation < BEZEL_MAX_SATURATION;
  // Outline = the display's edge: bezel outside, picture inside.
  const lit = evenDark(e.outer) && e.core.mean > e.outer.mean + LIT_CONTRAST;
  // Outline = the set's edge: bezel inside, then dark glass or a lit picture, in a brighter room.
  const brighterRoom = e.surround.mean > e.inner.mean + 40;
  const framed = evenDark(e.inner) && e.core.mean > e.inner.mean + LIT_CONTRAST && brighterRoom;
  // Switched off: dark, even, colourless glass inside a dark edge, in a brighter room.
  const glass =
    e.core.mean < GLASS_MAX_MEAN && e.core.std < GLASS_MAX_STD && e.core.saturation < GLASS_MAX_SATURATION && e.inner.mean < SET_EDGE_MAX_MEAN && brighterRoom;
  if (!lit && !framed && !glass) return 0;
  const band = lit ? e.outer : e.inner;
  // Darker and more even bezels, and stronger contrast with the display, score higher.
  const darkness = Math.max(0, 1 - band.mean / BEZEL_MAX_MEAN);
  const evenness = Math.max(0, 1 - band.std / BEZEL_MAX_STD);
  return Math.min(1, 0.45 + 0.3 * darkness + 0.25 * evenness);
}

function plausibleShape(q: Quad, width: number, height: number): boolean {
  const share = (q.box[2] * q.box[3]) / (width * height);
  if (share < MIN_AREA_SHARE || share > MAX_AREA_SHARE) return false;
  // The bands around the outline must be in the photo to be judged: a screen cut by the edge is not.
  const [x, y, w, h] = q.box;
  const band = BAND_SHARE * Math.min(w, h);
  if (x < band || y < band || x + w > width - band || y + h > height - band) return false;
  // Even a screen seen at a steep angle keeps its far edge in view: no sliver outlines (door edges, poles).
  if (Math.max(q.box[2], q.box[3]) > MAX_BOX_ELONGATION * Math.min(q.box[2], q.box[3])) return false;
  if (q.fill >= FACE_ON_FILL) return q.aspect >= MIN_ASPECT && q.aspect <= MAX_ASPECT;
  return true;
}

/**
 * Screens found from shape and bezel, as raw detections in original-image pixels. Candidates
 * overlapping a screen the object model already reported (among `known`) are left out.
 */
export async function detectScreens(image: RgbImage, known: readonly { category: VisualCategory | null; box: Box; label?: string }[] = []): Promise<Detection[]> {
  const modelScreens = known.filter((k) => k.category === 'screen');
  const modelOthers = known.filter((k) => k.category !== 'face' && k.category !== 'person' && k.category !== 'screen');
  const { image: small, scale } = await downscale(image, WORK_SIDE);
  const quads = await findQuads(small);
  const ii = integralImages(small);
  const found: Array<{ box: Box; confidence: number }> = [];
  for (const q of quads) {
    if (!plausibleShape(q, small.width, small.height)) continue;
    const confidence = screenLikeness(measureQuad(ii, q.box));
    if (confidence <= 0) continue;
    const box: Box = [q.box[0] * scale, q.box[1] * scale, q.box[2] * scale, q.box[3] * scale];
    if (modelOthers.some((o) => boxIou(o.box, box) >= OTHER_OBJECT_IOU)) continue;
    // Inside a car, a dark glossy quadrilateral is a window, grille or plate surround.
    if (modelOthers.some((o) => o.category === 'vehicle' && coveredShare(box, o.box) >= INSIDE_VEHICLE)) continue;
    found.push({ box, confidence });
  }
  found.sort((a, b) => b.confidence - a.confidence);
  const kept: Array<{ box: Box; confidence: number }> = [];
  for (const f of found) {
    const clash = [...kept.map((k) => k.box), ...modelScreens.map((k) => k.box)].some((b) => boxIou(b, f.box) > 0.3);
    if (!clash) kept.push(f);
    if (kept.length >= MAX_RESULTS) break;
  }
  return kept.map((k) => ({
    category: 'screen',
    label: SCREEN_LABEL,
    value: 'screen',
    box: k.box.map((v) => Math.round(v)) as Box,
    score: Math.round(k.confidence * 100) / 100,
  }));
}

