// The visual pass's speed on 12-megapixel photos: corpus scene photos upscaled to 12 MP in memory
// (the corpus has few photos that large), decoded and checked one after another with the models
// loaded once. Times include decoding, as a user's photo must be decoded too.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { scanImage } from '../shared/scan/scan-image.js';
import { FULL_SCAN } from '../shared/scan/request.js';
import { loadVisualModels } from '../shared/visual/index.js';

const TWELVE_MP = 12_000_000;
/** Enough photos for a stable median without keeping two shared cores busy for minutes. */
const MAX_PHOTOS = 12;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

async function as12Megapixel(file: string): Promise<Uint8Array> {
  const meta = await sharp(file).metadata();
  const w = meta.width ?? 1;
  const h = meta.height ?? 1;
  const s = Math.sqrt(TWELVE_MP / (w * h));
  return new Uint8Array(
    await sharp(file)
      .rotate()
      .resize(Math.round(w * s), Math.round(h * s))
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
}

/** Median and p95 in seconds per photo, peak resident memory in MB. */
export async function benchVisual(files: string[]): Promise<{ median: number; p95: number; peakRssMB: number; photos: number; loadSeconds: number }> {
  const step = Math.max(1, Math.floor(files.length / MAX_PHOTOS));
  const chosen = files.filter((_, i) => i % step === 0).slice(0, MAX_PHOTOS);
  let peak = process.memoryUsage().rss;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  try {
    const t0 = performance.now();
    await loadVisualModels();
    const loadSeconds = (performance.now() - t0) / 1000;
    const seconds: number[] = [];
    for (const file of chosen) {
      readFileSync(file); // fail early on an unreadable file, outside the timing
      const bytes = await as12Megapixel(file);
      const start = performance.now();
      const scan = await scanImage({ bytes }, FULL_SCAN);
      if (scan.coverage.picture !== 'checked') throw new Error(`the picture was not fully checked: ${JSON.stringify(scan.coverage)}`);
      seconds.push((performance.now() - start) / 1000);
      sample();
    }
    seconds.sort((a, b) => a - b);
    return { median: percentile(seconds, 50), p95: percentile(seconds, 95), peakRssMB: peak / 1024 / 1024, photos: seconds.length, loadSeconds };
  } finally {
    clearInterval(timer);
  }
}
