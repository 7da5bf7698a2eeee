// XMP packets (any format): classifies each property into a leak kind by its name and place in
// the structure, and reads coordinates written as text.
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
  const props = flattenXmp(xml);
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
  if (other.size > 0) out.add('metadata.other', where, 'XMP properties', [...other].sort().join(', '));
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
