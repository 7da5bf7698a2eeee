// Bad input gets a clear ExposureError, never a crash, a hang or a half-written copy.
import { describe, expect, it } from 'vitest';
import { cleanImage, redactImage } from '../../shared/clean/index.js';
import { boxCover } from '../../shared/cover.js';

const DRAWN = { kind: 'drawn' } as const;
import { ExposureError, type ErrorCode } from '../../shared/errors.js';
import type { ImageFormat } from '../../shared/findings.js';
import { corpusFile } from './corpus.js';

async function failure(p: Promise<unknown>): Promise<ExposureError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ExposureError);
    const e = err as ExposureError;
    expect(e.message.length).toBeGreaterThan(20);
    expect(e.message).not.toMatch(/\n|at .*\(|undefined/);
    return e;
  }
  throw new Error('expected an ExposureError');
}

async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  expect((await failure(p)).code).toBe(code);
}

/** Seeded generator so a failure can be reproduced. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('bad input', () => {
  it('zero bytes', async () => {
    await expectCode(cleanImage(corpusFile('exifcleaner__zero_byte.jpg').bytes, 'jpeg'), 'empty');
    await expectCode(redactImage(new Uint8Array(0), 'png', [boxCover([0, 0, 1, 1], 'fill', DRAWN)]), 'empty');
  });

  it.each([
    ['exifcleaner__corrupted.jpg', 'jpeg'],
    ['exifreader__test-issue-608-truncated-exif-tiff-dos.jpg', 'jpeg'],
    ['pillow__truncated_image.png', 'png'],
    ['mei__IllegalArgumentException.HeifReader.processBoxes.heif', 'heic'],
  ] as const)('corpus damaged file %s', async (name, format) => {
    const e = await failure(cleanImage(corpusFile(name).bytes, format));
    expect(['corrupt', 'truncated', 'not-an-image']).toContain(e.code);
  });

  it('a JPEG whose header claims 60000 x 60000 pixels is refused before decoding', async () => {
    const bytes = corpusFile('mei__HTC_Desire.jpg').bytes.slice();
    let sof = -1;
    for (let i = 2; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) { sof = i; break; }
    expect(sof).toBeGreaterThan(0);
    bytes.set([60000 >> 8, 60000 & 0xff, 60000 >> 8, 60000 & 0xff], sof + 5);
    await expectCode(cleanImage(bytes, 'jpeg'), 'too-large');
    await expectCode(redactImage(bytes, 'jpeg', [boxCover([0, 0, 10, 10], 'fill', DRAWN)]), 'too-large');
  });

  it('a PNG, a WebP and a HEIC claiming 60000 x 60000 pixels are refused', async () => {
    const png = corpusFile('pillow__exif.png').bytes.slice();
    new DataView(png.buffer).setUint32(16, 60000);
    new DataView(png.buffer).setUint32(20, 60000);
    await expectCode(cleanImage(png, 'png'), 'too-large');

    const webp = corpusFile('pillow__flower2.webp').bytes.slice(); // VP8X canvas size, 24-bit minus one
    webp.set([0x5f, 0xea, 0x00, 0x5f, 0xea, 0x00], 24);
    await expectCode(cleanImage(webp, 'webp'), 'too-large');

    const heic = corpusFile('mei__IMG_2927.HEIC').bytes.slice();
    const ispe = Buffer.from(heic).indexOf('ispe');
    expect(ispe).toBeGreaterThan(0);
    const view = new DataView(heic.buffer);
    for (let at = ispe; at >= 0; at = Buffer.from(heic).indexOf('ispe', at + 4)) {
      view.setUint32(at + 8, 60000);
      view.setUint32(at + 12, 60000);
    }
    await expectCode(cleanImage(heic, 'heic'), 'too-large');
  });

  it.each(['jpeg', 'png', 'webp', 'gif', 'heic', 'avif', 'tiff', 'jxl'] as ImageFormat[])('random bytes labelled %s', async (format) => {
    for (let seed = 1; seed <= 5; seed++) await failure(cleanImage(randomBytes(4096, seed), format));
  });

  it('random bytes behind a valid JPEG start marker', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const b = randomBytes(8192, seed);
      b.set([0xff, 0xd8, 0xff], 0);
      await failure(cleanImage(b, 'jpeg'));
    }
  });

  it.each([
    ['mei__HTC_Desire.jpg', 'jpeg'],
    ['mei__Issue_280_dotnet.png', 'png'],
    ['pillow__flower2.webp', 'webp'],
    ['exifsamples__BSG1.tiff', 'tiff'],
    ['exifreader__test.jxl', 'jxl'],
  ] as const)('%s cut short at several points: a copy or a clear error, nothing else', async (name, format) => {
    const whole = corpusFile(name).bytes;
    for (const fraction of [0.02, 0.3, 0.6, 0.95]) {
      const cut = whole.subarray(0, Math.floor(whole.length * fraction));
      try {
        const out = await cleanImage(cut, format);
        expect(out.bytes.length).toBeGreaterThan(0);
      } catch (err) {
        expect(err).toBeInstanceOf(ExposureError);
      }
    }
  });

  it('JPEG 2000 is refused with a plain message', async () => {
    const jp2 = Uint8Array.from([0, 0, 0, 12, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 0, 0, 0, 0]);
    await expectCode(cleanImage(jp2, 'jp2'), 'unsupported');
  });
});
