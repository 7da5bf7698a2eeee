// ISO base media file format (HEIC, AVIF, JPEG XL container, MP4) box walker, and a reader for
// HEIF's item tables (iinf, iloc, iref, pitm, ispe) that say where Exif, XMP and thumbnails sit.
import { ascii, u16, u32, u64, u8 } from '../../bytes.js';

export interface Box {
  type: string;
  offset: number;
  /** Offset of the payload (after size, type and any 64-bit size). */
  dataOffset: number;
  end: number;
}

/** Boxes between start and end; stops at the first box whose size is impossible. */
export function listBoxes(b: Uint8Array, start = 0, end = b.length): { boxes: Box[]; truncated: boolean } {
  const boxes: Box[] = [];
  let pos = start;
  end = Math.min(end, b.length);
  while (pos + 8 <= end) {
    let size = u32(b, pos);
    const type = ascii(b, pos + 4, 4);
    let header = 8;
    if (size === 1) { size = u64(b, pos + 8); header = 16; } else if (size === 0) size = end - pos;
    if (size < header || pos + size > end) return { boxes, truncated: true };
    boxes.push({ type, offset: pos, dataOffset: pos + header, end: pos + size });
    pos += size;
  }
  return { boxes, truncated: pos !== end };
}

export interface HeifItem {
  id: number;
  type: string;
  name: string;
  contentType: string;
  extents: { offset: number; length: number }[];
  /** Item ids this item is a thumbnail of (iref 'thmb'). */
  thumbnailOf: number[];
  /** Item ids this item describes (iref 'cdsc': Exif/XMP of an image). */
  describes: number[];
  /** Item ids this item is an auxiliary image of (iref 'auxl': depth, alpha, gain map). */
  auxiliaryOf: number[];
  width?: number;
  height?: number;
}

export interface HeifLayout {
  topBoxes: Box[];
  items: HeifItem[];
  primaryId: number | null;
  truncated: boolean;
}

function child(b: Uint8Array, parent: Box, type: string, skip = 0): Box | undefined {
  return listBoxes(b, parent.dataOffset + skip, parent.end).boxes.find((x) => x.type === type);
}

export function readHeifLayout(b: Uint8Array): HeifLayout {
  const top = listBoxes(b);
  const layout: HeifLayout = { topBoxes: top.boxes, items: [], primaryId: null, truncated: top.truncated };
  const meta = top.boxes.find((x) => x.type === 'meta');
  if (!meta) return layout;
  const inner = listBoxes(b, meta.dataOffset + 4, meta.end); // meta is a FullBox
  if (inner.truncated) layout.truncated = true;
  const byId = new Map<number, HeifItem>();
  const item = (id: number): HeifItem => {
    let it = byId.get(id);
    if (!it) { it = { id, type: '', name: '', contentType: '', extents: [], thumbnailOf: [], describes: [], auxiliaryOf: [] }; byId.set(id, it); }
    return it;
  };
  for (const box of inner.boxes) {
    if (box.type === 'pitm') layout.primaryId = u8(b, box.dataOffset) === 0 ? u16(b, box.dataOffset + 4) : u32(b, box.dataOffset + 4);
    else if (box.type === 'iinf') readIinf(b, box, item);
    else if (box.type === 'iloc') readIloc(b, box, item);
    else if (box.type === 'iref') readIref(b, box, item);
    else if (box.type === 'iprp') readSizes(b, box, item);
  }
  layout.items = [...byId.values()];
  return layout;
}

function readIinf(b: Uint8Array, box: Box, item: (id: number) => HeifItem): void {
  const version = u8(b, box.dataOffset);
  const skip = 4 + (version === 0 ? 2 : 4);
  for (const infe of listBoxes(b, box.dataOffset + skip, box.end).boxes) {
    if (infe.type !== 'infe') continue;
    const v = u8(b, infe.dataOffset);
    if (v < 2) continue;
    let p = infe.dataOffset + 4;
    const id = v === 2 ? u16(b, p) : u32(b, p);
    p += v === 2 ? 2 : 4;
    p += 2; // protection index
    const it = item(id);
    it.type = ascii(b, p, 4);
    p += 4;
    const nameEnd = b.indexOf(0, p);
    it.name = nameEnd === -1 || nameEnd > infe.end ? '' : ascii(b, p, nameEnd - p);
    if (it.type === 'mime' && nameEnd !== -1) {
      const ctEnd = b.indexOf(0, nameEnd + 1);
      it.contentType = ctEnd === -1 || ctEnd > infe.end ? ascii(b, nameEnd + 1, infe.end - nameEnd - 1) : ascii(b, nameEnd + 1, ctEnd - nameEnd - 1);
    }
  }
}

