// `npm run eval`: runs the visual detectors over every labelled photo in ../shared/corpus/scenes
// and prints precision and recall per category (IoU ≥ 0.3), plus overall figures.
//   node dist/bench/eval.js [--only custom [--handles pretrained|detail|hog] [--doors pretrained|hog]] [--categories a,b] [--scenes DIR] [--verbose]
// --only custom runs just the image-analysis detectors (doors, handles, windows, patterns) and
// skips the model-based pipeline (faster); --handles detail|hog swaps the door-handle method
// (default: the head on pretrained CenterNet features) for clusters of detail or the HOG model,
// to compare; --doors hog does the same for doors. --categories runs and scores only those
// categories (what planFor() runs for them), to iterate on one detector.
// Per category it prints recall, precision, and false positives per photo on the photos whose
// labels cover the category and show none of it; then the visual pass's time per photo (wall
// and CPU, all threads; the machine may be shared: CPU moves less).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Finding } from '../shared/findings.js';
import { detectFormat } from '../shared/formats.js';
import { categoryOfLabel } from '../shared/categories.js';
import { decodeRgb } from '../shared/image/decode.js';
import { detect, FULL_PLAN, planFor, sharedEngine, toFindings } from '../shared/visual/index.js';
import { withEarlierDoorMethods, type DoorMethod, type HandleMethod } from './compare/doors.js';
import { loadScenes } from './eval/scenes.js';
import { VISUAL_CATEGORIES, type VisualCategory } from '../shared/findings.js';
import { emptyTally, falsePerPhotoWithout, precision, recall, scorePhoto, type Tally } from './eval/score.js';
import { emptyTallies, formatDestroyed, tallyDestroyed } from './eval/destroyed.js';

/** The categories the issue sets targets for (recall ≥ 0.8, precision ≥ 0.6). */
const TARGETS = ['text', 'screen', 'bed', 'window', 'door-handle', 'vehicle', 'face', 'licence-plate'];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const verbose = args.includes('--verbose');
function methodArg<M extends string>(flag: string, methods: readonly M[]): M {
  const value = args.includes(flag) ? args[args.indexOf(flag) + 1] : methods[0];
  const method = methods.find((m) => m === value);
  if (!method) {
    process.stderr.write(`Unknown ${flag} value "${value}": choose ${methods.join(', ')}.\n`);
    process.exit(2);
  }
  return method;
}
const handleMethod = methodArg<HandleMethod>('--handles', ['pretrained', 'detail', 'hog']);
const doorMethod = methodArg<DoorMethod>('--doors', ['pretrained', 'hog']);
// Compiled, this file sits in dist/bench; run with tsx, in bench/. The corpus is beside the repo.
const scenesDir = args.includes('--scenes')
  ? path.resolve(args[args.indexOf('--scenes') + 1]!)
  : ['../../..', '../..'].map((up) => path.resolve(import.meta.dirname, up, 'shared/corpus/scenes')).find((d) => existsSync(d))!;
const chosen = args.includes('--categories') ? args[args.indexOf('--categories') + 1]!.split(',') : null;
const unknown = chosen?.filter((c) => !(VISUAL_CATEGORIES as readonly string[]).includes(c)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`Unknown categories: ${unknown.join(', ')}; choose from ${VISUAL_CATEGORIES.join(', ')}.\n`);
  process.exit(2);
}
const scored: readonly VisualCategory[] = chosen ? (chosen as VisualCategory[]) : only === 'custom' ? ['door', 'door-handle', 'window', 'pattern'] : VISUAL_CATEGORIES;
if (only !== undefined && only !== 'custom') {
  process.stderr.write(`Unknown --only value "${only}": the only choice is "custom".\n`);
  process.exit(2);
}

async function findingsOf(bytes: Uint8Array): Promise<Finding[]> {
  const format = detectFormat(bytes);
  if (!format) throw new Error('not an image');
  const image = await decodeRgb(bytes, format);
  const plan = chosen || only === 'custom' ? planFor(scored) : FULL_PLAN;
  const { detections } = await detect(image, sharedEngine(), plan);
  return toFindings(await withEarlierDoorMethods(image, detections, handleMethod, doorMethod), image);
}

