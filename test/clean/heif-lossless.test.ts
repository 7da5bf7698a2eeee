// HEIC, HEIF and AVIF copies are lossless: the container is rewritten, the coded picture is not.
// Every decodable HEIC/HEIF/AVIF of the corpus: same coded bytes for every item of the picture,
// the same decoded pixels, and nothing ExifTool or our own reader would call a leak.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanImage, type CleanOutput } from '../../shared/clean/index.js';
import { decodeHeicPixels } from '../../shared/image/heic-decode.js';
import { itemBytes, pictureItems, readHeifMeta } from '../../shared/metadata/containers/heif-meta.js';
import { listBoxes } from '../../shared/metadata/containers/isobmff.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import { blocksPosting } from '../../shared/findings.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { corpusFile, corpusFiles, exiftool, leftovers, tempDir, writeTemp, type CorpusFile, type ExifToolTags } from './corpus.js';

const files = corpusFiles().filter((f) => (f.format === 'heic' || f.format === 'avif') && f.decodes);

function layout(b: Uint8Array) {
  const meta = readHeifMeta(b, listBoxes(b).boxes)!;
  const primary = meta.items.find((i) => i.id === meta.primaryId)!;
  return { meta, primary, picture: pictureItems(meta, primary) };
}

async function pixels(b: Uint8Array, format: 'heic' | 'avif'): Promise<Buffer> {
  if (format === 'heic') return Buffer.from((await decodeHeicPixels(b, 4e8)).data);
  return sharp(b).raw().toBuffer();
}

describe('HEIC, HEIF and AVIF clean copies (lossless)', () => {
  const results = new Map<string, { file: CorpusFile; out: CleanOutput; path: string }>();
  let tags = new Map<string, ExifToolTags>();
  beforeAll(async () => {
    const dir = tempDir();
    for (const file of files) {
      const out = await cleanImage(file.bytes, file.format!);
      results.set(file.name, { file, out, path: writeTemp(dir, `${file.name}.clean.${out.extension}`, out.bytes) });
    }
    tags = exiftool([...results.values()].map((r) => r.path));
  }, 120_000);

  it('covers the HEIC, HEIF and AVIF files of the corpus, the Exif-at-the-end one included', () => {
    expect(files.filter((f) => f.format === 'heic').length).toBeGreaterThanOrEqual(5);
    expect(files.some((f) => f.format === 'avif')).toBe(true);
    expect(files.map((f) => f.name)).toContain('mei__exif-at-eof.heic');
  });

  it.each(files.map((f) => f.name))('%s: same format, not re-encoded, every coded picture item byte-identical', (name) => {
    const { file, out } = results.get(name)!;
    expect(out.reencoded).toBe(false);
    expect(out.format).toBe(file.format);
    const before = layout(file.bytes);
    const after = layout(out.bytes);
    expect(after.meta.primaryId).toBe(before.meta.primaryId);
    expect([...after.picture].sort()).toEqual([...before.picture].sort());
    expect(after.meta.items.map((i) => i.id).sort()).toEqual([...before.picture].sort());
    for (const id of before.picture) {
      const a = before.meta.items.find((i) => i.id === id)!;
      const b = after.meta.items.find((i) => i.id === id)!;
      expect(b.type).toBe(a.type);
      expect(Buffer.from(itemBytes(out.bytes, b)).equals(Buffer.from(itemBytes(file.bytes, a))), `item ${id}`).toBe(true);
    }
  });

  it.each(files.map((f) => f.name))('%s: decodes to exactly the same pixels', async (name) => {
    const { file, out } = results.get(name)!;
    const format = file.format as 'heic' | 'avif';
    expect((await pixels(out.bytes, format)).equals(await pixels(file.bytes, format))).toBe(true);
  });

  it.each(files.map((f) => f.name))('%s: ExifTool and our reader find nothing identifying in the copy', async (name) => {
    const { path, out } = results.get(name)!;
    const t = tags.get(path)!;
    expect(leftovers(t)).toEqual([]);
    expect(Object.keys(t).filter((k) => /^(IFD0|ExifIFD|GPS|XMP|Apple|Canon|IPTC)/.test(k))).toEqual([]);
    const scan = await scanMetadata(out.bytes, 'copy.heic');
    expect(scan.findings.filter(blocksPosting).map((f) => f.id)).toEqual([]);
  });

  it('the originals did carry what the copies lost (the check can fail)', async () => {
    const before = exiftool(files.map((f) => f.path));
    expect(Object.keys(before.get(corpusFile('mei__exif-at-eof.heic').path)!).filter((k) => k.startsWith('GPS:')).length).toBeGreaterThan(3);
    const scan = await scanMetadata(corpusFile('exifr__heic-iphone7.heic').bytes, 'x.heic');
    expect(scan.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['gps.position', 'heif.thumbnail']));
  });

  it('says what went and what stayed', () => {
    const iphone = results.get('exifr__heic-iphone7.heic')!.out;
    expect(iphone.removed).toEqual(expect.arrayContaining(['Hidden thumbnail pictures', expect.stringMatching(/EXIF/)]));
    expect(iphone.kept).toEqual(expect.arrayContaining([expect.stringMatching(/not re-encoded/), expect.stringMatching(/Rotation/), expect.stringMatching(/Colour profile/)]));
    expect(results.get('exifr__heic-collection.heic')!.out.removed).toContain('Other pictures stored in the file (only the main picture was kept)');
    // The Exif item that sat at the very end of the file is gone, bytes and all.
    const eof = results.get('mei__exif-at-eof.heic')!;
    const exif = layout(eof.file.bytes).meta.items.find((i) => i.type === 'Exif')!;
    expect(Buffer.from(eof.out.bytes).indexOf(Buffer.from(itemBytes(eof.file.bytes, exif)).subarray(0, 64))).toBe(-1);
  });

  it('a .heif photo gets a .heif copy (its own name for the same kind of file), a .heic one a .heic copy', async () => {
    const { cleanFile } = await import('../../shared/node/clean-file.js');
    const dir = tempDir();
    for (const name of ['exifsamples__HMD_Nokia_8.3_5G_hdr.heif', 'mei__exif-at-eof.heic']) {
      const source = writeTemp(dir, name, corpusFile(name).bytes);
      const report = await cleanFile(source, { redact: 'none' });
      expect(report.error).toBeUndefined();
      expect(path.basename(report.output!)).toBe(name.replace(/\.(heif|heic)$/, '.clean.$1'));
    }
  }, 60_000);

  it('--to jpeg: a plain re-encoded JPEG of the upright picture', async () => {
    const file = corpusFile('mei__exif-at-eof.heic');
    const out = await cleanImage(file.bytes, 'heic', { to: 'jpeg' });
    expect(out.reencoded).toBe(true);
    expect(out.extension).toBe('jpg');
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([3024, 4032]);
  });
});

