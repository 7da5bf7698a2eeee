// Test helper: what our own OCR reads around a box of a JPEG on disk (three times the box each
// way), upper-cased: used to show a covered copy no longer reads what the original did.
import { readFileSync } from 'node:fs';
import type { Box } from '../../shared/boxes.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { readText } from '../../shared/visual/engine/readers/paddle-ocr.js';

/** The labelled plate of corpus/scenes/openalpr_us__car1.jpg (its ground truth JSON): "627 WWI". */
export const CAR_PLATE: Box = [243, 356, 115, 57];

export async function readAround(file: string, box: Box): Promise<string> {
  const image = await decodeRgb(new Uint8Array(readFileSync(file)), 'jpeg');
  const [x, y, w, h] = box;
  const lines = await readText(image, { region: [Math.max(0, x - w), Math.max(0, y - h), w * 3, h * 3], maxSide: 960 });
  return lines.map((l) => l.text).join(' ').toUpperCase();
}