const scenes = loadScenes(scenesDir);
// The models load and compile before the first photo is timed.
await sharedEngine().warm();
const tallies = new Map<string, Tally>();
/** Categories the photos' labels can cover (no label exists for matchability). */
const withLabels = scored.filter((c) => c !== 'matchable-area');
const destroyed = emptyTallies();
const copyAttempts: number[] = [];
/** The safe copies are made and re-checked only on a full run. */
const checkCopies = only !== 'custom' && chosen === null;
const times: number[] = [];
const cpuTimes: number[] = [];
for (const scene of scenes) {
  const bytes = new Uint8Array(readFileSync(scene.imagePath));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const findings = await findingsOf(bytes);
  const cpu = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  const truth = scene.objects.flatMap((o) => {
    const category = categoryOfLabel(o.label);
    return category && scored.includes(category) ? [{ category, box: o.box }] : [];
  });
  const covered = scene.labelled === 'all' ? null : new Set(scene.labelled.map(categoryOfLabel).filter((c) => c !== null));
  const detections = findings
    .filter((f) => f.box && f.category !== 'matchable-area' && scored.includes(f.category as VisualCategory)) // no labels exist for matchability
    .map((f) => ({ category: f.category, box: f.box!, confidence: f.confidence ?? 0.5 }));
  scorePhoto(tallies, truth, detections, (c) => covered === null || covered.has(c as never), withLabels);
  if (checkCopies) {
    const attempts = await tallyDestroyed(destroyed, bytes, findings, truth);
    if (attempts > 0) copyAttempts.push(attempts);
  }
  if (verbose) {
    const summary = detections.map((d) => `${d.category}@${d.box.join(',')}`).join(' ');
    process.stdout.write(`${scene.name}: ${summary || '-'}\n`);
  }
  process.stderr.write(`\r${times.length}/${scenes.length} photos`);
}
process.stderr.write('\n');

const fmt = (v: number | null): string => (v === null ? '   -' : v.toFixed(2).padStart(4));
const rows = [...tallies.entries()].filter(([, t]) => t.labels + t.found + t.falsePositives > 0).sort(([a], [b]) => a.localeCompare(b));
process.stdout.write(`\nVisual detectors on ${scenes.length} labelled photos (${scenesDir})${only ? ' — custom detectors only' : ''}\n`);
process.stdout.write(`IoU ≥ 0.3; false positives only where the photo's labels cover the category.\n\n`);
process.stdout.write('FP/photo: false positives per photo on the photos whose labels cover the category and show none of it (how many).\n\n');
process.stdout.write('category          labels  found   TP   FP  precision  recall  FP/photo        target\n');
const total = emptyTally();
for (const [category, t] of rows) {
  for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  const p = precision(t);
  const r = recall(t);
  const target = TARGETS.includes(category) ? ((p ?? 0) >= 0.6 && (r ?? 0) >= 0.8 ? 'met' : 'missed') : '';
  const fpp = falsePerPhotoWithout(t);
  const without = `${fpp === null ? '   -' : fpp.toFixed(2).padStart(4)} (${t.photosWithout})`.padEnd(15);
  process.stdout.write(
    `${category.padEnd(16)} ${String(t.labels).padStart(7)} ${String(t.found).padStart(6)} ${String(t.truePositives).padStart(4)} ${String(t.falsePositives).padStart(4)}       ${fmt(p)}    ${fmt(r)}  ${without} ${target}\n`,
  );
}
process.stdout.write(`${'overall'.padEnd(16)} ${String(total.labels).padStart(7)} ${String(total.found).padStart(6)} ${String(total.truePositives).padStart(4)} ${String(total.falsePositives).padStart(4)}       ${fmt(precision(total))}    ${fmt(recall(total))}\n`);
if (checkCopies) process.stdout.write(formatDestroyed(destroyed, copyAttempts));
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000;
};
process.stdout.write(
  `\nvisual pass, seconds per photo (decode included; ${scenes.length} photos of 0.1-12 MP): wall median ${quantile(times, 0.5).toFixed(2)}, p95 ${quantile(times, 0.95).toFixed(2)}; ` +
    `CPU (all threads) median ${quantile(cpuTimes, 0.5).toFixed(2)}, p95 ${quantile(cpuTimes, 0.95).toFixed(2)}\n`,
);
