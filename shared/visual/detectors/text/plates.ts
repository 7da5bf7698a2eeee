// Licence plates: no shipped model has the class. Plates are lines of text (paddle-ocr.ts) whose
// reading has a plate's shape (5–8 letters and digits), found in the whole photo and, for the
// biggest vehicles, in the lower part of the vehicle read again at full resolution. Lettering the
// recogniser cannot make out but that sits where a plate sits, shaped like one, is still reported:
// the person looking at the photo may read what the model could not.
import { coveredShare } from '../../../boxes.js';
import type { Box } from '../../../boxes.js';
import type { TextLine } from '../../engine/readers/paddle-ocr.js';
import type { Readers } from '../../engine/readers/readers.js';
import { plateOutline } from './plate-outline.js';
import { looksLikePlate } from './text-kinds.js';
import type { Detection, RgbImage } from '../../types.js';

const VEHICLE_LABELS = new Set(['car', 'truck', 'bus', 'motorcycle']);
const MAX_VEHICLES = 3;
/** Vehicles smaller than this share of the photo have plates too small to read. */
const MIN_VEHICLE_AREA = 0.01;
/** The long side a vehicle's lower part is searched at (its own pixels when smaller). */
const VEHICLE_READ_SIDE = 960;

/** A reading as plate text: upper case, separators as "-"; null when it holds anything a plate does not. */
function plateText(text: string): string | null {
  const t = text.toUpperCase().replace(/[·•]/g, '-').trim();
  return /^[A-Z0-9 -]+$/.test(t) && looksLikePlate(t) ? t : null;
}

function centreInside(box: Box, outer: Box): boolean {
  const cx = box[0] + box[2] / 2;
  const cy = box[1] + box[3] / 2;
  return cx >= outer[0] && cx <= outer[0] + outer[2] && cy >= outer[1] && cy <= outer[1] + outer[3];
}

/** One short horizontal line 1.5–7 times wider than tall: the outline of a plate's lettering. */
function plateShaped(line: TextLine): boolean {
  const [, , w, h] = line.box;
  return !line.vertical && w / h >= 1.5 && w / h <= 7;
}

export async function detectPlates(readers: Readers, image: RgbImage, objects: readonly Detection[], lines: readonly TextLine[], signal?: AbortSignal): Promise<Detection[]> {
  const vehicles = objects
    .filter((o) => VEHICLE_LABELS.has(o.label) && (o.box[2] * o.box[3]) / (image.width * image.height) >= MIN_VEHICLE_AREA)
    .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])
    .slice(0, MAX_VEHICLES);
  const found: Detection[] = [];
  // Every line found, read or not: the plate's outline takes in the other lines on the same plate.
  const allLines: Box[] = lines.map((l) => l.box);
  const add = (line: Box, score: number, value?: string): void => {
    const box = plateOutline(line, allLines, image);
    if (found.some((f) => coveredShare(box, f.box) > 0.5 || coveredShare(f.box, box) > 0.5)) return;
    found.push({ category: 'licence-plate', label: 'licence plate', box, score, ...(value ? { value } : {}) });
  };
  const onVehicle = (box: Box): boolean => vehicles.some((v) => centreInside(box, v.box));

  for (const v of vehicles) {
    signal?.throwIfAborted();
    // Plates sit in the lower part of a car seen from the front or back, roughly central.
    const [x, y, w, h] = v.box;
    // A little wider than the vehicle: its box often clips the plate's last character.
    const lower: Box = [x - w * 0.1, y + h * 0.35, w * 1.2, h * 0.75];
    const read = await readers.readText(image, { region: lower, maxSide: VEHICLE_READ_SIDE }, signal);
    allLines.push(...read.map((l) => l.box));
    const before = found.length;
    for (const line of read) {
      const text = plateText(line.text);
      if (text && line.confidence >= 0.5) add(line.box, 0.8, text);
    }
    if (found.length > before) continue;
    const spot: Box = [x + w * 0.15, y + h * 0.35, w * 0.7, h * 0.65];
    const unread = read
      .filter((l) => plateShaped(l) && centreInside(l.box, spot) && l.box[2] < w * 0.5 && l.detScore >= 0.7)
      .sort((a, b) => b.detScore - a.detScore)[0];
    if (unread) add(unread.box, 0.4);
  }
  // Plates on vehicles the object model missed, or too small for a second look, read in the whole photo.
  for (const line of lines) {
    const text = plateText(line.text);
    if (!text || line.confidence < 0.5 || !plateShaped(line)) continue;
    if (onVehicle(line.box)) add(line.box, 0.75, text);
    // Away from any vehicle, a word of four letters or more ("EXIT 79B") is a sign, not a plate.
    else if (!/[A-Z]{4}/.test(text)) add(line.box, 0.5, text);
  }
  return found;
}
