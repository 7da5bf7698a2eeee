// Bad input: each case ends in a clear ExposureError or a graceful partial result, never a hang.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExposureError } from '../../shared/errors.js';
import { scanMetadata } from '../../shared/metadata/index.js';
import { corpusPath } from './corpus.js';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(corpusPath(name)));

async function codeOf(bytes: Uint8Array, name: string): Promise<string> {
  try {
    await scanMetadata(bytes, name);
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(ExposureError);
    expect((err as Error).message).toMatch(/^[A-Z][^\n]+\.$/);
    return (err as ExposureError).code;
  }
}

describe('bad input', () => {
  it('zero-byte file', async () => {
    expect(await codeOf(read('exifcleaner__zero_byte.jpg'), 'x.jpg')).toBe('empty');
  });
  it('50-byte non-image named .jpg (JPEG signature, then junk)', async () => {
    expect(await codeOf(read('exifcleaner__corrupted.jpg'), 'x.jpg')).toBe('corrupt');
  });
  it('32-byte truncated JPEG', async () => {
    expect(await codeOf(read('exifreader__test-issue-608-truncated-exif-tiff-dos.jpg'), 'x.jpg')).toBe('truncated');
  });
  it('truncated PNG', async () => {
    expect(await codeOf(read('pillow__truncated_image.png'), 'x.png')).toBe('truncated');
  });
  it('fuzzed HEIF: partial result that says the structure is damaged', async () => {
    const scan = await scanMetadata(read('mei__IllegalArgumentException.HeifReader.processBoxes.heif'), 'x.heif');
    expect(scan.findings.map((f) => f.id)).toContain('metadata.damaged');
  });
  it('random noise', async () => {
    let seed = 42;
    const noise = Uint8Array.from({ length: 100_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    expect(await codeOf(noise, 'noise.jpg')).toBe('not-an-image');
    // Noise behind a JPEG signature must not hang or crash either.
    noise.set([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff], 0);
    expect(['ok', 'truncated', 'corrupt']).toContain(await codeOf(noise, 'noise.jpg'));
  });
  it('PNG whose chunk length is huge', async () => {
    const png = new Uint8Array(readFileSync(corpusPath('mei__sampleWithExifData.png')));
    const bytes = png.slice();
    // First chunk after IHDR (offset 8 + 25): claim 0x7fffffff bytes.
    new DataView(bytes.buffer).setUint32(33, 0x7fffffff);
    expect(await codeOf(bytes, 'huge.png')).toBe('truncated');
  });
  it('corrupt metadata but a good image still scans (broken XMP, bad offsets)', async () => {
    for (const f of ['exifr__broken1.jpg', 'exifr__RangeError_Offset_outside_bounds.jpg', 'exifsamples__corrupted.jpg', 'pillow__hopper_bad_exif.jpg', 'exifsamples__image01088.jpg']) {
      const scan = await scanMetadata(read(f), f);
      expect(scan.format, f).toBe('jpeg');
    }
  });
});
