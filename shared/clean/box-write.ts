// Writing ISO-BMFF boxes for the container rewriters (HEIC/AVIF and video): a box is its size,
// its type and its payload; sizes that do not fit 32 bits use the 64-bit form.
import { asciiBytes, concat, put32 } from '../bytes.js';

export function box(type: string, parts: readonly Uint8Array[]): Uint8Array {
  const payload = parts.reduce((n, p) => n + p.length, 0);
  const large = payload + 8 > 0xffffffff;
  const header = new Uint8Array(large ? 16 : 8);
  if (large) {
    put32(header, 0, 1);
    put32(header, 8, Math.floor((payload + 16) / 2 ** 32));
    put32(header, 12, (payload + 16) >>> 0);
  } else put32(header, 0, payload + 8);
  header.set(asciiBytes(type), 4);
  return concat([header, ...parts]);
}

export function fullBox(type: string, version: number, flags: number, parts: readonly Uint8Array[]): Uint8Array {
  return box(type, [Uint8Array.of(version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff), ...parts]);
}

/** Big-endian unsigned integers of 1, 2, 4 or 8 bytes, appended in order. */
export class ByteWriter {
  private readonly chunks: number[] = [];
  u8(v: number): this { this.chunks.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v >>> 8).u8(v); }
  u32(v: number): this { return this.u16(Math.floor(v / 65536) & 0xffff).u16(v & 0xffff); }
  u64(v: number): this { return this.u32(Math.floor(v / 2 ** 32)).u32(v >>> 0); }
  sized(v: number, size: number): this {
    if (size === 8) return this.u64(v);
    if (size === 4) return this.u32(v);
    if (size === 2) return this.u16(v);
    return size === 1 ? this.u8(v) : this;
  }
  bytes(): Uint8Array { return Uint8Array.from(this.chunks); }
}
