// One EXIF/TIFF block (from a JPEG APP1, PNG eXIf, WebP EXIF, HEIF Exif item, JXL Exif box or a
// TIFF file). Our own bounded IFD walker reads every directory (pages, SubIFDs, Exif, GPS,
// Interop, maker notes) and decodes the values; exifr supplies only the names of the camera
// settings (its tag dictionary), loaded when a block has such tags. exifr's parser is not used:
// on damaged blocks it reserved gigabytes for offsets the file merely claimed.
import { utf16 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';
import { entryNumbers, entryString, findEntry, mapTiff, TAG, type Ifd, type IfdEntry, type TiffMap } from './containers/tiff.js';
import { reportGpsIfd, stripCharsetPrefix } from './gps.js';
import { reportMakerNote } from './makernotes.js';

type TextKind = Exclude<LeakId, 'exif.orientation'>;

/** The tags that say something about the person, with ExifTool's names. Others are camera settings. */
const KNOWN_TAGS: Record<number, [string, TextKind]> = {
  0x010d: ['DocumentName', 'text.description'], 0x010e: ['ImageDescription', 'text.description'],
  0x010f: ['Make', 'device.make-model'], 0x0110: ['Model', 'device.make-model'], 0x011d: ['PageName', 'text.description'],
  0x0131: ['Software', 'software.editor'], 0x0132: ['ModifyDate', 'time.taken'], 0x013b: ['Artist', 'identity.people'],
  0x013c: ['HostComputer', 'software.editor'], 0x000b: ['ProcessingSoftware', 'software.editor'], 0x8298: ['Copyright', 'identity.people'],
  0x9c9b: ['XPTitle', 'text.description'], 0x9c9c: ['XPComment', 'text.description'], 0x9c9d: ['XPAuthor', 'identity.people'],
  0x9c9e: ['XPKeywords', 'text.description'], 0x9c9f: ['XPSubject', 'text.description'],
  0xc614: ['UniqueCameraModel', 'device.make-model'], 0xc615: ['LocalizedCameraModel', 'device.make-model'],
  0xc62f: ['CameraSerialNumber', 'device.serial-number'], 0xa420: ['ImageUniqueID', 'ids.document'],
  0xa430: ['OwnerName', 'identity.owner'], 0xa431: ['SerialNumber', 'device.serial-number'], 0xa433: ['LensMake', 'device.make-model'],
  0xa434: ['LensModel', 'device.make-model'], 0xa435: ['LensSerialNumber', 'device.serial-number'],
  0x9003: ['DateTimeOriginal', 'time.taken'], 0x9004: ['CreateDate', 'time.taken'], 0x9010: ['OffsetTime', 'time.taken'],
  0x9011: ['OffsetTimeOriginal', 'time.taken'], 0x9012: ['OffsetTimeDigitized', 'time.taken'], 0x9290: ['SubSecTime', 'time.taken'],
  0x9291: ['SubSecTimeOriginal', 'time.taken'], 0x9292: ['SubSecTimeDigitized', 'time.taken'], 0x882a: ['TimeZoneOffset', 'time.taken'],
  0x9286: ['UserComment', 'text.description'],
  // EXIF 3.0
  0xa436: ['ImageTitle', 'text.description'], 0xa437: ['Photographer', 'identity.people'], 0xa438: ['ImageEditor', 'identity.people'],
  0xa439: ['CameraFirmware', 'software.editor'], 0xa43a: ['RAWDevelopingSoftware', 'software.editor'],
  0xa43b: ['ImageEditingSoftware', 'software.editor'], 0xa43c: ['MetadataEditingSoftware', 'software.editor'],
};

/** Structure, not content: pointers, strip/tile layout, and blocks read by their own readers. */
const STRUCTURE_TAGS = new Set([
  TAG.exifIfd, TAG.gpsIfd, TAG.interopIfd, TAG.subIfds, TAG.makerNote, TAG.jpegOffset, TAG.jpegLength, TAG.stripOffsets,
  TAG.stripByteCounts, 0x0144, 0x0145, TAG.xmp, TAG.iptc, TAG.photoshop, TAG.icc, 0xc4a5, 0x0112, 0x00fe, 0x00ff,
  TAG.geoKeys, TAG.geoDoubles, TAG.geoAscii, TAG.modelTiepoint, TAG.modelPixelScale, TAG.modelTransform, 0x8568, 0xa005,
]);

export interface ExifBlockResult {
  orientation?: number;
}

/** Reads the TIFF structure starting at `start` inside `b` (offsets in the block are relative to it). */
export async function reportExifBlock(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): Promise<ExifBlockResult> {
  const result: ExifBlockResult = {};
  const block = b.subarray(start, end);
  let map: TiffMap | null;
  try {
    map = mapTiff(block, 0);
    if (!map?.ifd0) throw new Error('not a TIFF structure');
  } catch (err) {
    out.markDamaged(where, err);
    return result;
  }
  try {
    reportStructure(block, map, where, out, result);
  } catch (err) {
    out.markDamaged(where, err);
  }
  const settings = new Set<number>();
  const directories: [string, Ifd | null][] = [['', map.ifd0], ['', map.exif], ...map.more.map((m) => [`${m.name} `, m.ifd] as [string, Ifd])];
  for (const [prefix, ifd] of directories) {
    for (const e of ifd?.entries ?? []) {
      // The EXIF thumbnail directory (IFD1) of a photo only describes the thumbnail's layout.
      const known = KNOWN_TAGS[e.tag];
      if (known) out.add(known[1], where, `${prefix}${known[0]}`, tagValue(block, e, map.header.le, known[0]));
      else if (!STRUCTURE_TAGS.has(e.tag)) settings.add(e.tag);
    }
  }
  for (const e of map.interop?.entries ?? []) settings.add(e.tag);
  if (settings.size > 0) out.add('metadata.other', where, 'Camera settings', await settingNames(settings));
  return result;
}

/** A tag's value as the person would read it: text for text, numbers for numbers. */
function tagValue(b: Uint8Array, e: IfdEntry, le: boolean, name: string): string | number | number[] | undefined {
  if (name.startsWith('XP')) return utf16(b, e.valueOffset, e.valueOffset + Math.min(e.size, 64 * 1024), true).replace(/\0[\s\S]*$/, '').trim();
  if (name === 'UserComment') return stripCharsetPrefix(b, e.valueOffset, Math.min(e.size, 64 * 1024));
  if (e.type === 2 || e.type === 1 || e.type === 7) return entryString(b, e);
  const n = entryNumbers(b, e, le).filter(Number.isFinite);
  return n.length === 0 ? undefined : n.length === 1 ? n[0] : n.slice(0, 16);
}

type TagDictionary = Map<string, Map<number, string>>;
let dictionary: Promise<TagDictionary | null> | null = null;

/** Names of camera-setting tags from exifr's dictionary; loaded on first use only. */
async function settingNames(tags: Set<number>): Promise<string> {
  dictionary ??= import('exifr').then((m) => (m.default as unknown as { tagKeys: TagDictionary }).tagKeys, () => null);
  const dict = await dictionary;
  const names = [...tags].map((t) => dict?.get('exif')?.get(t) ?? dict?.get('ifd0')?.get(t) ?? dict?.get('interop')?.get(t) ?? `Tag 0x${t.toString(16).padStart(4, '0')}`);
  return [...new Set(names)].join(', ');
}

function reportStructure(b: Uint8Array, map: TiffMap, where: string, out: FindingCollector, result: ExifBlockResult): void {
  const { le } = map.header;
  if (map.gps) reportGpsIfd(b, map.gps, le, `${where} GPS`, out);
  const orientation = findEntry(map.ifd0, 0x0112);
  if (orientation) {
    const o = entryNumbers(b, orientation, le)[0];
    if (o !== undefined && o >= 1 && o <= 8) {
      result.orientation = o;
      out.add('exif.orientation', where, 'Orientation', o);
    }
  }
  const thumb = thumbnailRange(b, map);
  if (thumb) out.addImage('thumbnail.ifd1', where, 'Thumbnail', 'image/jpeg', b.subarray(thumb.offset, thumb.offset + thumb.length));
  else if (map.ifd1) {
    // NewSubfileType bit 0 marks a reduced-size copy; without it, IFD1 and on are more pages.
    const subfile = findEntry(map.ifd1, 0x00fe);
    const pages = map.more.filter((m) => m.name.startsWith('IFD')).length;
    if (subfile && !(entryNumbers(b, subfile, le)[0]! & 1)) out.add('thumbnail.ifd1', where, 'Other pages', `${pages} more page${pages === 1 ? '' : 's'}`);
    else out.add('thumbnail.ifd1', where, 'Thumbnail', 'uncompressed thumbnail present');
  }
  if (map.makerNote) {
    const make = findEntry(map.ifd0, 0x010f);
    reportMakerNote(b, map, make ? entryString(b, make) : '', where, out);
  }
}

/** The IFD1 JPEG thumbnail's absolute range, when it is a readable JPEG. */
export function thumbnailRange(b: Uint8Array, map: TiffMap): { offset: number; length: number } | null {
  const off = findEntry(map.ifd1, TAG.jpegOffset);
  const len = findEntry(map.ifd1, TAG.jpegLength);
  if (!off || !len) return null;
  const offset = map.header.start + (entryNumbers(b, off, map.header.le)[0] ?? 0);
  const length = entryNumbers(b, len, map.header.le)[0] ?? 0;
  if (length < 4 || offset + length > b.length || b[offset] !== 0xff || b[offset + 1] !== 0xd8) return null;
  return { offset, length };
}
