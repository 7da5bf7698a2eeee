// Step 1 of training the door-handle and door heads (shared/visual/detectors/doors/feature-head.ts): runs
// the frozen CenterNet backbone over every photo of ../shared/train/doordetect, as the detector
// does, and caches its stride-4 features for the PyTorch step (train-feature-head.py).
//
//   npx tsx scripts/train/extract-head-features.ts OUT_DIR
//
// Writes OUT_DIR/NAME.f16 (128×128×128 float16, row-major, channels last) and, for the
// left-right mirrored photo, OUT_DIR/NAME.flip.f16 (augmentation: handles sit on either side of
// a door). About 0.3 s per pass on one core; 700 photos × 2 passes ≈ 7 min, 5.6 GB. The
// evaluation set (../shared/corpus/scenes) is never read here.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { backboneSource, loadBackbone } from '../../shared/visual/engine/backbone.js';
import type { RgbImage } from '../../shared/visual/types.js';

const OUT = process.argv[2];
if (!OUT) throw new Error('usage: extract-head-features.ts OUT_DIR');
const DATA = path.resolve(import.meta.dirname, '../../../shared/train/doordetect');
mkdirSync(OUT, { recursive: true });

/** float32 → IEEE half (round to nearest; features are small non-negative numbers). */
function toHalf(src: Float32Array): Uint16Array {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) {
    f32[0] = src[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = ((x >>> 23) & 0xff) - 127 + 15;
    const mant = x & 0x7fffff;
    if (exp <= 0) out[i] = sign; // below half's normal range: 0 is close enough here
    else if (exp >= 31) out[i] = sign | 0x7c00;
    else out[i] = sign | (exp << 10) | ((mant + 0x1000) >>> 13);
  }
  return out;
}

function mirror(img: RgbImage): RgbImage {
  const data = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const s = (y * img.width + x) * 3;
      const d = (y * img.width + (img.width - 1 - x)) * 3;
      data[d] = img.data[s]!;
      data[d + 1] = img.data[s + 1]!;
      data[d + 2] = img.data[s + 2]!;
    }
  }
  return { ...img, data };
}

// The engine's own backbone and input (engine/backbone.ts), so training sees what detection sees.
// (The shipped heads were fitted on a box-averaged input, before the engine ran the backbone once
// for objects and heads; see backbone.ts.)
const backbone = await loadBackbone();
const names = readdirSync(DATA).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)).sort();
const t0 = Date.now();
for (const [k, name] of names.entries()) {
  if (existsSync(path.join(OUT, `${name}.flip.f16`))) continue;
  const { data, info } = await sharp(path.join(DATA, `${name}.jpg`)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const image: RgbImage = { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
  for (const [suffix, img] of [['', image], ['.flip', mirror(image)]] as const) {
    const { features } = await backbone.runBilinear((await backboneSource(img)).image, true);
    const values = (await features!.data()) as Float32Array;
    features!.dispose();
    writeFileSync(path.join(OUT, `${name}${suffix}.f16`), toHalf(values));
  }
  if (k % 50 === 0) process.stderr.write(`${k}/${names.length} ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
