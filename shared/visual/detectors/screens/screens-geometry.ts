// Uses Node (OpenCV's wasm build through the shared loader in engine/opencv.ts).
//
// Screen candidates from shape alone: closed outlines that simplify to a convex four-sided
// polygon (a TV, monitor, laptop lid or phone seen more or less face on, or in perspective).
// Whether a candidate is a screen is judged elsewhere (screens-evidence.ts) from what lies
// inside and around it; this file only finds the quadrilaterals.
import { loadOpenCv } from '../../engine/opencv.js';
import type { OpenCv } from '../../engine/opencv.js';
import type { RgbImage } from '../../types.js';

export type { Box } from '../../../boxes.js';
import { iou as boxIou, type Box } from '../../../boxes.js';

export interface Quad {
  /** Corners in working-image pixels. */
  corners: Array<[number, number]>;
  /** Axis-aligned bounds in working-image pixels. */
  box: Box;
  /** Polygon area over bounding-box area: 1 for an upright rectangle, lower in perspective. */
  fill: number;
  /** Long side over short side of the quadrilateral (mean of opposite sides). */
  aspect: number;
}

/** Smallest candidate, as a share of the picture: a laptop across a room is about 0.2%. */
const MIN_AREA_SHARE = 0.0015;
/** A screen filling most of the frame is a screenshot or a photo of a screen; not what we look for here. */
const MAX_AREA_SHARE = 0.5;
const MAX_ASPECT = 3.2;

/** Grey levels below which a region counts as dark, for the threshold pass. */
const DARK_LEVELS = [40, 70, 100];
const OPEN_SIDE = 7;

function collectQuads(cv: OpenCv, binary: OpenCv, image: RgbImage, quads: Quad[]): void {
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    cv.findContours(binary, contours, hierarchy, cv.RETR_LIST, cv.CHAIN_APPROX_SIMPLE);
    const total = image.width * image.height;
    for (let i = 0; i < contours.size(); i++) {
      const contour = contours.get(i);
      const area = cv.contourArea(contour);
      if (area < MIN_AREA_SHARE * total || area > MAX_AREA_SHARE * total) {
        contour.delete();
        continue;
      }
      // The hull first: a display's content or a reflection bites notches into the outline.
      const hull = new cv.Mat();
      cv.convexHull(contour, hull, false, true);
      const poly = new cv.Mat();
      cv.approxPolyDP(hull, poly, 0.03 * cv.arcLength(hull, true), true);
      hull.delete();
      if (poly.rows === 4 && cv.isContourConvex(poly)) {
        const corners: Array<[number, number]> = [];
        for (let k = 0; k < 4; k++) corners.push([poly.data32S[k * 2]!, poly.data32S[k * 2 + 1]!]);
        const rect = cv.boundingRect(poly);
        const polyArea = cv.contourArea(poly);
        const [a, b, c, d] = corners as [[number, number], [number, number], [number, number], [number, number]];
        const s1 = (sideLength(a, b) + sideLength(c, d)) / 2;
        const s2 = (sideLength(b, c) + sideLength(d, a)) / 2;
        const aspect = Math.max(s1, s2) / Math.max(1, Math.min(s1, s2));
        if (aspect <= MAX_ASPECT) {
          quads.push({ corners, box: [rect.x, rect.y, rect.width, rect.height], fill: polyArea / Math.max(1, rect.width * rect.height), aspect });
        }
      }
      poly.delete();
      contour.delete();
    }
  } finally {
    contours.delete();
    hierarchy.delete();
  }
}

/** Grey 8-bit copy of an RGB picture, as an OpenCV Mat the caller must delete. */
export function greyMat(cv: OpenCv, image: RgbImage): OpenCv {
  const rgb = cv.matFromArray(image.height, image.width, cv.CV_8UC3, image.data);
  const grey = new cv.Mat();
  cv.cvtColor(rgb, grey, cv.COLOR_RGB2GRAY);
  rgb.delete();
  return grey;
}

function sideLength(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Convex quadrilaterals outlined by edges in the picture, largest first, duplicates dropped. */
export async function findQuads(image: RgbImage): Promise<Quad[]> {
  const { cv } = await loadOpenCv();
  const grey = greyMat(cv, image);
  const blurred = new cv.Mat();
  const edges = new cv.Mat();
  const quads: Quad[] = [];
  try {
    cv.GaussianBlur(grey, blurred, new cv.Size(3, 3), 0);
    cv.Canny(blurred, edges, 40, 120);
    // Close one-pixel gaps so a bezel's outline stays one contour.
    const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3));
    cv.dilate(edges, edges, kernel);
    kernel.delete();
    collectQuads(cv, edges, image, quads);
    // Edges miss a dark screen whose outline is broken by glare or clutter; a dark (off) screen or
    // a bezel is still a dark region of its own, so outlines of dark levels are searched too.
    const binary = new cv.Mat();
    // Opening cuts the thin dark bridges (shadows, cables, ripples) that join a screen to its surroundings.
    const opener = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(OPEN_SIDE, OPEN_SIDE));
    for (const level of DARK_LEVELS) {
      cv.threshold(blurred, binary, level, 255, cv.THRESH_BINARY_INV);
      // A thin bezel is a ring the opening would erase: look before and after.
      collectQuads(cv, binary, image, quads);
      cv.morphologyEx(binary, binary, cv.MORPH_OPEN, opener);
      collectQuads(cv, binary, image, quads);
    }
    opener.delete();
    binary.delete();
  } finally {
    for (const m of [grey, blurred, edges]) m.delete();
  }
  return dedupe(quads.sort((p, q) => q.box[2] * q.box[3] - p.box[2] * p.box[3]));
}

/** The dilated edge gives each outline twice (its inner and outer side); keep one of each. */
function dedupe(quads: Quad[]): Quad[] {
  const kept: Quad[] = [];
  for (const q of quads) {
    if (!kept.some((k) => boxIou(k.box, q.box) > 0.85)) kept.push(q);
  }
  return kept;
}

export { boxIou };
