// HEIC, HEIF and AVIF without re-encoding: the container is rewritten around the picture's coded
// bytes, which are copied unchanged. Kept: the primary image, the tiles of its grid, its
// transparency, and the properties that say how to show it (colour, rotation, mirroring, size).
// Dropped: Exif and XMP items, thumbnails, depth and HDR maps, other images, descriptions and
// times attached as properties, and any data no kept item points to. Every offset is written anew
// (iloc, for data in mdat and in idat), so the layout of the original does not matter.
import { ascii, asciiBytes } from '../bytes.js';
import { ExposureError } from '../errors.js';
import { itemBytes, type HeifItem, type HeifMeta } from '../metadata/containers/heif-meta.js';
import type { Box } from '../metadata/containers/isobmff.js';
import { box, ByteWriter, fullBox } from './box-write.js';
import { ICC_KEPT, neutraliseIcc } from './icc.js';
import { checkHeifPicture } from '../image/heif-check.js';
import { addOnce, type CleanOutput } from './types.js';

/** Properties that describe the item rather than how to show it: a caption, creation and edit times. */
const DESCRIPTIVE_PROPERTIES: Record<string, string> = {
  udes: 'A description attached to the picture (title, caption, tags)',
  crtt: 'The time the picture was created',
  mdft: 'The time the picture was last changed',
};
/** Children of `meta` that the rewrite rebuilds; anything else in `meta` is dropped. */
const REBUILT = new Set(['hdlr', 'dinf', 'pitm', 'iinf', 'iref', 'iprp', 'idat', 'iloc']);

export interface HeifCleanOptions {
  /** Decode and save as JPEG instead (for sites that refuse HEIC). */
  to?: 'jpeg';
}

interface Layout {
  item: HeifItem;
  /** Where the item's bytes go: the new mdat (construction method 0) or the new idat (1). */
  inIdat: boolean;
  data: Uint8Array;
  /** Offset inside the new mdat payload or idat payload. */
  at: number;
}

export async function cleanHeif(b: Uint8Array, format: 'heic' | 'avif', options: HeifCleanOptions = {}): Promise<CleanOutput> {
  const { top: topBoxes, meta, primary, keep, kept } = checkHeifPicture(b, format);
  const removed: string[] = [];
  describeDropped(meta, keep, topBoxes, removed);
  if (options.to === 'jpeg' || topBoxes.some((x) => x.type === 'moov') || kept.some((i) => i.method === 2)) {
    // Asked for, or a HEIF image sequence (moov) or data stored inside other items: not rewritten in place.
    // sharp and libvips load only then: the lossless rewrite needs neither.
    const { reencodeImage } = await import('./reencode.js');
    const out = await reencodeImage(b, format);
    for (const line of removed) addOnce(out.removed, line);
    return out;
  }
  const keptLines = ['The picture exactly as it was stored (not re-encoded: no loss of quality)'];

  const layouts = placeItems(b, kept);
  const idatData = concatData(layouts.filter((l) => l.inIdat));
  const mdatData = concatData(layouts.filter((l) => !l.inIdat));
  const { iprp, notes } = rebuildProperties(b, meta, kept);
  for (const n of notes.removed) addOnce(removed, n);
  for (const n of notes.kept) addOnce(keptLines, n);

  const ftyp = topBoxes.find((x) => x.type === 'ftyp');
  const ftypBytes = ftyp ? b.subarray(ftyp.offset, ftyp.end) : new Uint8Array(0);
  const hdlr = meta.children.find((x) => x.type === 'hdlr');
  const before = [
    // The handler's name field is free text: written empty.
    fullBox('hdlr', 0, 0, [new Uint8Array(4), hdlr ? b.subarray(hdlr.dataOffset + 8, hdlr.dataOffset + 12) : asciiBytes('pict'), new Uint8Array(13)]),
    ...(meta.children.some((x) => x.type === 'dinf') ? [box('dinf', [fullBox('dref', 0, 0, [new ByteWriter().u32(1).bytes(), fullBox('url ', 0, 1, [])])])] : []),
    primary.id > 0xffff ? fullBox('pitm', 1, 0, [new ByteWriter().u32(primary.id).bytes()]) : fullBox('pitm', 0, 0, [new ByteWriter().u16(primary.id).bytes()]),
    rebuildIinf(kept),
    ...rebuildIref(meta, keep),
    iprp,
    ...(layouts.some((l) => l.inIdat) ? [box('idat', [idatData])] : []),
  ];
  const metaWithout = (iloc: Uint8Array) => fullBox('meta', 0, 0, [...before, iloc]);
  const mdatHeader = mdatData.length + 8 > 0xffffffff ? 16 : 8;
  const fileSize = ftypBytes.length + metaWithout(rebuildIloc(layouts, 0, 8)).length + mdatHeader + mdatData.length;
  const offsetSize = fileSize > 0xffffffff ? 8 : 4;
  const metaSize = metaWithout(rebuildIloc(layouts, 0, offsetSize)).length;
  const mdatStart = ftypBytes.length + metaSize + mdatHeader;
  const metaBox = metaWithout(rebuildIloc(layouts, mdatStart, offsetSize));
  const parts = [ftypBytes, metaBox, ...(mdatData.length > 0 ? [box('mdat', [mdatData])] : [])];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { bytes: out, format, extension: format === 'avif' ? 'avif' : 'heic', reencoded: false, removed, kept: keptLines };
}

