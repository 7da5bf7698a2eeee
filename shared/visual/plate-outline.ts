// A licence plate's whole outline from one line of text found on it. The line the plate finder
// reads is often only part of the plate (the state name strip above "627 WWI", or the characters
// without the slogan below), and covering that part leaves the rest readable. The outline joins
// every text line stacked on the same plate, then grows to a plate's shape: the main characters
// take at most about half a plate's height (US plates; European ones about two thirds) and most of
// its width. A margin covers the plate's rim.
import type { Box } from '../boxes.js';

/** Plate height over the height of its main characters (US: 6 in plate, 2.75 in characters). */
const PLATE_OVER_CHARACTERS = 2.2;
/** Main characters span at least this share of a plate's width. */
const CHARACTERS_WIDTH_SHARE = 0.8;
/** Margin on every side, as a share of the outline's size. */
const MARGIN = 0.08;

function union(a: Box, b: Box): Box {
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  return [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
}

function overlapX(a: Box, b: Box): number {
  return Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
}

function gapY(a: Box, b: Box): number {
  return Math.max(0, Math.max(a[1], b[1]) - Math.min(a[1] + a[3], b[1] + b[3]));
}

/**
 * A line lies on the same plate as the group when it shares the group's column (most of the
 * narrower one's width), sits within about a character's height above or below, and is no wider
 * or taller than a plate's lettering can be.
 */
function onSamePlate(group: Box, tallest: number, seed: Box, line: Box): boolean {
  const narrower = Math.min(group[2], line[2]);
  if (narrower <= 0 || overlapX(group, line) < 0.5 * narrower) return false;
  if (line[2] > 1.6 * Math.max(group[2], seed[2] / CHARACTERS_WIDTH_SHARE)) return false;
  if (line[3] > 3 * seed[3] || line[3] > line[2] * 1.2) return false;
  return gapY(group, line) <= 1.2 * Math.max(tallest, line[3]);
}

/** The plate's outline, in the same pixels as the boxes given, clamped to the picture. */
export function plateOutline(seed: Box, lines: readonly Box[], width: number, height: number): Box {
  let group: Box = [...seed];
  let tallest = seed[3];
  let widest = seed[2];
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
      widest = Math.max(widest, line[2]);
      left.splice(i, 1);
      grew = true;
    }
  }
  const cx = group[0] + group[2] / 2;
  const cy = group[1] + group[3] / 2;
  const w = Math.max(group[2], widest / CHARACTERS_WIDTH_SHARE) * (1 + 2 * MARGIN);
  const h = Math.max(group[3], tallest * PLATE_OVER_CHARACTERS) * (1 + 2 * MARGIN);
  const x0 = Math.max(0, cx - w / 2);
  const y0 = Math.max(0, cy - h / 2);
  const x1 = Math.min(width, cx + w / 2);
  const y1 = Math.min(height, cy + h / 2);
  return [x0, y0, x1 - x0, y1 - y0];
}
