// A small generic maker-note walker: finds where each maker's private directory starts and what
// its offsets are relative to, then reads a per-maker table of identifying tags (serial numbers,
// owner names, home city) and embedded preview images.
import { ascii, startsWith, u32, u8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';
import { entryNumbers, entryString, findEntry, readIfd, readTiffHeader, type Ifd, type IfdEntry, type TiffMap } from './containers/tiff.js';

interface MakerDirectory {
  maker: string;
  ifd: Ifd;
  le: boolean;
  /** What the directory's value offsets are relative to. */
  base: number;
}

/** Locates the maker-note IFD from its header signature, falling back to the camera make. */
function locate(b: Uint8Array, mn: number, size: number, make: string, map: TiffMap): MakerDirectory | null {
  const tiff = map.header.start;
  let le = map.header.le;
  let maker = make.toLowerCase().split(/\s+/)[0] ?? '';
  let at = mn;
  let base = tiff;
  if (startsWith(b, mn, 'Nikon\0\x02')) {
    const h = readTiffHeader(b, mn + 10);
    if (!h) return null;
    [maker, at, base, le] = ['nikon', h.ifd0, mn + 10, h.le];
  } else if (startsWith(b, mn, 'Nikon\0\x01')) [maker, at] = ['nikon', mn + 8];
  else if (startsWith(b, mn, 'OLYMPUS\0') || startsWith(b, mn, 'OM SYSTEM\0')) {
    const hdr = startsWith(b, mn, 'OLYMPUS\0') ? 8 : 12;
    [maker, at, base, le] = ['olympus', mn + hdr + 4, mn, ascii(b, mn + hdr, 2) === 'II'];
  } else if (startsWith(b, mn, 'OLYMP\0') || startsWith(b, mn, 'CAMER\0') || startsWith(b, mn, 'EPSON\0')) [maker, at] = ['olympus', mn + 8];
  else if (startsWith(b, mn, 'FUJIFILM')) [maker, at, base, le] = ['fujifilm', mn + u32(b, mn + 8, true), mn, true];
  else if (startsWith(b, mn, 'SONY DSC ') || startsWith(b, mn, 'SONY CAM ') || startsWith(b, mn, 'SONY MOBILE')) [maker, at] = ['sony', mn + 12];
  else if (startsWith(b, mn, 'QVC\0')) [maker, at] = ['casio', mn + 6];
  else if (startsWith(b, mn, 'Apple iOS\0')) [maker, at, base, le] = ['apple', mn + 14, mn, ascii(b, mn + 12, 2) === 'II'];
  else if (startsWith(b, mn, 'Panasonic\0')) [maker, at] = ['panasonic', mn + 12];
  else if (startsWith(b, mn, 'PENTAX \0')) [maker, at, base] = ['pentax', mn + 10, mn];
  else if (startsWith(b, mn, 'AOC\0')) [maker, at] = ['pentax', mn + 6];
  else if (startsWith(b, mn, 'Ricoh') || startsWith(b, mn, 'RICOH')) [maker, at] = ['ricoh', mn + 8];
  else if (startsWith(b, mn, 'MOT\0')) [maker, at, base] = ['motorola', mn + 8, mn];
  else if (startsWith(b, mn, 'SIGMA\0') || startsWith(b, mn, 'FOVEON\0')) [maker, at] = ['sigma', mn + 10];
  else if (startsWith(b, mn, 'KDK') || maker === 'eastman' || maker === 'kodak') return null; // Kodak: binary, not a directory
  if (maker.startsWith('konica') || maker.startsWith('minolta')) maker = 'minolta';
  if (at >= mn + size + 16 && maker !== 'nikon') return null;
  let ifd = readIfd(b, at, le, base);
  if (!ifd || ifd.entries.length === 0) {
    ifd = readIfd(b, at, !le, base);
    le = !le;
  }
  return ifd && ifd.entries.length > 0 ? { maker, ifd, le, base } : null;
}

type TagReader = (b: Uint8Array, e: IfdEntry, dir: MakerDirectory, out: FindingCollector, where: string) => void;

const text = (id: LeakId, label: string): TagReader => (b, e, _d, out, where) => out.add(id, where, label, entryString(b, e));

/** Canon TimeInfo's city index → name (ExifTool's table). */
const CANON_CITIES = ['n/a', 'Chatham Islands', 'Wellington', 'Solomon Islands', 'Sydney', 'Adelaide', 'Tokyo', 'Hong Kong',
  'Bangkok', 'Yangon', 'Dhaka', 'Kathmandu', 'Delhi', 'Karachi', 'Kabul', 'Dubai', 'Tehran', 'Moscow', 'Cairo', 'Paris',
  'London', 'Azores', 'Fernando de Noronha', 'Sao Paulo', 'Newfoundland', 'Santiago', 'Caracas', 'New York', 'Chicago',
  'Denver', 'Los Angeles', 'Anchorage', 'Honolulu', 'Samoa'];

const MAKER_TAGS: Record<string, Record<number, TagReader>> = {
  canon: {
    0x0009: text('identity.owner', 'Canon OwnerName'),
    0x0096: text('device.serial-number', 'Canon InternalSerialNumber'),
    0x000c: (b, e, d, out, where) => out.add('device.serial-number', where, 'Canon SerialNumber', String(entryNumbers(b, e, d.le)[0] ?? '').padStart(10, '0')),
    0x0095: text('device.make-model', 'Canon LensModel'),
    0x0035: (b, e, d, out, where) => {
      const city = entryNumbers(b, e, d.le)[2];
      if (city !== undefined && city > 0 && city < CANON_CITIES.length) out.add('location.home-city', where, 'Canon TimeZoneCity', CANON_CITIES[city]!);
    },
  },
  nikon: {
    0x001d: text('device.serial-number', 'Nikon SerialNumber'),
    0x00a0: text('device.serial-number', 'Nikon SerialNumber'),
    0x0011: (b, e, d, out, where) => {
      const preview = readIfd(b, d.base + u32(b, e.valueOffset, d.le), d.le, d.base);
      previewFrom(b, d.base, preview, 0x0201, 0x0202, d.le, out, `${where} (Nikon preview)`);
    },
  },
  olympus: {
    0x0404: text('device.serial-number', 'Olympus SerialNumber'),
    0x101a: text('device.serial-number', 'Olympus SerialNumber'),
    0x2010: (b, e, d, out, where) => {
      const eq = readIfd(b, subIfdOffset(b, e, d), d.le, d.base);
      for (const [tag, label] of [[0x0101, 'Olympus SerialNumber'], [0x0102, 'Olympus InternalSerialNumber'], [0x0202, 'Olympus LensSerialNumber']] as const) {
        const x = findEntry(eq, tag);
        if (x) out.add('device.serial-number', where, label, entryString(b, x));
      }
    },
    0x2020: (b, e, d, out, where) => {
      previewFrom(b, d.base, readIfd(b, subIfdOffset(b, e, d), d.le, d.base), 0x0101, 0x0102, d.le, out, `${where} (Olympus preview)`);
    },
  },
  fujifilm: { 0x0010: text('device.serial-number', 'FujiFilm InternalSerialNumber') },
  pentax: { 0x0229: text('device.serial-number', 'Pentax SerialNumber') },
  panasonic: {
    0x0025: text('device.serial-number', 'Panasonic InternalSerialNumber'), 0x0052: text('device.serial-number', 'Panasonic LensSerialNumber'),
    0x0069: text('location.place-names', 'Panasonic Country'), 0x006b: text('location.place-names', 'Panasonic State'),
    0x006d: text('location.place-names', 'Panasonic City'), 0x006f: text('location.place-names', 'Panasonic Landmark'),
  },
  samsung: { 0xa002: text('device.serial-number', 'Samsung SerialNumber') },
  sigma: { 0x0002: text('device.serial-number', 'Sigma SerialNumber') },
  sony: { 0x2031: text('device.serial-number', 'Sony SerialNumber') },
  motorola: { 0x5501: text('device.serial-number', 'Motorola SerialNumber') },
  ricoh: {
    0x0005: (b, e, _d, out, where) => {
      const raw = b.subarray(e.valueOffset, e.valueOffset + Math.min(e.size, 16));
      const printable = /^[-\w ]+$/.test(String.fromCharCode(...raw).replace(/\0+$/, ''));
      out.add('device.serial-number', where, printable ? 'Ricoh SerialNumber' : 'Ricoh InternalSerialNumber', printable ? entryString(b, e) : [...raw].map((x) => x.toString(16).padStart(2, '0')).join(''));
    },
  },
  casio: { 0x3006: text('location.home-city', 'Casio HometownCity') },
  apple: { 0x0011: text('ids.document', 'Apple ContentIdentifier') },
  nintendo: {
    0x1101: (b, e, _d, out, where) => {
      if (e.size < 0x1c) return;
      const bytes = b.subarray(e.valueOffset + 0x18, e.valueOffset + 0x1c);
      out.add('device.serial-number', where, 'Nintendo InternalSerialNumber', '0x' + [...bytes].map((x) => x.toString(16).padStart(2, '0')).join(''));
    },
  },
};

function subIfdOffset(b: Uint8Array, e: IfdEntry, d: MakerDirectory): number {
  // Olympus sub-directories are either a pointer (LONG/IFD) or the IFD bytes themselves (UNDEFINED).
  return e.type === 7 && e.size > 4 ? e.valueOffset : d.base + u32(b, e.valueOffset, d.le);
}

/** Embedded preview images in maker notes: JPEG start/length tag pairs. */
function previewFrom(b: Uint8Array, base: number, ifd: Ifd | null, startTag: number, lenTag: number, le: boolean, out: FindingCollector, where: string): void {
  const s = findEntry(ifd, startTag);
  const l = findEntry(ifd, lenTag);
  if (!s || !l) return;
  const offset = base + (entryNumbers(b, s, le)[0] ?? 0);
  addPreview(b, offset, entryNumbers(b, l, le)[0] ?? 0, out, where);
}

function addPreview(b: Uint8Array, offset: number, length: number, out: FindingCollector, where: string): void {
  if (length < 4 || offset + length > b.length || u8(b, offset) !== 0xff || u8(b, offset + 1) !== 0xd8) return;
  out.addImage('thumbnail.preview', where, 'Preview image', 'image/jpeg', b.subarray(offset, offset + length));
}

export function reportMakerNote(b: Uint8Array, map: TiffMap, make: string, where: string, out: FindingCollector): void {
  const mn = map.makerNote!;
  const label = `${where} maker notes`;
  out.add('device.maker-notes', label, 'Maker', make || 'unknown maker');
  const dir = locate(b, mn.offset, mn.size, make, map);
  if (!dir) return;
  const table = MAKER_TAGS[dir.maker] ?? {};
  for (const e of dir.ifd.entries) {
    try {
      table[e.tag]?.(b, e, dir, out, label);
    } catch (err) {
      out.markDamaged(label, err);
    }
  }
  // Older Olympus, Minolta and Konica cameras point at a preview relative to the TIFF header;
  // Casio stores the preview offset in tag 0x2000 the same way.
  if (dir.maker === 'olympus' || dir.maker === 'minolta' || dir.maker === 'casio') {
    const s = findEntry(dir.ifd, 0x0088) ?? findEntry(dir.ifd, 0x2000);
    const l = findEntry(dir.ifd, 0x0089);
    if (s && s.tag === 0x2000 && s.size > 4) addPreview(b, s.valueOffset, s.size, out, `${label} (preview)`);
    else if (s && l) addPreview(b, map.header.start + (entryNumbers(b, s, dir.le)[0] ?? 0), entryNumbers(b, l, dir.le)[0] ?? 0, out, `${label} (preview)`);
  }
}
