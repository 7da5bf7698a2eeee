// JPEG (and MPO): every segment, MPF images and whatever follows the end-of-image marker.
import { ExposureError } from '../errors.js';
import { ascii, latin1, u32, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { exifTiffOffset, joinIccSegments, listJpegSegments, readMpfEntries, xmpPacketOffset, type JpegLayout, type JpegSegment } from './containers/jpeg.js';
import { entryString, mapTiff } from './containers/tiff.js';
import { reportExifBlock } from './exif.js';
import { reportFlir } from './flir.js';
import { stripCharsetPrefix } from './gps.js';
import { reportIcc } from './icc.js';
import { reportPhotoshopIrb } from './iptc.js';
import type { FormatResult } from './read-result.js';
import { reportXmp, xmpText } from './xmp.js';
import { joinJumbfSegments, reportJumbf } from './c2pa.js';
import { reportAfcp, reportDucky, reportPictureInfo, reportRicohRmeta } from './jpeg-app.js';

const MPF_TYPES: Record<number, string> = { 0x010001: 'Large thumbnail', 0x010002: 'Large thumbnail (full HD)', 0x020001: 'Panorama frame', 0x020002: 'Second view (stereo/disparity)', 0x020003: 'Multi-angle view', 0x030000: 'Main image', 0: 'Extra image (gain map or depth map)' };

export async function readJpeg(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const layout = listJpegSegments(b);
  const damage = jpegDamage(b, layout);
  if (damage) throw damage;
  const result: FormatResult = { width: layout.width, height: layout.height };
  const covered: [number, number][] = [];
  const flir: Uint8Array[] = [];
  const xmpExtended: { offset: number; bytes: Uint8Array }[] = [];
  const jumbf: JpegSegment[] = [];
  for (const seg of layout.segments) {
    const end = seg.dataOffset + seg.dataLength;
    const where = `JPEG ${segmentName(seg)}`;
    try {
      switch (seg.kind) {
        case 'exif': {
          const r = await reportExifBlock(b, exifTiffOffset(seg), end, 'EXIF', out);
          if (r.orientation !== undefined && result.orientation === undefined) result.orientation = r.orientation;
          break;
        }
        case 'xmp': reportXmp(xmpText(b, xmpPacketOffset(seg), end), 'XMP', out); break;
        case 'xmp-extended': xmpExtended.push({ offset: u32(b, seg.dataOffset + 35 + 32 + 4), bytes: b.subarray(xmpPacketOffset(seg), end) }); break;
        case 'photoshop':
          await reportPhotoshopIrb(b, seg.dataOffset + 14, end, 'Photoshop/IPTC', out, {
            exif: async (s, e) => void (await reportExifBlock(b, s, e, 'Photoshop EXIF', out)),
            xmp: (s, e) => reportXmp(xmpText(b, s, e), 'Photoshop XMP', out),
          });
          break;
        case 'mpf':
          for (const entry of readMpfEntries(b, seg)) {
            if (entry.offset === 0) continue;
            const available = Math.min(entry.size, b.length - entry.offset);
            if (available <= 0) { out.add('mpf.images', where, MPF_TYPES[entry.type] ?? 'Extra image', `${entry.size} bytes (missing: the file is cut short)`); continue; }
            covered.push([entry.offset, entry.offset + available]);
            out.addImage('mpf.images', where, MPF_TYPES[entry.type] ?? 'Extra image', 'image/jpeg', b.subarray(entry.offset, entry.offset + available));
          }
          break;
        case 'comment': out.add('text.description', where, 'JPEG comment', latin1(b, seg.dataOffset, end)); break;
        case 'adobe': out.add('software.editor', where, 'Adobe APP14', 'Written by Adobe software (colour transform note)'); break;
        case 'ducky': reportDucky(b, seg.dataOffset, end, where, out); break;
        case 'picture-info':
          if (!reportPictureInfo(b, seg.dataOffset, end, where, out)) out.add('metadata.other', where, segmentName(seg), `${seg.dataLength} bytes`);
          break;
        case 'ricoh-rmeta': reportRicohRmeta(b, seg.dataOffset, end, where, out); break;
        case 'jumbf': jumbf.push(seg); break;
        case 'flir': flir.push(b.subarray(seg.dataOffset + 8, end)); break;
        case 'kodak-meta': reportKodakMeta(b, seg, out); break;
        case 'app-other': out.add('metadata.other', where, segmentName(seg), `${ascii(b, seg.dataOffset, 12).replace(/[^\x20-\x7e]/g, '')} (${seg.dataLength} bytes)`); break;
        default: break;
      }
    } catch (err) {
      out.markDamaged(where, err);
    }
  }
  if (xmpExtended.length > 0) {
    const joined = xmpText(concat(xmpExtended.sort((x, y) => x.offset - y.offset).map((x) => x.bytes)));
    try { reportXmp(joined, 'XMP (extended)', out); } catch (err) { out.markDamaged('XMP (extended)', err); }
  }
  for (const box of joinJumbfSegments(b, jumbf)) {
    try { reportJumbf(box, 0, box.length, 'JPEG APP11 (content credentials)', out); } catch (err) { out.markDamaged('JPEG APP11', err); }
  }
  const icc = joinIccSegments(b, layout.segments);
  if (icc) reportIcc(icc, 'ICC profile', out);
  if (flir.length > 0) reportFlir(concat(flir), out);
  const afcp = reportAfcp(b, 'AFCP trailer', out);
  if (afcp >= 0) covered.push([afcp, b.length]);
  if (layout.imageEnd !== null) reportTrailing(b, layout.imageEnd, covered, out);
  return result;
}

/**
 * Why a JPEG cannot be read at all, or null when its picture can be found. Scan and clean both
 * ask this, so one file gets one diagnosis.
 */
export function jpegDamage(b: Uint8Array, layout: JpegLayout = listJpegSegments(b)): ExposureError | null {
  if (layout.segments.length === 0) {
    return new ExposureError('corrupt', 'This file starts like a JPEG photo but the rest is not image data: it is damaged or not really a photo.');
  }
  if (layout.segments.some((s) => s.kind === 'sos') && layout.segments.some((s) => s.kind === 'sof')) return null;
  return layout.truncated && layout.segments.every((s) => s.end <= b.length)
    ? new ExposureError('truncated', 'This photo file is cut short: it ends before the picture starts, so there is nothing to check or clean. Try copying it again from the original.')
    : new ExposureError('corrupt', 'This photo file is damaged: its picture data cannot be found.');
}

function segmentName(seg: JpegSegment): string {
  if (seg.marker >= 0xe0 && seg.marker <= 0xef) return `APP${seg.marker - 0xe0}`;
  return seg.marker === 0xfe ? 'COM' : `marker 0x${seg.marker.toString(16)}`;
}

function reportKodakMeta(b: Uint8Array, seg: JpegSegment, out: FindingCollector): void {
  const map = mapTiff(b, seg.dataOffset + 6);
  for (const e of map?.ifd0?.entries ?? []) {
    if (e.type !== 2 && e.type !== 7) continue;
    // 0xc353 (CameraOwner) is stored as "UNICODE"-prefixed UTF-16 text.
    const text = e.type === 7 ? stripCharsetPrefix(b, e.valueOffset, e.size) : entryString(b, e);
    if (e.tag === 0xc353) out.add('identity.owner', 'Kodak Meta (APP3)', 'CameraOwner', text);
    else out.add('metadata.other', 'Kodak Meta (APP3)', `Tag 0x${e.tag.toString(16)}`, text);
  }
}

/** Whatever follows the end of the main image, minus MPF images already reported. */
function reportTrailing(b: Uint8Array, from: number, covered: [number, number][], out: FindingCollector): void {
  let pos = from;
  const where = 'after the end of the picture';
  while (pos < b.length) {
    const cover = covered.find(([s, e]) => pos >= s && pos < e);
    if (cover) { pos = cover[1]; continue; }
    const nextCover = Math.min(...covered.map(([s]) => (s > pos ? s : Infinity)), b.length);
    const chunk = b.subarray(pos, nextCover);
    if (!chunk.every((x) => x === 0 || x === 0xff)) describeTrailing(chunk, pos, where, out);
    pos = nextCover;
  }
}

function describeTrailing(chunk: Uint8Array, offset: number, where: string, out: FindingCollector): void {
  let p = 0;
  while (p < chunk.length) {
    const jpegAt = findJpegStart(chunk, p);
    const ftypAt = findAscii(chunk, 'ftyp', p);
    if (ftypAt !== -1 && ftypAt >= 4 && (jpegAt === -1 || ftypAt - 4 < jpegAt)) {
      out.add('jpeg.trailing-data', where, 'Video (motion photo)', { type: 'video/mp4', bytes: chunk.length - (ftypAt - 4), offset: offset + ftypAt - 4 });
      return;
    }
    if (jpegAt === -1) {
      out.add('jpeg.trailing-data', where, 'Unknown data', { bytes: chunk.length - p, offset: offset + p });
      return;
    }
    const sub = chunk.subarray(jpegAt);
    const l = listJpegSegments(sub);
    const len = l.imageEnd ?? sub.length;
    out.addImage('jpeg.trailing-data', where, l.width ? `Image ${l.width}×${l.height}` : 'Image', 'image/jpeg', sub.subarray(0, len), { offset: offset + jpegAt });
    p = jpegAt + len;
  }
}

function findJpegStart(b: Uint8Array, from: number): number {
  for (let i = b.indexOf(0xff, from); i !== -1 && i + 2 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xd8 && b[i + 2] === 0xff) return i;
  }
  return -1;
}

function findAscii(b: Uint8Array, s: string, from: number): number {
  for (let i = b.indexOf(s.charCodeAt(0), from); i !== -1; i = b.indexOf(s.charCodeAt(0), i + 1)) {
    if (ascii(b, i, s.length) === s) return i;
  }
  return -1;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
