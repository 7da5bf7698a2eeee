// Uses Node (worker_threads via tesseract.js, fs): runs Tesseract with the English model read from
// @tesseract.js-data/eng on disk (cacheMethod 'none': nothing is downloaded or cached).
import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { downscale } from './decode.js';
import { packageFileDir, requireLocal } from './local-files.js';
import type { RgbImage } from './types.js';

interface TessBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBbox;
}
interface TessLine {
  words: TessWord[];
  bbox: TessBbox;
}
interface TessPage {
  blocks: Array<{ paragraphs: Array<{ lines: TessLine[]; bbox: TessBbox }> }> | null;
}
interface TessWorker {
  setParameters(p: Record<string, string>): Promise<unknown>;
  recognize(image: Buffer, options: Record<string, unknown>, output: Record<string, boolean>): Promise<{ data: TessPage }>;
  terminate(): Promise<unknown>;
}

export interface OcrWord {
  text: string;
  confidence: number;
  /** [x, y, w, h] in original-image pixels. */
  box: [number, number, number, number];
}
export interface OcrParagraph {
  lines: OcrWord[][];
}

let workerPromise: Promise<TessWorker> | null = null;

function getWorker(): Promise<TessWorker> {
  workerPromise ??= (async () => {
    const tesseract = requireLocal<{ createWorker(lang: string, oem: number, opts: Record<string, unknown>): Promise<TessWorker> }>('tesseract.js');
    const langPath = path.join(packageFileDir('@tesseract.js-data/eng/package.json'), '4.0.0');
    // oem 1 = LSTM only (the model this package ships); langPath is a local folder, so the
    // worker reads it with fs instead of fetching.
    const worker = await tesseract.createWorker('eng', 1, { langPath, cacheMethod: 'none', gzip: true });
    // Sparse text: scene text is scattered words, not a page.
    await worker.setParameters({ tessedit_pageseg_mode: '11', user_defined_dpi: '300' });
    currentPsm = '11';
    return worker;
  })().catch((err: unknown) => {
    workerPromise = null;
    throw err;
  });
  return workerPromise;
}

let queue: Promise<unknown> = Promise.resolve();
let currentPsm = '11';

export async function loadOcr(): Promise<void> {
  await getWorker();
}

/** Workers given up on after a time-out, still finishing their last read (see withTimeLimit). */
const retiring = new Set<Promise<unknown>>();

/**
 * Stops the OCR thread. Terminating tesseract.js while a read is still in flight makes its
 * message handler throw outside any promise (a crash), so a busy worker is only terminated once
 * its read has settled, or after a grace period at the latest.
 */
function retire(worker: Promise<TessWorker>, inFlight: Promise<unknown>): Promise<void> {
  const grace = new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref());
  const done = Promise.race([inFlight.then(() => undefined, () => undefined), grace])
    .then(async () => (await worker).terminate())
    .then(() => undefined, () => undefined);
  retiring.add(done);
  void done.finally(() => retiring.delete(done));
  return done;
}

export async function stopOcr(): Promise<void> {
  const w = workerPromise;
  workerPromise = null;
  if (w) await retire(w, queue);
  await Promise.all([...retiring]);
}

/**
 * Recognises the text of a region (default: the whole image), read at most `maxSide` px on its
 * long side (and at least `minSide`, upscaling small crops). Boxes come back in original pixels.
 */
export interface RecogniseOptions {
  region?: [number, number, number, number];
  maxSide: number;
  minSide?: number;
  /** Tesseract page segmentation: 11 sparse (default), 6 one block, 7 one line. */
  psm?: '6' | '7' | '11' | '13';
  /** Clockwise turn applied to the crop before reading (text running up or down the photo). */
  rotate?: 0 | 90 | 270;
  /**
   * Read a two-tone copy: Otsu's threshold, ink (the tone the crop's border touches less) black on
   * white. Scene lettering is often light on dark or low in contrast, which the LSTM reads poorly.
   */
  binarise?: boolean;
}

