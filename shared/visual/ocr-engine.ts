// Uses Node (worker_threads via tesseract.js, fs): runs Tesseract with the English model read from
// @tesseract.js-data/eng on disk (cacheMethod 'none': nothing is downloaded or cached).
import path from 'node:path';
import sharp from 'sharp';
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
    await worker.setParameters({ tessedit_pageseg_mode: '11' });
    return worker;
  })().catch((err: unknown) => {
    workerPromise = null;
    throw err;
  });
  return workerPromise;
}

let queue: Promise<unknown> = Promise.resolve();

export async function loadOcr(): Promise<void> {
  await getWorker();
}

export async function stopOcr(): Promise<void> {
  const w = workerPromise;
  workerPromise = null;
  if (w) await (await w).terminate();
}

/**
 * Recognises the text of a region (default: the whole image), read at most `maxSide` px on its
 * long side (and at least `minSide`, upscaling small crops). Boxes come back in original pixels.
 */
export function recognise(
  image: RgbImage,
  opts: { region?: [number, number, number, number]; maxSide: number; minSide?: number },
): Promise<OcrParagraph[]> {
  const run = queue.then(() => withTimeLimit(recogniseNow(image, opts)));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Tesseract sometimes spends many seconds on dense texture (foliage, gravel). Past this limit the
 * worker is replaced and the read gives up, so one photo cannot stall a batch.
 */
const OCR_TIME_LIMIT_MS = 6000;

async function withTimeLimit(work: Promise<OcrParagraph[]>): Promise<OcrParagraph[]> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), OCR_TIME_LIMIT_MS);
  });
  try {
    const result = await Promise.race([work, limit]);
    if (result !== 'timeout') return result;
    work.catch(() => undefined);
    await stopOcr().catch(() => undefined);
    return [];
  } finally {
    clearTimeout(timer);
  }
}

async function recogniseNow(
  image: RgbImage,
  { region, maxSide, minSide = 0 }: { region?: [number, number, number, number]; maxSide: number; minSide?: number },
): Promise<OcrParagraph[]> {
  const worker = await getWorker();
  if (!region && Math.max(image.width, image.height) > maxSide) {
    // Whole-image reads start from the shared downscaled copy instead of the full photo.
    const { image: small, scale: s } = await downscale(image, maxSide);
    const paragraphs = await recogniseNow(small, { maxSide, minSide });
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
  const png = await pipeline
    .resize(Math.max(1, Math.round(width / scale)), Math.max(1, Math.round(height / scale)), { kernel: 'lanczos3' })
    .greyscale()
    .png({ compressionLevel: 1 })
    .toBuffer();
  const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
  const toBox = (b: TessBbox): [number, number, number, number] => [
    Math.round(left + b.x0 * scale),
    Math.round(top + b.y0 * scale),
    Math.max(1, Math.round((b.x1 - b.x0) * scale)),
    Math.max(1, Math.round((b.y1 - b.y0) * scale)),
  ];
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
