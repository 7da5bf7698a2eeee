// PNG, WebP, GIF and JPEG XL clean copies: metadata gone (ExifTool), pixels identical (sharp),
// colour profiles kept with the same colour data and no device names.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanImage, type CleanOutput } from '../../shared/clean/index.js';
import { listBoxes } from '../../shared/metadata/containers/isobmff.js';
import { corpusFile, corpusFiles, exiftool, exiftoolIcc, leftovers, tempDir, writeTemp, type CorpusFile, type ExifToolTags } from './corpus.js';

const files = corpusFiles().filter((f) => (f.format === 'png' || f.format === 'webp') && f.decodes);

async function pixels(b: Uint8Array): Promise<Buffer> {
  return sharp(b, { animated: true }).raw().toBuffer();
}

/** Tag data by signature from an ICC profile's tag table. */
function iccTags(icc: Uint8Array): Map<string, Buffer> {
  const v = Buffer.from(icc);
  const tags = new Map<string, Buffer>();
  const count = v.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const e = 132 + i * 12;
    const off = v.readUInt32BE(e + 4);
    tags.set(v.toString('latin1', e, e + 4), v.subarray(off, off + v.readUInt32BE(e + 8)));
  }
  return tags;
}

describe('PNG and WebP clean copies (lossless)', () => {
  const results = new Map<string, { file: CorpusFile; out: CleanOutput; path: string }>();
  let tags = new Map<string, ExifToolTags>();
  beforeAll(async () => {
    const dir = tempDir();
    for (const file of files) {
      const out = await cleanImage(file.bytes, file.format!);
      results.set(file.name, { file, out, path: writeTemp(dir, file.name.replace(/\.\w+$/, `.clean.${out.extension}`), out.bytes) });
    }
    tags = exiftool([...results.values()].map((r) => r.path));
  });

  it('covers the corpus PNG and WebP files', () => {
    expect(files.filter((f) => f.format === 'png').length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.format === 'webp').length).toBeGreaterThanOrEqual(4);
  });

  it.each(files.map((f) => f.name))('%s: ExifTool finds nothing identifying, pixels are identical', async (name) => {
    const { file, out, path } = results.get(name)!;
    expect(leftovers(tags.get(path)!)).toEqual([]);
    expect(out.reencoded).toBe(false);
    expect(out.format).toBe(file.format);
    expect(out.removed.length).toBeGreaterThan(0);
    expect((await pixels(out.bytes)).equals(await pixels(file.bytes))).toBe(true);
  });

  it('keeps the WebP orientation as a minimal EXIF block with the VP8X flag set', () => {
    const r = results.get('mei__Nikon_Coolpix_P7000.webp')!;
    const t = tags.get(r.path)!;
    expect(t['IFD0:Orientation']).toBe(exiftool([r.file.path]).get(r.file.path)!['IFD0:Orientation']);
    expect(t['RIFF:WebP_Flags']).toBe('EXIF');
  });

  it.each(['exifr__IMG_20180725_163423-1.png', 'mei__Issue_280_dotnet.png', 'pillow__flower2.webp'])(
    '%s: colour profile has the same colour data and no device maker or model',
    (name) => {
      const r = results.get(name)!;
      const before = exiftoolIcc(r.file.path);
      const after = exiftoolIcc(r.path);
      expect(before).not.toBeNull();
      expect(after).not.toBeNull();
      expect(after!.length).toBe(before!.length);
      const a = iccTags(before!);
      const b = iccTags(after!);
      const colourTags = ['rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC', 'wtpt'].filter((t) => a.has(t));
      expect(colourTags.length).toBeGreaterThanOrEqual(6);
      for (const t of colourTags) expect(b.get(t)?.equals(a.get(t)!), t).toBe(true);
      expect(Buffer.from(after!.subarray(48, 56)).every((x) => x === 0)).toBe(true); // manufacturer, model
      expect(tags.get(r.path)!['ICC-header:DeviceManufacturer'] ?? '').toBe('');
    },
  );
});

