// Readable text: OCR words filtered by confidence and word shape (scene photos make Tesseract
// "read" bricks and leaves), grouped into paragraphs, ranked by what the words look like.
import type { OcrParagraph, OcrWord } from './ocr-engine.js';
import { TEXT_KIND_SEVERITY, TEXT_KIND_TITLE, classifyText } from './text-kinds.js';
import type { RawDetection } from './types.js';

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
