// Test helpers: the real corpus in place, its manifest, and ExifTool as an independent reader.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectFormat } from '../../shared/formats.js';
import type { ImageFormat } from '../../shared/findings.js';

export const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata');

export interface CorpusFile {
  name: string;
  path: string;
  bytes: Uint8Array;
  format: ImageFormat | null;
  notes: string;
  /** The manifest says ImageMagick decodes it (possibly with a warning). */
  decodes: boolean;
}

export function corpusFiles(): CorpusFile[] {
  const notes = new Map<string, string>();
  for (const line of readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols[0]) notes.set(cols[0], cols[5] ?? '');
  }
  return readdirSync(CORPUS)
    .filter((name) => name !== 'MANIFEST.tsv')
    .sort()
    .map((name) => {
      const bytes = new Uint8Array(readFileSync(path.join(CORPUS, name)));
      const note = notes.get(name) ?? '';
      return { name, path: path.join(CORPUS, name), bytes, format: detectFormat(bytes), notes: note, decodes: /; decodes \(/.test(note) };
    });
}

export function corpusFile(name: string): CorpusFile {
  const f = corpusFiles().find((c) => c.name === name);
  if (!f) throw new Error(`missing corpus file ${name}`);
  return f;
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'clean-test-'));
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

export type ExifToolTags = Record<string, unknown>;

/** `exiftool -j -a -G1` over many files in one process; keyed by file path. */
export function exiftool(paths: string[]): Map<string, ExifToolTags> {
  const out = execFileSync('exiftool', ['-j', '-a', '-G1', ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const rows = JSON.parse(out) as ExifToolTags[];
  return new Map(rows.map((r) => [String(r.SourceFile), r]));
}

/** Groups a clean copy may contain: file structure, colour information, orientation. */
const ALLOWED_GROUPS = new Set([
  'SourceFile', 'ExifTool', 'System', 'File', 'Composite', 'JFIF', 'Adobe', 'PNG', 'PNG-pHYs', 'RIFF', 'Jpeg2000',
  'ICC-header', 'ICC_Profile', 'ICC-view', 'ICC-meas', 'ICC-chrm', 'IFD0', 'GIF',
  // ISO-BMFF structure (HEIC, AVIF, video): brands, codec settings, sizes, rotation.
  'QuickTime', 'Meta',
]);
/** Video header fields about playback (where the poster frame and preview start), not about anyone. */
const PLAYBACK_TAGS = /^(PreviewTime|PreviewDuration|PosterTime)$/;
const IDENTIFYING = /GPS|Serial|Artist|Copyright|Creator|By-?line|Owner|Region|Person|MakerNote|Thumbnail|Preview|City|Country|Location|Sublocation|Province|State|Comment|Author|Make$|Model$|Software|DateTime|Date$|UniqueID|Keywords|Caption|Description$|Title/i;
const GENERIC_ICC_TEXT = /^(|Colour profile|Profile|ICC|sRGB IEC61966-2\.1|sRGB|Display P3|Adobe RGB \(1998\))$/;

/** Every tag that should not be in a clean copy, as "Group:Tag=value" lines (empty = clean). */
export function leftovers(tags: ExifToolTags): string[] {
  const bad: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const [group, name = ''] = key.includes(':') ? key.split(':') : ['SourceFile', key];
    if (group === 'SourceFile' || group === 'ExifTool' || group === 'System') continue;
    if (!ALLOWED_GROUPS.has(group!) && !/^Track\d+$/.test(group!)) { bad.push(`${key}=${String(value)}`); continue; }
    if (/^(QuickTime|Track\d+)$/.test(group!) && PLAYBACK_TAGS.test(name)) continue;
    if (group === 'IFD0' && name !== 'Orientation') { bad.push(`${key}=${String(value)}`); continue; }
    if (group === 'ICC-header' && ['DeviceManufacturer', 'DeviceModel', 'ProfileCreator', 'ProfileCMMType'].includes(name) && String(value).trim() !== '') bad.push(`${key}=${String(value)}`);
    else if (group === 'ICC-header' && name === 'ProfileDateTime' && !String(value).startsWith('2000:01:01')) bad.push(`${key}=${String(value)}`);
    else if (group === 'ICC_Profile' && typeof value === 'string' && /Desc|Copyright|Description/.test(name)) {
      if (!GENERIC_ICC_TEXT.test(value.trim())) bad.push(`${key}=${value}`);
    } else if (group !== 'ICC-header' && group !== 'ICC_Profile' && group !== 'File' && IDENTIFYING.test(name)) {
      bad.push(`${key}=${String(value)}`);
    } else if (group === 'File' && /Comment/.test(name)) bad.push(`${key}=${String(value)}`);
  }
  return bad;
}

/** The ICC profile bytes as ExifTool extracts them (an independent reader). */
export function exiftoolIcc(file: string): Uint8Array | null {
  const out = execFileSync('exiftool', ['-b', '-ICC_Profile', file]);
  return out.length > 0 ? new Uint8Array(out) : null;
}
