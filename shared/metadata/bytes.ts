// Small, bounds-checked readers over a byte array. Every walker in this folder reads hostile
// input, so out-of-range reads return 0 / '' instead of throwing.

export function u8(b: Uint8Array, o: number): number {
  return o >= 0 && o < b.length ? b[o]! : 0;
}

export function u16(b: Uint8Array, o: number, le = false): number {
  return le ? u8(b, o) | (u8(b, o + 1) << 8) : (u8(b, o) << 8) | u8(b, o + 1);
}

export function u32(b: Uint8Array, o: number, le = false): number {
  return le
    ? (u8(b, o) | (u8(b, o + 1) << 8) | (u8(b, o + 2) << 16) | (u8(b, o + 3) << 24)) >>> 0
    : ((u8(b, o) << 24) | (u8(b, o + 1) << 16) | (u8(b, o + 2) << 8) | u8(b, o + 3)) >>> 0;
}

/** 64-bit big-endian as a JS number (exact up to 2^53, which covers any real file). */
export function u64(b: Uint8Array, o: number): number {
  return u32(b, o) * 2 ** 32 + u32(b, o + 4);
}

export function ascii(b: Uint8Array, start: number, length: number): string {
  let s = '';
  const end = Math.min(b.length, start + length);
  for (let i = Math.max(0, start); i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const latin1Decoder = new TextDecoder('latin1');

export function utf8(b: Uint8Array, start = 0, end = b.length): string {
  return utf8Decoder.decode(b.subarray(Math.max(0, start), Math.min(b.length, end)));
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
export function indexOfAscii(b: Uint8Array, needle: string, from = 0, to = b.length): number {
  const first = needle.charCodeAt(0);
  const last = Math.min(to, b.length) - needle.length;
  for (let i = b.indexOf(first, from); i !== -1 && i <= last; i = b.indexOf(first, i + 1)) {
    if (startsWith(b, i, needle)) return i;
  }
  return -1;
}
