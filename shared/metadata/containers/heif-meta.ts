// HEIF's item tables (ISO/IEC 23008-12, also used by AVIF): what each item is (iinf), where its
// bytes are (iloc, in the file or in idat), how items relate (iref), and which properties each
// has (ipco/ipma). The metadata reader and the lossless HEIC/AVIF rewriter both start from this.
// Hostile input: every count is bounded by the bytes that hold it, never trusted on its own.
import { ascii, u16, u32, u64, u8 } from '../../bytes.js';
import { childBoxes, listBoxes, type Box } from './isobmff.js';

export interface ItemExtent {
  /** Absolute offset in the file (idat-based extents are resolved to where idat's bytes are). */
  offset: number;
  length: number;
}

export interface PropertyLink {
  /** 1-based index into `HeifMeta.properties`. */
  index: number;
  essential: boolean;
}

export interface HeifItem {
  id: number;
  type: string;
  name: string;
  contentType: string;
  /** infe flag: not meant to be shown on its own (grid tiles, thumbnails). */
  hidden: boolean;
  /** iloc construction method: 0 = bytes in the file, 1 = in idat, 2 = inside another item. */
  method: number;
  dataReferenceIndex: number;
  extents: ItemExtent[];
  /** Some of the item's bytes lie past the end of the file (a cut-short download or copy). */
  incomplete: boolean;
  /** Item ids this item is a thumbnail of (iref 'thmb'). */
  thumbnailOf: number[];
  /** Item ids this item describes (iref 'cdsc': Exif/XMP of an image). */
  describes: number[];
  /** Item ids this item is an auxiliary image of (iref 'auxl': depth, alpha, gain map). */
  auxiliaryOf: number[];
  /** Item ids this derived image is made from (iref 'dimg': grid tiles, overlays). */
  derivedFrom: number[];
  properties: PropertyLink[];
  /** auxC type of an auxiliary image, e.g. "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha". */
  auxType: string;
  width?: number;
  height?: number;
}

export interface ItemReference {
  type: string;
  from: number;
  to: number[];
}

export interface HeifMeta {
  meta: Box;
  /** The meta box's children in file order. */
  children: Box[];
  primaryId: number | null;
  items: HeifItem[];
  references: ItemReference[];
  /** ipco's property boxes; item property links are 1-based indices into this list. */
  properties: Box[];
  idat?: Box;
  /** A box (or the item tables) runs past its end or past the end of the file. */
  truncated: boolean;
}

export const ALPHA_AUX = /^urn:(mpeg:mpegB:cicp:systems:auxiliary:alpha|mpeg:hevc:2015:auxid:1)$/;

export function readHeifMeta(b: Uint8Array, top: Box[]): HeifMeta | null {
  const meta = top.find((x) => x.type === 'meta');
  if (!meta) return null;
  const inner = listBoxes(b, meta.dataOffset + 4, meta.end); // meta is a FullBox
  const result: HeifMeta = { meta, children: inner.boxes, primaryId: null, items: [], references: [], properties: [], truncated: inner.truncated };
  const byId = new Map<number, HeifItem>();
  const item = (id: number): HeifItem => {
    let it = byId.get(id);
    if (!it) {
      it = { id, type: '', name: '', contentType: '', hidden: false, method: 0, dataReferenceIndex: 0, extents: [], incomplete: false, thumbnailOf: [], describes: [], auxiliaryOf: [], derivedFrom: [], properties: [], auxType: '' };
      byId.set(id, it);
    }
    return it;
  };
  result.idat = inner.boxes.find((x) => x.type === 'idat');
  for (const box of inner.boxes) {
    if (box.type === 'pitm') result.primaryId = u8(b, box.dataOffset) === 0 ? u16(b, box.dataOffset + 4) : u32(b, box.dataOffset + 4);
    else if (box.type === 'iinf') readIinf(b, box, item);
    else if (box.type === 'iref') result.references.push(...readIref(b, box, item));
    else if (box.type === 'iprp') result.properties = readProperties(b, box, item);
  }
  // iloc last: idat-based extents need idat's position, and the file order of boxes is free.
  for (const box of inner.boxes) if (box.type === 'iloc') readIloc(b, box, item, result.idat);
  result.items = [...byId.values()];
  for (const it of result.items) {
    for (const link of it.properties) {
      const prop = result.properties[link.index - 1];
      if (prop?.type === 'ispe') {
        it.width = u32(b, prop.dataOffset + 4);
        it.height = u32(b, prop.dataOffset + 8);
      } else if (prop?.type === 'auxC') {
        const end = b.indexOf(0, prop.dataOffset + 4);
        it.auxType = ascii(b, prop.dataOffset + 4, (end === -1 || end > prop.end ? prop.end : end) - prop.dataOffset - 4);
      }
    }
  }
  return result;
}

