// Redaction: inside each box nothing of the original survives; outside, the picture is unchanged
// (exactly for PNG, within JPEG re-encoding noise for JPEG). Real corpus photos.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { redactImage, type Box } from '../../shared/clean/index.js';
import { REDACTION_FILL, pixelateBlockSize, rasterise } from '../../shared/clean/redact.js';
import { boxCover, coverContains, coveredShareOf, type CoverArea, type CoverMode } from '../../shared/cover.js';
import { ExposureError } from '../../shared/errors.js';
import { corpusFile, exiftool, leftovers, tempDir, writeTemp } from './corpus.js';

interface Raw { data: Buffer; width: number; height: number; channels: number }

async function upright(b: Uint8Array): Promise<Raw> {
  const { data, info } = await sharp(b).rotate().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function inside(x: number, y: number, [bx, by, bw, bh]: Box, margin = 0): boolean {
  return x >= bx + margin && x < bx + bw - margin && y >= by + margin && y < by + bh - margin;
}

function luma(r: Raw, x: number, y: number): number {
  const i = (y * r.width + x) * r.channels;
  return 0.299 * r.data[i]! + 0.587 * r.data[i + 1]! + 0.114 * r.data[i + 2]!;
}

/** Pearson correlation of luma inside a box at full resolution. */
function correlation(a: Raw, b: Raw, [bx, by, bw, bh]: Box): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = by; y < by + bh; y++) for (let x = bx; x < bx + bw; x++) { xs.push(luma(a, x, y)); ys.push(luma(b, x, y)); }
  const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(xs), mean(ys)];
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < xs.length; i++) { num += (xs[i]! - ma) * (ys[i]! - mb); da += (xs[i]! - ma) ** 2; db += (ys[i]! - mb) ** 2; }
  return db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Local detail: each pixel minus the mean of its pixelation block. What a mosaic must destroy. */
function detailCorrelation(a: Raw, b: Raw, box: Box, block: number): number {
  const [bx, by, bw, bh] = box;
  const da: number[] = [];
  const db: number[] = [];
  for (let y0 = by; y0 < by + bh; y0 += block) for (let x0 = bx; x0 < bx + bw; x0 += block) {
    const cells: [number, number][] = [];
    for (let y = y0; y < Math.min(y0 + block, by + bh); y++) for (let x = x0; x < Math.min(x0 + block, bx + bw); x++) cells.push([x, y]);
    const ma = cells.reduce((s, [x, y]) => s + luma(a, x, y), 0) / cells.length;
    const mb = cells.reduce((s, [x, y]) => s + luma(b, x, y), 0) / cells.length;
    for (const [x, y] of cells) { da.push(luma(a, x, y) - ma); db.push(luma(b, x, y) - mb); }
  }
  let num = 0, va = 0, vb = 0;
  for (let i = 0; i < da.length; i++) { num += da[i]! * db[i]!; va += da[i]! ** 2; vb += db[i]! ** 2; }
  return vb === 0 ? 0 : num / Math.sqrt(va * vb);
}

const drawn = (box: Box, mode: CoverMode = 'fill'): CoverArea => boxCover(box, mode, { kind: 'drawn' });

