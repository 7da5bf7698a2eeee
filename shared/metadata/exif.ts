// One EXIF/TIFF block (from a JPEG APP1, PNG eXIf, WebP EXIF, HEIF Exif item, JXL Exif box or a
// TIFF file): exifr names and decodes the standard tags; our IFD walker supplies GPS precision,
// the thumbnail bytes and the maker notes.
import exifr from 'exifr';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';
import { entryNumbers, findEntry, mapTiff, TAG, type TiffMap } from './containers/tiff.js';
import { reportGpsIfd, stripCharsetPrefix } from './gps.js';
import { reportMakerNote } from './makernotes.js';

/** exifr tag name → leak kind. Tags not listed are camera settings, reported as metadata.other. */
const EXIF_TAG_KIND: Record<string, LeakId | 'skip'> = {
  Make: 'device.make-model', Model: 'device.make-model', LensMake: 'device.make-model', LensModel: 'device.make-model',
  UniqueCameraModel: 'device.make-model', LocalizedCameraModel: 'device.make-model',
  SerialNumber: 'device.serial-number', LensSerialNumber: 'device.serial-number', CameraSerialNumber: 'device.serial-number',
  BodySerialNumber: 'device.serial-number',
  OwnerName: 'identity.owner', CameraOwnerName: 'identity.owner',
  Artist: 'identity.people', Copyright: 'identity.people', XPAuthor: 'identity.people',
  DateTimeOriginal: 'time.taken', CreateDate: 'time.taken', ModifyDate: 'time.taken', DateTime: 'time.taken',
  DateTimeDigitized: 'time.taken', OffsetTime: 'time.taken', OffsetTimeOriginal: 'time.taken', OffsetTimeDigitized: 'time.taken',
  SubSecTime: 'time.taken', SubSecTimeOriginal: 'time.taken', SubSecTimeDigitized: 'time.taken',
  Software: 'software.editor', HostComputer: 'software.editor', ProcessingSoftware: 'software.editor',
  ImageUniqueID: 'ids.document',
  ImageDescription: 'text.description', UserComment: 'text.description', XPTitle: 'text.description',
  XPComment: 'text.description', XPKeywords: 'text.description', XPSubject: 'text.description',
  Orientation: 'exif.orientation',
  // Structure, not content.
  ThumbnailOffset: 'skip', ThumbnailLength: 'skip', StripOffsets: 'skip', StripByteCounts: 'skip',
  MakerNote: 'skip', ExifIFDPointer: 'skip', GPSIFDPointer: 'skip', InteropIFDPointer: 'skip',
  ApplicationNotes: 'skip', IPTC: 'skip', ICC: 'skip', PhotoshopSettings: 'skip', XMP: 'skip',
};

// Raw values (no date revival, no value translation): we show what is stored. exifr's typings
// reject per-block booleans that its runtime accepts, hence the cast at the call site.
const EXIFR_TIFF_OPTIONS = {
  tiff: true, ifd0: true, exif: true, gps: false, interop: true, ifd1: false,
  xmp: false, icc: false, iptc: false, jfif: false, ihdr: false,
  makerNote: false, userComment: true, mergeOutput: false,
  translateKeys: true, translateValues: false, reviveValues: false, sanitize: true, silentErrors: true,
};

export interface ExifBlockResult {
  orientation?: number;
}

/** Reads the TIFF structure starting at `start` inside `b` (offsets in the block are relative to it). */
export async function reportExifBlock(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): Promise<ExifBlockResult> {
  const result: ExifBlockResult = {};
  const block = b.subarray(start, end);
  let map: TiffMap | null = null;
  try {
    map = mapTiff(block, 0);
    if (!map) throw new Error('not a TIFF structure');
    reportStructure(block, map, where, out, result);
  } catch (err) {
    out.markDamaged(where, err);
  }
  try {
    const parsed = (await exifr.parse(block, EXIFR_TIFF_OPTIONS as never)) as Record<string, unknown> | undefined;
    for (const blockName of ['ifd0', 'exif', 'interop'] as const) {
      const tags = parsed?.[blockName] as Record<string, unknown> | undefined;
      if (tags) reportNamedTags(tags, where, out, result);
    }
  } catch (err) {
    out.markDamaged(`${where} (standard tags)`, err);
  }
  return result;
}

function reportNamedTags(tags: Record<string, unknown>, where: string, out: FindingCollector, result: ExifBlockResult): void {
  const other: string[] = [];
  for (const [name, raw] of Object.entries(tags)) {
    const kind = EXIF_TAG_KIND[name];
    if (kind === 'skip') continue;
    let value = raw;
    if (raw instanceof Uint8Array) value = name === 'UserComment' ? stripCharsetPrefix(raw, 0, raw.length) : undefined;
    if (kind === 'exif.orientation') {
      if (typeof raw === 'number' && raw >= 1 && raw <= 8) { result.orientation = raw; out.add(kind, where, name, raw); }
      continue;
    }
    if (kind) out.add(kind, where, name, value as never);
    else if (/^\d+$/.test(name) === false) other.push(name);
  }
  if (other.length) out.add('metadata.other', where, 'Camera settings', other.join(', '));
}

function reportStructure(b: Uint8Array, map: TiffMap, where: string, out: FindingCollector, result: ExifBlockResult): void {
  const { le } = map.header;
  if (map.gps) reportGpsIfd(b, map.gps, le, `${where} GPS`, out);
  const orientation = findEntry(map.ifd0, 0x0112);
  if (orientation) {
    const o = entryNumbers(b, orientation, le)[0];
    if (o !== undefined && o >= 1 && o <= 8) result.orientation = o;
  }
  const thumb = thumbnailRange(b, map);
  if (thumb) out.addImage('thumbnail.ifd1', where, 'Thumbnail', 'image/jpeg', b.slice(thumb.offset, thumb.offset + thumb.length));
  else if (map.ifd1) out.add('thumbnail.ifd1', where, 'Thumbnail', 'uncompressed thumbnail present');
  if (map.makerNote) {
    const make = findEntry(map.ifd0, 0x010f);
    const makeText = make ? String.fromCharCode(...b.subarray(make.valueOffset, make.valueOffset + Math.min(make.size, 64))) : '';
    reportMakerNote(b, map, makeText.replace(/\0.*$/s, '').trim(), where, out);
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
