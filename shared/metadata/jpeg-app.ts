// Smaller JPEG application segments and trailers that carry names, places and serial numbers:
// Photoshop "Save for Web" Ducky (APP12), older cameras' Picture Info text (APP12), Ricoh's
// custom fields (APP5 "RMETA") and the AFCP trailer (IPTC appended after the picture). Layouts
// as ExifTool documents them (APP12.pm, Ricoh.pm, AFCP.pm).
import { ascii, latin1, u16, u32, utf16 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';
import { reportIptc } from './iptc.js';

/** Ducky: after "Ducky", blocks of tag, length, value; Comment (2) and Copyright (3) are a 4-byte count then UTF-16BE. */
export function reportDucky(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): void {
  let p = start + 5;
  while (p + 4 <= end) {
    const tag = u16(b, p);
    const len = u16(b, p + 2);
    p += 4;
    if (tag === 0 || p + len > end) break;
    if (tag === 1) out.add('software.editor', where, 'Ducky Quality', `${u32(b, p)}%`);
    else if (tag === 2) out.add('text.description', where, 'Ducky Comment', utf16(b, p + 4, p + len));
    else if (tag === 3) out.add('identity.people', where, 'Ducky Copyright', utf16(b, p + 4, p + len));
    p += len;
  }
}

/** Names of free-form fields, to place each in its category. */
export function fieldKind(name: string): LeakId {
  if (/serial/i.test(name)) return 'device.serial-number';
  if (/owner/i.test(name)) return 'identity.owner';
  if (/(author|artist|photographer|inspector|operator|user|name|by$|copyright|creator)/i.test(name)) return 'identity.people';
  if (/(location|address|street|city|town|site|place|road|route|country|region|postcode|zip)/i.test(name)) return 'location.place-names';
  if (/(date|time)/i.test(name)) return 'time.taken';
  if (/(make|model|camera|firmware|version)/i.test(name)) return 'device.make-model';
  return 'text.description';
}

/** APP12 Picture Info: "[section]" headers and "tag=value" text, e.g. "Serial#=1234". */
export function reportPictureInfo(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): boolean {
  const text = latin1(b, start, Math.min(end, start + 64 * 1024));
  let found = false;
  for (const m of text.matchAll(/([\w#-]+)=([\x20-\x7e]+?)(?=\s*(?:[\n\r\0]|[\w#-]+=|\[|$))/g)) {
    found = true;
    const [, tag, value] = m as unknown as [string, string, string];
    const kind = /^(Serial#|SerialNumber)$/i.test(tag) ? 'device.serial-number' : /^(TimeDate|Date|Time)$/i.test(tag) ? 'time.taken' : /^(Type|Model|Make|Camera|Version|FWVersion)$/i.test(tag) ? 'device.make-model' : 'metadata.other';
    out.add(kind, where, `Picture Info ${tag}`, value.trim());
  }
  return found;
}

/**
 * Ricoh RMETA (APP5): a byte-order mark, a segment number, the offset of a directory that holds
 * the entry count, then sections: 1 = field names, 2 or 18 = text values, 3 = menu numbers.
 * Later segments hold barcodes (text) or recorded sound.
 */
export function reportRicohRmeta(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): void {
  const d = start + 6; // after "RMETA\0"
  if (end - d < 20) return;
  const order = ascii(b, d, 2);
  const le = order === 'II';
  if (u16(b, d + 4, le) !== 0) {
    const text = latin1(b, d + 14, end);
    if (/^BARCODE/.test(latin1(b, d + 14, d + 21))) out.add('text.description', where, 'Ricoh barcodes', text.replace(/\0[\s\S]*$/, ''));
    else if (ascii(b, d + 14, 4) === 'RIFF') out.add('text.description', where, 'Ricoh voice memo', `sound recording (${end - d - 14} bytes)`);
    return;
  }
  let p = d + u16(b, d + 8, le);
  const count = u16(b, p, le);
  if (count > 100) return;
  p += 10;
  let names: string[] = [];
  let values: string[] = [];
  let numbers: number[] = [];
  while (p + 4 <= end) {
    const type = u16(b, p, le);
    const size = u16(b, p + 2, le) - 2;
    p += 4;
    if (size < 0 || p + size > end) break;
    if (type === 1) names = latin1(b, p, p + size).split('\0');
    else if (type === 2 || type === 18) values = latin1(b, p, p + size).split('\0');
    else if (type === 3) numbers = Array.from({ length: Math.min(count, size >> 1) }, (_, i) => u16(b, p + 2 * i, le));
    if (size === 0) break;
    p += size;
  }
  for (let i = 0; i < count; i++) {
    const name = names[i]?.trim();
    const value = values[i]?.trim() || (numbers[i] ? String(numbers[i]) : '');
    if (!name || !value) continue;
    out.add(fieldKind(name), where, `Ricoh ${name}`, value);
  }
}

/**
 * AFCP trailer ("AXS!" big-endian / "AXS*" little-endian): the last 12 bytes repeat the header
 * and give the trailer's start; a directory of 12-byte entries (tag, size, absolute offset) lists
 * IPTC, text, a thumbnail and a preview. Returns where the trailer starts, or -1.
 */
export function reportAfcp(b: Uint8Array, where: string, out: FindingCollector): number {
  if (b.length < 24) return -1;
  const tail = b.length - 12;
  const hdr = ascii(b, tail, 4);
  if (hdr !== 'AXS!' && hdr !== 'AXS*') return -1;
  const le = hdr === 'AXS*';
  const startPos = u32(b, tail + 4, le);
  if (startPos >= tail || ascii(b, startPos, 4) !== hdr) return -1;
  const entries = u16(b, startPos + 6, le);
  for (let i = 0; i < entries && i < 64; i++) {
    const e = startPos + 12 + 12 * i;
    if (e + 12 > tail) break;
    const tag = ascii(b, e, 4);
    const size = u32(b, e + 4, le);
    const offset = u32(b, e + 8, le);
    if (offset + size > b.length) continue;
    if (tag === 'IPTC') reportIptc(b, offset, offset + size, `${where} (IPTC)`, out);
    else if (tag === 'TEXT') out.add('text.description', where, 'AFCP text', latin1(b, offset, offset + Math.min(size, 4000)));
    else if (tag === 'Nail' || tag === 'PrVw') {
      const soi = b.subarray(offset, offset + size).findIndex((x, k, a) => x === 0xff && a[k + 1] === 0xd8);
      if (soi >= 0) out.addImage('thumbnail.preview', where, tag === 'Nail' ? 'AFCP thumbnail' : 'AFCP preview', 'image/jpeg', b.subarray(offset + soi, offset + size));
    }
  }
  return startPos;
}
