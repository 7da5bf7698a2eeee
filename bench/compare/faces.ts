// Chooses the faces' second look (faces.ts HEAD_LOOK) on ../shared/train/dlib_faces, never on
// corpus/scenes: npx tsx bench/compare/faces.ts
// dlib's group photos (every face labelled, 37-109 px) are placed, at their own size, on a grey
// canvas `pad` times larger, so the same faces become the small faces of a 12-MP photo (a face
// of 37 px on a 2000-px photo: the faces the whole-photo look misses). Per look: faces found,
// false faces (IoU ≥ 0.3), and CPU seconds per photo of the faces stage.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { iou, type Box } from '../../shared/boxes.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { detectFormat } from '../../shared/formats.js';
import { detectFaces, HEAD_LOOK, type HeadLook } from '../../shared/visual/detectors/objects/faces.js';
import { detect, planFor, sharedEngine } from '../../shared/visual/index.js';
import type { RgbImage } from '../../shared/visual/types.js';

const dir = path.resolve(import.meta.dirname, '../../../shared/train/dlib_faces');
const photos = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function onCanvas(image: RgbImage, pad: number): { image: RgbImage; dx: number; dy: number } {
  const width = image.width * pad;
  const height = image.height * pad;
  const data = new Uint8Array(width * height * 3).fill(128);
  const dx = Math.round((width - image.width) / 2);
  const dy = Math.round((height - image.height) / 2);
  for (let y = 0; y < image.height; y++) data.set(image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3), ((y + dy) * width + dx) * 3);
  return { image: { data, width, height, channels: 3 }, dx, dy };
}

const NO_SECOND_LOOK: HeadLook = { ...HEAD_LOOK, maxCrops: 0 };
const LOOKS: { name: string; look: HeadLook }[] = [
  { name: 'whole photo only', look: NO_SECOND_LOOK },
  ...[0.6, 0.8, 1.0, 1.3].map((share) => ({ name: `head crops, share ${share}`, look: { ...HEAD_LOOK, share } })),
];

const engine = sharedEngine();
await engine.warm();
for (const pad of [1, 4]) {
  process.stdout.write(`\ndlib_faces, ${photos.length} photos placed on a canvas ${pad}x their size\nlook                        found  false  people  CPU s/photo\n`);
  const prepared = await Promise.all(
    photos.map(async (f) => {
      const bytes = new Uint8Array(readFileSync(path.join(dir, f.replace(/\.json$/, '.jpg'))));
      const { image, dx, dy } = onCanvas(await decodeRgb(bytes, detectFormat(bytes)!), pad);
      const truth = (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { objects: { label: string; box: Box }[] }).objects
        .filter((o) => o.label === 'face')
        .map((o): Box => [o.box[0] + dx, o.box[1] + dy, o.box[2], o.box[3]]);
      const people = (await detect(image, engine, planFor(['person']))).detections.filter((d) => d.category === 'person').map((d) => d.box);
      return { image, truth, people };
    }),
  );
  const labels = prepared.reduce((n, p) => n + p.truth.length, 0);
  for (const { name, look } of LOOKS) {
    let found = 0;
    let falseFaces = 0;
    let cpu = 0;
    for (const p of prepared) {
      const c0 = process.cpuUsage();
      const faces = await engine.exclusive(({ human }) => detectFaces(human, p.image, p.people, look));
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1e6;
      const matched = new Set<number>();
      for (const f of [...faces].sort((a, b) => b.score - a.score)) {
        const i = p.truth.findIndex((t, j) => !matched.has(j) && iou(t, f.box) >= 0.3);
        if (i >= 0) matched.add(i);
        else falseFaces++;
      }
      found += matched.size;
    }
    const people = prepared.reduce((n, p) => n + p.people.length, 0);
    process.stdout.write(`${name.padEnd(27)} ${`${found}/${labels}`.padStart(6)} ${String(falseFaces).padStart(6)} ${String(people).padStart(7)}  ${(cpu / prepared.length).toFixed(2).padStart(11)}\n`);
  }
}
await engine.dispose?.();
process.exit(0);