describe('damaged HEIC: an error, never a partly blank copy', () => {
  const whole = corpusFile('mei__IMG_2927.HEIC').bytes;
  it.each([0.3, 0.6, 0.99])('cut at %s of its length: clean, --to jpeg and the picture check all refuse it', async (share) => {
    const cut = whole.subarray(0, Math.floor(whole.length * share));
    for (const run of [() => cleanImage(cut, 'heic'), () => cleanImage(cut, 'heic', { to: 'jpeg' }), () => decodeRgb(cut, 'heic')]) {
      const err = await run().then(() => null, (e: unknown) => e as { code: string; message: string });
      expect(err?.code).toBe('truncated');
      expect(err?.message).toMatch(/cut short/);
    }
    const scan = await scanMetadata(cut, 'cut.heic');
    expect(scan.findings.find((f) => f.id === 'metadata.damaged')?.where).toMatch(/picture data/);
  });

  it('libheif complaining never reaches stdout: clean --json --to jpeg gives pure JSON and a clear error', () => {
    const broken = whole.slice();
    broken.set(Buffer.from('xxxx'), Buffer.from(whole).indexOf('pict')); // handler type: libheif finds no image
    const file = writeTemp(tempDir(), 'broken.heic', broken);
    // A real process: libheif writes to the process's stdout, which an in-process test would not see.
    const cli = pathToFileURL(path.resolve(import.meta.dirname, '../../cli/main.ts')).href;
    const script = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(process.argv.slice(1));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'clean', '--json', '--to', 'jpeg', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const stdout = r.stdout;
    const report = JSON.parse(stdout) as { files: { error?: { code: string; message: string } }[] };
    expect(report.files[0]!.error?.code).toBe('corrupt');
    // libheif's own words are caught and put into the message instead of being printed.
    expect(report.files[0]!.error?.message).toMatch(/No images found/);
  });
});
