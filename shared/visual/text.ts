// Readable text: candidate lettering regions (text-regions.ts) read crop by crop, and OCR words filtered by confidence and word shape (scene photos make Tesseract
// "read" bricks and leaves), grouped into paragraphs, ranked by what the words look like.
import { mergePairsUntilStable } from './merge-pairs.js';
import type { OcrParagraph, OcrWord } from './ocr-engine.js';
import { recognise } from './ocr-engine.js';
import { TEXT_KIND_SEVERITY, TEXT_KIND_TITLE, classifyText } from './text-kinds.js';
import { findTextRegions } from './text-regions.js';
import { letteringFeatures } from './text-regions-verdict.js';
import type { LetteringFeatures } from './text-regions-verdict.js';
import type { TextRegion } from './text-regions.js';
import type { RawDetection, RgbImage } from './types.js';

const MIN_WORD_CONFIDENCE = 70;

/** A word Tesseract read with confidence that also looks like language, a number or a code. */
export function isPlausibleWord(w: OcrWord): boolean {
  const t = w.text.trim();
  const alnum = t.replace(/[^\p{L}\p{N}]/gu, '');
  if (alnum.length < 2 || w.confidence < MIN_WORD_CONFIDENCE) return false;
  if (alnum.length / t.length < 0.6) return false;
  if (/^(.)\1+$/iu.test(alnum)) return false;
  const letters = alnum.replace(/\p{N}/gu, '');
  // Long runs of consonants in mixed case are texture, not words ("wJk", "Hlllr").
  if (letters.length >= 3 && !/[aeiouyäöüéèàáíóú]/iu.test(letters) && letters !== letters.toUpperCase()) return false;
  if (/\p{Ll}\p{Lu}\p{Ll}/u.test(t)) return false;
  // Very flat or very tall "words" are edges and poles.
  const [, , bw, bh] = w.box;
  if (bh <= 0 || bw / bh > 25 || bh / bw > 6) return false;
  return true;
}

function lineIsText(words: OcrWord[]): boolean {
  const chars = words.reduce((n, w) => n + w.text.replace(/[^\p{L}\p{N}]/gu, '').length, 0);
  if (chars < 3) return false;
  const meanConf = words.reduce((n, w) => n + w.confidence, 0) / words.length;
  if (words.length === 1) {
    // A lone short word is the commonest OCR hallucination on textures.
    const only = words[0]!;
    const isNumber = /^\p{N}{3,}$/u.test(only.text.replace(/[^\p{L}\p{N}]/gu, ''));
    return (chars >= 4 || isNumber) && only.confidence >= 80;
  }
  return meanConf >= 75;
}

function union(boxes: Array<[number, number, number, number]>): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y, w, h] of boxes) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  return [x0, y0, x1 - x0, y1 - y0];
}

/** One detection per paragraph of plausible text; value = the words read. */
export function textFromOcr(paragraphs: OcrParagraph[], personalTerms: readonly string[]): RawDetection[] {
  const out: RawDetection[] = [];
  for (const para of paragraphs) {
    const keptLines = para.lines.map((line) => line.filter(isPlausibleWord)).filter((line) => line.length > 0 && lineIsText(line));
    if (keptLines.length === 0) continue;
    const words = keptLines.flat();
    const value = keptLines.map((line) => line.map((w) => w.text).join(' ')).join('\n');
    const kind = classifyText(value, personalTerms);
    out.push({
      label: 'text',
      box: union(words.map((w) => w.box)),
      confidence: Math.round(words.reduce((n, w) => n + w.confidence, 0) / words.length) / 100,
      value,
      severityHint: TEXT_KIND_SEVERITY[kind],
      detail: TEXT_KIND_TITLE[kind],
    });
  }
  return out;
}

/** At most this many candidate regions are read with OCR per photo (each read costs ~0.1 s). */
const MAX_OCR_READS = 8;
/** Candidates weaker than this are not worth a read. */
const MIN_REGION_SCORE = 0.55;
/** Unread lettering is still reported when its structure is this clearly text-like. */
const STRONG_STRUCTURE = 0.75;
/** OCR reads characters best around this height in pixels. */
const READ_CHAR_PX = 36;
/** Reading stops after this long per photo, whatever is left (dense clutter can yield many candidates). */
const READ_BUDGET_MS = 1500;
/** Measuring candidates stops after this long (each costs a few milliseconds). */
const MEASURE_BUDGET_MS = 300;

