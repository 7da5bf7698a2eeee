// Licence plates: no shipped model has the class. Candidates are lettering regions (text-regions.ts)
// shaped like a plate (one short line, 4–10 characters, wide) read one by one, preferring those on
// a vehicle; plus the lower part of each vehicle read at full resolution. Plate-shaped text
// (5–8 letters and digits) is kept.
import type { OcrParagraph, OcrWord } from './ocr-engine.js';
import { recognise } from './ocr-engine.js';
import { looksLikePlate } from './text-kinds.js';
import type { TextRegion } from './text-regions.js';
import type { RawDetection, RgbImage } from './types.js';

const VEHICLE_LABELS = new Set(['car', 'truck', 'bus', 'motorcycle']);
const MAX_VEHICLES = 3;
/** Vehicles smaller than this share of the photo have plates too small to read. */
const MIN_VEHICLE_AREA = 0.01;

function plateCandidates(paragraphs: OcrParagraph[]): Array<{ text: string; words: OcrWord[] }> {
  const out: Array<{ text: string; words: OcrWord[] }> = [];
  for (const para of paragraphs) {
    for (const line of para.lines) {
      const words = line.filter((w) => w.confidence >= 55);
      for (let i = 0; i < words.length; i++) {
        const a = words[i]!;
        const clean = (s: string): string => s.replace(/[^A-Za-z0-9-]/g, '');
        if (looksLikePlate(clean(a.text))) out.push({ text: clean(a.text).toUpperCase(), words: [a] });
        const b = words[i + 1];
        if (b && looksLikePlate(`${clean(a.text)} ${clean(b.text)}`)) {
          out.push({ text: `${clean(a.text)} ${clean(b.text)}`.toUpperCase(), words: [a, b] });
        }
      }
    }
  }
  return out;
}

function boxOf(words: OcrWord[]): [number, number, number, number] {
  const x0 = Math.min(...words.map((w) => w.box[0]));
  const y0 = Math.min(...words.map((w) => w.box[1]));
  const x1 = Math.max(...words.map((w) => w.box[0] + w.box[2]));
  const y1 = Math.max(...words.map((w) => w.box[1] + w.box[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}

function inside(box: [number, number, number, number], outer: [number, number, number, number]): boolean {
  const cx = box[0] + box[2] / 2;
  const cy = box[1] + box[3] / 2;
  return cx >= outer[0] && cx <= outer[0] + outer[2] && cy >= outer[1] && cy <= outer[1] + outer[3];
}

/** A line of 4–10 characters, 1.5–7 times wider than tall: the shape of a plate's lettering. */
function plateShaped(r: TextRegion): boolean {
  const [, , w, h] = r.box;
  return r.orientation === 'horizontal' && r.chars >= 4 && r.chars <= 12 && w / h >= 1.5 && w / h <= 7;
}

/** Most plate candidates read per photo. */
const MAX_PLATE_READS = 4;

export async function detectPlates(
  image: RgbImage,
  objects: RawDetection[],
  regions: TextRegion[],
  signal?: AbortSignal,
  fullOcr: OcrParagraph[] = [],
): Promise<RawDetection[]> {
  const vehicles = objects
    .filter((o) => VEHICLE_LABELS.has(o.label) && (o.box[2] * o.box[3]) / (image.width * image.height) >= MIN_VEHICLE_AREA)
    .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])
    .slice(0, MAX_VEHICLES);
  const found: RawDetection[] = [];
  const add = (text: string, words: OcrWord[], confidence: number): void => {
    const box = boxOf(words);
    if (found.some((f) => inside(box, f.box) || inside(f.box, box))) return;
    found.push({ label: 'licence plate', box, confidence, value: text });
  };
  for (const v of vehicles) {
    signal?.throwIfAborted();
    // Plates sit in the lower half of a car seen from the front or back.
    const [x, y, w, h] = v.box;
    const region: [number, number, number, number] = [x, y + h * 0.35, w, h * 0.65];
    const paragraphs = await recognise(image, { region, maxSide: 1400, minSide: 900 });
    for (const c of plateCandidates(paragraphs)) add(c.text, c.words, 0.8);
  }
  const onVehicle = (r: TextRegion): boolean => vehicles.some((v) => inside(r.box, v.box));
  const shaped = regions
    .filter(plateShaped)
    .sort((a, b) => Number(onVehicle(b)) - Number(onVehicle(a)) || b.score - a.score)
    .slice(0, MAX_PLATE_READS);
  for (const r of shaped) {
    signal?.throwIfAborted();
    if (found.some((f) => inside(r.box, f.box) || inside(f.box, r.box))) continue;
    const pad = Math.round(r.charSize * 0.5);
    const region: [number, number, number, number] = [r.box[0] - pad, r.box[1] - pad, r.box[2] + 2 * pad, r.box[3] + 2 * pad];
    const readSide = Math.min(1000, Math.max(200, Math.round((region[2] * 40) / Math.max(4, r.charSize))));
    const paragraphs = await recognise(image, { region, maxSide: readSide, minSide: readSide, psm: '7' });
    // The region's own box is the plate's lettering; the words' union can be a fragment.
    for (const c of plateCandidates(paragraphs)) add(c.text, [{ text: c.text, confidence: 0, box: r.box }], onVehicle(r) ? 0.8 : 0.6);
  }
  // Unread but plate-shaped lettering low and central on a vehicle is almost always its plate:
  // the person looking at the photo may read what OCR could not. One per vehicle at most.
  for (const v of vehicles) {
    const [x, y, w, h] = v.box;
    const spot: [number, number, number, number] = [x + w * 0.2, y + h * 0.35, w * 0.6, h * 0.65];
    const best = regions
      .filter((r) => plateShaped(r) && r.chars >= 5 && r.score >= 0.6 && inside(r.box, spot) && r.box[2] < w * 0.5)
      .sort((a, b) => b.score - a.score)[0];
    if (best && !found.some((f) => inside(best.box, f.box) || inside(f.box, best.box))) {
      found.push({ label: 'licence plate', box: best.box, confidence: Math.round(best.score * 60) / 100 });
    }
  }
  for (const c of plateCandidates(fullOcr)) {
    const box = boxOf(c.words);
    const nearVehicle = vehicles.some((v) => inside(box, v.box));
    add(c.text, c.words, nearVehicle ? 0.75 : 0.5);
  }
  return found;
}
