// ExifTool as an independent oracle (for the photo and the video tests): every GPS/place,
// serial-number and person tag ExifTool sees must be reported in the matching category, with its
// value present in the finding's value.
import { spawnSync } from 'node:child_process';
import type { Finding, FindingValue } from '../../shared/findings.js';

/** The tag kinds we hold the reader to, by ExifTool tag name (group ignored). One table, on purpose. */
const TAG_KINDS: { category: 'location' | 'device' | 'identity'; kind: 'coordinate' | 'position' | 'text'; name: RegExp }[] = [
  { category: 'location', kind: 'coordinate', name: /^(GPSLatitude|GPSLongitude|GPSDestLatitude|GPSDestLongitude)$/ },
  // GPSCoordinates: QuickTime's place (Keys, UserData) as "lat lon alt".
  { category: 'location', kind: 'position', name: /^(GPSPosition|GPSCoordinates)$/ },
  {
    category: 'location', kind: 'text',
    name: /^(City|State|Country|CountryCode|CountryName|Location|Sub-location|Sublocation|Province-State|ProvinceState|Country-PrimaryLocationName|Country-PrimaryLocationCode|ContentLocationName|WorldRegion|LocationShown\w*|LocationCreated\w*|GPSAreaInformation|HometownCity|TimeZoneCity|\w+Country)$/,
  },
  { category: 'device', kind: 'text', name: /SerialNumber/ },
  {
    category: 'identity', kind: 'text',
    name: /^(Artist|Author|Copyright|CopyrightNotice|Rights|Creator|By-line|By-lineTitle|Writer-Editor|CaptionWriter|Credit|OwnerName|CameraOwnerName|CameraOwner|XPAuthor|RegionName|RegionPersonDisplayName|PersonInImage|PersonInImageName|CreatorContactInfo)$/,
  },
];

export const hasExiftool = spawnSync('exiftool', ['-ver'], { encoding: 'utf8' }).status === 0;
if (!hasExiftool) console.warn('oracle: exiftool is not installed, so the ExifTool oracle is skipped (CI installs libimage-exiftool-perl).');

export type ExifToolRecord = Record<string, unknown>;

export function runExiftool(files: string[], numeric: boolean, cwd: string): Map<string, ExifToolRecord> {
  const args = ['-j', '-a', '-G1', '-struct', ...(numeric ? ['-n'] : []), ...files];
  const r = spawnSync('exiftool', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const list = JSON.parse(r.stdout) as ExifToolRecord[];
  return new Map(list.map((x) => [String(x.SourceFile), x]));
}

/** Every string/number leaf of a value. */
function leaves(v: unknown): (string | number)[] {
  if (typeof v === 'string' || typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(leaves);
  if (v && typeof v === 'object') return Object.values(v).flatMap(leaves);
  return [];
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const isEmpty = (v: unknown): boolean => leaves(v).every((x) => (typeof x === 'number' ? x === 0 : /^[\s0.:,-]*$/.test(x)));

function reportedTexts(findings: Finding[], category: string): string[] {
  return findings.filter((f) => f.category === category).flatMap((f) => leaves(f.value as FindingValue)).map((x) => norm(String(x)));
}

function reportedCoordinates(findings: Finding[]): number[] {
  const pos = findings.find((f) => f.id === 'gps.position')?.value as Record<string, FindingValue> | undefined;
  if (!pos) return [];
  const out = [pos.latitude, pos.longitude];
  for (const other of (pos.alsoFoundIn as Record<string, FindingValue>[] | undefined) ?? []) out.push(other.latitude, other.longitude);
  return out.filter((x): x is number => typeof x === 'number');
}

export interface Checked { file: string; tag: string; ok: boolean; detail: string }

export function checkFile(file: string, scan: { findings: Finding[] }, numeric: ExifToolRecord, printed: ExifToolRecord): Checked[] {
  const results: Checked[] = [];
  const coords = reportedCoordinates(scan.findings);
  for (const [key, value] of Object.entries(numeric)) {
    const [group, name] = key.includes(':') ? key.split(':') as [string, string] : ['', key];
    if (['System', 'File', 'ExifTool', 'SourceFile'].includes(group) || !name) continue;
    const kind = TAG_KINDS.find((k) => k.name.test(name));
    if (!kind || isEmpty(value)) continue;
    if (kind.kind === 'coordinate') {
      let expected = Number(String(value).replace(/^\+/, ''));
      if (!Number.isFinite(expected)) continue;
      const ref = String(numeric[`${group}:${name}Ref`] ?? '');
      if (expected > 0 && /^[SW]/i.test(ref)) expected = -expected;
      const ok = coords.some((c) => Math.abs(c - expected) < 1e-4);
      results.push({ file, tag: key, ok, detail: `expected ${expected}, reported ${coords.join(', ')}` });
    } else if (kind.kind === 'position') {
      // Composite GPSPosition is derived from the per-group tags (checked with their sign above);
      // for FLIR it does not apply the hemisphere, so compare magnitudes here.
      for (const part of String(value).split(/[\s,]+/).map(Number).filter(Number.isFinite).slice(0, 2)) { // latitude, longitude (not altitude)
        const ok = coords.some((c) => Math.abs(Math.abs(c) - Math.abs(part)) < 1e-4);
        results.push({ file, tag: key, ok, detail: `expected ±${part}, reported ${coords.join(', ')}` });
      }
    } else {
      const texts = reportedTexts(scan.findings, kind.category);
      // ExifTool prints some values two ways (-n raw vs. converted); either form being present counts.
      const forms = [value, printed[key]].filter((x) => x !== undefined);
      for (const leaf of leaves(value)) {
        const candidates = [leaf, ...forms.filter((f) => f !== value).flatMap(leaves)].map((x) => norm(String(x))).filter(Boolean);
        if (candidates.every((c) => /^[\s0.:,-]*$/.test(c))) continue;
        const ok = candidates.some((c) => texts.some((t) => t.includes(c)));
        results.push({ file, tag: key, ok, detail: `"${candidates.join('" or "')}" not in ${kind.category} findings` });
      }
    }
  }
  return results;
}

