// `npm run bench`: throughput and latency of scan and clean on the real corpus, against ExifTool's
// batch mode and a plain copy (the floor), in the same run; then the visual pass.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { cleanFile, scanFile } from '../shared/node/batch.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/metadata');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

interface Timing {
  totalMs: number;
  perFile: number[];
}

async function timeEach(files: string[], fn: (f: string) => Promise<unknown>): Promise<Timing> {
  const perFile: number[] = [];
  const t0 = performance.now();
  for (const f of files) {
    const s = performance.now();
    await fn(f);
    perFile.push(performance.now() - s);
  }
  return { totalMs: performance.now() - t0, perFile: perFile.sort((a, b) => a - b) };
}

function line(label: string, t: Timing, files: number, bytes: number): string {
  const secs = t.totalMs / 1000;
  return `${label.padEnd(28)} ${fmt(files / secs).padStart(8)} files/s ${fmt(bytes / 1048576 / secs, 2).padStart(8)} MB/s   p50 ${fmt(percentile(t.perFile, 50), 2).padStart(7)} ms   p95 ${fmt(percentile(t.perFile, 95), 2).padStart(7)} ms`;
}

function hasExiftool(): boolean {
  return spawnSync('exiftool', ['-ver'], { encoding: 'utf8' }).status === 0;
}

async function makeTwelveMegapixelJpeg(dir: string): Promise<string> {
  // The corpus has no 12-MP JPEG; upscale a real phone photo and keep its real EXIF (GPS included).
  const source = path.join(corpus, 'exifsamples__iphone_hdr_YES.jpg');
  const out = path.join(dir, 'twelve-mp.jpg');
  await sharp(source).resize(4000, 3000).keepExif().jpeg({ quality: 90 }).toFile(out);
  return out;
}

async function main(): Promise<void> {
  const all = readdirSync(corpus).filter((f) => f !== 'MANIFEST.tsv').map((f) => path.join(corpus, f)).sort();
  const work = mkdtempSync(path.join(tmpdir(), 'exposure-bench-'));
  try {
    // The files every tool can handle: those our cleaner accepts (the malformed ones are tests, not load).
    const probeDir = path.join(work, 'probe');
    const cleanable: string[] = [];
    for (const f of all) {
      const r = await cleanFile(f, { outDir: probeDir, force: true });
      if (!r.error) cleanable.push(f);
    }
    const bytes = cleanable.reduce((n, f) => n + statSync(f).size, 0);
    const allBytes = all.reduce((n, f) => n + statSync(f).size, 0);
    console.log(`Corpus: ${all.length} files (${fmt(allBytes / 1048576, 1)} MB); ${cleanable.length} cleanable (${fmt(bytes / 1048576, 1)} MB)`);
    console.log(`Machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}\n`);

    // Warm up (first sharp/exifr use loads code), then measure.
    for (const f of cleanable.slice(0, 3)) await scanFile(f);
    const scan = await timeEach(all, (f) => scanFile(f));
    console.log(line('scan (metadata, all files)', scan, all.length, allBytes));

    const runs = 3;
    let best: Timing | null = null;
    for (let r = 0; r < runs; r++) {
      const out = path.join(work, `ours-${r}`);
      const t = await timeEach(cleanable, (f) => cleanFile(f, { outDir: out }));
      if (!best || t.totalMs < best.totalMs) best = t;
    }
    const ours = best!;
    console.log(line('clean (exposure-check)', ours, cleanable.length, bytes));

    const cpTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      const out = path.join(work, `cp-${r}`);
      mkdirSync(out);
      const s = performance.now();
      execFileSync('cp', [...cleanable, out]);
      cpTimes.push(performance.now() - s);
    }
    const cpMs = Math.min(...cpTimes);
    console.log(`${'plain copy (cp, floor)'.padEnd(28)} ${fmt(cleanable.length / (cpMs / 1000)).padStart(8)} files/s ${fmt(bytes / 1048576 / (cpMs / 1000), 2).padStart(8)} MB/s`);

    let exifMs = NaN;
    if (hasExiftool()) {
      const exifTimes: number[] = [];
      for (let r = 0; r < runs; r++) {
        const out = path.join(work, `exiftool-${r}`);
        mkdirSync(out);
        const s = performance.now();
        spawnSync('exiftool', ['-q', '-q', '-m', '-all=', '-o', `${out}/`, ...cleanable], { encoding: 'utf8' });
        exifTimes.push(performance.now() - s);
      }
      exifMs = Math.min(...exifTimes);
      console.log(`${'exiftool -all= -o DIR (batch)'.padEnd(28)} ${fmt(cleanable.length / (exifMs / 1000)).padStart(8)} files/s ${fmt(bytes / 1048576 / (exifMs / 1000), 2).padStart(8)} MB/s`);
    } else {
      console.log('exiftool not installed: ExifTool comparison skipped (apt-get install libimage-exiftool-perl)');
    }
    console.log('');
    console.log(`clean throughput vs ExifTool batch: ${fmt(exifMs / ours.totalMs, 2)}x  (goal: at least 3x)`);
    console.log(`clean time vs plain copy:           ${fmt(ours.totalMs / cpMs, 2)}x slower  (goal: within 2x)`);

    const twelve = await makeTwelveMegapixelJpeg(work);
    const tw: number[] = [];
    for (let r = 0; r < 40; r++) {
      const out = path.join(work, `twelve-${r}`);
      const s = performance.now();
      const rep = await cleanFile(twelve, { outDir: out });
      tw.push(performance.now() - s);
      if (rep.error) throw new Error(`12-MP clean failed: ${rep.error.message}`);
    }
    tw.sort((a, b) => a - b);
    const twScan: number[] = [];
    for (let r = 0; r < 40; r++) {
      const s = performance.now();
      await scanFile(twelve);
      twScan.push(performance.now() - s);
    }
    twScan.sort((a, b) => a - b);
    console.log(`12-MP JPEG (${fmt(statSync(twelve).size / 1048576, 1)} MB): clean p50 ${fmt(percentile(tw, 50), 2)} ms, p95 ${fmt(percentile(tw, 95), 2)} ms (goal: p95 < 20 ms); scan p50 ${fmt(percentile(twScan, 50), 2)} ms, p95 ${fmt(percentile(twScan, 95), 2)} ms`);

    if (!process.argv.includes('--no-visual')) await benchVisualPass();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function benchVisualPass(): Promise<void> {
  let mod: { benchVisual?: (files: string[]) => Promise<{ median: number; p95: number; peakRssMB: number; [k: string]: unknown }> };
  try {
    mod = await import('./visual.js');
  } catch {
    console.log('\nvisual pass: not available in this build');
    return;
  }
  if (!mod.benchVisual) return;
  const scenes = path.resolve(repoRoot, '../shared/corpus/scenes');
  const files = readdirSync(scenes).filter((f) => f.endsWith('.jpg')).map((f) => path.join(scenes, f));
  const r = await mod.benchVisual(files);
  console.log(`\nvisual pass (12-MP photos, models loaded once): median ${fmt(r.median, 2)} s, p95 ${fmt(r.p95, 2)} s per photo, peak RSS ${fmt(r.peakRssMB, 0)} MB  (goal: median < 1.5 s)`);
}

await main();
