// XMP packets (any format): classifies each property into a leak kind by its name and place in
// the structure, and reads coordinates written as text.
import { utf16, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';
import { parseXmpCoordinate } from './gps.js';
import { flattenXmp, type XmpProperty } from './xmp-parse.js';

const local = (q: string): string => q.slice(q.indexOf(':') + 1);

const PLACE = /^(City|State|Country|CountryName|CountryCode|Location|LocationName|Sublocation|SubLocation|ProvinceState|Province|WorldRegion|GPSAreaInformation|Address|Street|PostalCode)$|(Country|City)$/;
const PEOPLE = /^(creator|Creator|Artist|Author|Authors|AuthorsPosition|CaptionWriter|Credit|rights|Rights|Copyright|CopyrightNotice|Owner|contributor|publisher|Byline|BylineTitle|WriterEditor|CopyrightOwnerName|ImageCreatorName|ImageSupplierName|LicensorName)$/;
const TIME = /(Date|DateTime|When|TimeCreated|TimeStamp|TimeOriginal|TimeDigitized)$/;
const DESCRIPTION = /^(description|title|subject|Headline|Instructions|Category|SupplementalCategories|Keywords|Caption|Label|Event|TransmissionReference|Source|UserComment|ImageDescription|Comment|LastKeywordXMP|LastKeywordIPTC|hierarchicalSubject|CatalogSets)$/;
const DEVICE = /^(Make|Model|Lens|LensModel|LensMake|LensID|LensInfo|CameraModel|CameraMake|UniqueCameraModel)$/;

function classify(p: XmpProperty): LeakId | null {
  const names = p.path.map(local);
  const leaf = names[names.length - 1]!;
  const full = p.path.join('/');
  if (p.path[0] === 'xmpMM:History') return 'software.edit-history';
  if (/^(DocumentID|InstanceID|OriginalDocumentID|DerivedFrom|documentID|instanceID|PreservedFileName|ImageUniqueID|BurstID|ContentIdentifier)$/.test(leaf) || p.path[0] === 'xmpMM:DerivedFrom' || p.path[0] === 'xmpMM:Ingredients') return 'ids.document';
  if (/mwg-rs:Regions|MP:RegionInfo|MPRI:Regions/.test(full)) {
    return /^(Name|PersonDisplayName|PersonEmailDigest|PersonLiveIdCID|Description)$/.test(leaf) ? 'xmp.face-regions' : null;
  }
  if (/^cell:(mcc|mnc|lac|cellid|cgi|r)$/.test(p.path[p.path.length - 1]!) || /^(CellTowerID|CellGlobalID|CellID|LocationAreaCode|MobileCountryCode|MobileNetworkCode)$/.test(leaf)) return 'location.cell-tower';
  if (names.includes('CreatorContactInfo') || /^Ci(Adr|Email|Tel|Url)/.test(leaf)) return 'identity.contact';
  if (/^(PersonInImage|PersonInImageName|PersonName|PersonId)$/.test(leaf)) return 'identity.persons-shown';
  if (/SerialNumber$/.test(leaf)) return 'device.serial-number';
  if (/^(OwnerName|CameraOwnerName|CameraOwner)$/.test(leaf)) return 'identity.owner';
  if (PLACE.test(leaf)) return 'location.place-names';
  if (/^(GPS|GLatitude|GLongitude|Latitude|Longitude|Absolute|Relative|Gimbal|Flight)/.test(leaf)) return 'gps.details';
  if (PEOPLE.test(leaf)) return 'identity.people';
  if (TIME.test(leaf) && !/^(ModifyDate|MetadataDate)$/.test(leaf)) return 'time.taken';
  if (/^(ModifyDate|MetadataDate)$/.test(leaf)) return 'time.taken';
  if (/^(CreatorTool|Software|softwareAgent|ProcessingSoftware|HostComputer)$/.test(leaf)) return 'software.editor';
  if (DEVICE.test(leaf)) return 'device.make-model';
  if (DESCRIPTION.test(leaf)) return 'text.description';
  if (/^(GImage|GDepth):Data$/.test(p.path[p.path.length - 1]!)) return 'xmp.embedded-image';
  return null;
}

const COORD = /^(GPSLatitude|GPSLongitude|GPSDestLatitude|GPSDestLongitude|Latitude|Longitude|GLatitude|GLongitude)$/;

export function reportXmp(xml: string, where: string, out: FindingCollector): void {
  reportProperties(flattenXmp(xml), where, out);
}

/**
 * Reports named properties (from XMP, or from JSON/CBOR records that use XMP-like names, as
 * content credentials do) by the same rules.
 */
export function reportProperties(props: readonly XmpProperty[], where: string, out: FindingCollector, otherLabel = 'XMP properties'): void {
  const coords = new Map<string, { lat?: ReturnType<typeof parseXmpCoordinate>; lon?: ReturnType<typeof parseXmpCoordinate> }>();
  const other = new Set<string>();
  for (const p of props) {
    const q = p.path[p.path.length - 1]!;
    const leaf = local(q);
    if (COORD.test(leaf)) {
      // Group latitude with the longitude written beside it (same namespace, same parent).
      const key = [...p.path.slice(0, -1), q.split(':')[0], leaf.includes('Dest') ? 'dest' : ''].join('/');
      const c = coords.get(key) ?? {};
      const parsed = parseXmpCoordinate(p.value);
      if (/Lat/i.test(leaf)) c.lat = parsed; else c.lon = parsed;
      coords.set(key, c);
      out.add('gps.details', where, q, p.value);
      continue;
    }
    const kind = classify(p);
    if (kind === 'xmp.embedded-image') {
      const bytes = decodeBase64(p.value);
      if (bytes) out.addImage(kind, where, q, sniffMime(bytes), bytes);
    } else if (kind) {
      out.add(kind, where, p.path.length > 1 ? `${p.path[0]}/${q}` : q, p.value);
    } else {
      other.add(p.path[0]!);
    }
  }
  for (const [key, c] of coords) {
    if (!c.lat || !c.lon) continue;
    if (c.lat.value === 0 && c.lon.value === 0) { out.add('gps.empty', where, `${where} ${key}`, '0, 0'); continue; }
    if (Math.abs(c.lat.value) > 90 || Math.abs(c.lon.value) > 180) continue;
    out.addGps(`${where} (${key.split('/').filter(Boolean).join(' ')})`, {
      latitude: c.lat.value, longitude: c.lon.value, precisionMeters: Math.max(c.lat.precision, c.lon.precision), altitude: null,
    });
  }
  if (other.size > 0) out.add('metadata.other', where, otherLabel, [...other].sort().join(', '));
}

/**
 * An XMP packet's text. XMP may be written in UTF-8, UTF-16 or UTF-32, either byte order, with or
 * without a byte-order mark (ExifTool and Windows tools write UTF-16): the encoding is told by the
 * mark, else by where the zero bytes fall around the first characters.
 */
export function xmpText(b: Uint8Array, start = 0, end = b.length): string {
  const s = Math.max(0, start);
  const e = Math.min(b.length, end);
  if (e - s < 4) return utf8(b, s, e);
  const [b0, b1, b2, b3] = [b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return utf8(b, s + 3, e);
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return utf32(b, s + 4, e, false);
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return utf32(b, s + 4, e, true);
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe)) return utf16(b, s, e);
  // No mark: count zero bytes at each of the four positions over the first characters.
  const zeros = [0, 0, 0, 0];
  const n = Math.min(e - s, 256) & ~3;
  for (let i = 0; i < n; i++) if (b[s + i] === 0) zeros[i & 3]!++;
  const q = n / 4;
  if (q === 0 || zeros.every((z) => z < q / 2)) return utf8(b, s, e);
  if (zeros[0]! >= q * 0.9 && zeros[1]! >= q * 0.9 && zeros[2]! >= q * 0.9) return utf32(b, s, e, false);
  if (zeros[1]! >= q * 0.9 && zeros[2]! >= q * 0.9 && zeros[3]! >= q * 0.9) return utf32(b, s, e, true);
  return utf16(b, s, e, zeros[1]! + zeros[3]! > zeros[0]! + zeros[2]!);
}

function utf32(b: Uint8Array, start: number, end: number, le: boolean): string {
  const parts: string[] = [];
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = start; i + 4 <= end; i += 4) {
    const c = dv.getUint32(i, le);
    parts.push(c < 0x110000 && (c < 0xd800 || c > 0xdfff) ? String.fromCodePoint(c) : '\uFFFD');
  }
  return parts.join('');
}

function decodeBase64(s: string): Uint8Array | null {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(clean)) return null;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function sniffMime(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50) return 'image/png';
  return 'application/octet-stream';
}