/** A zero-terminated string inside [p, end); returns it and where the next field starts. */
function cString(b: Uint8Array, p: number, end: number): [string, number] {
  const stop = b.indexOf(0, p);
  if (stop === -1 || stop >= end) return [ascii(b, p, end - p), end];
  return [ascii(b, p, stop - p), stop + 1];
}

function readIinf(b: Uint8Array, box: Box, item: (id: number) => HeifItem): void {
  const version = u8(b, box.dataOffset);
  for (const infe of listBoxes(b, box.dataOffset + (version === 0 ? 6 : 8), box.end).boxes) {
    if (infe.type !== 'infe') continue;
    const v = u8(b, infe.dataOffset);
    if (v < 2) continue; // versions 0 and 1 describe files, not image items
    let p = infe.dataOffset + 4;
    const id = v === 2 ? u16(b, p) : u32(b, p);
    p += (v === 2 ? 2 : 4) + 2; // id, protection index
    const it = item(id);
    it.hidden = (u8(b, infe.dataOffset + 3) & 1) === 1;
    it.type = ascii(b, p, 4);
    [it.name, p] = cString(b, p + 4, infe.end);
    if (it.type === 'mime') [it.contentType] = cString(b, p, infe.end);
    else if (it.type === 'uri ') [it.contentType] = cString(b, p, infe.end);
  }
}

function sized(b: Uint8Array, p: number, size: number): number {
  return size === 4 ? u32(b, p) : size === 8 ? u64(b, p) : 0;
}

function readIloc(b: Uint8Array, box: Box, item: (id: number) => HeifItem, idat: Box | undefined): void {
  const version = u8(b, box.dataOffset);
  let p = box.dataOffset + 4;
  const offsetSize = u8(b, p) >> 4, lengthSize = u8(b, p) & 15;
  const baseSize = u8(b, p + 1) >> 4, indexSize = version >= 1 ? u8(b, p + 1) & 15 : 0;
  p += 2;
  const count = version < 2 ? u16(b, p) : u32(b, p);
  p += version < 2 ? 2 : 4;
  const idWidth = version < 2 ? 2 : 4;
  const extentWidth = indexSize + offsetSize + lengthSize;
  for (let i = 0; i < count && p + idWidth <= box.end; i++) {
    const it = item(version < 2 ? u16(b, p) : u32(b, p));
    p += idWidth;
    it.method = version >= 1 ? u16(b, p) & 15 : 0;
    if (version >= 1) p += 2;
    it.dataReferenceIndex = u16(b, p);
    p += 2;
    const base = sized(b, p, baseSize);
    p += baseSize;
    const declared = u16(b, p);
    p += 2;
    // An extent of zero bytes (all field sizes 0) would let a tiny box claim 65535 extents per item.
    const extents = Math.min(declared, Math.floor((box.end - p) / Math.max(1, extentWidth)));
    if (extents < declared) it.incomplete = true;
    it.extents = [];
    const origin = it.method === 1 ? (idat?.dataOffset ?? Number.NaN) : 0;
    const limit = it.method === 1 ? (idat?.end ?? 0) : b.length;
    for (let e = 0; e < extents; e++) {
      p += indexSize;
      const offset = origin + base + sized(b, p, offsetSize);
      p += offsetSize;
      let length = sized(b, p, lengthSize);
      p += lengthSize;
      if (length === 0) length = Math.max(0, limit - offset); // 0 = "to the end of the data"
      if (!Number.isFinite(offset) || offset + length > limit) it.incomplete = true;
      it.extents.push({ offset, length });
    }
  }
}