/** Each kept item's bytes (its extents joined into one), placed in file order in mdat or idat. */
function placeItems(b: Uint8Array, kept: HeifItem[]): Layout[] {
  const ordered = [...kept].sort((x, y) => (x.extents[0]?.offset ?? 0) - (y.extents[0]?.offset ?? 0));
  const at = { mdat: 0, idat: 0 };
  let total = 0;
  return ordered.map((item) => {
    let data: Uint8Array;
    try {
      data = itemBytes(b, item);
    } catch (cause) {
      throw new ExposureError('corrupt', 'This photo is damaged: its picture data overlaps itself, so no copy was made.', { cause });
    }
    total += data.length;
    if (total > b.length) throw new ExposureError('corrupt', 'This photo is damaged: its pictures claim more data than the file holds, so no copy was made.');
    const inIdat = item.method === 1;
    const layout: Layout = { item, inIdat, data, at: inIdat ? at.idat : at.mdat };
    if (inIdat) at.idat += data.length;
    else at.mdat += data.length;
    return layout;
  });
}

function concatData(layouts: Layout[]): Uint8Array {
  const out = new Uint8Array(layouts.reduce((n, l) => n + l.data.length, 0));
  for (const l of layouts) out.set(l.data, l.at);
  return out;
}

function rebuildIloc(layouts: Layout[], mdatStart: number, offsetSize: 4 | 8): Uint8Array {
  const wide = layouts.some((l) => l.item.id > 0xffff);
  const w = new ByteWriter().u8((offsetSize << 4) | offsetSize).u8(0); // offset, length, base, index sizes
  w.sized(layouts.length, wide ? 4 : 2);
  for (const l of [...layouts].sort((x, y) => x.item.id - y.item.id)) {
    w.sized(l.item.id, wide ? 4 : 2).u16(l.inIdat ? 1 : 0).u16(l.item.dataReferenceIndex);
    if (l.data.length === 0) {
      w.u16(0);
      continue;
    }
    w.u16(1).sized(l.inIdat ? l.at : mdatStart + l.at, offsetSize).sized(l.data.length, offsetSize);
  }
  return fullBox('iloc', wide ? 2 : 1, 0, [w.bytes()]);
}

function rebuildIinf(kept: HeifItem[]): Uint8Array {
  const entries = [...kept].sort((x, y) => x.id - y.id).map((it) => {
    const w = new ByteWriter();
    w.sized(it.id, it.id > 0xffff ? 4 : 2).u16(0); // protection index
    const body = [w.bytes(), asciiBytes(it.type), Uint8Array.of(0)]; // type, empty name
    return fullBox('infe', it.id > 0xffff ? 3 : 2, it.hidden ? 1 : 0, body);
  });
  const wide = kept.length > 0xffff;
  return fullBox('iinf', wide ? 1 : 0, 0, [new ByteWriter().sized(kept.length, wide ? 4 : 2).bytes(), ...entries]);
}

function rebuildIref(meta: HeifMeta, keep: Set<number>): Uint8Array[] {
  const refs = meta.references
    .filter((r) => keep.has(r.from))
    .map((r) => ({ ...r, to: r.to.filter((id) => keep.has(id)) }))
    .filter((r) => r.to.length > 0);
  if (refs.length === 0) return [];
  const wide = refs.some((r) => r.from > 0xffff || r.to.some((id) => id > 0xffff));
  const size = wide ? 4 : 2;
  const boxes = refs.map((r) => {
    const w = new ByteWriter().sized(r.from, size).u16(r.to.length);
    for (const id of r.to) w.sized(id, size);
    return box(r.type, [w.bytes()]);
  });
  return [fullBox('iref', wide ? 1 : 0, 0, boxes)];
}