export function recognise(image: RgbImage, opts: RecogniseOptions): Promise<OcrParagraph[]> {
  const run = queue.then(() => withTimeLimit(recogniseNow(image, opts)));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Tesseract sometimes spends many seconds on dense texture (foliage, gravel). Past this limit the
 * worker is replaced and the read gives up, so one photo cannot stall a batch.
 */
let ocrTimeLimitMs = 6000;

/** How long one read may take before it is given up (a setting, so tests can force a time-out). */
export function setOcrTimeLimit(ms: number): void {
  ocrTimeLimitMs = ms;
}

async function withTimeLimit(work: Promise<OcrParagraph[]>): Promise<OcrParagraph[]> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ocrTimeLimitMs);
  });
  try {
    const result = await Promise.race([work, limit]);
    if (result !== 'timeout') return result;
    work.catch(() => undefined);
    // Give up on this read; later reads get a fresh worker while this one finishes in the background.
    const stuck = workerPromise;
    workerPromise = null;
    if (stuck) void retire(stuck, work);
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/** Black ink on white from a crop (see RecogniseOptions.binarise). */
async function twoTone(pipeline: Sharp): Promise<Buffer> {
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(data.buffer, data.byteOffset, info.width * info.height);
  const threshold = otsuThreshold(grey);
  const w = info.width;
  const h = info.height;
  let darkBorder = 0;
  for (let x = 0; x < w; x++) darkBorder += Number(grey[x]! <= threshold) + Number(grey[(h - 1) * w + x]! <= threshold);
  for (let y = 0; y < h; y++) darkBorder += Number(grey[y * w]! <= threshold) + Number(grey[y * w + w - 1]! <= threshold);
  const lightInk = darkBorder > w + h;
  const out = Buffer.alloc(grey.length);
  for (let i = 0; i < grey.length; i++) out[i] = (grey[i]! > threshold) === lightInk ? 0 : 255;
  return sharp(out, { raw: { width: w, height: h, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
}

function otsuThreshold(grey: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of grey) hist[v]!++;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let wB = 0;
  let sumB = 0;
  let best = -1;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    const wF = grey.length - wB;
    if (wB === 0) continue;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) [best, threshold] = [between, t];
  }
  return threshold;
}

async function recogniseNow(image: RgbImage, opts: RecogniseOptions): Promise<OcrParagraph[]> {
  const { region, maxSide, minSide = 0, psm = '11', rotate = 0 } = opts;
  const worker = await getWorker();
  if (psm !== currentPsm) {
    await worker.setParameters({ tessedit_pageseg_mode: psm });
    currentPsm = psm;
  }
  if (!region && Math.max(image.width, image.height) > maxSide) {
    // Whole-image reads start from the shared downscaled copy instead of the full photo.
    const { image: small, scale: s } = await downscale(image, maxSide);
    const paragraphs = await recogniseNow(small, { ...opts, region: undefined });
    return paragraphs.map((p) => ({
      lines: p.lines.map((l) =>
        l.map((w) => ({ ...w, box: w.box.map((v) => Math.round(v * s)) as [number, number, number, number] })),
      ),
    }));
  }
  const [rx, ry, rw, rh] = region ?? [0, 0, image.width, image.height];
  const left = Math.max(0, Math.round(rx));
  const top = Math.max(0, Math.round(ry));
  const width = Math.min(image.width - left, Math.round(rw));
  const height = Math.min(image.height - top, Math.round(rh));
  if (width < 8 || height < 8) return [];
  const longest = Math.max(width, height);
  const target = Math.min(maxSide, Math.max(minSide, longest));
  const scale = longest / target;
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (region) pipeline = pipeline.extract({ left, top, width, height });
  const outW = Math.max(1, Math.round(width / scale));
  const outH = Math.max(1, Math.round(height / scale));
  pipeline = pipeline.resize(outW, outH, { kernel: 'lanczos3' });
  // Rotating needs its own pass after the resize (sharp applies rotate before resize otherwise).
  if (rotate) pipeline = sharp(await pipeline.raw().toBuffer(), { raw: { width: outW, height: outH, channels: 3 } }).rotate(rotate);
  const png = opts.binarise ? await twoTone(pipeline) : await pipeline.greyscale().png({ compressionLevel: 1 }).toBuffer();
  const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
  // Boxes read on a turned crop are turned back into the crop's own frame first.
  const unturn = (b: TessBbox): TessBbox => {
    if (rotate === 90) return { x0: b.y0, y0: outH - b.x1, x1: b.y1, y1: outH - b.x0 };
    if (rotate === 270) return { x0: outW - b.y1, y0: b.x0, x1: outW - b.y0, y1: b.x1 };
    return b;
  };
  const toBox = (raw: TessBbox): [number, number, number, number] => {
    const b = unturn(raw);
    return [
      Math.round(left + b.x0 * scale),
      Math.round(top + b.y0 * scale),
      Math.max(1, Math.round((b.x1 - b.x0) * scale)),
      Math.max(1, Math.round((b.y1 - b.y0) * scale)),
    ];
  };
  const out: OcrParagraph[] = [];
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      out.push({
        lines: para.lines.map((l) => l.words.map((w) => ({ text: w.text, confidence: w.confidence, box: toBox(w.bbox) }))),
      });
    }
  }
  return out;
}
