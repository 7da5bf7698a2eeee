// JPEG XL container and JPEG 2000: metadata boxes ("Exif", "xml ", XMP/EXIF "uuid" boxes).
import { ExposureError } from '../errors.js';
import { ascii, u32, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { listBoxes } from './containers/isobmff.js';
import { reportExifBlock } from './exif.js';
import type { FormatResult } from './read-result.js';
import { reportXmp, xmpText } from './xmp.js';
import { reportJumbf } from './c2pa.js';

const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';
const hex = (b: Uint8Array, o: number): string => [...b.subarray(o, o + 16)].map((x) => x.toString(16).padStart(2, '0')).join('');

export async function readBoxes(b: Uint8Array, out: FindingCollector, kind: 'jxl' | 'jp2'): Promise<FormatResult> {
  if (kind === 'jxl' && b[0] === 0xff && b[1] === 0x0a) return {}; // bare codestream: no room for metadata
  const { boxes } = listBoxes(b);
  const image = kind === 'jxl' ? ['jxlc', 'jxlp'] : ['jp2c'];
  if (!boxes.some((x) => image.includes(x.type))) {
    throw new ExposureError('truncated', `This ${kind === 'jxl' ? 'JPEG XL' : 'JPEG 2000'} file is cut short or damaged: its picture data is missing.`);
  }
  const result: FormatResult = {};
  for (const box of boxes) {
    const where = `${kind === 'jxl' ? 'JPEG XL' : 'JPEG 2000'} ${box.type.trim()} box`;
    try {
      if (box.type === 'Exif') {
        const start = box.dataOffset + 4 + u32(b, box.dataOffset);
        const r = await reportExifBlock(b, start, box.end, 'EXIF', out);
        result.orientation ??= r.orientation;
      } else if (box.type === 'xml ') reportXmp(xmpText(b, box.dataOffset, box.end), 'XMP', out);
      else if (box.type === 'uuid' && hex(b, box.dataOffset) === XMP_UUID) reportXmp(xmpText(b, box.dataOffset + 16, box.end), 'XMP', out);
      else if (box.type === 'uuid' && ascii(b, box.dataOffset, 16) === 'JpgTiffExif->JP2') {
        const s = box.dataOffset + 16 + (ascii(b, box.dataOffset + 16, 6) === 'Exif\0\0' ? 6 : 0);
        await reportExifBlock(b, s, box.end, 'EXIF', out);
      } else if (box.type === 'brob') {
        out.add('metadata.other', where, `Compressed "${ascii(b, box.dataOffset, 4).trim()}" box`, 'present (compressed, not shown)');
      } else if (box.type === 'jumb') reportJumbf(b, box.offset, box.end, where, out);
    } catch (err) {
      out.markDamaged(where, err);
    }
  }
  return result;
}
