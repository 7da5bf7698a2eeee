// What a video says about itself in its user data: QuickTime "©xxx" atoms, 3GPP boxes (titl,
// auth, loci...), iTunes-style item lists (udta/meta/ilst) and QuickTime metadata (moov/meta with
// keys and ilst, where iPhones put the place, the phone and the software). Each value goes to the
// same findings, categories and severities as in photos.
import { ascii, u16, u32, u8, utf8 } from '../bytes.js';
import type { GpsValue } from '../findings.js';
import type { FindingCollector } from '../metadata/collector.js';
import type { LeakId } from '../metadata/catalogue.js';
import { childBoxes, listBoxes, type Box } from '../metadata/containers/isobmff.js';
import { reportXmp, xmpText } from '../metadata/xmp.js';
import { isNoFix, parseIso6709 } from './iso6709.js';

/** By atom name (QuickTime ©xxx, 3GPP, iTunes) or by the end of a QuickTime metadata key. */
const FIELDS: Record<string, [LeakId, string]> = {
  '©day': ['time.taken', 'Date'], date: ['time.taken', 'Date'], creationdate: ['time.taken', 'Creation date'], yrrc: ['time.taken', 'Year'],
  '©mak': ['device.make-model', 'Make'], make: ['device.make-model', 'Make'], manu: ['device.make-model', 'Make'],
  '©mod': ['device.make-model', 'Model'], model: ['device.make-model', 'Model'], modl: ['device.make-model', 'Model'],
  'camera.lens_model': ['device.make-model', 'Lens'], 'camera.identifier': ['device.make-model', 'Camera'],
  '©swr': ['software.editor', 'Software'], software: ['software.editor', 'Software'], '©too': ['software.editor', 'Encoder'],
  '©enc': ['software.editor', 'Encoded by'], '©swf': ['software.editor', 'Software'], FIRM: ['software.editor', 'Firmware'], 'version': ['software.editor', 'Version'],
  '©ART': ['identity.people', 'Artist'], artist: ['identity.people', 'Artist'], '©aut': ['identity.people', 'Author'], auth: ['identity.people', 'Author'],
  author: ['identity.people', 'Author'], '©wrt': ['identity.people', 'Writer'], '©prd': ['identity.people', 'Producer'], producer: ['identity.people', 'Producer'],
  '©dir': ['identity.people', 'Director'], director: ['identity.people', 'Director'], perf: ['identity.people', 'Performer'], '©prf': ['identity.people', 'Performer'],
  performer: ['identity.people', 'Performer'], '©cpy': ['identity.people', 'Copyright'], cprt: ['identity.people', 'Copyright'], copyright: ['identity.people', 'Copyright'],
  publisher: ['identity.people', 'Publisher'], '©pub': ['identity.people', 'Publisher'], aART: ['identity.people', 'Album artist'], '©ed1': ['identity.people', 'Editor'],
  '©nam': ['text.description', 'Title'], titl: ['text.description', 'Title'], title: ['text.description', 'Title'], displayname: ['text.description', 'Name'],
  '©des': ['text.description', 'Description'], dscp: ['text.description', 'Description'], description: ['text.description', 'Description'], desc: ['text.description', 'Description'],
  '©cmt': ['text.description', 'Comment'], comment: ['text.description', 'Comment'], '©inf': ['text.description', 'Information'], information: ['text.description', 'Information'],
  '©key': ['text.description', 'Keywords'], kywd: ['text.description', 'Keywords'], keywords: ['text.description', 'Keywords'], keyword: ['text.description', 'Keywords'],
  '©alb': ['text.description', 'Album'], albm: ['text.description', 'Album'], album: ['text.description', 'Album'], clfn: ['text.description', 'Clip name'],
  gnre: ['text.description', 'Genre'], '©gen': ['text.description', 'Genre'], chpl: ['text.description', 'Chapters'], name: ['text.description', 'Track name'],
  'location.name': ['location.place-names', 'Place'], 'location.body': ['location.place-names', 'Place (celestial body)'], 'location.note': ['location.place-names', 'Place note'],
  'location.role': ['location.place-names', 'Place role'], 'location.accuracy.horizontal': ['gps.details', 'Horizontal accuracy (m)'],
  'location.date': ['time.taken', 'Time of the location fix'], 'content.identifier': ['ids.document', 'Content identifier (links a Live Photo to its picture)'],
  'photos.originating.signature': ['ids.document', 'Originating signature'], '©req': ['metadata.other', 'Requirements'], '©fmt': ['metadata.other', 'Format'], '©src': ['metadata.other', 'Source'],
};
/** 3GPP user-data boxes: FullBox, language code, then a text. */
const THREE_GPP_TEXT = new Set(['titl', 'dscp', 'cprt', 'perf', 'auth', 'gnre', 'albm']);
const NOT_METADATA = new Set(['hnti', 'hinf', 'free', 'skip', 'wide', 'hdlr']);
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';