describe('JPEG colour profiles', () => {
  it.each(['mei__Apple_iPhone_4.jpg', 'exifr__IMG_20180725_163423-tiny.jpg', 'exifsamples__portrait_6.jpg'])(
    '%s: same colour data, header blanked',
    async (name) => {
      const file = corpusFile(name);
      const out = await cleanImage(file.bytes, 'jpeg');
      const path = writeTemp(tempDir(), 'c.jpg', out.bytes);
      const a = iccTags(exiftoolIcc(file.path)!);
      const after = exiftoolIcc(path)!;
      const b = iccTags(after);
      for (const t of ['rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC']) expect(b.get(t)?.equals(a.get(t)!), t).toBe(true);
      expect(Buffer.from(after.subarray(48, 56)).every((x) => x === 0)).toBe(true);
      expect(Buffer.from(after.subarray(80, 100)).every((x) => x === 0)).toBe(true); // creator, profile ID
      const t = exiftool([path]).get(path)!;
      expect(t['ICC-header:ProfileCreator'] ?? '').toBe('');
      expect(String(t['ICC_Profile:ProfileCopyright'] ?? '')).toBe('');
    },
  );
});

describe('GIF (lossless)', () => {
  it('drops comments, XMP and trailing data, keeps looping and identical frames', async () => {
    // A real photo made into a 2-frame looping GIF, then given a comment, an XMP block and junk.
    const photo = corpusFile('mei__HTC_Desire.jpg');
    const frame = await sharp(photo.bytes).resize(64, 48).raw().toBuffer();
    const gif = new Uint8Array(await sharp(Buffer.concat([frame, frame]), { raw: { width: 64, height: 96, channels: 3, pageHeight: 48 } as never }).gif({ loop: 0 }).toBuffer());
    const headerEnd = 13 + 3 * (1 << ((gif[10]! & 7) + 1));
    const comment = Buffer.from([0x21, 0xfe, 12, ...Buffer.from('Alice at 5th'), 0]);
    const xmpText = Buffer.from('<x:xmpmeta><dc:creator>Alice Example</dc:creator></x:xmpmeta>');
    const xmp = Buffer.from([0x21, 0xff, 11, ...Buffer.from('XMP DataXMP'), xmpText.length, ...xmpText, 0]);
    const tampered = Buffer.concat([gif.subarray(0, headerEnd), comment, xmp, gif.subarray(headerEnd), Buffer.from('trailing secret')]);
    const dir = tempDir();
    const before = exiftool([writeTemp(dir, 'in.gif', tampered)]).get(`${dir}/in.gif`)!;
    expect(before['File:Comment'] ?? before['GIF:Comment']).toBeDefined(); // the injection is visible to ExifTool

    const out = await cleanImage(tampered, 'gif');
    const path = writeTemp(dir, 'out.gif', out.bytes);
    const t = exiftool([path]).get(path)!;
    expect(leftovers(t)).toEqual([]);
    expect(Object.keys(t).some((k) => k.startsWith('XMP'))).toBe(false);
    expect(Buffer.from(out.bytes).includes('Alice')).toBe(false);
    expect(Buffer.from(out.bytes).includes('trailing secret')).toBe(false);
    expect(Buffer.from(out.bytes).includes('NETSCAPE2.0')).toBe(true);
    expect(out.removed).toEqual(expect.arrayContaining(['Comment', 'Data after the end of the image']));
    expect((await pixels(out.bytes)).equals(await pixels(gif))).toBe(true);
  });
});

describe('JPEG XL (container, lossless)', () => {
  it('drops the Exif and XMP boxes and keeps the codestream byte for byte', async () => {
    const file = corpusFile('exifreader__test.jxl');
    const out = await cleanImage(file.bytes, 'jxl');
    const path = writeTemp(tempDir(), 'c.jxl', out.bytes);
    const t = exiftool([path]).get(path)!;
    expect(leftovers(t)).toEqual([]);
    const code = (b: Uint8Array): Buffer[] => listBoxes(b).boxes.filter((x) => x.type === 'jxlc' || x.type === 'jxlp').map((x) => Buffer.from(b.subarray(x.offset, x.end)));
    const [a, b] = [code(file.bytes), code(out.bytes)];
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(listBoxes(out.bytes).boxes.map((x) => x.type)).not.toContain('Exif');
  });
});
