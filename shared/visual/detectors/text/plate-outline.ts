// A licence plate's whole outline from one line of text found on it. The line the plate finder
// reads is often only part of the plate (the state name strip above "627 WWI", or the characters
// without the slogan below), and covering that part leaves the rest readable. The outline joins
// every text line stacked on the same plate, then follows the plate's own background (the colour
// between the characters) up, down and sideways until the bumper begins, within a plate's shape,
// and adds a margin for the rim.
import type { Box } from '../../../boxes.js';
import type { RgbImage } from '../../types.js';

/** How far the plate may reach beyond its lines: a US plate is about 2.2 times its characters' height. */
const MAX_HEIGHT_OVER_CHARACTERS = 2.4;
/** The characters always get at least this much room in height (about a European plate). */
const MIN_HEIGHT_OVER_CHARACTERS = 1.3;
const MAX_WIDEN = 0.25;
/** Margin on every side, as a share of the outline's size. */
const MARGIN = 0.08;
/** A row or column belongs to the plate while this share of it has the plate's background colour. */
const BACKGROUND_SHARE = 0.45;
const COLOUR_DISTANCE = 70;

function union(a: Box, b: Box): Box {
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  return [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * A line lies on the same plate as the group when it shares the group's column, sits within about
 * a character's height above or below (or on the same row), is wide enough to be plate lettering
 * rather than a badge above it, and no wider or taller than a plate's lettering can be.
 */
function onSamePlate(group: Box, tallest: number, seed: Box, line: Box): boolean {
  const narrower = Math.min(group[2], line[2]);
  if (narrower <= 0 || overlap(group[0], group[0] + group[2], line[0], line[0] + line[2]) < 0.5 * narrower) return false;
  const sameRow = overlap(group[1], group[1] + group[3], line[1], line[1] + line[3]) >= 0.5 * line[3];
  if (!sameRow && line[2] < 0.3 * group[2]) return false;
  if (line[2] > 1.6 * Math.max(group[2], seed[2])) return false;
  if (line[3] > 3 * seed[3] || line[3] > line[2] * 1.2) return false;
  const gap = Math.max(0, Math.max(group[1], line[1]) - Math.min(group[1] + group[3], line[1] + line[3]));
  return gap <= 1.2 * Math.max(tallest, line[3]);
}

/** The plate's background: the mean colour of the brighter half of the pixels around its letters. */
function backgroundOf(image: RgbImage, box: Box): [number, number, number] {
  const [x0, y0, x1, y1] = [Math.max(0, Math.floor(box[0])), Math.max(0, Math.floor(box[1])), Math.min(image.width, Math.ceil(box[0] + box[2])), Math.min(image.height, Math.ceil(box[1] + box[3]))];
  const px: Array<[number, number, number, number]> = [];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 3;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      px.push([0.299 * r + 0.587 * g + 0.114 * b, r, g, b]);
    }
  }
  px.sort((a, b) => a[0] - b[0]);
  const bright = px.slice(Math.floor(px.length / 2));
  const mean = [1, 2, 3].map((c) => bright.reduce((s, p) => s + p[c]!, 0) / Math.max(1, bright.length));
  return [mean[0]!, mean[1]!, mean[2]!];
}

/** Share of a row (or column) segment whose colour is the plate's background. */
function backgroundShare(image: RgbImage, bg: readonly number[], fixed: number, from: number, to: number, row: boolean): number {
  let hit = 0;
  let n = 0;
  for (let v = Math.max(0, from); v < Math.min(row ? image.width : image.height, to); v++) {
    const [x, y] = row ? [v, fixed] : [fixed, v];
    const i = (y * image.width + x) * 3;
    const d = Math.abs(image.data[i]! - bg[0]!) + Math.abs(image.data[i + 1]! - bg[1]!) + Math.abs(image.data[i + 2]! - bg[2]!);
    if (d < COLOUR_DISTANCE) hit++;
    n++;
  }
  return n > 0 ? hit / n : 0;
}

/** Steps from `start` by `step` while the plate's background continues, at most `limit` steps. */
function follow(limit: number, isPlate: (k: number) => boolean): number {
  let k = 0;
  while (k < limit && isPlate(k)) k++;
  return k;
}

/** The plate's outline, in the same pixels as the boxes given, clamped to the picture. */
export function plateOutline(seed: Box, lines: readonly Box[], image: RgbImage): Box {
  let group: Box = [...seed];
  let tallest = seed[3];
  const left = lines.filter((l) => l[2] > 0 && l[3] > 0);
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = left.length - 1; i >= 0; i--) {
      const line = left[i]!;
      if (!onSamePlate(group, tallest, seed, line)) continue;
      const joined = union(group, line);
      if (joined[3] > joined[2] * 1.2) continue; // a plate is wider than tall
      group = joined;
      tallest = Math.max(tallest, line[3]);
      left.splice(i, 1);
      grew = true;
    }
  }
  const bg = backgroundOf(image, group);
  let [x0, y0, x1, y1] = [group[0], group[1], group[0] + group[2], group[1] + group[3]];
  const reach = Math.max(0, tallest * MAX_HEIGHT_OVER_CHARACTERS - group[3]);
  y1 += follow(Math.ceil(reach), (k) => backgroundShare(image, bg, Math.round(y1 + k), x0, x1, true) >= BACKGROUND_SHARE);
  y0 -= follow(Math.ceil(reach), (k) => backgroundShare(image, bg, Math.round(y0 - 1 - k), x0, x1, true) >= BACKGROUND_SHARE);
  const widen = Math.ceil(group[2] * MAX_WIDEN);
  x1 += follow(widen, (k) => backgroundShare(image, bg, Math.round(x1 + k), y0, y1, false) >= BACKGROUND_SHARE);
  x0 -= follow(widen, (k) => backgroundShare(image, bg, Math.round(x0 - 1 - k), y0, y1, false) >= BACKGROUND_SHARE);
  // The characters always get room, whatever the background did.
  const minH = tallest * MIN_HEIGHT_OVER_CHARACTERS;
  if (y1 - y0 < minH) {
    const cy = (y0 + y1) / 2;
    [y0, y1] = [cy - minH / 2, cy + minH / 2];
  }
  const mx = (x1 - x0) * MARGIN;
  const my = (y1 - y0) * MARGIN;
  const [cx0, cy0] = [Math.max(0, x0 - mx), Math.max(0, y0 - my)];
  const [cx1, cy1] = [Math.min(image.width, x1 + mx), Math.min(image.height, y1 + my)];
  return [cx0, cy0, cx1 - cx0, cy1 - cy0];
}
