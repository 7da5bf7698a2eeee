// The visual pass's speed on 12-megapixel photos, two ways:
//  (a) in one process after the models are loaded: scanImage() on each photo's bytes (decoding,
//      metadata and every picture check), wall and CPU time (all threads of the process: the
//      readers' thread included) per photo;
//  (b) from outside, as a user runs it: `exposure-check scan PHOTO --json` as a whole process, cold
//      (models loaded from disk), and `exposure-check scan FOLDER --json` over the whole batch.
// The photos are corpus scene photos enlarged to 12 MP (the corpus has few photos that large),
// written to a temporary folder as JPEG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { FULL_SCAN } from '../shared/scan/request.js';
import { scanImage } from '../shared/scan/scan-image.js';
import { VisualEngine } from '../shared/visual/index.js';
import { timeProcess } from './clean-compare.js';

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

export interface VisualBench {
  photos: number;
  loadSeconds: number;
  /** Per photo, in one process after loading: wall and CPU seconds (median, p95). */
  wall: { median: number; p95: number };
  cpu: { median: number; p95: number };
  peakRssMB: number;
  /** Whole processes: one cold photo (3 runs) and the batch. */
  cold: { wall: number; cpu: number; rssMB: number }[];
  batch: { wall: number; cpu: number; perPhoto: number } | null;
}

/** One run of the command line as a whole process: wall, user+sys CPU seconds and peak memory. */
function timeCli(repoRoot: string, args: string[]): { wall: number; cpu: number; rssMB: number } | null {
  const t = timeProcess(process.execPath, [path.join(repoRoot, 'bin/exposure-check.js'), ...args]);
  return Number.isFinite(t.wall) ? { wall: t.wall, cpu: t.cpu, rssMB: t.maxRssMB } : null;
}

export async function benchVisual(files: string[], work: string, repoRoot: string): Promise<VisualBench> {
  const step = Math.max(1, Math.floor(files.length / MAX_PHOTOS));
  const chosen = files.filter((_, i) => i % step === 0).slice(0, MAX_PHOTOS);
  const dir = path.join(work, 'twelve-mp');
  mkdirSync(dir, { recursive: true });
  const photos: string[] = [];
  for (const [i, file] of chosen.entries()) {
    const out = path.join(dir, `photo-${String(i).padStart(2, '0')}.jpg`);
    writeFileSync(out, await as12Megapixel(file));
    photos.push(out);
  }

  let peak = process.memoryUsage().rss;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  const engine = new VisualEngine();
  try {
    const t0 = performance.now();
    await engine.load();
    await engine.warm();
    const loadSeconds = (performance.now() - t0) / 1000;
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const file of photos) {
      const bytes = new Uint8Array(readFileSync(file));
      const c0 = process.cpuUsage();
      const start = performance.now();
      const scan = await scanImage({ bytes }, FULL_SCAN, { engine });
      wall.push((performance.now() - start) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
      if (scan.coverage.picture !== 'checked') throw new Error(`the picture was not fully checked: ${JSON.stringify(scan.coverage)}`);
      sample();
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const cold = [0, 1, 2].map(() => timeCli(repoRoot, ['scan', photos[0]!, '--json'])).filter((r) => r !== null);
    const whole = timeCli(repoRoot, ['scan', dir, '--json']);
    return {
      photos: photos.length,
      loadSeconds,
      wall: { median: percentile(wall, 50), p95: percentile(wall, 95) },
      cpu: { median: percentile(cpu, 50), p95: percentile(cpu, 95) },
      peakRssMB: peak / 1024 / 1024,
      cold,
      batch: whole ? { wall: whole.wall, cpu: whole.cpu, perPhoto: whole.wall / photos.length } : null,
    };
  } finally {
    clearInterval(timer);
    await engine.dispose();
  }
}

/** The bench's lines for the visual pass. */
export function visualLines(r: VisualBench): string[] {
  const f = (n: number): string => n.toFixed(2);
  const lines = [
    `visual pass, ${r.photos} photos of 12 MP, one process after loading the models (${f(r.loadSeconds)} s): median ${f(r.wall.median)} s, p95 ${f(r.wall.p95)} s wall; CPU median ${f(r.cpu.median)} s, p95 ${f(r.cpu.p95)} s per photo (all threads); peak RSS ${r.peakRssMB.toFixed(0)} MB  (goal: median < 1.5 s)`,
  ];
  if (r.cold.length) {
    lines.push(`cold single-photo scan as a whole process (exposure-check scan PHOTO --json), ${r.cold.length} runs: ${r.cold.map((c) => `${f(c.wall)} s wall ${f(c.cpu)} s CPU ${c.rssMB.toFixed(0)} MB`).join('; ')}`);
  }
  if (r.batch) {
    lines.push(`batch as a whole process (exposure-check scan FOLDER --json, ${r.photos} photos): ${f(r.batch.wall)} s wall, ${f(r.batch.cpu)} s CPU, ${f(r.batch.perPhoto)} s per photo (models loaded once)`);
  }
  return lines;
}
