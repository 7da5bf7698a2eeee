// IPTC-IIM records and the Photoshop image resources (IRB, "8BIM") that usually carry them, plus
// the Photoshop thumbnail resource.
import { ascii, latin1, startsWith, u16, u32, u8, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';

/** Record 2 datasets we report, with ExifTool's names. */
const IPTC_DATASETS: Record<number, [string, LeakId]> = {
  5: ['ObjectName', 'text.description'], 15: ['Category', 'text.description'], 20: ['SupplementalCategories', 'text.description'],
  25: ['Keywords', 'text.description'], 40: ['SpecialInstructions', 'text.description'],
  55: ['DateCreated', 'time.taken'], 60: ['TimeCreated', 'time.taken'], 62: ['DigitalCreationDate', 'time.taken'], 63: ['DigitalCreationTime', 'time.taken'],
  65: ['OriginatingProgram', 'software.editor'], 70: ['ProgramVersion', 'software.editor'],
  80: ['By-line', 'identity.people'], 85: ['By-lineTitle', 'identity.people'],
  90: ['City', 'location.place-names'], 92: ['Sub-location', 'location.place-names'], 95: ['Province-State', 'location.place-names'],
  100: ['Country-PrimaryLocationCode', 'location.place-names'], 101: ['Country-PrimaryLocationName', 'location.place-names'],
  26: ['ContentLocationCode', 'location.place-names'], 27: ['ContentLocationName', 'location.place-names'],
  103: ['OriginalTransmissionReference', 'ids.document'], 105: ['Headline', 'text.description'],
  110: ['Credit', 'identity.people'], 115: ['Source', 'identity.people'], 116: ['CopyrightNotice', 'identity.people'],
  118: ['Contact', 'identity.contact'], 120: ['Caption-Abstract', 'text.description'], 122: ['Writer-Editor', 'identity.people'],
  187: ['UniqueDocumentID', 'ids.document'], 188: ['OwnerID', 'identity.owner'],
};

function decodeIptcText(b: Uint8Array): string {
  const s = utf8(b);
  return s.includes('\uFFFD') ? latin1(b) : s;
}

export function reportIptc(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): void {
  let p = start;
  while (p + 5 <= end) {
    if (b[p] !== 0x1c) { p++; continue; }
    const record = u8(b, p + 1), dataset = u8(b, p + 2);
    let len = u16(b, p + 3);
    let data = p + 5;
    if (len & 0x8000) { const n = len & 0x7fff; len = n === 4 ? u32(b, data) : 0; data += n; }
    if (data + len > end) break;
    const known = record === 2 ? IPTC_DATASETS[dataset] : undefined;
    if (known) out.add(known[1], where, `IPTC ${known[0]}`, decodeIptcText(b.subarray(data, data + len)));
    else if (record === 2 && dataset === 202 && len > 4) out.addImage('thumbnail.preview', where, 'IPTC preview', 'image/jpeg', b.subarray(data, data + len));
    p = data + len;
  }
}

export interface IrbCallbacks {
  exif?: (start: number, end: number) => Promise<void> | void;
  xmp?: (start: number, end: number) => void;
  icc?: (start: number, end: number) => void;
}

/** Walks Photoshop image resource blocks ("8BIM" + id + Pascal name + size + data). */
export async function reportPhotoshopIrb(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector, cb: IrbCallbacks = {}): Promise<void> {
  let p = start;
  while (p + 12 <= end && (startsWith(b, p, '8BIM') || startsWith(b, p, 'MeSa') || startsWith(b, p, 'PHUT'))) {
    const id = u16(b, p + 4);
    const nameLen = u8(b, p + 6);
    const nameField = (nameLen + 2) & ~1; // length byte + name, padded to even
    const size = u32(b, p + 6 + nameField);
    const data = p + 6 + nameField + 4;
    if (data + size > end) { out.markDamaged(`${where} resource ${id}`, new Error('resource runs past the end')); return; }
    if (id === 0x0404) reportIptc(b, data, data + size, where, out);
    else if ((id === 0x040c || id === 0x0409) && size > 28 && b[data + 28] === 0xff) {
      out.addImage('thumbnail.preview', where, 'Photoshop thumbnail', 'image/jpeg', b.subarray(data + 28, data + size));
    } else if (id === 0x0421 && size > 9) {
      const n = u32(b, data + 5);
      const writer = new TextDecoder('utf-16be').decode(b.subarray(data + 9, data + 9 + 2 * Math.min(n, 200))).replace(/\0+$/, '');
      out.add('software.editor', where, 'Photoshop WriterName', writer);
    } else if (id === 0x0422 && cb.exif) await cb.exif(data, data + size);
    else if (id === 0x0424 && cb.xmp) cb.xmp(data, data + size);
    else if (id === 0x040f && cb.icc) cb.icc(data, data + size);
    else if (id === 0x0428) out.add('text.description', where, 'Photoshop caption', ascii(b, data, size));
    p = data + size + (size & 1);
  }
}