function readSized(b: Uint8Array, p: number, size: number): number {
  return size === 4 ? u32(b, p) : size === 8 ? u64(b, p) : size === 2 ? u16(b, p) : 0;
}

function readIloc(b: Uint8Array, box: Box, item: (id: number) => HeifItem): void {
  const version = u8(b, box.dataOffset);
  let p = box.dataOffset + 4;
  const offsetSize = u8(b, p) >> 4, lengthSize = u8(b, p) & 15;
  const baseSize = u8(b, p + 1) >> 4, indexSize = version >= 1 ? u8(b, p + 1) & 15 : 0;
  p += 2;
  const count = version < 2 ? u16(b, p) : u32(b, p);
  p += version < 2 ? 2 : 4;
  for (let i = 0; i < count && p < box.end; i++) {
    const id = version < 2 ? u16(b, p) : u32(b, p);
    p += version < 2 ? 2 : 4;
    const method = version >= 1 ? u16(b, p) & 15 : 0;
    if (version >= 1) p += 2;
    p += 2; // data reference index
    const base = readSized(b, p, baseSize);
    p += baseSize;
    const extents = u16(b, p);
    p += 2;
    const it = item(id);
    for (let e = 0; e < extents && p < box.end; e++) {
      p += indexSize;
      const off = readSized(b, p, offsetSize);
      p += offsetSize;
      const len = readSized(b, p, lengthSize);
      p += lengthSize;
      // Construction method 0 = offsets in the file; 1 (idat) and 2 (item) are rare for metadata.
      if (method === 0) it.extents.push({ offset: base + off, length: len });
    }
  }
}

function readIref(b: Uint8Array, box: Box, item: (id: number) => HeifItem): void {
  const version = u8(b, box.dataOffset);
  const w = version === 0 ? 2 : 4;
  for (const ref of listBoxes(b, box.dataOffset + 4, box.end).boxes) {
    let p = ref.dataOffset;
    const from = w === 2 ? u16(b, p) : u32(b, p);
    p += w;
    const n = u16(b, p);
    p += 2;
    for (let i = 0; i < n && p < ref.end; i++, p += w) {
      const to = w === 2 ? u16(b, p) : u32(b, p);
      if (ref.type === 'thmb') item(from).thumbnailOf.push(to);
      else if (ref.type === 'cdsc') item(from).describes.push(to);
      else if (ref.type === 'auxl') item(from).auxiliaryOf.push(to);
    }
  }
}

/** Reads image sizes (ispe) through the ipco/ipma property association. */
function readSizes(b: Uint8Array, iprp: Box, item: (id: number) => HeifItem): void {
  const ipco = child(b, iprp, 'ipco');
  const ipma = child(b, iprp, 'ipma');
  if (!ipco || !ipma) return;
  const props = listBoxes(b, ipco.dataOffset, ipco.end).boxes;
  const version = u8(b, ipma.dataOffset);
  const flags = u8(b, ipma.dataOffset + 3);
  let p = ipma.dataOffset + 4;
  const count = u32(b, p);
  p += 4;
  for (let i = 0; i < count && p < ipma.end; i++) {
    const id = version < 1 ? u16(b, p) : u32(b, p);
    p += version < 1 ? 2 : 4;
    const n = u8(b, p++);
    for (let k = 0; k < n; k++) {
      const idx = (flags & 1 ? u16(b, p) & 0x7fff : u8(b, p) & 0x7f) - 1;
      p += flags & 1 ? 2 : 1;
      const prop = props[idx];
      if (prop?.type === 'ispe') {
        const it = item(id);
        it.width = u32(b, prop.dataOffset + 4);
        it.height = u32(b, prop.dataOffset + 8);
      }
    }
  }
}

/** Concatenated bytes of an item's extents (bounds-checked). */
export function itemBytes(b: Uint8Array, it: HeifItem): Uint8Array {
  const parts = it.extents.filter((e) => e.offset < b.length).map((e) => b.subarray(e.offset, Math.min(b.length, e.offset + e.length)));
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of parts) { out.set(x, o); o += x.length; }
  return out;
}