/** ipco with only the properties the kept items use (colour profiles neutralised), and ipma anew. */
function rebuildProperties(b: Uint8Array, meta: HeifMeta, kept: HeifItem[]): { iprp: Uint8Array; notes: { removed: string[]; kept: string[] } } {
  const notes = { removed: [] as string[], kept: [] as string[] };
  const newIndex = new Map<number, number>();
  const props: Uint8Array[] = [];
  const used = [...new Set(kept.flatMap((i) => i.properties.map((p) => p.index)))].sort((x, y) => x - y);
  for (const index of used) {
    const prop = meta.properties[index - 1];
    if (!prop) continue;
    if (DESCRIPTIVE_PROPERTIES[prop.type]) {
      addOnce(notes.removed, DESCRIPTIVE_PROPERTIES[prop.type]!);
      continue;
    }
    const bytes = prop.type === 'colr' ? cleanColour(b, prop, notes) : b.subarray(prop.offset, prop.end);
    if (!bytes) continue;
    if (prop.type === 'irot' || prop.type === 'imir') addOnce(notes.kept, 'Rotation and mirroring (keeps the photo the right way up)');
    props.push(bytes);
    newIndex.set(index, props.length);
  }
  const wideIds = kept.some((i) => i.id > 0xffff);
  const wideIndex = props.length > 127;
  const w = new ByteWriter().u32(kept.length);
  for (const it of [...kept].sort((x, y) => x.id - y.id)) {
    const links = it.properties.filter((p) => newIndex.has(p.index));
    w.sized(it.id, wideIds ? 4 : 2).u8(links.length);
    for (const p of links) {
      const i = newIndex.get(p.index)!;
      if (wideIndex) w.u16((p.essential ? 0x8000 : 0) | i);
      else w.u8((p.essential ? 0x80 : 0) | i);
    }
  }
  return { iprp: box('iprp', [box('ipco', props), fullBox('ipma', wideIds ? 1 : 0, wideIndex ? 1 : 0, [w.bytes()])]), notes };
}

/** A colr property with an ICC profile gets its maker, model, software and date blanked. */
function cleanColour(b: Uint8Array, prop: Box, notes: { removed: string[]; kept: string[] }): Uint8Array | null {
  const kind = ascii(b, prop.dataOffset, 4);
  if (kind !== 'prof' && kind !== 'rICC') return b.subarray(prop.offset, prop.end);
  const icc = neutraliseIcc(b.subarray(prop.dataOffset + 4, prop.end));
  if (!icc) {
    addOnce(notes.removed, 'An unreadable colour profile');
    return null;
  }
  addOnce(notes.kept, ICC_KEPT);
  return box('colr', [b.subarray(prop.dataOffset, prop.dataOffset + 4), icc]);
}

/** Plain words for each kind of thing the copy leaves out. */
function describeDropped(meta: HeifMeta, keep: Set<number>, top: Box[], removed: string[]): void {
  for (const it of meta.items) {
    if (keep.has(it.id)) continue;
    if (it.type === 'Exif') addOnce(removed, 'Camera details (EXIF: can hold the location, the phone or camera, dates)');
    else if (it.type === 'mime' && /xmp|rdf\+xml/i.test(it.contentType)) addOnce(removed, 'XMP information (can hold location, names, editing history)');
    else if (it.type === 'mime' || it.type === 'uri ') addOnce(removed, 'Other data attached to the photo');
    else if (it.thumbnailOf.length > 0) addOnce(removed, 'Hidden thumbnail pictures');
    else if (it.auxiliaryOf.length > 0 && /depth|disparity/i.test(it.auxType)) addOnce(removed, 'Depth map (the shape of the scene)');
    else if (it.auxiliaryOf.length > 0 && /gainmap|hdr/i.test(it.auxType)) addOnce(removed, 'HDR brightness map (the copy shows as a standard photo)');
    else if (it.auxiliaryOf.length > 0) addOnce(removed, 'Extra images linked to the picture (such as cut-out masks)');
    else if (meta.items.some((x) => x.derivedFrom.includes(it.id) && !keep.has(x.id))) continue; // a tile of a dropped image
    else addOnce(removed, 'Other pictures stored in the file (only the main picture was kept)');
  }
  for (const child of meta.children) if (!REBUILT.has(child.type)) addOnce(removed, `Other hidden data ("${printable(child.type)}" block)`);
  for (const x of top) {
    if (x.type === 'ftyp' || x.type === 'meta' || x.type === 'mdat' || x.type === 'free' || x.type === 'skip') continue;
    addOnce(removed, `Other hidden data ("${printable(x.type)}" block)`);
  }
  const used = meta.items.filter((i) => i.method === 0).reduce((n, i) => n + i.extents.reduce((m, e) => m + e.length, 0), 0);
  const stored = top.filter((x) => x.type === 'mdat').reduce((n, x) => n + x.end - x.dataOffset, 0);
  if (stored - used > 64) addOnce(removed, 'Data inside the file that no picture uses');
}

const printable = (type: string): string => type.replace(/[^\x20-\x7e]/g, '?').trim();
