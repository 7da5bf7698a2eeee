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

/** Our clean, a plain copy (the floor) and ExifTool's batch mode on the same files, best of 3 runs each. */
async function compareCleaning(label: string, files: string[], work: string): Promise<void> {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const tag = label.replace(/\W+/g, '-');
  console.log(`\nClean: ${label}: ${files.length} files, ${fmt(bytes / 1048576, 1)} MB`);
  const runs = 3;
  let ours: Timing | null = null;
  for (let r = 0; r < runs; r++) {
    const out = path.join(work, `ours-${tag}-${r}`);
    const t = await timeEach(files, (f) => cleanFile(f, { outDir: out }));
    if (!ours || t.totalMs < ours.totalMs) ours = t;
  }
  console.log(line('clean (exposure-check)', ours!, files.length, bytes));
  const best = (fn: (r: number) => void): number => {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const s = performance.now();
      fn(r);
      times.push(performance.now() - s);
    }
    return Math.min(...times);
  };
  const rate = (ms: number) => `${fmt(files.length / (ms / 1000)).padStart(8)} files/s ${fmt(bytes / 1048576 / (ms / 1000), 2).padStart(8)} MB/s`;
  const cpMs = best((r) => {
    const out = path.join(work, `cp-${tag}-${r}`);
    mkdirSync(out);
    execFileSync('cp', [...files, out]);
  });
  console.log(`${'plain copy (cp, floor)'.padEnd(28)} ${rate(cpMs)}`);
  let exifMs = NaN;
  if (hasExiftool()) {
    exifMs = best((r) => {
      const out = path.join(work, `exiftool-${tag}-${r}`);
      mkdirSync(out);
      spawnSync('exiftool', ['-q', '-q', '-m', '-all=', '-o', `${out}/`, ...files], { encoding: 'utf8' });
    });
    console.log(`${'exiftool -all= -o DIR'.padEnd(28)} ${rate(exifMs)}`);
  } else {
    console.log('exiftool not installed: ExifTool comparison skipped (apt-get install libimage-exiftool-perl)');
  }
  console.log(`  throughput vs ExifTool batch: ${fmt(exifMs / ours!.totalMs, 2)}x  (goal: at least 3x)`);
  console.log(`  time vs plain copy:           ${fmt(ours!.totalMs / cpMs, 2)}x  (goal: within 2x)`);
}

async function main(): Promise<void> {
  const all = readdirSync(corpus).filter((f) => f !== 'MANIFEST.tsv').map((f) => path.join(corpus, f)).sort();
  const work = mkdtempSync(path.join(tmpdir(), 'exposure-bench-'));
  try {
    // `npm run bench -- --visual-only`: only the picture checks' figures.
    if (process.argv.includes('--visual-only')) return await benchVisualPass(work);
    // The files every tool can handle: those our cleaner accepts (the malformed ones are tests, not load).
    const probeDir = path.join(work, 'probe');
    const cleanable: string[] = [];
    const lossless: string[] = [];
    for (const f of all) {
      const r = await cleanFile(f, { outDir: probeDir, force: true });
      if (!r.error) cleanable.push(f);
      if (!r.error && !r.reencoded) lossless.push(f);
    }
    const bytes = cleanable.reduce((n, f) => n + statSync(f).size, 0);
    const allBytes = all.reduce((n, f) => n + statSync(f).size, 0);
    console.log(`Corpus: ${all.length} files (${fmt(allBytes / 1048576, 1)} MB); ${cleanable.length} cleanable (${fmt(bytes / 1048576, 1)} MB)`);
    console.log(`Machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}\n`);

    // Warm up (first sharp/exifr use loads code), then measure.
    for (const f of cleanable.slice(0, 3)) await scanFile(f);
    const scan = await timeEach(all, (f) => scanFile(f));
    console.log(line('scan (metadata, all files)', scan, all.length, allBytes));

    await compareCleaning('all cleanable files (HEIC/AVIF/TIFF re-encoded)', cleanable, work);
    await compareCleaning('lossless formats only (JPEG, PNG, WebP, GIF, JPEG XL)', lossless, work);

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

    if (!process.argv.includes('--no-visual')) await benchVisualPass(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function benchVisualPass(work: string): Promise<void> {
  let mod: typeof import('./visual.js');
  try {
    mod = await import('./visual.js');
  } catch {
    console.log('\nvisual pass: not available in this build');
    return;
  }
  const scenes = path.resolve(repoRoot, '../shared/corpus/scenes');
  const files = readdirSync(scenes).filter((f) => f.endsWith('.jpg')).map((f) => path.join(scenes, f)).sort();
  console.log('');
  for (const line of mod.visualLines(await mod.benchVisual(files, work, repoRoot))) console.log(line);
}

await main();
