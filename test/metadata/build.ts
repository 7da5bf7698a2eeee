// Builders for test files: small real JPEGs (sharp), JPEG segments, TIFF directories, boxes.
// Each test builds its file the way the format is written, and ExifTool (the oracle) reads it
// back where it can, so a test cannot pass on a file only our reader would accept.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';

export const hasExiftool = spawnSync('exiftool', ['-ver'], { encoding: 'utf8' }).status === 0;

export async function tinyJpeg(width = 16, height = 16): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#808080' } }).jpeg().toBuffer());
}

const u16be = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32be = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const bytes = (s: string): number[] => [...Buffer.from(s, 'latin1')];

export function concatBytes(parts: (Uint8Array | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

/** A JPEG marker segment (marker 0xE0-0xEF for APPn) with its length field. */
export function segment(marker: number, payload: Uint8Array | number[]): Uint8Array {
  return concatBytes([[0xff, marker], u16be(payload.length + 2), payload]);
}

/** The JPEG with `segments` inserted right after its start-of-image marker. */
export function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  return concatBytes([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** [tag, type, count, value bytes] of one directory entry. */
export type Entry = [number, number, number, number[]];

/**
 * A big-endian IFD placed at `at` (an offset from the TIFF header); values over 4 bytes follow
 * the directory. `next` is the next IFD's offset.
 */
export function ifd(entries: Entry[], at: number, next = 0): number[] {
  const dirSize = 2 + 12 * entries.length + 4;
  const out: number[] = [...u16be(entries.length)];
  const data: number[] = [];
  for (const [tag, type, count, value] of [...entries].sort((a, b) => a[0] - b[0])) {
    out.push(...u16be(tag), ...u16be(type), ...u32be(count));
    if (value.length <= 4) out.push(...value, ...new Array(4 - value.length).fill(0));
    else {
      out.push(...u32be(at + dirSize + data.length));
      data.push(...value, ...(value.length & 1 ? [0] : []));
    }
  }
  return [...out, ...u32be(next), ...data];
}

export const ascii = (s: string): Entry[3] => [...bytes(s), 0];

/** An EXIF block ("MM" TIFF) with IFD0 entries and a maker note built at its final offset. */
export function exifWithMakerNote(ifd0: Entry[], makerNote: (at: number) => number[]): Uint8Array {
  // IFD0 at 8 with one more entry (the Exif pointer); the Exif IFD holds only the maker note.
  const ifd0Size = (entries: Entry[]) => ifd(entries, 8).length;
  const withPointer = (exifAt: number): Entry[] => [...ifd0, [0x8769, 4, 1, u32be(exifAt)]];
  const exifAt = 8 + ifd0Size(withPointer(0));
  const mnAt = exifAt + 2 + 12 + 4;
  const note = makerNote(mnAt);
  const exif = ifd([[0x927c, 7, note.length, note]], exifAt);
  // The maker note is the Exif IFD's only out-of-line value, so it lands right after the directory.
  return Uint8Array.from([...bytes('MM'), 0, 42, ...u32be(8), ...ifd(withPointer(exifAt), 8), ...exif]);
}

export function exifSegment(tiff: Uint8Array): Uint8Array {
  return segment(0xe1, concatBytes([bytes('Exif\0\0'), tiff]));
}

/** An ISO-BMFF box. */
export function box(type: string, payload: Uint8Array | number[]): Uint8Array {
  return concatBytes([u32be(8 + payload.length), bytes(type), payload]);
}

/** Runs ExifTool on bytes written to a temporary file; returns its -G1 JSON record. */
export function exiftoolRead(data: Uint8Array, ext: string, args: string[] = []): Record<string, unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'exposure-oracle-'));
  try {
    const file = path.join(dir, `f.${ext}`);
    writeFileSync(file, data);
    const r = spawnSync('exiftool', ['-j', '-a', '-G1', ...args, file], { encoding: 'utf8' });
    return (JSON.parse(r.stdout) as Record<string, unknown>[])[0] ?? {};
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs ExifTool to write tags into bytes; returns the written file's bytes. */
export function exiftoolWrite(data: Uint8Array, ext: string, args: string[]): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'exposure-write-'));
  try {
    const file = path.join(dir, `f.${ext}`);
    writeFileSync(file, data);
    const r = spawnSync('exiftool', ['-q', '-overwrite_original', ...args, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`exiftool failed: ${r.stderr}`);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { u16be, u32be };
