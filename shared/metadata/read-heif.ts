// HEIC / HEIF / AVIF: Exif and XMP items located through the item tables (so an Exif item at the
// very end of the file is found too), the colour profile, thumbnails and extra images, and the
// text properties some writers attach to items.
import { ExposureError } from '../errors.js';
import { u32, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { itemBytes, pictureItems, readHeifMeta, type HeifItem, type HeifMeta } from './containers/heif-meta.js';
import { listBoxes } from './containers/isobmff.js';
import { reportExifBlock } from './exif.js';
import { reportIcc } from './icc.js';
import type { FormatResult } from './read-result.js';
import { reportXmp, xmpText } from './xmp.js';

const IMAGE_TYPES = new Set(['hvc1', 'av01', 'jpeg', 'grid', 'iovl', 'iden', 'tmap', 'vvc1', 'j2k1', 'unci']);

export async function readHeif(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const top = listBoxes(b);
  const meta = readHeifMeta(b, top.boxes);
  const primary = meta?.items.find((i) => i.id === meta.primaryId);
  if (!meta || !primary || !primary.type) {
    throw new ExposureError('corrupt', 'This HEIC/HEIF photo is damaged: its main picture cannot be found in the file.');
  }
  const result: FormatResult = { width: primary.width, height: primary.height };
  if (top.truncated || meta.truncated) out.markDamaged('HEIF structure', new Error('a box runs past the end of the file'));
  const picture = pictureItems(meta, primary);
  if ([...picture].some((id) => meta.items.find((i) => i.id === id)?.incomplete)) {
    out.markDamaged('HEIF picture data', new Error('part of the picture is missing: the file was cut short'));
  }
  for (const item of meta.items) {
    const where = `HEIF ${item.type === 'mime' ? item.contentType : item.type} item`;
    try {
      if (item.type === 'Exif') {
        const bytes = itemBytes(b, item);
        const start = 4 + u32(bytes, 0);
        const r = await reportExifBlock(bytes, start, bytes.length, 'EXIF', out);
        result.orientation ??= r.orientation;
      } else if (item.type === 'mime' && /xmp|rdf\+xml/i.test(item.contentType)) {
        reportXmp(xmpText(itemBytes(b, item)), 'XMP', out);
      } else if (item.type === 'mime' || item.type === 'uri ') {
        out.add('metadata.other', where, `Data item ${item.id}`, `${item.contentType || item.type} (${itemBytes(b, item).length} bytes)`);
      } else if (item.thumbnailOf.length > 0) {
        const bytes = itemBytes(b, item);
        if (item.type === 'jpeg' && bytes[0] === 0xff) out.addImage('heif.thumbnail', where, 'Thumbnail', 'image/jpeg', bytes);
        else out.add('heif.thumbnail', where, `Thumbnail ${item.id}`, { codec: item.type, width: item.width ?? null, height: item.height ?? null, bytes: bytes.length });
      } else if (item.auxiliaryOf.length > 0 && !picture.has(item.id)) {
        out.add('heif.thumbnail', where, `Auxiliary image ${item.id} (${auxKind(item.auxType)})`, { codec: item.type, width: item.width ?? null, height: item.height ?? null });
      }
    } catch (err) {
      out.markDamaged(where, err);
    }
  }
  const others = meta.items.filter((i) => !picture.has(i.id) && IMAGE_TYPES.has(i.type) && i.thumbnailOf.length === 0 && i.auxiliaryOf.length === 0 && !isPartOfOther(meta, i));
  if (others.length > 0) out.add('heif.thumbnail', 'HEIF items', 'Other images in the file', others.length);
  reportProperties(b, meta, out);
  for (const box of meta.children) if (box.type === 'xml ' || box.type === 'bxml') reportXmp(utf8(b, box.dataOffset + 4, box.end), 'HEIF xml box', out);
  return result;
}

/** A tile or layer of another image that is itself not part of the main picture. */
function isPartOfOther(meta: HeifMeta, item: HeifItem): boolean {
  return meta.items.some((x) => x.id !== item.id && x.derivedFrom.includes(item.id));
}

function auxKind(urn: string): string {
  if (/depth|disparity/i.test(urn)) return 'depth map';
  if (/gainmap|hdr/i.test(urn)) return 'brightness (HDR) map';
  if (/matte|segmentation/i.test(urn)) return 'cut-out mask of people or sky';
  return 'extra image';
}

/** Colour profiles, and the text and time properties (udes, crtt, mdft) a writer can attach. */
function reportProperties(b: Uint8Array, meta: HeifMeta, out: FindingCollector): void {
  for (const prop of meta.properties) {
    if (prop.type === 'colr') {
      const kind = String.fromCharCode(...b.subarray(prop.dataOffset, prop.dataOffset + 4));
      if (kind === 'prof' || kind === 'rICC') reportIcc(b.subarray(prop.dataOffset + 4, prop.end), 'ICC profile', out);
    } else if (prop.type === 'udes') {
      const parts = utf8(b, prop.dataOffset + 4, prop.end).split('\0').filter((s) => s.trim());
      out.add('text.description', 'HEIF user description', 'Description', parts.join(' / '));
    } else if (prop.type === 'crtt' || prop.type === 'mdft') {
      out.add('time.taken', 'HEIF item property', prop.type === 'crtt' ? 'Creation time' : 'Modification time', 'present');
    }
  }
}
