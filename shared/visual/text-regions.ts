// "Is there lettering here?", whatever the words: character-like blobs from local thresholding
// (dark-on-light and light-on-dark), chained into lines when neighbours share a size and a baseline,
// lines stacked into blocks. Class-agnostic and model-free (OpenCV's wasm build, shared loader),
// so signs, labels, posters and mail are found even where OCR cannot read them.
import { loadOpenCv } from './custom/opencv.js';
import type { OpenCv } from './custom/opencv.js';
import { downscale } from './decode.js';
import type { RgbImage } from './types.js';

export type { Box } from '../boxes.js';
import { iou, type Box } from '../boxes.js';
import { mergePairsUntilStable } from './merge-pairs.js';

export interface TextRegion {
  /** [x, y, w, h] in original-image pixels. */
  box: Box;
  /** 0..1: how strongly the blobs look like a line of characters. */
  score: number;
  /** Characters counted in the region. */
  chars: number;
  /** Lines run across (horizontal) or up/down (rotated by 90°). */
  orientation: 'horizontal' | 'vertical';
  /** Median character height (across the line) in original pixels. */
  charSize: number;
}

/** Regions are looked for on a copy this size (long side): small scene text survives, cost stays low. */
const WORK_SIDE = 1280;
/** Big lettering is looked for again on a copy this size, so one blob never has to be huge. */
const COARSE_SIDE = 480;
/** Longest side of a character blob at either scale: bigger blobs are leaves, shadows, panels. */
const MAX_CHAR = 48;

interface Blob {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: number;
  contrast: number;
}

function toGrey(image: RgbImage): Uint8Array {
  const { data, width, height } = image;
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = (data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8;
  return out;
}

/** Character-like connected components of one polarity of a locally thresholded image. */
function blobsOf(cv: OpenCv, grey: Uint8Array, width: number, height: number, darkText: boolean, block: number): Blob[] {
  const src = new cv.Mat(height, width, cv.CV_8UC1);
  const bin = new cv.Mat();
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  try {
    src.data.set(grey);
    // A pixel is "ink" when it is clearly darker (or lighter) than its neighbourhood.
    // (THRESH_BINARY keeps src > mean - C, so light ink needs a negative C.)
    cv.adaptiveThreshold(src, bin, 255, cv.ADAPTIVE_THRESH_MEAN_C, darkText ? cv.THRESH_BINARY_INV : cv.THRESH_BINARY, block, darkText ? 12 : -12);
    const n: number = cv.connectedComponentsWithStats(bin, labels, stats, centroids, 8, cv.CV_32S);
    const st: Int32Array = stats.data32S;
    const lab: Int32Array = labels.data32S;
    // Mean grey inside each component, to compare with its box's surroundings.
    const inkSum = new Float64Array(n);
    for (let i = 0; i < lab.length; i++) inkSum[lab[i]!]! += grey[i]!;
    const out: Blob[] = [];
    const maxSize = MAX_CHAR;
    for (let k = 1; k < n; k++) {
      const x = st[k * 5]!;
      const y = st[k * 5 + 1]!;
      const w = st[k * 5 + 2]!;
      const h = st[k * 5 + 3]!;
      const area = st[k * 5 + 4]!;
      const long = Math.max(w, h);
      const short = Math.min(w, h);
      if (long < 7 || long > maxSize || short < 2) continue;
      // Letters are neither hairlines nor solid slabs.
      if (long / short > 8) continue;
      const fill = area / (w * h);
      if (fill < 0.12 || fill > 0.92) continue;
      const ink = inkSum[k]! / area;
      out.push({ x, y, w, h, fill, contrast: boxContrast(grey, width, x, y, w, h, ink) });
    }
    return out;
  } finally {
    src.delete();
    bin.delete();
    labels.delete();
    stats.delete();
    centroids.delete();
  }
}

/** How far the ink is from the mean of its box's border ring (the background behind it). */
function boxContrast(grey: Uint8Array, width: number, x: number, y: number, w: number, h: number, ink: number): number {
  let sum = 0;
  let count = 0;
  const step = Math.max(1, Math.floor((w + h) / 24));
  for (let i = x; i < x + w; i += step) {
    sum += grey[y * width + i]! + grey[(y + h - 1) * width + i]!;
    count += 2;
  }
  for (let j = y; j < y + h; j += step) {
    sum += grey[j * width + x]! + grey[j * width + x + w - 1]!;
    count += 2;
  }
  return Math.abs(sum / count - ink);
}

/** Union-find over blob indices. */
function makeSets(n: number): { find: (i: number) => number; join: (a: number, b: number) => void } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  return { find, join: (a, b) => void (parent[find(a)] = find(b)) };
}

