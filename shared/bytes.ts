// Byte helpers for the metadata readers (shared/metadata) and the container rewriters
// (shared/clean). Both read hostile input, so reads are bounds-checked: out of range they return
// 0 / '' / false instead of throwing. Numbers are big-endian unless `le` is set.

export function u8(b: Uint8Array, o: number): number {
  return o >= 0 && o < b.length ? b[o]! : 0;
}

export function u16(b: Uint8Array, o: number, le = false): number {
  return le ? u8(b, o) | (u8(b, o + 1) << 8) : (u8(b, o) << 8) | u8(b, o + 1);
}

export function u24(b: Uint8Array, o: number, le = false): number {
  return le
    ? u8(b, o) | (u8(b, o + 1) << 8) | (u8(b, o + 2) << 16)
    : (u8(b, o) << 16) | (u8(b, o + 1) << 8) | u8(b, o + 2);
}

export function u32(b: Uint8Array, o: number, le = false): number {
  return le
    ? (u8(b, o) | (u8(b, o + 1) << 8) | (u8(b, o + 2) << 16) | (u8(b, o + 3) << 24)) >>> 0
    : ((u8(b, o) << 24) | (u8(b, o + 1) << 16) | (u8(b, o + 2) << 8) | u8(b, o + 3)) >>> 0;
}

/** 64-bit as a JS number (exact up to 2^53, which covers any real file). */
export function u64(b: Uint8Array, o: number, le = false): number {
  return le ? u32(b, o + 4, true) * 2 ** 32 + u32(b, o, true) : u32(b, o) * 2 ** 32 + u32(b, o + 4);
}

export function put16(b: Uint8Array, o: number, v: number, le = false): void {
  b[o + (le ? 1 : 0)] = (v >>> 8) & 0xff;
  b[o + (le ? 0 : 1)] = v & 0xff;
}

export function put32(b: Uint8Array, o: number, v: number, le = false): void {
  for (let i = 0; i < 4; i++) b[o + (le ? i : 3 - i)] = (v >>> (8 * i)) & 0xff;
}

export function ascii(b: Uint8Array, start: number, length: number): string {
  let s = '';
  const end = Math.min(b.length, start + length);
  for (let i = Math.max(0, start); i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const latin1Decoder = new TextDecoder('latin1');

export function utf8(b: Uint8Array, start = 0, end = b.length): string {
  return utf8Decoder.decode(b.subarray(Math.max(0, start), Math.min(b.length, end)));
}

/** UTF-8 text, or Latin-1 when the bytes are not valid UTF-8 (older cameras and editors). */
export function text8(b: Uint8Array, start = 0, end = b.length): string {
  const s = utf8(b, start, end);
  return s.includes('\uFFFD') ? latin1(b, start, end) : s;
}

/** UTF-16 text (Windows XP tags, Photoshop and Ducky strings); a byte-order mark wins over `le`. */
export function utf16(b: Uint8Array, start = 0, end = b.length, le = false): string {
  let s = Math.max(0, start);
  const e = Math.min(b.length, end);
  if (e - s >= 2 && ((b[s] === 0xff && b[s + 1] === 0xfe) || (b[s] === 0xfe && b[s + 1] === 0xff))) {
    le = b[s] === 0xff;
    s += 2;
  }
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(b.subarray(s, s + ((e - s) & ~1)));
}

export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  return latin1Decoder.decode(b.subarray(Math.max(0, start), Math.min(b.length, end)));
}

/** Trim whitespace and trailing NULs; metadata strings are often padded with both. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000+$/g, '').replace(/\u0000/g, ' ').trim();
}

export function startsWith(b: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (b[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** First index of `needle` (ASCII) at or after `from`, or -1. */
/** Node's Buffer where this code runs under Node (the CLI, the main process); absent in a page. */
const NodeBuffer = (globalThis as { Buffer?: { isBuffer(b: unknown): boolean; from(a: ArrayBufferLike, offset: number, length: number): Uint8Array } }).Buffer;

/**
 * The same bytes (no copy) as a view whose `indexOf` is fast: under Node a Buffer, whose byte
 * search is the C library's memchr, about five times faster than a plain Uint8Array's over the
 * megabytes of a photo's compressed picture; elsewhere the array itself.
 */
export function searchable(b: Uint8Array): Uint8Array {
  return NodeBuffer && !NodeBuffer.isBuffer(b) ? NodeBuffer.from(b.buffer, b.byteOffset, b.byteLength) : b;
}

export function indexOfAscii(b: Uint8Array, needle: string, from = 0, to = b.length): number {
  const first = needle.charCodeAt(0);
  const last = Math.min(to, b.length) - needle.length;
  for (let i = b.indexOf(first, from); i !== -1 && i <= last; i = b.indexOf(first, i + 1)) {
    if (startsWith(b, i, needle)) return i;
  }
  return -1;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (as PNG chunks use it) over the parts in order. */
export function crc32(parts: readonly Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = CRC_TABLE[(c ^ p[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
