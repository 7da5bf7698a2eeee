// GIF block walker: comment extensions and application extensions (XMP lives in one named
// "XMP DataXMP"), with the offsets of every block.
import { ascii, u16, u8 } from '../../bytes.js';

export interface GifBlock {
  kind: 'comment' | 'application' | 'graphic-control' | 'plain-text' | 'image' | 'extension-other';
  offset: number;
  end: number;
  /** Application extensions: the 11-byte identifier, e.g. "XMP DataXMP", "NETSCAPE2.0". */
  appId?: string;
  /** Offset where the first data sub-block starts (after the label or app id). */
  dataOffset: number;
}

export interface GifLayout {
  blocks: GifBlock[];
  truncated: boolean;
  width?: number;
  height?: number;
}

/** Skips data sub-blocks starting at p; returns the offset past the terminator, or -1. */
function skipSubBlocks(b: Uint8Array, p: number): number {
  while (p < b.length) {
    const n = b[p]!;
    if (n === 0) return p + 1;
    p += n + 1;
  }
  return -1;
}

export function listGifBlocks(b: Uint8Array): GifLayout {
  const layout: GifLayout = { blocks: [], truncated: true };
  if (ascii(b, 0, 4) !== 'GIF8' || b.length < 13) return layout;
  layout.width = u16(b, 6, true);
  layout.height = u16(b, 8, true);
  const flags = u8(b, 10);
  let p = 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
  while (p < b.length) {
    const intro = b[p]!;
    if (intro === 0x3b) { layout.truncated = false; return layout; }
    if (intro === 0x21) {
      const label = u8(b, p + 1);
      let dataOffset = p + 2;
      let appId: string | undefined;
      if (label === 0xff && u8(b, p + 2) === 11) { appId = ascii(b, p + 3, 11); dataOffset = p + 14; }
      const end = skipSubBlocks(b, dataOffset);
      if (end === -1) return layout;
      const kind = label === 0xfe ? 'comment' : label === 0xff ? 'application' : label === 0xf9 ? 'graphic-control' : label === 0x01 ? 'plain-text' : 'extension-other';
      layout.blocks.push(appId === undefined ? { kind, offset: p, end, dataOffset } : { kind, offset: p, end, dataOffset, appId });
      p = end;
    } else if (intro === 0x2c) {
      const f = u8(b, p + 9);
      const lzw = p + 10 + (f & 0x80 ? 3 * (1 << ((f & 7) + 1)) : 0);
      const end = skipSubBlocks(b, lzw + 1);
      if (end === -1) return layout;
      layout.blocks.push({ kind: 'image', offset: p, end, dataOffset: lzw });
      p = end;
    } else {
      return layout;
    }
  }
  return layout;
}

/** Joins the data sub-blocks of a block (comment text, application payload). */
export function gifSubBlockData(b: Uint8Array, block: GifBlock): Uint8Array {
  const parts: number[] = [];
  let p = block.dataOffset;
  while (p < block.end) {
    const n = b[p]!;
    if (n === 0) break;
    for (let i = 1; i <= n && p + i < b.length; i++) parts.push(b[p + i]!);
    p += n + 1;
  }
  return Uint8Array.from(parts);
}
