// Readable text: lines found and read by PaddleOCR's scene-text models (paddle-ocr.ts), kept when
// what was read is real lettering, joined into blocks (a sign, a label, an envelope's address),
// and ranked by what the words say: an address, phone number or the user's own name outranks a
// shop sign.
import type { Box } from '../../../boxes.js';
import { mergePairsUntilStable } from '../../pixels/merge-pairs.js';
import { reportThreshold } from '../../../categories.js';
import type { TextLine } from '../../engine/readers/paddle-ocr.js';
import type { Readers } from '../../engine/readers/readers.js';
import { classifyText } from './text-kinds.js';
import type { Detection, RgbImage } from '../../types.js';
import type { PersonalMatcher } from '../../../scan/request.js';

/**
 * The long side the text detector works at: PaddleOCR's own default (det_limit_side_len). 1280
 * found one more label of 36 on the scenes and cost ~0.1 s more per 12-MP photo.
 */
const TEXT_DETECT_SIDE = 960;

/**
 * A line is readable text when the recogniser is confident about it and it holds at least two
 * letters or digits; a single character counts only when read with near certainty (a house number,
 * a flat's letter).
 */
export function isReadable(line: Pick<TextLine, 'text' | 'confidence'>): boolean {
  const chars = [...line.text.replace(/[^\p{L}\p{N}]/gu, '')].length;
  if (line.confidence < reportThreshold('text') || chars === 0) return false;
  return chars >= 2 || line.confidence >= 0.9;
}

/** The height of a line's letters: its shorter side. */
const letterSize = (box: Box): number => Math.min(box[2], box[3]);

function union(a: Box, b: Box): Box {
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  const x1 = Math.max(a[0] + a[2], b[0] + b[2]);
  const y1 = Math.max(a[1] + a[3], b[1] + b[3]);
  return [x0, y0, x1 - x0, y1 - y0];
}

/**
 * Two lines belong to one block (one sign, one label) when their letters are of like size and they
 * sit within a line's height of each other, above and below or side by side.
 */
function sameBlock(a: Block, b: Block): boolean {
  const sa = a.letters;
  const sb = b.letters;
  if (Math.max(sa, sb) / Math.min(sa, sb) > 2) return false;
  const size = Math.max(sa, sb);
  const gapX = Math.max(a.box[0], b.box[0]) - Math.min(a.box[0] + a.box[2], b.box[0] + b.box[2]);
  const gapY = Math.max(a.box[1], b.box[1]) - Math.min(a.box[1] + a.box[3], b.box[1] + b.box[3]);
  return gapX <= size && gapY <= 0.8 * size;
}

interface Block {
  box: Box;
  lines: TextLine[];
  /** Mean letter height of its lines. */
  letters: number;
}

/** Readable lines joined into blocks; each block's lines in reading order (top to bottom, left to right). */
export function groupIntoBlocks(lines: readonly TextLine[]): Block[] {
  const blocks = mergePairsUntilStable<Block>(
    lines.map((l) => ({ box: l.box, lines: [l], letters: letterSize(l.box) })),
    (a, b) => {
      if (!sameBlock(a, b)) return null;
      const joined = [...a.lines, ...b.lines];
      return { box: union(a.box, b.box), lines: joined, letters: joined.reduce((n, l) => n + letterSize(l.box), 0) / joined.length };
    },
  );
  for (const block of blocks) {
    block.lines.sort((p, q) => (Math.abs(p.box[1] - q.box[1]) < 0.5 * letterSize(p.box) ? p.box[0] - q.box[0] : p.box[1] - q.box[1]));
  }
  return blocks;
}

export interface TextResult {
  texts: Detection[];
  /** Every line found and read, readable or not: the plate finder reuses them. */
  lines: TextLine[];
}

/** One detection per block of readable text; its value is what was read, line by line. */
export function textDetections(lines: readonly TextLine[], personal: readonly string[] | PersonalMatcher = []): Detection[] {
  return groupIntoBlocks(lines.filter(isReadable)).map((block) => {
    const value = block.lines.map((l) => l.text).join('\n');
    const kind = classifyText(value, personal);
    const confidence = block.lines.reduce((n, l) => n + l.confidence, 0) / block.lines.length;
    // What the kind means for the user (its wording and severity) is the category table's.
    return { category: 'text', label: 'text', box: block.box, score: Math.round(confidence * 100) / 100, value, kind };
  });
}

/** Readable text anywhere in the photo, ranked by what it says. */
export async function detectText(readers: Readers, image: RgbImage, personal: readonly string[] | PersonalMatcher = [], signal?: AbortSignal): Promise<TextResult> {
  const lines = await readers.readText(image, { maxSide: TEXT_DETECT_SIDE }, signal);
  return { texts: textDetections(lines, personal), lines };
}