function readIref(b: Uint8Array, box: Box, item: (id: number) => HeifItem): ItemReference[] {
  const w = u8(b, box.dataOffset) === 0 ? 2 : 4;
  const refs: ItemReference[] = [];
  for (const ref of listBoxes(b, box.dataOffset + 4, box.end).boxes) {
    let p = ref.dataOffset;
    const from = w === 2 ? u16(b, p) : u32(b, p);
    const n = u16(b, p + w);
    p += w + 2;
    const to: number[] = [];
    for (let i = 0; i < n && p + w <= ref.end; i++, p += w) to.push(w === 2 ? u16(b, p) : u32(b, p));
    refs.push({ type: ref.type, from, to });
    const it = item(from);
    if (ref.type === 'thmb') it.thumbnailOf.push(...to);
    else if (ref.type === 'cdsc') it.describes.push(...to);
    else if (ref.type === 'auxl') it.auxiliaryOf.push(...to);
    else if (ref.type === 'dimg') it.derivedFrom.push(...to);
  }
  return refs;
}

/** ipco's properties, and each item's links to them through every ipma box. */
function readProperties(b: Uint8Array, iprp: Box, item: (id: number) => HeifItem): Box[] {
  const children = childBoxes(b, iprp);
  const ipco = children.find((x) => x.type === 'ipco');
  const properties = ipco ? childBoxes(b, ipco) : [];
  for (const ipma of children.filter((x) => x.type === 'ipma')) {
    const version = u8(b, ipma.dataOffset);
    const wide = (u8(b, ipma.dataOffset + 3) & 1) === 1;
    let p = ipma.dataOffset + 4;
    const count = u32(b, p);
    p += 4;
    for (let i = 0; i < count && p < ipma.end; i++) {
      const it = item(version < 1 ? u16(b, p) : u32(b, p));
      p += version < 1 ? 2 : 4;
      const n = u8(b, p++);
      for (let k = 0; k < n && p < ipma.end; k++) {
        const raw = wide ? u16(b, p) : u8(b, p);
        p += wide ? 2 : 1;
        const index = raw & (wide ? 0x7fff : 0x7f);
        if (index > 0) it.properties.push({ index, essential: (raw & (wide ? 0x8000 : 0x80)) !== 0 });
      }
    }
  }
  return properties;
}

/** The items the main picture is made of: the primary item, its tiles, and its transparency. */
export function pictureItems(meta: HeifMeta, primary: HeifItem): Set<number> {
  const byId = new Map(meta.items.map((i) => [i.id, i]));
  const keep = new Set<number>();
  const queue = [primary.id];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (keep.has(id) || !byId.has(id)) continue;
    keep.add(id);
    queue.push(...byId.get(id)!.derivedFrom);
    for (const aux of meta.items) if (aux.auxiliaryOf.includes(id) && ALPHA_AUX.test(aux.auxType)) queue.push(aux.id);
  }
  return keep;
}

/**
 * Concatenated bytes of an item's extents (only what is inside the file). An item cannot hold more
 * bytes than the file: overlapping extents that claim more are refused rather than allocated.
 */
export function itemBytes(b: Uint8Array, it: HeifItem): Uint8Array {
  const parts = it.extents.filter((e) => e.offset >= 0 && e.offset < b.length).map((e) => b.subarray(e.offset, Math.min(b.length, e.offset + e.length)));
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, x) => n + x.length, 0);
  if (total > b.length) throw new Error(`item ${it.id} claims more bytes than the file holds`);
  const out = new Uint8Array(total);
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}
