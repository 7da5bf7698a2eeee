// JPEG XL: lossless. In the ISO-BMFF container, metadata sits in its own boxes (Exif, xml, jumb,
// and brob = Brotli-compressed copies of them); the picture is in jxlc/jxlp and stays untouched.
// A bare codestream cannot hold metadata boxes at all. Orientation lives in the codestream header.
import { ExposureError } from '../errors.js';
import { listBoxes } from '../metadata/containers/isobmff.js';
import { concat, startsWith } from '../bytes.js';
import { addOnce, type CleanOutput } from './types.js';

const PICTURE_BOXES = new Set(['JXL ', 'ftyp', 'jxll', 'jxli', 'jxlc', 'jxlp']);
const DESCRIPTIONS: Record<string, string> = {
  Exif: 'Camera details and settings (EXIF)',
  'xml ': 'XMP information (can hold location, names, editing history)',
  jumb: 'Content-credentials / JUMBF data (can name the author and the software)',
  brob: 'Compressed metadata (EXIF or XMP)',
  jbrd: 'Data for rebuilding the original JPEG file (holds its metadata sections)',
};

export function cleanJxl(b: Uint8Array): CleanOutput {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0x0a) {
    return { bytes: b.slice(), format: 'jxl', extension: 'jxl', reencoded: false, removed: [], kept: ['The whole file (this kind of JPEG XL file has no metadata blocks)'] };
  }
  if (!startsWith(b, 4, 'JXL \r\n\x87\n')) throw new ExposureError('not-an-image', 'This file is not a JPEG XL image.');
  const { boxes, truncated } = listBoxes(b);
  if (truncated) throw new ExposureError('truncated', 'This JPEG XL image is incomplete: the file was cut short.');
  if (!boxes.some((x) => x.type === 'jxlc' || x.type === 'jxlp')) {
    throw new ExposureError('truncated', 'This JPEG XL file is cut short or damaged: its picture data is missing.');
  }
  const removed: string[] = [];
  const out: Uint8Array[] = [];
  for (const box of boxes) {
    if (PICTURE_BOXES.has(box.type)) out.push(b.subarray(box.offset, box.end));
    else addOnce(removed, DESCRIPTIONS[box.type] ?? `Other hidden data ("${box.type.replace(/[^\x20-\x7e]/g, '?')}" block)`);
  }
  return { bytes: concat(out), format: 'jxl', extension: 'jxl', reencoded: false, removed, kept: [] };
}