/** Neighbouring characters of one line: similar size, shared centre line, small gap. */
function sameLine(a: Blob, b: Blob, vertical: boolean): boolean {
  const [ah, bh] = vertical ? [a.w, b.w] : [a.h, b.h];
  const size = Math.max(ah, bh);
  if (size / Math.min(ah, bh) > 1.7) return false;
  const across = vertical ? Math.abs(a.x + a.w / 2 - (b.x + b.w / 2)) : Math.abs(a.y + a.h / 2 - (b.y + b.h / 2));
  if (across > size * 0.35) return false;
  const gap = vertical ? Math.max(a.y, b.y) - Math.min(a.y + a.h, b.y + b.h) : Math.max(a.x, b.x) - Math.min(a.x + a.w, b.x + b.w);
  if (gap > size * 0.9 || gap < -size * 0.3) return false;
  return Math.abs(a.contrast - b.contrast) < Math.max(a.contrast, b.contrast) * 0.6;
}

function spread(values: number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return mean > 0 ? sd / mean : 0;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Line {
  box: Box;
  blobs: Blob[];
  vertical: boolean;
  score: number;
}

/** Chains blobs into lines and scores how text-like each chain is. */
function chainLines(blobs: Blob[], vertical: boolean): Line[] {
  const order = blobs.map((_, i) => i).sort((i, j) => (vertical ? blobs[i]!.y - blobs[j]!.y : blobs[i]!.x - blobs[j]!.x));
  const sets = makeSets(blobs.length);
  for (let oi = 0; oi < order.length; oi++) {
    const a = blobs[order[oi]!]!;
    const aEnd = vertical ? a.y + a.h : a.x + a.w;
    const reach = (vertical ? a.w : a.h) * 1.7;
    for (let oj = oi + 1; oj < order.length; oj++) {
      const b = blobs[order[oj]!]!;
      if ((vertical ? b.y : b.x) > aEnd + reach) break;
      if (sameLine(a, b, vertical)) sets.join(order[oi]!, order[oj]!);
    }
  }
  const groups = new Map<number, Blob[]>();
  blobs.forEach((b, i) => {
    const r = sets.find(i);
    const g = groups.get(r) ?? [];
    g.push(b);
    groups.set(r, g);
  });
  const lines: Line[] = [];
  for (const g of groups.values()) {
    if (g.length < 3) continue;
    const x0 = Math.min(...g.map((b) => b.x));
    const y0 = Math.min(...g.map((b) => b.y));
    const x1 = Math.max(...g.map((b) => b.x + b.w));
    const y1 = Math.max(...g.map((b) => b.y + b.h));
    const along = g.map((b) => (vertical ? b.h : b.w));
    const across = g.map((b) => (vertical ? b.w : b.h));
    // Letters differ in width and fill; bricks, tiles and window panes repeat one shape.
    const shapeVariety = Math.min(1, (spread(along) + spread(g.map((b) => b.fill))) / 0.5);
    const sizeRegularity = Math.max(0, 1 - spread(across) / 0.35);
    const count = Math.min(1, (g.length - 2) / 5);
    const contrast = Math.min(1, median(g.map((b) => b.contrast)) / 60);
    // Letters of a word sit close together: ink blobs cover most of the line's length.
    const length = vertical ? y1 - y0 : x1 - x0;
    const coverage = Math.min(1, along.reduce((s, v) => s + v, 0) / length / 0.7);
    const score = (0.3 * shapeVariety + 0.2 * sizeRegularity + 0.25 * count + 0.25 * contrast) * (0.4 + 0.6 * coverage);
    lines.push({ box: [x0, y0, x1 - x0, y1 - y0], blobs: g, vertical, score });
  }
  return lines;
}

/** Stacks lines of one sign or label into a block: similar character size, overlapping span, small leading. */
function stackLines(lines: Line[]): Line[] {
  const sets = makeSets(lines.length);
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      if (a.vertical !== b.vertical) continue;
      const v = a.vertical;
      const sa = median(a.blobs.map((x) => (v ? x.w : x.h)));
      const sb = median(b.blobs.map((x) => (v ? x.w : x.h)));
      const size = Math.max(sa, sb);
      if (size / Math.min(sa, sb) > 2) continue;
      const [ax, ay, aw, ah] = a.box;
      const [bx, by, bw, bh] = b.box;
      const spanOverlap = v ? Math.min(ay + ah, by + bh) - Math.max(ay, by) : Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
      const leading = v ? Math.max(ax, bx) - Math.min(ax + aw, bx + bw) : Math.max(ay, by) - Math.min(ay + ah, by + bh);
      const shorter = Math.min(v ? ah : aw, v ? bh : bw);
      if (spanOverlap > shorter * 0.5 && leading < size * 0.7) sets.join(i, j);
    }
  }
  const groups = new Map<number, Line[]>();
  lines.forEach((l, i) => {
    const r = sets.find(i);
    groups.set(r, [...(groups.get(r) ?? []), l]);
  });
  return [...groups.values()].map((g) => {
    const x0 = Math.min(...g.map((l) => l.box[0]));
    const y0 = Math.min(...g.map((l) => l.box[1]));
    const x1 = Math.max(...g.map((l) => l.box[0] + l.box[2]));
    const y1 = Math.max(...g.map((l) => l.box[1] + l.box[3]));
    const best = Math.max(...g.map((l) => l.score));
    return { box: [x0, y0, x1 - x0, y1 - y0] as Box, blobs: g.flatMap((l) => l.blobs), vertical: g[0]!.vertical, score: Math.min(1, best + 0.05 * (g.length - 1)) };
  });
}