const fieldOf = (name: string): [LeakId, string] | undefined => FIELDS[name] ?? FIELDS[name.replace(/^com\.(apple\.quicktime|android)\./, '')];
const printable = (type: string): string => type.replace(/[^\x20-\x7e©]/g, '?');

function addGps(out: FindingCollector, where: string, g: GpsValue | null): void {
  if (!g) return;
  if (isNoFix(g)) out.add('gps.empty', where, 'Coordinates', '0, 0 (no position)');
  else out.addGps(where, g);
}

/** Text with a byte-order mark is UTF-16; anything else is read as UTF-8. */
function text(b: Uint8Array, start: number, end: number): string {
  if (u16(b, start) === 0xfeff || u16(b, start) === 0xfffe) {
    const le = u16(b, start) === 0xfffe;
    let s = '';
    for (let p = start + 2; p + 1 < end; p += 2) {
      const c = u16(b, p, le);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s;
  }
  const nul = b.indexOf(0, start);
  return utf8(b, start, nul === -1 || nul > end ? end : nul);
}

/** QuickTime ©xxx atoms: one or more [size, language, text] items; some writers put the bare text. */
function quickTimeTexts(b: Uint8Array, box: Box): string[] {
  const out: string[] = [];
  let p = box.dataOffset;
  while (p + 4 <= box.end) {
    const size = u16(b, p);
    if (size === 0 || p + 4 + size > box.end) break;
    out.push(text(b, p + 4, p + 4 + size));
    p += 4 + size;
  }
  return out.length > 0 ? out : [text(b, box.dataOffset, box.end)];
}

/** 3GPP loci: name, role, longitude, latitude and altitude as 16.16 fixed point, body, notes. */
function readLoci(b: Uint8Array, box: Box, where: string, out: FindingCollector): void {
  let p = box.dataOffset + 6;
  const name = text(b, p, box.end);
  p = skipString(b, p, box.end) + 1; // role
  const fixed = (o: number): number => (u32(b, o) | 0) / 65536;
  const longitude = fixed(p), latitude = fixed(p + 4), altitude = fixed(p + 8);
  if (name) out.add('location.place-names', where, 'Place', name);
  if (p + 12 <= box.end) addGps(out, where, { latitude, longitude, precisionMeters: 2, altitude });
  const body = text(b, skipString(b, p + 12, box.end), box.end);
  if (body && body !== 'earth') out.add('location.place-names', where, 'Place (celestial body)', body);
}

function skipString(b: Uint8Array, p: number, end: number): number {
  if (u16(b, p) === 0xfeff || u16(b, p) === 0xfffe) {
    for (p += 2; p + 1 < end; p += 2) if (u16(b, p) === 0) return p + 2;
    return end;
  }
  const nul = b.indexOf(0, p);
  return nul === -1 || nul >= end ? end : nul + 1;
}

/** One value of an item list ("data" box): text, numbers, or a picture (cover art). */
function dataValue(b: Uint8Array, data: Box): { text?: string; image?: { mime: string; bytes: Uint8Array } } {
  const kind = u32(b, data.dataOffset) & 0xffffff;
  const start = data.dataOffset + 8;
  if (kind === 1 || kind === 4) return { text: utf8(b, start, data.end) };
  if (kind === 2 || kind === 5) return { text: text(Uint8Array.of(0xfe, 0xff, ...b.subarray(start, data.end)), 0, data.end - start + 2) };
  if (kind === 13 || kind === 14 || kind === 27) return { image: { mime: kind === 13 ? 'image/jpeg' : kind === 14 ? 'image/png' : 'image/bmp', bytes: b.slice(start, data.end) } };
  const view = new DataView(b.buffer, b.byteOffset + start, Math.max(0, data.end - start));
  if (kind === 23 && view.byteLength === 4) return { text: String(view.getFloat32(0)) };
  if (kind === 24 && view.byteLength === 8) return { text: String(view.getFloat64(0)) };
  if ((kind === 21 || kind === 22 || kind === 0) && view.byteLength > 0 && view.byteLength <= 4) {
    let n = 0;
    for (let i = 0; i < view.byteLength; i++) n = n * 256 + view.getUint8(i);
    return { text: String(n) };
  }
  return { text: `(${data.end - start} bytes of data)` };
}

/** Reports one named value (a ©xxx atom, a 3GPP box, an ilst item or a QuickTime key). */
function reportNamed(name: string, value: string, where: string, out: FindingCollector): void {
  const short = name.replace(/^com\.(apple\.quicktime|android)\./, '');
  if (short === 'location.ISO6709' || name === '©xyz') return addGps(out, where, parseIso6709(value));
  const field = fieldOf(name);
  if (field) out.add(field[0], where, field[1], value);
  else out.add('metadata.other', where, printable(short), value.length > 200 ? `${value.slice(0, 200)}…` : value);
}

/** An item list: values keyed by atom type (iTunes) or by key number (QuickTime metadata). */
function readItemList(b: Uint8Array, ilst: Box, keys: string[], where: string, out: FindingCollector): void {
  for (const item of childBoxes(b, ilst)) {
    let name = keys.length > 0 ? (keys[u32(b, item.offset + 4) - 1] ?? `key ${u32(b, item.offset + 4)}`) : item.type;
    const parts = listBoxes(b, item.dataOffset, item.end).boxes;
    if (item.type === '----') name = ascii(b, (parts.find((x) => x.type === 'name')?.dataOffset ?? 0) + 4, 64).replace(/\0.*$/, '') || name;
    for (const data of parts.filter((x) => x.type === 'data')) {
      const v = dataValue(b, data);
      if (v.image) out.addImage('thumbnail.preview', where, `Picture stored as "${printable(name)}"`, v.image.mime, v.image.bytes);
      else if (v.text !== undefined) reportNamed(name, v.text, where, out);
    }
  }
}

/** A meta box: QuickTime metadata (mdta: keys + ilst), iTunes (mdir: ilst), or XML. */
export function readMetaBox(b: Uint8Array, meta: Box, where: string, out: FindingCollector): void {
  const kids = childBoxes(b, meta);
  const keysBox = kids.find((x) => x.type === 'keys');
  const keys = keysBox ? listBoxes(b, keysBox.dataOffset + 8, keysBox.end).boxes.map((k) => ascii(b, k.dataOffset, k.end - k.dataOffset)) : [];
  for (const kid of kids) {
    if (kid.type === 'ilst') readItemList(b, kid, keys, where, out);
    else if (kid.type === 'xml ' || kid.type === 'XMP_') reportXmp(xmpText(b, kid.dataOffset + (kid.type === 'xml ' ? 4 : 0), kid.end), 'XMP', out);
  }
}

/** A udta box (movie or track level): every child is read or at least named. */
export function readUserData(b: Uint8Array, udta: Box, where: string, out: FindingCollector): void {
  for (const box of childBoxes(b, udta)) {
    const type = box.type;
    if (NOT_METADATA.has(type) || (type === '\0\0\0\0')) continue;
    if (type === 'meta') readMetaBox(b, box, where, out);
    else if (type === 'XMP_') reportXmp(xmpText(b, box.dataOffset, box.end), 'XMP', out);
    else if (type === 'loci') readLoci(b, box, `${where} (3GPP location)`, out);
    else if (type === '©xyz') addGps(out, where, parseIso6709(quickTimeTexts(b, box).join(' ')));
    else if (type === 'thmb' || type === 'CNTH' || type === 'NCTH' || type === 'PICT') reportPicture(b, box, where, out);
    else if (type === 'uuid' && hex(b, box.dataOffset) === XMP_UUID) reportXmp(xmpText(b, box.dataOffset + 16, box.end), 'XMP', out);
    else if (THREE_GPP_TEXT.has(type)) reportNamed(type, text(b, box.dataOffset + 6, box.end), where, out);
    else if (type.startsWith('©')) for (const t of quickTimeTexts(b, box)) reportNamed(type, t, where, out);
    else if (type === 'kywd' || type === 'clfn' || type === 'date' || FIELDS[type]) reportNamed(type, plainText(b, box), where, out);
    else out.add('metadata.other', where, `"${printable(type)}" block`, plainText(b, box) || `${box.end - box.dataOffset} bytes`);
  }
}

/** Printable text of a box's payload (leading version bytes and NULs dropped), or '' for binary data. */
function plainText(b: Uint8Array, box: Box): string {
  const raw = utf8(b, box.dataOffset, Math.min(box.end, box.dataOffset + 512)).replace(/^[\0-\x1f]+/, '').replace(/\0+$/, '');
  const visible = raw.replace(/[\0-\x1f\x7f-\x9f\ufffd]/g, '');
  return visible.length >= Math.max(1, raw.length * 0.8) ? visible.trim() : '';
}

/** A preview picture in the user data; JPEGs are offered to the user to look at. */
function reportPicture(b: Uint8Array, box: Box, where: string, out: FindingCollector): void {
  const payload = b.subarray(box.dataOffset, box.end);
  const soi = payload.findIndex((x, i) => x === 0xff && payload[i + 1] === 0xd8 && payload[i + 2] === 0xff);
  if (soi >= 0 && soi < 64) out.addImage('thumbnail.preview', where, 'Preview picture of the video', 'image/jpeg', payload.slice(soi));
  else out.add('thumbnail.preview', where, 'Preview picture of the video', `${payload.length} bytes`);
}

export function hex(b: Uint8Array, o: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += u8(b, o + i).toString(16).padStart(2, '0');
  return s;
}

export { XMP_UUID };