describe('redaction', () => {
  it('PNG, solid fill: every pixel in the boxes is the fill colour, every other pixel unchanged', async () => {
    const file = corpusFile('mei__Issue_280_dotnet.png');
    const boxes: Box[] = [[40, 60, 200, 120], [500, 400, 300, 300]]; // the second runs off the picture
    const out = await redactImage(file.bytes, 'png', boxes.map((b) => drawn(b)));
    expect(out.format).toBe('png');
    expect(out.reencoded).toBe(true);
    expect(out.removed[0]).toBe('2 areas of the picture covered with a solid block');
    const [a, b] = await Promise.all([upright(file.bytes), upright(out.bytes)]);
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    let changedOutside = 0;
    let wrongInside = 0;
    for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * a.channels;
      if (boxes.some((box) => inside(x, y, box))) {
        if (b.data[i] !== REDACTION_FILL[0] || b.data[i + 1] !== REDACTION_FILL[1] || b.data[i + 2] !== REDACTION_FILL[2]) wrongInside++;
      } else if (!a.data.subarray(i, i + a.channels).equals(b.data.subarray(i, i + b.channels))) changedOutside++;
    }
    expect(wrongInside).toBe(0);
    expect(changedOutside).toBe(0);
  });

  it('PNG, pixelate: blocks are flat means, fine detail is gone, outside unchanged', async () => {
    const file = corpusFile('mei__Issue_280_dotnet.png');
    const box: Box = [100, 100, 320, 240];
    const block = pixelateBlockSize({ x: 100, y: 100, w: 320, h: 240 });
    expect(block).toBe(30); // max(16, 240 / 8)
    const out = await redactImage(file.bytes, 'png', [drawn(box, 'pixelate')]);
    const [a, b] = await Promise.all([upright(file.bytes), upright(out.bytes)]);
    for (let y0 = 100; y0 < 340; y0 += block) for (let x0 = 100; x0 < 420; x0 += block) {
      const first = (y0 * b.width + x0) * b.channels;
      const ref = b.data.subarray(first, first + b.channels);
      let sum = 0;
      let n = 0;
      for (let y = y0; y < Math.min(y0 + block, 340); y++) for (let x = x0; x < Math.min(x0 + block, 420); x++) {
        const i = (y * b.width + x) * b.channels;
        expect(b.data.subarray(i, i + b.channels).equals(ref)).toBe(true);
        sum += a.data[i]!;
        n++;
      }
      expect(Math.abs(ref[0]! - sum / n)).toBeLessThanOrEqual(0.5); // a mean, not a blur or a sample
    }
    const full = correlation(a, b, box);
    const detail = detailCorrelation(a, b, box, block);
    console.log(`pixelate: full-resolution correlation ${full.toFixed(3)}, fine-detail correlation ${detail.toFixed(3)}`);
    expect(Math.abs(detail)).toBeLessThan(1e-6);
    expect(full).toBeLessThan(0.75); // only the coarse layout (about 11 x 8 squares) survives
    let changedOutside = 0;
    for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) {
      if (inside(x, y, box)) continue;
      const i = (y * a.width + x) * a.channels;
      if (!a.data.subarray(i, i + a.channels).equals(b.data.subarray(i, i + b.channels))) changedOutside++;
    }
    expect(changedOutside).toBe(0);
  });

  it('JPEG with orientation 6: boxes are in upright pixels, region destroyed, rest nearly unchanged, no metadata', async () => {
    const file = corpusFile('exifsamples__portrait_6.jpg');
    const box: Box = [50, 80, 200, 160];
    const out = await redactImage(file.bytes, 'jpeg', [drawn(box)]);
    expect(out.format).toBe('jpeg');
    const [a, b] = await Promise.all([upright(file.bytes), upright(out.bytes)]);
    expect([b.width, b.height]).toEqual([450, 600]);
    expect([a.width, a.height]).toEqual([450, 600]);
    let maxInside = 0;
    let diffOutside = 0;
    let nOutside = 0;
    for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      if (inside(x, y, box, 8)) {
        for (let c = 0; c < 3; c++) maxInside = Math.max(maxInside, Math.abs(b.data[i + c]! - REDACTION_FILL[c]!));
      } else if (!inside(x, y, box, -16)) {
        for (let c = 0; c < 3; c++) diffOutside += Math.abs(b.data[i + c]! - a.data[i + c]!);
        nOutside += 3;
      }
    }
    expect(maxInside).toBeLessThanOrEqual(3);
    expect(diffOutside / nOutside).toBeLessThan(2.5);
    expect(correlation(a, b, [box[0] + 8, box[1] + 8, box[2] - 16, box[3] - 16])).toBeLessThan(0.1);
    const path = writeTemp(tempDir(), 'r.jpg', out.bytes);
    expect(leftovers(exiftool([path]).get(path)!)).toEqual([]);
    expect(out.removed).toContain('Camera details and settings (EXIF)');
  });

  it('HEIC: redacts the upright picture and writes a JPEG', async () => {
    const file = corpusFile('mei__IMG_2927.HEIC');
    const out = await redactImage(file.bytes, 'heic', [drawn([0, 0, 3024, 500], 'pixelate')]);
    const b = await upright(out.bytes);
    expect(out.format).toBe('jpeg');
    expect([b.width, b.height]).toEqual([3024, 4032]);
  }, 60_000);

  it('rejects NaN and empty boxes, and clamps areas that run off the picture', async () => {
    const file = corpusFile('mei__sampleWithExifData.png');
    await expect(redactImage(file.bytes, 'png', [drawn([Number.NaN, 0, 10, 10])])).rejects.toBeInstanceOf(ExposureError);
    await expect(redactImage(file.bytes, 'png', [drawn([0, 0, 10, -10])])).rejects.toBeInstanceOf(ExposureError);
    await expect(redactImage(file.bytes, 'png', [{ shape: 'stroke', points: [], radius: 5, mode: 'fill', from: { kind: 'drawn' } }])).rejects.toBeInstanceOf(ExposureError);
    const out = await redactImage(file.bytes, 'png', [drawn([5000, 5000, 10, 10]), drawn([250, 250, 100, 100]), drawn([-20, -5, 30, 30])]);
    expect(out.removed[0]).toBe('2 areas of the picture covered with a solid block');
  });

  it('a freehand stroke covers exactly the pixels within the brush radius of its path, with a fill or flat squares', async () => {
    const file = corpusFile('mei__Issue_280_dotnet.png');
    const stroke: CoverArea = { shape: 'stroke', points: [[60, 80], [300, 120], [320, 400]], radius: 18, mode: 'fill', from: { kind: 'drawn' } };
    const dot: CoverArea = { shape: 'stroke', points: [[600, 300]], radius: 25, mode: 'pixelate', from: { kind: 'drawn' } };
    const out = await redactImage(file.bytes, 'png', [stroke, dot]);
    expect(out.removed.slice(0, 2)).toEqual(['1 area of the picture covered with a solid block', '1 area of the picture turned into coarse squares']);
    const [a, b] = await Promise.all([upright(file.bytes), upright(out.bytes)]);
    let wrongInside = 0;
    let changedOutside = 0;
    let inStroke = 0;
    const dotPixels = new Map<string, number[]>();
    for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * a.channels;
      const px = b.data.subarray(i, i + 3);
      if (coverContains(stroke, x + 0.5, y + 0.5)) {
        inStroke++;
        if (px[0] !== REDACTION_FILL[0] || px[1] !== REDACTION_FILL[1] || px[2] !== REDACTION_FILL[2]) wrongInside++;
      } else if (coverContains(dot, x + 0.5, y + 0.5)) {
        const key = `${Math.floor((x - 575) / 16)},${Math.floor((y - 275) / 16)}`;
        dotPixels.set(key, [...(dotPixels.get(key) ?? []), px[0]! * 65536 + px[1]! * 256 + px[2]!]);
      } else if (!a.data.subarray(i, i + a.channels).equals(b.data.subarray(i, i + b.channels))) changedOutside++;
    }
    expect(inStroke).toBeGreaterThan(36 * 520); // the path is about 524 px long, the brush 36 px wide
    expect(wrongInside).toBe(0);
    expect(changedOutside).toBe(0);
    // The dot is a mosaic: every 16-pixel square inside it holds one flat colour.
    expect(dotPixels.size).toBeGreaterThanOrEqual(9);
    for (const values of dotPixels.values()) expect(new Set(values).size).toBe(1);
  });

  it('rasterises a stroke into its clamped bounding box and measures covered shares', () => {
    const stroke: CoverArea = { shape: 'stroke', points: [[-10, 5], [40, 5]], radius: 4, mode: 'fill', from: { kind: 'drawn' } };
    const mask = rasterise(stroke, 100, 100)!;
    expect(mask.rect).toEqual({ x: 0, y: 1, w: 44, h: 8 });
    const covered = mask.inside!.reduce((n, v) => n + v, 0);
    expect(covered).toBeGreaterThan(40 * 8); // the straight part, full height
    expect(covered).toBeLessThan(44 * 8); // the round end cap leaves its corners
    expect(rasterise(stroke, 100, 0)).toBeNull();
    expect(coveredShareOf([0, 0, 40, 10], [stroke])).toBeCloseTo(0.8, 1);
    expect(coveredShareOf([0, 0, 10, 10], [boxCover([0, 0, 10, 5], 'fill', { kind: 'drawn' })])).toBe(0.5);
  });
});