/** Words of one line chained separately (wide word spaces) are joined: same size, same line, a short gap. */
function joinWords(lines: Line[]): Line[] {
  return mergePairsUntilStable(lines, (a, b) => {
    if (a.vertical !== b.vertical) return null;
    const v = a.vertical;
    const sa = median(a.blobs.map((x) => (v ? x.w : x.h)));
    const sb = median(b.blobs.map((x) => (v ? x.w : x.h)));
    if (Math.max(sa, sb) / Math.min(sa, sb) > 1.4) return null;
    const [ax, ay, aw, ah] = a.box;
    const [bx, by, bw, bh] = b.box;
    const across = v ? Math.min(ax + aw, bx + bw) - Math.max(ax, bx) : Math.min(ay + ah, by + bh) - Math.max(ay, by);
    const gap = v ? Math.max(ay, by) - Math.min(ay + ah, by + bh) : Math.max(ax, bx) - Math.min(ax + aw, bx + bw);
    if (across < Math.min(v ? aw : ah, v ? bw : bh) * 0.6 || gap > Math.max(sa, sb) * 1.6) return null;
    const x0 = Math.min(ax, bx);
    const y0 = Math.min(ay, by);
    const box: Box = [x0, y0, Math.max(ax + aw, bx + bw) - x0, Math.max(ay + ah, by + bh) - y0];
    return { box, blobs: [...a.blobs, ...b.blobs], vertical: v, score: Math.min(1, Math.max(a.score, b.score) + 0.05) };
  });
}

/** Keeps the better of two regions that are mostly the same place (the two polarities often both fire). */
function dedupe(regions: Line[]): Line[] {
  const kept: Line[] = [];
  for (const r of [...regions].sort((a, b) => b.score - a.score)) if (!kept.some((k) => iou(k.box, r.box) > 0.5)) kept.push(r);
  return kept;
}

/**
 * Finds regions that look like lettering, best first. `minScore` drops weak chains (default keeps
 * everything a caller might want to confirm with OCR).
 */
export async function findTextRegions(image: RgbImage, opts: { minScore?: number; maxRegions?: number } = {}): Promise<TextRegion[]> {
  const { minScore = 0.45, maxRegions = 40 } = opts;
  const { cv } = await loadOpenCv();
  const lines: Line[] = [];
  for (const side of [WORK_SIDE, COARSE_SIDE]) {
    const { image: work, scale } = await downscale(image, side);
    if (side === COARSE_SIDE && scale < 1.2) continue;
    const grey = toGrey(work);
    const block = 2 * Math.round(Math.max(work.width, work.height) / 80) + 1;
    for (const dark of [true, false]) {
      const scaled: Line[] = [];
      const blobs = blobsOf(cv, grey, work.width, work.height, dark, block);
      const horizontal = chainLines(blobs, false);
      const vertical = chainLines(blobs, true).filter((v) => !horizontal.some((h) => iou(h.box, v.box) > 0.3 && h.score >= v.score));
      for (const l of [...stackLines(horizontal), ...stackLines(vertical)]) {
        scaled.push({ ...l, box: l.box.map((v) => v * scale) as Box, blobs: l.blobs.map((b) => ({ ...b, x: b.x * scale, y: b.y * scale, w: b.w * scale, h: b.h * scale })) });
      }
      lines.push(...joinWords(scaled));
    }
  }
  return dedupe(lines)
    .filter((l) => l.score >= minScore)
    .slice(0, maxRegions)
    .map((l) => ({
      box: l.box.map((v) => Math.round(v)) as Box,
      score: Math.round(l.score * 100) / 100,
      chars: l.blobs.length,
      orientation: l.vertical ? 'vertical' : 'horizontal',
      charSize: median(l.blobs.map((b) => (l.vertical ? b.w : b.h))),
    }));
}
