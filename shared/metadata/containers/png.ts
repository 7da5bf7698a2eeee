// PNG chunk walker: every chunk's type and offsets, wherever it sits (metadata after IDAT is legal
// and common). Stops, marking the file truncated, at a chunk whose length runs past the end.
import { ascii, u32 } from '../../bytes.js';

export interface PngChunk {
  type: string;
  /** Offset of the 4-byte length field. */
  offset: number;
  dataOffset: number;
  dataLength: number;
  /** Offset just past the CRC. */
  end: number;
}

export interface PngLayout {
  chunks: PngChunk[];
  /** True when the file ends before IEND or a chunk's length runs past the end. */
  truncated: boolean;
  /** Bytes after IEND (another file appended, or a hidden payload). */
  trailingOffset: number | null;
  width?: number;
  height?: number;
}

export const PNG_SIGNATURE = '\x89PNG\r\n\x1a\n';

export function listPngChunks(b: Uint8Array): PngLayout {
  const layout: PngLayout = { chunks: [], truncated: true, trailingOffset: null };
  if (ascii(b, 0, 8) !== PNG_SIGNATURE) return layout;
  let pos = 8;
  while (pos + 12 <= b.length) {
    const length = u32(b, pos);
    const type = ascii(b, pos + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return layout;
    const end = pos + 12 + length;
    if (end > b.length) return layout;
    layout.chunks.push({ type, offset: pos, dataOffset: pos + 8, dataLength: length, end });
    if (type === 'IHDR') {
      layout.width = u32(b, pos + 8);
      layout.height = u32(b, pos + 12);
    }
    pos = end;
    if (type === 'IEND') {
      layout.truncated = false;
      if (pos < b.length) layout.trailingOffset = pos;
      return layout;
    }
  }
  return layout;
}

/** Chunk types that carry metadata rather than pixels or rendering information. */
export const PNG_METADATA_CHUNKS = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'iCCP', 'caBX', 'exIf', 'zxIf']);
