// `node dist/bench/backbone-input.js`: the backbone on 16:9 stream frames, stretched to its square
// 512×512 input (the photo path) against unstretched at 512×288 (backbone-size.ts). Frames are the
// labelled photos of corpus/scenes cut to 1280×720 (the middle of each, as a camera frames a room).
// Prints the CPU per pass of each input, how far the reported objects agree (same label, IoU ≥ 0.5),
// and, against the labels, what each finds (IoU ≥ 0.3, by category): measured, not tuned on.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { iou } from '../shared/boxes.js';
import type { Box } from '../shared/boxes.js';
import { categoryOfLabel } from '../shared/categories.js';
import type { RgbImage } from '../shared/image/rgb.js';
import { seenObjects, isReported } from '../shared/visual/detectors/objects/objects.js';
import { backboneSource, loadBackbone } from '../shared/visual/engine/backbone.js';
import { unstretchedInput, type InputSize } from '../shared/visual/engine/backbone-size.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const scenesDir = path.resolve(repoRoot, '../shared/corpus/scenes');
const FRAME = { width: 1280, height: 720 };

interface Labelled {
  name: string;
  image: RgbImage;
  truth: Array<{ label: string; box: Box }>;
  /** The categories the scene's labels cover (a detection of another is neither right nor false). */
  covered: Set<string>;
}

/** A scene cut to a 1280×720 frame (cover, centred) with its labelled boxes moved the same way. */
async function frameOf(name: string): Promise<Labelled | null> {
  const file = path.join(scenesDir, name.replace(/\.jpg$/, '.json'));
  let labels: { width: number; height: number; objects: Array<{ label: string; box: Box }>; labelled?: string[] | 'all' };
  try {
    labels = JSON.parse(readFileSync(file, 'utf8')) as typeof labels;
  } catch {
    return null;
  }
  const labelled = labels.labelled === 'all' ? labels.objects.map((o) => o.label) : (labels.labelled ?? []);
  const covered = new Set(labelled.map((l) => categoryOfLabel(l)).filter((c): c is NonNullable<typeof c> => c !== null));
  const meta = await sharp(path.join(scenesDir, name)).rotate().metadata();
  const w = meta.autoOrient?.width ?? meta.width!;
  const h = meta.autoOrient?.height ?? meta.height!;
  if (w !== labels.width || h !== labels.height) return null;
  const s = Math.max(FRAME.width / w, FRAME.height / h);
  const dx = (w * s - FRAME.width) / 2;
  const dy = (h * s - FRAME.height) / 2;
  const { data } = await sharp(path.join(scenesDir, name)).rotate().resize(FRAME.width, FRAME.height, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const truth = labels.objects.flatMap((o) => {
    const x1 = Math.max(0, o.box[0] * s - dx);
    const y1 = Math.max(0, o.box[1] * s - dy);
    const x2 = Math.min(FRAME.width, (o.box[0] + o.box[2]) * s - dx);
    const y2 = Math.min(FRAME.height, (o.box[1] + o.box[3]) * s - dy);
    // Kept when most of it is still in the frame.
    if (x2 <= x1 || y2 <= y1 || (x2 - x1) * (y2 - y1) < 0.5 * o.box[2] * o.box[3] * s * s) return [];
    return [{ label: o.label, box: [x1, y1, x2 - x1, y2 - y1] as Box }];
  });
  return { name, image: { data: new Uint8Array(data), width: FRAME.width, height: FRAME.height, channels: 3 }, truth, covered };
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)] ?? NaN;

async function main(): Promise<void> {
  const names = readdirSync(scenesDir).filter((n) => n.endsWith('.jpg')).sort();
  const frames = (await Promise.all(names.map(frameOf))).filter((f): f is Labelled => f !== null);
  const backbone = await loadBackbone();
  const square: InputSize = { width: 512, height: 512 };
  const wide = unstretchedInput(FRAME);
  await backbone.runBilinear(frames[0]!.image, false, wide); // loads and compiles the second graph

  const cpu: Record<string, number[]> = { square: [], wide: [] };
  const found: Record<string, Array<Array<{ label: string; box: Box; category: string }>>> = { square: [], wide: [] };
  for (const frame of frames) {
    const { image: copy, scale } = await backboneSource(frame.image);
    for (const [key, input] of [['square', square], ['wide', wide]] as const) {
      const c = process.cpuUsage();
      const { objects } = await backbone.runBilinear(copy, false, input);
      const used = process.cpuUsage(c);
      cpu[key]!.push((used.user + used.system) / 1e6);
      found[key]!.push(seenObjects(objects, frame.image, scale).filter(isReported).map((o) => ({ label: o.label ?? '', box: o.box, category: o.category })));
    }
  }

  // Agreement: the square path's reported objects found again by the wide path, and the other way.
  type Seen = Array<Array<{ label: string; box: Box; category: string }>>;
  const agree = (a: Seen, b: Seen): [number, number] => {
    let hit = 0;
    let all = 0;
    a.forEach((objs, i) => {
      for (const o of objs) {
        all++;
        if (b[i]!.some((p) => p.label === o.label && iou(p.box, o.box) >= 0.5)) hit++;
      }
    });
    return [hit, all];
  };
  const [sq, sqAll] = agree(found.square!, found.wide!);
  const [wd, wdAll] = agree(found.wide!, found.square!);

  // Against the labels, per category.
  const cats = new Map<string, Record<string, { tp: number; fp: number; truth: number }>>();
  for (const key of ['square', 'wide']) {
    frames.forEach((frame, i) => {
      const dets = found[key]![i]!.filter((d) => frame.covered.has(d.category));
      const truth = frame.truth.map((t) => ({ ...t, category: categoryOfLabel(t.label) })).filter((t) => t.category !== null && frame.covered.has(t.category));
      const used = new Set<number>();
      for (const d of dets) {
        const row = cats.get(d.category) ?? {};
        cats.set(d.category, row);
        const r = (row[key] ??= { tp: 0, fp: 0, truth: 0 });
        const j = truth.findIndex((t, k) => !used.has(k) && t.category === d.category && iou(t.box, d.box) >= 0.3);
        if (j >= 0) {
          used.add(j);
          r.tp++;
        } else r.fp++;
      }
      for (const t of truth) {
        const row = cats.get(t.category!) ?? {};
        cats.set(t.category!, row);
        (row[key] ??= { tp: 0, fp: 0, truth: 0 }).truth++;
      }
    });
  }
  console.log(`Backbone on ${frames.length} frames (corpus/scenes, cut to 1280x720; against the labels only the categories each scene labels):`);
  console.log(`  CPU per pass: 512x512 (stretched) median ${median(cpu.square!).toFixed(3)} s; ${wide.width}x${wide.height} (unstretched) median ${median(cpu.wide!).toFixed(3)} s`);
  console.log(`  agreement (same label, IoU >= 0.5): ${sq}/${sqAll} of the 512x512 objects found at ${wide.width}x${wide.height}; ${wd}/${wdAll} the other way`);
  console.log('  against the labels (IoU >= 0.3): category: 512x512 found/labelled, false | unstretched found/labelled, false');
  for (const [cat, row] of [...cats].sort()) {
    const f = (r?: { tp: number; fp: number; truth: number }) => (r ? `${r.tp}/${r.truth}, ${r.fp} false` : '0/0, 0 false');
    console.log(`    ${cat.padEnd(18)} ${f(row.square).padEnd(20)} | ${f(row.wide)}`);
  }
  backbone.dispose();
}

await main();
