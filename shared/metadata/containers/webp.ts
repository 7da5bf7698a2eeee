// RIFF/WebP chunk walker (VP8X, ICCP, EXIF, "XMP ", ANIM/ANMF, VP8/VP8L/ALPH).
import { ascii, u16, u24, u32 } from '../../bytes.js';

export interface RiffChunk {
  type: string;
  /** Offset of the 4-byte type. */
  offset: number;
  dataOffset: number;
  dataLength: number;
  /** Offset past the chunk including its pad byte. */
  end: number;
}

export interface WebpLayout {
  chunks: RiffChunk[];
  truncated: boolean;
  width?: number;
  height?: number;
}

export function listWebpChunks(b: Uint8Array): WebpLayout {
  const layout: WebpLayout = { chunks: [], truncated: true };
  if (ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return layout;
  const riffEnd = Math.min(b.length, 8 + u32(b, 4, true));
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const type = ascii(b, pos, 4);
    const length = u32(b, pos + 4, true);
    const dataOffset = pos + 8;
    if (dataOffset + length > b.length) return layout;
    const end = dataOffset + length + (length & 1);
    layout.chunks.push({ type, offset: pos, dataOffset, dataLength: length, end });
    if (layout.width === undefined) setSize(b, type, dataOffset, layout);
    pos = end;
  }
  layout.truncated = 8 + u32(b, 4, true) > b.length;
  return layout;
}

function setSize(b: Uint8Array, type: string, d: number, layout: WebpLayout): void {
  if (type === 'VP8X') {
    layout.width = 1 + u24(b, d + 4, true);
    layout.height = 1 + u24(b, d + 7, true);
  } else if (type === 'VP8 ') {
    layout.width = u16(b, d + 6, true) & 0x3fff;
    layout.height = u16(b, d + 8, true) & 0x3fff;
  } else if (type === 'VP8L') {
    const bits = u32(b, d + 1, true);
    layout.width = (bits & 0x3fff) + 1;
    layout.height = ((bits >>> 14) & 0x3fff) + 1;
  }
}
