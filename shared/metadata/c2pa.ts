// JUMBF boxes and the C2PA "content credentials" they carry (JPEG APP11, PNG caBX, JPEG XL and
// JPEG 2000 jumb boxes). A manifest holds assertions as JSON or CBOR records: who made the photo
// (schema.org CreativeWork author, copyright), where (stds.exif GPS, location assertions), when,
// with which apps (claim generator, actions) and a thumbnail of the picture. Each value is
// reported in its own category by the same naming rules as XMP. Work is bounded: nesting depth,
// box count and record sizes are capped whatever the file claims.
import { decode as decodeCbor } from 'cborg';
import { ascii, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import { listBoxes, type Box } from './containers/isobmff.js';
import type { XmpProperty } from './xmp-parse.js';
import { reportProperties, reportXmp, sniffMime } from './xmp.js';

const MAX_DEPTH = 12;
const MAX_BOXES = 4096;
const MAX_RECORD_BYTES = 8 * 1024 * 1024;
const MAX_PROPERTIES = 4096;

interface Walk { boxes: number; labels: string[]; generators: Set<string> }

/** Reads a JUMBF superbox (or a run of boxes) from `start` to `end`. */
export function reportJumbf(b: Uint8Array, start: number, end: number, where: string, out: FindingCollector): void {
  const walk: Walk = { boxes: 0, labels: [], generators: new Set() };
  readSuperboxes(b, start, end, '', 0, walk, where, out);
  if (walk.labels.length === 0 && walk.boxes === 0) return;
  const summary: Record<string, string | string[]> = { Records: walk.labels.length > 0 ? walk.labels.slice(0, 50) : 'present' };
  if (walk.generators.size > 0) summary['Written by'] = [...walk.generators];
  out.add('identity.content-credentials', where, 'Content credentials (C2PA)', summary);
}

function readSuperboxes(b: Uint8Array, start: number, end: number, parentLabel: string, depth: number, walk: Walk, where: string, out: FindingCollector): void {
  if (depth > MAX_DEPTH) return;
  for (const box of listBoxes(b, start, end).boxes) {
    if (++walk.boxes > MAX_BOXES) return;
    if (box.type === 'jumb') readSuperbox(b, box, depth + 1, walk, where, out);
    else readContent(b, box, parentLabel, walk, where, out);
  }
}

function readSuperbox(b: Uint8Array, box: Box, depth: number, walk: Walk, where: string, out: FindingCollector): void {
  const children = listBoxes(b, box.dataOffset, box.end).boxes;
  const jumd = children[0]?.type === 'jumd' ? children[0] : undefined;
  const label = jumd ? descriptionLabel(b, jumd) : '';
  if (label && walk.labels.length < 200 && !/^urn:(uuid|c2pa):/.test(label)) walk.labels.push(label);
  for (const child of children) {
    if (child === jumd) continue;
    if (++walk.boxes > MAX_BOXES) return;
    if (child.type === 'jumb') readSuperbox(b, child, depth + 1, walk, where, out);
    else if (depth <= MAX_DEPTH) readContent(b, child, label, walk, where, out);
  }
}

/** The label of a JUMBF description box: 16-byte type, toggles, then a NUL-terminated label if toggle bit 1 is set. */
function descriptionLabel(b: Uint8Array, jumd: Box): string {
  const toggles = b[jumd.dataOffset + 16] ?? 0;
  if (!(toggles & 2)) return '';
  const from = jumd.dataOffset + 17;
  const nul = b.indexOf(0, from);
  return nul === -1 || nul > jumd.end ? '' : utf8(b, from, nul).slice(0, 200);
}

function readContent(b: Uint8Array, box: Box, label: string, walk: Walk, where: string, out: FindingCollector): void {
  const size = box.end - box.dataOffset;
  if (size > MAX_RECORD_BYTES) { out.add('identity.content-credentials', where, label || box.type, `${size} bytes (too large to read)`); return; }
  try {
    if (box.type === 'json') reportRecord(JSON.parse(utf8(b, box.dataOffset, box.end)), label, walk, where, out);
    else if (box.type === 'cbor') reportRecord(decodeCbor(b.subarray(box.dataOffset, box.end), CBOR_OPTIONS), label, walk, where, out);
    else if (box.type === 'xml ') reportXmp(utf8(b, box.dataOffset, box.end), `${where} (XMP)`, out);
    else if (box.type === 'bidb' && /thumbnail/i.test(label)) out.addImage('thumbnail.preview', where, `Content credentials thumbnail (${label})`, sniffMime(b.subarray(box.dataOffset)), b.subarray(box.dataOffset, box.end));
  } catch (err) {
    out.markDamaged(`${where} ${label || box.type}`, err);
  }
}

// Tags seen in C2PA and COSE records (dates, COSE_Sign1, embedded CBOR): decode what they wrap.
const passThrough = (c: { decode(): unknown }): unknown => c.decode();
const CBOR_TAGS: ((c: { decode(): unknown }) => unknown)[] = [];
for (const t of [0, 1, 2, 3, 4, 5, 16, 17, 18, 21, 22, 23, 24, 32, 33, 34, 96, 97, 98, 55799]) CBOR_TAGS[t] = passThrough;
const CBOR_OPTIONS = { useMaps: true, tags: CBOR_TAGS, allowBigInt: false } as never;

/** Leaves of a JSON/CBOR record as named properties, with the record's label on top. */
function reportRecord(value: unknown, label: string, walk: Walk, where: string, out: FindingCollector): void {
  const props: XmpProperty[] = [];
  const visit = (v: unknown, path: string[], depth: number): void => {
    if (props.length >= MAX_PROPERTIES || depth > 24) return;
    if (v instanceof Map) { for (const [k, x] of v) visit(x, [...path, String(k)], depth + 1); return; }
    if (Array.isArray(v)) { for (const x of v) visit(x, path, depth + 1); return; }
    if (v instanceof Uint8Array) return;
    if (v && typeof v === 'object') { for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, [...path, k], depth + 1); return; }
    if (v === null || v === undefined || v === '' || path.length === 0) return;
    if (path.some((k) => /^claim_generator/.test(k)) && /^(claim_generator|name|version)$/.test(path[path.length - 1]!) && walk.generators.size < 20) walk.generators.add(String(v).slice(0, 120));
    props.push({ path: [top, ...rename(path)], value: String(v) });
  };
  // An action list is an editing history: what was done, when and with which app.
  const top = /^c2pa\.actions/.test(label) ? 'xmpMM:History' : label || 'record';
  visit(value, [], 0);
  reportProperties(props, where, out, 'Content credentials records');
}

