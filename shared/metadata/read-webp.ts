// WebP: EXIF, XMP and ICC chunks of the extended format.
import { ExposureError } from '../errors.js';
import { ascii, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { listWebpChunks } from './containers/webp.js';
import { reportExifBlock } from './exif.js';
import { reportIcc } from './icc.js';
import type { FormatResult } from './read-result.js';
import { reportXmp, xmpText } from './xmp.js';

const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);

export async function readWebp(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const layout = listWebpChunks(b);
  if (!layout.chunks.some((c) => c.type === 'VP8 ' || c.type === 'VP8L' || c.type === 'ANMF')) {
    throw new ExposureError('truncated', 'This WebP file is cut short or damaged: its picture data is missing, so it cannot be read.');
  }
  const result: FormatResult = { width: layout.width, height: layout.height };
  for (const c of layout.chunks) {
    const end = c.dataOffset + c.dataLength;
    const where = `WebP ${c.type.trim()} chunk`;
    try {
      if (c.type === 'EXIF') {
        const start = ascii(b, c.dataOffset, 6) === 'Exif\0\0' ? c.dataOffset + 6 : c.dataOffset;
        const r = await reportExifBlock(b, start, end, 'EXIF', out);
        result.orientation ??= r.orientation;
      } else if (c.type === 'XMP ') reportXmp(xmpText(b, c.dataOffset, end), 'XMP', out);
      else if (c.type === 'ICCP') reportIcc(b.subarray(c.dataOffset, end), 'ICC profile', out);
      else if (!IMAGE_CHUNKS.has(c.type)) out.add('metadata.other', where, `${c.type.trim()} chunk`, `${c.dataLength} bytes`);
    } catch (err) {
      out.markDamaged(where, err);
    }
  }
  return result;
}
