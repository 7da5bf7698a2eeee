// TIFF is re-encoded, and so are HEIC/HEIF and AVIF when asked for JPEG (`--to jpeg`): the copy
// must be a plain JPEG/PNG of the right, upright size with no metadata at all.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanImage, type CleanOutput } from '../../shared/clean/index.js';
import { corpusFiles, exiftool, leftovers, tempDir, writeTemp, type CorpusFile, type ExifToolTags } from './corpus.js';

const files = corpusFiles().filter((f) => (f.format === 'heic' || f.format === 'avif' || f.format === 'tiff') && f.decodes);

describe('re-encoded formats (TIFF; HEIC and AVIF with --to jpeg)', () => {
  const results = new Map<string, { file: CorpusFile; out: CleanOutput; path: string }>();
  let tags = new Map<string, ExifToolTags>();
  let originals = new Map<string, ExifToolTags>();
  beforeAll(async () => {
    const dir = tempDir();
    for (const file of files) {
      const out = await cleanImage(file.bytes, file.format!, file.format === 'tiff' ? {} : { to: 'jpeg' });
      results.set(file.name, { file, out, path: writeTemp(dir, `${file.name}.clean.${out.extension}`, out.bytes) });
    }
    tags = exiftool([...results.values()].map((r) => r.path));
    originals = exiftool(files.map((f) => f.path));
  }, 180_000);

  it('covers the HEIC, AVIF and TIFF files of the corpus', () => {
    expect(files.filter((f) => f.format === 'heic').length).toBeGreaterThanOrEqual(5);
    expect(files.some((f) => f.format === 'avif')).toBe(true);
    expect(files.filter((f) => f.format === 'tiff').length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.map((f) => f.name))('%s: plain upright copy with no metadata, marked re-encoded', async (name) => {
    const { file, out, path } = results.get(name)!;
    const t = tags.get(path)!;
    expect(out.reencoded).toBe(true);
    expect(out.format).toBe(file.format === 'tiff' ? 'png' : 'jpeg');
    expect(leftovers(t)).toEqual([]);
    expect(Object.keys(t).filter((k) => /^(IFD0|ICC|XMP|IPTC|GPS)/.test(k))).toEqual([]);
    // ExifTool's ImageSize for the original is the displayed size (after HEIF rotation).
    const [w, h] = String(originals.get(file.path)!['Composite:ImageSize']).split(/[x ]/).map(Number);
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([w, h]);
  });

  it('HEIC copies look like the photo (not blank), portrait stays portrait', async () => {
    const r = results.get('mei__exif-at-eof.heic')!;
    const stats = await sharp(r.out.bytes).stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(10);
    const meta = await sharp(r.out.bytes).metadata();
    expect(meta.height).toBeGreaterThan(meta.width!);
  });
});