const PEOPLE_PARENT = /^(author|creator|contributor|copyrightHolder|publisher|producer|credit|accountablePerson|cawg\.identity|verifiedIdentities|signer)$/i;

/**
 * Names the leaves as the XMP rules expect: a person's "name" under "author" is an author; C2PA's
 * snake_case and lower-case keys become the capitalised names XMP uses ("claim_generator" is the
 * software, "location" a place, "when" a time); namespace prefixes such as "exif:" are kept.
 */
function rename(path: string[]): string[] {
  const names = path.map((k) => k.replace(/^@/, ''));
  const leaf = names[names.length - 1]!;
  const local = leaf.includes(':') ? leaf : leaf.charAt(0).toUpperCase() + leaf.slice(1);
  let renamed = local;
  if (/^(Name|Identifier|Id|Email|Url)$/.test(local) && names.slice(0, -1).some((k) => PEOPLE_PARENT.test(k.replace(/^\w+:/, '')))) renamed = local === 'Email' ? 'CiEmailWork' : 'Creator';
  else if (/^(Claim_generator|SoftwareAgent|Generator)$/.test(local)) renamed = 'Software';
  else if (/^(Copyright|CopyrightNotice|Rights|License)$/.test(local)) renamed = 'Copyright';
  else if (/^(Location|ContentLocation|LocationCreated|Address|StreetAddress|AddressLocality|AddressRegion|AddressCountry|PostalCode)$/.test(local)) renamed = 'Location';
  else if (/^(When|DateCreated|DateModified|DatePublished|SignatureDate|Time)$/.test(local)) renamed = 'DateTime';
  else if (/^(Latitude|Longitude)$/.test(local)) renamed = local;
  return [...names.slice(0, -1), renamed];
}

/** "JP" APP11 segments: instance, sequence number, then pieces of one JUMBF box (its header repeated). */
export function joinJumbfSegments(b: Uint8Array, segments: readonly { dataOffset: number; dataLength: number }[]): Uint8Array[] {
  const byInstance = new Map<string, { seq: number; header: Uint8Array; body: Uint8Array }[]>();
  for (const s of segments) {
    const d = s.dataOffset;
    if (s.dataLength < 16 || ascii(b, d, 2) !== 'JP') continue;
    const seq = ((b[d + 4]! << 24) | (b[d + 5]! << 16) | (b[d + 6]! << 8) | b[d + 7]!) >>> 0;
    const lbox = ((b[d + 8]! << 24) | (b[d + 9]! << 16) | (b[d + 10]! << 8) | b[d + 11]!) >>> 0;
    const headerLength = lbox === 1 ? 16 : 8;
    const key = `${b[d + 2]}-${b[d + 3]}-${ascii(b, d + 12, 4)}`;
    const list = byInstance.get(key) ?? [];
    list.push({ seq, header: b.subarray(d + 8, d + 8 + headerLength), body: b.subarray(d + 8 + headerLength, d + s.dataLength) });
    byInstance.set(key, list);
  }
  const boxes: Uint8Array[] = [];
  for (const list of byInstance.values()) {
    list.sort((x, y) => x.seq - y.seq);
    const total = list[0]!.header.length + list.reduce((n, x) => n + x.body.length, 0);
    const box = new Uint8Array(total);
    box.set(list[0]!.header, 0);
    let o = list[0]!.header.length;
    for (const x of list) { box.set(x.body, o); o += x.body.length; }
    // The joined box's own size field is what the pieces add up to (a damaged size would cut it short).
    if (list[0]!.header.length === 8) new DataView(box.buffer).setUint32(0, total);
    boxes.push(box);
  }
  return boxes;
}
