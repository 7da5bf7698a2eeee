// `npm run eval`: runs the visual detectors over every labelled photo in ../shared/corpus/scenes
// and prints precision and recall per category (IoU ≥ 0.3), plus overall figures.
//   node dist/bench/eval.js [--only custom [--handles pretrained|detail|hog] [--doors pretrained|hog]] [--scenes DIR] [--verbose]
// --only custom runs just the image-analysis detectors (doors, handles, windows, patterns) and
// skips the model-based pipeline (faster); --handles detail|hog swaps the door-handle method
// (default: the head on pretrained CenterNet features) for clusters of detail or the HOG model,
// to compare; --doors hog does the same for doors.
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
import { precision, recall, scorePhoto, type Tally } from './eval/score.js';
import { emptyTallies, formatDestroyed, tallyDestroyed } from './eval/destroyed.js';

/** The categories the issue sets targets for (recall ≥ 0.8, precision ≥ 0.6). */
const TARGETS = ['text', 'screen', 'bed', 'window', 'door-handle', 'vehicle', 'face'];
const CUSTOM = ['door', 'door-handle', 'window', 'pattern'];

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
if (only !== undefined && only !== 'custom') {
  process.stderr.write(`Unknown --only value "${only}": the only choice is "custom".\n`);
  process.exit(2);
}

async function findingsOf(bytes: Uint8Array): Promise<Finding[]> {
  const format = detectFormat(bytes);
  if (!format) throw new Error('not an image');
  const image = await decodeRgb(bytes, format);
  const plan = only === 'custom' ? planFor(['door', 'door-handle', 'window', 'pattern']) : FULL_PLAN;
  const { detections } = await detect(image, sharedEngine(), plan);
  return toFindings(await withEarlierDoorMethods(image, detections, handleMethod, doorMethod), image);
}

const scenes = loadScenes(scenesDir);
const tallies = new Map<string, Tally>();
const destroyed = emptyTallies();
const copyAttempts: number[] = [];
const times: number[] = [];
for (const scene of scenes) {
  const bytes = new Uint8Array(readFileSync(scene.imagePath));
  const t0 = performance.now();
  const findings = await findingsOf(bytes);
  times.push(performance.now() - t0);
  const truth = scene.objects.flatMap((o) => {
    const category = categoryOfLabel(o.label);
    return category && (only !== 'custom' || CUSTOM.includes(category)) ? [{ category, box: o.box }] : [];
  });
  const covered = scene.labelled === 'all' ? null : new Set(scene.labelled.map(categoryOfLabel).filter((c) => c !== null));
  const detections = findings
    .filter((f) => f.box && f.category !== 'matchable-area') // no labels exist for matchability
    .map((f) => ({ category: f.category, box: f.box!, confidence: f.confidence ?? 0.5 }));
  scorePhoto(tallies, truth, detections, (c) => covered === null || covered.has(c as never));
  if (only !== 'custom') {
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
const rows = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
process.stdout.write(`\nVisual detectors on ${scenes.length} labelled photos (${scenesDir})${only ? ' — custom detectors only' : ''}\n`);
process.stdout.write(`IoU ≥ 0.3; false positives only where the photo's labels cover the category.\n\n`);
process.stdout.write('category          labels  found   TP   FP  precision  recall  target\n');
const total: Tally = { labels: 0, found: 0, truePositives: 0, falsePositives: 0 };
for (const [category, t] of rows) {
  for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  const p = precision(t);
  const r = recall(t);
  const target = TARGETS.includes(category) ? ((p ?? 0) >= 0.6 && (r ?? 0) >= 0.8 ? 'met' : 'missed') : '';
  process.stdout.write(
    `${category.padEnd(16)} ${String(t.labels).padStart(7)} ${String(t.found).padStart(6)} ${String(t.truePositives).padStart(4)} ${String(t.falsePositives).padStart(4)}       ${fmt(p)}    ${fmt(r)}  ${target}\n`,
  );
}
process.stdout.write(`${'overall'.padEnd(16)} ${String(total.labels).padStart(7)} ${String(total.found).padStart(6)} ${String(total.truePositives).padStart(4)} ${String(total.falsePositives).padStart(4)}       ${fmt(precision(total))}    ${fmt(recall(total))}\n`);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
if (only !== 'custom') process.stdout.write(formatDestroyed(destroyed, copyAttempts));
process.stdout.write(`\nseconds per photo: median ${(median / 1000).toFixed(2)}, max ${((sorted.at(-1) ?? 0) / 1000).toFixed(2)}\n`);
