// HEIC / HEIF / AVIF: Exif and XMP items located through the item tables (so an Exif item at the
// very end of the file is found too), the colour profile, thumbnails and auxiliary images.
import { ExposureError } from '../errors.js';
import { ascii, u32, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { itemBytes, listBoxes, readHeifLayout } from './containers/isobmff.js';
import { reportExifBlock } from './exif.js';
import { reportIcc } from './icc.js';
import type { FormatResult } from './read-result.js';
import { reportXmp, xmpText } from './xmp.js';

export async function readHeif(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const layout = readHeifLayout(b);
  const primary = layout.items.find((i) => i.id === layout.primaryId);
  if (!primary || !primary.type) {
    throw new ExposureError('corrupt', 'This HEIC/HEIF photo is damaged: its main picture cannot be found in the file.');
  }
  const result: FormatResult = { width: primary.width, height: primary.height };
  if (layout.truncated) out.markDamaged('HEIF structure', new Error('a box runs past the end of the file'));
  for (const item of layout.items) {
    const where = `HEIF ${item.type === 'mime' ? item.contentType : item.type} item`;
    try {
      if (item.type === 'Exif') {
        const bytes = itemBytes(b, item);
        const start = 4 + u32(bytes, 0);
        const r = await reportExifBlock(bytes, start, bytes.length, 'EXIF', out);
        result.orientation ??= r.orientation;
      } else if (item.type === 'mime' && /xmp|rdf\+xml/i.test(item.contentType)) {
        reportXmp(xmpText(itemBytes(b, item)), 'XMP', out);
      } else if (item.thumbnailOf.length > 0) {
        const bytes = itemBytes(b, item);
        if (item.type === 'jpeg' && bytes[0] === 0xff) out.addImage('heif.thumbnail', where, 'Thumbnail', 'image/jpeg', bytes);
        else out.add('heif.thumbnail', where, `Thumbnail ${item.id}`, { codec: item.type, width: item.width ?? null, height: item.height ?? null, bytes: bytes.length });
      } else if (item.auxiliaryOf.length > 0) {
        out.add('heif.thumbnail', where, `Auxiliary image ${item.id} (depth, transparency or brightness map)`, { codec: item.type, width: item.width ?? null, height: item.height ?? null });
      }
    } catch (err) {
      out.markDamaged(where, err);
    }
  }
  const hiddenImages = layout.items.filter((i) => i.id !== primary.id && ['hvc1', 'av01', 'jpeg', 'grid'].includes(i.type) && i.thumbnailOf.length === 0 && i.auxiliaryOf.length === 0);
  const tiles = primary.type === 'grid';
  if (!tiles && hiddenImages.length > 0) out.add('heif.thumbnail', 'HEIF items', 'Other images in the file', hiddenImages.length);
  reportColourProfiles(b, layout.topBoxes.find((x) => x.type === 'meta'), out);
  return result;
}

function reportColourProfiles(b: Uint8Array, meta: { dataOffset: number; end: number } | undefined, out: FindingCollector): void {
  if (!meta) return;
  const iprp = listBoxes(b, meta.dataOffset + 4, meta.end).boxes.find((x) => x.type === 'iprp');
  const ipco = iprp && listBoxes(b, iprp.dataOffset, iprp.end).boxes.find((x) => x.type === 'ipco');
  if (!ipco) return;
  for (const colr of listBoxes(b, ipco.dataOffset, ipco.end).boxes.filter((x) => x.type === 'colr')) {
    const kind = ascii(b, colr.dataOffset, 4);
    if (kind === 'prof' || kind === 'rICC') reportIcc(b.subarray(colr.dataOffset + 4, colr.end), 'ICC profile', out);
  }
}