function padded(box: [number, number, number, number], pad: number, image: RgbImage): [number, number, number, number] {
  const x0 = Math.max(0, box[0] - pad);
  const y0 = Math.max(0, box[1] - pad);
  const x1 = Math.min(image.width, box[0] + box[2] + pad);
  const y1 = Math.min(image.height, box[1] + box[3] + pad);
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Reads one candidate region; returns the plausible words, or [] when nothing readable is there. */
export async function readRegion(image: RgbImage, region: TextRegion, psm: '6' | '7' = '6'): Promise<OcrWord[][]> {
  const crop = padded(region.box, Math.round(region.charSize * 0.6), image);
  // Upscale (or shrink) so the characters come out near the height Tesseract reads best.
  const zoom = Math.min(4, READ_CHAR_PX / Math.max(4, region.charSize));
  // Big crops are read smaller: Tesseract's time grows with the pixels it is given.
  const longest = Math.min(1000, Math.round(Math.max(crop[2], crop[3]) * zoom));
  const size = { maxSide: Math.max(64, longest), minSide: Math.max(64, longest) };
  const turns: Array<0 | 90 | 270> = region.orientation === 'vertical' ? [270, 90] : [0];
  let best: OcrWord[][] = [];
  for (const rotate of turns) {
    const paragraphs = await recognise(image, { region: crop, ...size, psm, rotate });
    const lines = paragraphs.flatMap((p) => p.lines.map((l) => l.filter(isPlausibleWord)).filter((l) => l.length > 0 && lineIsText(l)));
    if (lines.flat().length > best.flat().length) best = lines;
    if (best.length > 0) break;
  }
  return best;
}

export interface TextResult {
  texts: RawDetection[];
  /** Every candidate region found, read or not: the plate finder reuses them. */
  regions: TextRegion[];
}

/** Candidates must pass these measurements of the crop before they are read or reported (texture fails them). */
function looksLikeLettering(f: LetteringFeatures): boolean {
  return f.separability >= 0.65 && f.backgroundNoise <= 0.35 && f.contrast >= 40;
}

/** Unread lettering is reported only when the crop is an unmistakable sign: two clean tones, an even panel, one pen. */
function unmistakableLettering(region: TextRegion, f: LetteringFeatures): boolean {
  return region.score >= STRONG_STRUCTURE && region.chars >= 3 && f.separability >= 0.75 && f.backgroundNoise <= 0.25 && f.strokeSpread <= 0.7;
}

/** How text-like a candidate is, structure and crop measurements together (orders the reads). */
function letteringScore(region: TextRegion, f: LetteringFeatures): number {
  return region.score + (f.separability - 0.7) - 1.5 * (f.backgroundNoise - 0.25) - 0.3 * (f.strokeSpread - 0.6);
}

/** At most this many unread regions are reported per photo: past that, the picture is busy texture. */
const MAX_UNREAD = 2;

/**
 * Readable text anywhere in the photo: lettering-like regions found by shape, measured, and read
 * with OCR one crop at a time. Text OCR can read is ranked by what it says; lettering it cannot
 * read but that is unmistakably shaped like a sign is still reported, since the person looking at
 * the photo may read it.
 */
export async function detectText(image: RgbImage, personalTerms: readonly string[], signal?: AbortSignal): Promise<TextResult> {
  const regions = await findTextRegions(image, { minScore: 0.4 });
  const texts: RawDetection[] = [];
  const started = Date.now();
  const measured: Array<{ region: TextRegion; features: LetteringFeatures; rank: number }> = [];
  for (const region of regions.filter((r) => r.score >= MIN_REGION_SCORE)) {
    if (Date.now() - started > MEASURE_BUDGET_MS) break;
    const features = await letteringFeatures(image, region.box, region.charSize, region.orientation === 'vertical');
    if (looksLikeLettering(features)) measured.push({ region, features, rank: letteringScore(region, features) });
  }
  measured.sort((a, b) => b.rank - a.rank);
  let reads = 0;
  let unread = 0;
  for (const { region, features } of measured) {
    signal?.throwIfAborted();
    if (reads >= MAX_OCR_READS || Date.now() - started > READ_BUDGET_MS) break;
    // A word inside a line already read adds nothing.
    if (texts.some((t) => contains(t.box, region.box))) continue;
    reads++;
    const lines = await readRegion(image, region);
    if (lines.length > 0) {
      const words = lines.flat();
      const value = lines.map((line) => line.map((w) => w.text).join(' ')).join('\n');
      const kind = classifyText(value, personalTerms);
      const read = words.reduce((n, w) => n + w.confidence, 0) / words.length / 100;
      texts.push({
        label: 'text',
        box: region.box,
        confidence: Math.round(Math.max(read, region.score) * 100) / 100,
        value,
        severityHint: TEXT_KIND_SEVERITY[kind],
        detail: TEXT_KIND_TITLE[kind],
      });
    } else if (unread < MAX_UNREAD && unmistakableLettering(region, features)) {
      unread++;
      texts.push({ label: 'text', box: region.box, confidence: Math.round(region.score * 60) / 100, detail: UNREAD_TITLE });
    }
  }
  // Pieces keep the left edge of what was read, so the merged line reads left to right.
  const lefts = texts.map((t) => t.box[0]);
  return { texts: mergeIntoLines(extendReadLines(texts, regions), personalTerms, lefts), regions };
}

const UNREAD_TITLE = 'Lettering that may be readable';

/** Two pieces of one line of lettering: same height, side by side on one baseline, a word space apart. */
function sameLine(a: RawDetection, b: RawDetection): boolean {
  const [ax, ay, aw, ah] = a.box;
  const [bx, by, bw, bh] = b.box;
  if (Math.max(ah, bh) / Math.min(ah, bh) > 1.6) return false;
  const overlap = Math.min(ay + ah, by + bh) - Math.max(ay, by);
  const gap = Math.max(ax, bx) - Math.min(ax + aw, bx + bw);
  // Two pieces OCR has read on one baseline belong together across a wider gap (tabs, columns of a caption).
  const maxGap = (a.value && b.value ? 5 : 2) * Math.max(ah, bh);
  return overlap >= 0.5 * Math.min(ah, bh) && gap <= maxGap;
}

/**
 * A line OCR has read is extended over the lettering candidates that continue it (same height, same
 * baseline, a word space away): OCR often gives up on a word or two of a line it otherwise reads,
 * and the whole line is what the viewer can read.
 */
export function extendReadLines(texts: RawDetection[], regions: readonly TextRegion[]): RawDetection[] {
  return texts.map((text) => {
    if (!text.value) return text;
    let grown = text;
    for (let added = true; added; ) {
      added = false;
      for (const r of regions) {
        if (contains(grown.box, r.box) || !sameLine(grown, { ...grown, box: r.box })) continue;
        grown = { ...grown, box: union([grown.box, r.box]) };
        added = true;
      }
    }
    return grown;
  });
}

/**
 * Words and pieces read separately are joined into the line they belong to: what is readable is
 * the whole line (a sign, an address), and its box is what a redaction must cover.
 */
export function mergeIntoLines(texts: RawDetection[], personalTerms: readonly string[], readLefts?: readonly number[]): RawDetection[] {
  // Each line keeps its read pieces with their left edges, so the merged text reads left to right.
  const lines = texts.map((t, i) => ({ text: t, pieces: t.value ? [{ x: readLefts?.[i] ?? t.box[0], value: t.value }] : [] }));
  const out = mergePairsUntilStable(lines, (a, b) => {
    if (!sameLine(a.text, b.text)) return null;
    const pieces = [...a.pieces, ...b.pieces].sort((p, q) => p.x - q.x);
    const value = pieces.map((p) => p.value).join(' ') || undefined;
    const kind = value ? classifyText(value, personalTerms) : null;
    return {
      pieces,
      text: {
        ...a.text,
        box: union([a.text.box, b.text.box]),
        confidence: Math.max(a.text.confidence, b.text.confidence),
        value,
        severityHint: kind ? TEXT_KIND_SEVERITY[kind] : a.text.severityHint,
        detail: kind ? TEXT_KIND_TITLE[kind] : a.text.detail,
      },
    };
  });
  return out.map((o) => o.text);
}

function contains(outer: readonly number[], inner: readonly number[]): boolean {
  const [ox = 0, oy = 0, ow = 0, oh = 0] = outer;
  const [ix = 0, iy = 0, iw = 0, ih = 0] = inner;
  const w = Math.max(0, Math.min(ox + ow, ix + iw) - Math.max(ox, ix));
  const h = Math.max(0, Math.min(oy + oh, iy + ih) - Math.max(oy, iy));
  return iw * ih > 0 && (w * h) / (iw * ih) > 0.7;
}
