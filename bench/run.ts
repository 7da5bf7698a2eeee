// `npm run bench [-- --runs N --files N --no-scale --no-visual]`: cleaning compared like with like
// (our CLI, ExifTool's batch mode and cp, each a whole process on the same folder, run in turn,
// medians of wall and CPU time) on the metadata corpus and on generated 2-12 MP phone JPEGs; how
// it scales to 5,000 files; in-process latency; then the visual pass; then the stream figures
// (`--stream-only`, `--no-stream`).
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { cleanFile, scanFile } from '../shared/node/batch.js';
import { compareTools, linkedSet, machineLoad, makeJpegSet, ratioLines, standardTools, timeProcess } from './clean-compare.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/metadata');
const scenesDir = path.resolve(repoRoot, '../shared/corpus/scenes');

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


async function makeTwelveMegapixelJpeg(dir: string): Promise<string> {
  // The corpus has no 12-MP JPEG; upscale a real phone photo and keep its real EXIF (GPS included).
  const source = path.join(corpus, 'exifsamples__iphone_hdr_YES.jpg');
  const out = path.join(dir, 'twelve-mp.jpg');
  await sharp(source).resize(4000, 3000).keepExif().jpeg({ quality: 90 }).toFile(out);
  return out;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function main(): Promise<void> {
  const all = readdirSync(corpus).filter((f) => f !== 'MANIFEST.tsv').map((f) => path.join(corpus, f)).sort();
  const work = mkdtempSync(path.join(tmpdir(), 'exposure-bench-'));
  const runs = option('--runs', 5);
  const count = option('--files', 300);
  const cli = path.join(repoRoot, 'bin', 'exposure-check.js');
  try {
    // `npm run bench -- --visual-only`: only the picture checks' figures.
    if (process.argv.includes('--visual-only')) return await benchVisualPass(work);
    // `npm run bench -- --checklist-only`: only the exposure checklist's figures.
    if (process.argv.includes('--checklist-only')) return console.log((await (await import('./checklist.js')).benchChecklist(work)).join('\n'));
    // `npm run bench -- --stream-only`: only the stream figures.
    if (process.argv.includes('--stream-only')) return await benchStreamFrames(work);
    const allBytes = all.reduce((n, f) => n + statSync(f).size, 0);
    const cpus = (await import('node:os')).cpus();
    console.log(`Machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), Node ${process.version}. Wall times move with other work on the machine; CPU time (user + sys) much less.`);

    // 1. Cleaning, each tool a whole process on the same folder (metadata only: no picture checks).
    const tools = standardTools(cli);
    const corpusIn = path.join(work, 'corpus');
    mkdirSync(corpusIn);
    for (const f of all) copyFileSync(f, path.join(corpusIn, path.basename(f)));
    compareTools('Clean, the metadata corpus (every file, the damaged ones too)', corpusIn, work, tools, runs);
    const scenes = readdirSync(scenesDir).filter((f) => f.endsWith('.jpg')).sort().map((f) => path.join(scenesDir, f));
    const set = await makeJpegSet(work, count, path.join(corpus, 'exifsamples__iphone_hdr_YES.jpg'), scenes);
    compareTools(`Clean, ${count} generated 2-12 MP JPEGs with a phone's full metadata`, set, work, tools, runs);

    // 2. Scaling: the same kind of files, 10 times as many, our clean alone.
    if (!process.argv.includes('--no-scale')) {
      console.log('\nScaling (each tool a whole process, one run each, in turn; linear = same files/s, flat = same peak memory):');
      const loadBefore = loadavg()[0] ?? NaN;
      for (const n of [500, 5000]) {
        const input = linkedSet(set, path.join(work, `scale-${n}`), n);
        const timings = new Map<string, ReturnType<typeof timeProcess>>();
        for (const tool of tools) {
          const out = path.join(work, `scale-out-${n}`);
          const [cmd, args] = tool.command(input, out);
          const t = timeProcess(cmd, args);
          timings.set(tool.name, t);
          console.log(`  ${String(n).padStart(5)} files  ${tool.name.padEnd(36)} ${fmt(n / t.wall, 1).padStart(7)} files/s  wall ${fmt(t.wall, 2)} s  cpu ${fmt(t.cpu, 2)} s  peak ${fmt(t.maxRssMB, 0)} MB${t.ok ? '' : '  (errors)'}`);
          rmSync(out, { recursive: true, force: true });
        }
        for (const l of ratioLines(timings, tools[0]!.name)) console.log(`  ${String(n).padStart(5)} files  ${l}`);
        rmSync(input, { recursive: true, force: true });
      }
      console.log(`  ${machineLoad(loadBefore)}`);
    }

    // `npm run bench -- --clean-only`: only the whole-process cleaning figures above.
    if (process.argv.includes('--clean-only')) return;

    // 3. In-process latency (the app's worker cleans one photo at a time, warm).
    for (const f of all.slice(0, 3)) await scanFile(f);
    const scan = await timeEach(all, (f) => scanFile(f));
    console.log(`\n${line('scan in-process (metadata, all files)', scan, all.length, allBytes)}`);
    const twelve = await makeTwelveMegapixelJpeg(work);
    const tw: number[] = [];
    for (let r = 0; r < 40; r++) {
      const s = performance.now();
      const rep = await cleanFile(twelve, { outDir: path.join(work, `twelve-${r}`) });
      tw.push(performance.now() - s);
      if (rep.error) throw new Error(`12-MP clean failed: ${rep.error.message}`);
    }
    tw.sort((a, b) => a - b);
    console.log(`12-MP JPEG (${fmt(statSync(twelve).size / 1048576, 1)} MB) clean in-process: p50 ${fmt(percentile(tw, 50), 2)} ms, p95 ${fmt(percentile(tw, 95), 2)} ms (goal: p95 < 20 ms)`);

    console.log(`\n${(await (await import('./checklist.js')).benchChecklist(work)).join('\n')}`);
    if (!process.argv.includes('--no-visual')) await benchVisualPass(work);
    if (!process.argv.includes('--no-stream')) await benchStreamFrames(work);
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
  const files = readdirSync(scenesDir).filter((f) => f.endsWith('.jpg')).map((f) => path.join(scenesDir, f)).sort();
  console.log('');
  for (const line of mod.visualLines(await mod.benchVisual(files, work, repoRoot))) console.log(line);
}

async function benchStreamFrames(work: string): Promise<void> {
  const { benchStream, streamLines } = await import('./stream.js');
  console.log('');
  for (const line of streamLines(await benchStream(scenesDir, work))) console.log(line);
}

await main();
