// JPEG clean copies, checked with independent readers: ExifTool for what is left and sharp for the
// decoded pixels; the compressed data is compared scan by scan through the metadata reader's view
// of the segment walker (listJpegSegments).
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanImage, type CleanOutput } from '../../shared/clean/index.js';
import { listJpegSegments } from '../../shared/metadata/containers/jpeg.js';
import { corpusFiles, exiftool, leftovers, tempDir, writeTemp, type CorpusFile, type ExifToolTags } from './corpus.js';

const jpegs = corpusFiles().filter((f) => f.format === 'jpeg' && f.decodes);

/** All scans (SOS header + entropy-coded data), found through the metadata reader's view of the file. */
function scanData(b: Uint8Array): Buffer {
  const layout = listJpegSegments(b);
  const parts: Buffer[] = [];
  layout.segments.forEach((s, i) => {
    if (s.marker !== 0xda) return;
    const next = layout.segments[i + 1];
    const end = next ? next.offset : layout.imageEnd !== null ? layout.imageEnd - 2 : b.length;
    parts.push(Buffer.from(b.subarray(s.offset, end)));
  });
  return Buffer.concat(parts);
}

async function uprightPixels(b: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(b, { failOn: 'none' }).rotate().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('JPEG clean copies (lossless)', () => {
  const results = new Map<string, { file: CorpusFile; out: CleanOutput; path: string }>();
  let tags = new Map<string, ExifToolTags>();

  beforeAll(async () => {
    const dir = tempDir();
    for (const file of jpegs) {
      const out = await cleanImage(file.bytes, 'jpeg');
      results.set(file.name, { file, out, path: writeTemp(dir, file.name.replace(/\.\w+$/, '.clean.jpg'), out.bytes) });
    }
    tags = exiftool([...results.values()].map((r) => r.path));
  });

  it('covers every decodable JPEG/MPO in the corpus', () => {
    expect(jpegs.length).toBeGreaterThanOrEqual(30);
    expect(results.size).toBe(jpegs.length);
  });

  it.each(jpegs.map((f) => f.name))('%s: ExifTool finds nothing identifying in the copy', (name) => {
    const r = results.get(name)!;
    const t = tags.get(r.path);
    expect(t).toBeDefined();
    expect(leftovers(t!)).toEqual([]);
    expect(r.out.reencoded).toBe(false);
    expect(r.out.format).toBe('jpeg');
  });

  it.each(jpegs.map((f) => f.name))('%s: compressed picture data is byte-identical and decodes to the same pixels', async (name) => {
    const { file, out, path } = results.get(name)!;
    const original = scanData(file.bytes);
    expect(original.length).toBeGreaterThan(0);
    expect(scanData(out.bytes).equals(original)).toBe(true);
    const a = await uprightPixels(file.bytes).catch(() => null);
    if (a) {
      const b = await uprightPixels(out.bytes);
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      expect(b.data.equals(a.data)).toBe(true);
    } else {
      // libvips gives up on this damaged file; ImageMagick decodes it (with warnings): compare there.
      const im = (p: string): Buffer => execFileSync('convert', [p, '-auto-orient', 'RGB:-'], { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
      const original = im(file.path);
      expect(original.length).toBeGreaterThan(1000);
      expect(im(path).equals(original)).toBe(true);
    }
  });

  it('names GPS among what was removed when the photo had a position', () => {
    const withGps = jpegs.filter((f) => /has GPS \(in GPS;/.test(f.notes));
    expect(withGps.length).toBeGreaterThan(5);
    for (const f of withGps) expect(results.get(f.name)!.out.removed).toContain('GPS location');
  });

  it('drops what comes after the end of the image (MPO second picture, gain map)', () => {
    const mpo = results.get('pillow__frozenpond.mpo')!;
    expect(mpo.out.bytes.length).toBeLessThan(mpo.file.bytes.length / 1.5);
    expect(mpo.out.removed.some((l) => l.startsWith('Data after the end of the image'))).toBe(true);
    expect(tags.get(mpo.path)!['MPF0:MPFVersion']).toBeUndefined();
  });

  it('keeps the orientation-6 photo upright with only the Orientation tag', async () => {
    const r = results.get('exifsamples__portrait_6.jpg')!;
    const t = tags.get(r.path)!;
    expect(t['IFD0:Orientation']).toBe('Rotate 90 CW');
    expect(Object.keys(t).filter((k) => k.startsWith('IFD0:'))).toEqual(['IFD0:Orientation']);
    expect(r.out.kept).toContain('Orientation (keeps the photo upright)');
    const [a, b] = await Promise.all([uprightPixels(r.file.bytes), uprightPixels(r.out.bytes)]);
    expect(b.height).toBeGreaterThan(b.width); // 600x450 stored, shown 450x600
    expect([b.width, b.height]).toEqual([a.width, a.height]);
  });

  it('writes no orientation tag when the photo was already upright', () => {
    const r = results.get('mei__HTC_Desire.jpg')!;
    expect(Object.keys(tags.get(r.path)!).some((k) => k.startsWith('IFD0:'))).toBe(false);
  });

  it('keeps the Adobe colour-transform flag', () => {
    const r = results.get('exifsamples__BlueSquare.jpg')!;
    const original = exiftool([r.file.path]).get(r.file.path)!;
    expect(tags.get(r.path)!['Adobe:ColorTransform']).toBe(original['Adobe:ColorTransform']);
  });
});
