// The one ISO base media file format box walker (HEIC, AVIF, JPEG XL and JPEG 2000 containers, MP4,
// MOV, M4V, 3GP). Boxes are read from bytes already in memory and never trusted: a size of 0, a
// size past the end of its parent, a 64-bit size in a small file all stop the walk at that box and
// mark the list truncated, so the work done is bounded by the bytes actually present.
import { ascii, u32, u64 } from '../../bytes.js';

export interface Box {
  type: string;
  offset: number;
  /** Offset of the payload (after size, type and any 64-bit size). */
  dataOffset: number;
  end: number;
}

/** Boxes between start and end; stops at the first box whose size is impossible. */
export function listBoxes(b: Uint8Array, start = 0, end = b.length): { boxes: Box[]; truncated: boolean } {
  const boxes: Box[] = [];
  let pos = start;
  end = Math.min(end, b.length);
  while (pos + 8 <= end) {
    let size = u32(b, pos);
    const type = ascii(b, pos + 4, 4);
    let header = 8;
    if (size === 1) { size = u64(b, pos + 8); header = 16; } else if (size === 0) size = end - pos;
    if (size < header || pos + size > end) return { boxes, truncated: true };
    boxes.push({ type, offset: pos, dataOffset: pos + header, end: pos + size });
    pos += size;
  }
  return { boxes, truncated: pos !== end };
}

/** Boxes whose payload starts with a 4-byte version and flags field before their children. */
const FULL_BOX_CONTAINERS = new Set(['meta', 'iref', 'dref', 'stsd']);

/**
 * The children of a container box. QuickTime's `meta` is a plain box while ISO's is a FullBox:
 * tell them apart by whether the first child (`hdlr`) starts at the payload or 4 bytes later.
 */
export function childBoxes(b: Uint8Array, parent: Box): Box[] {
  let skip = FULL_BOX_CONTAINERS.has(parent.type) ? 4 : 0;
  if (parent.type === 'meta' && ascii(b, parent.dataOffset + 4, 4) === 'hdlr') skip = 0;
  if (parent.type === 'dref' || parent.type === 'stsd') skip = 8; // version/flags + entry count
  return listBoxes(b, parent.dataOffset + skip, parent.end).boxes;
}

/** The first child of `parent` of the given type. */
export function childBox(b: Uint8Array, parent: Box, type: string): Box | undefined {
  return childBoxes(b, parent).find((x) => x.type === type);
}

/** Follows a path of box types from the top of the file (`['moov', 'udta']`). */
export function findPath(b: Uint8Array, top: readonly Box[], path: readonly string[]): Box | undefined {
  let box = top.find((x) => x.type === path[0]);
  for (const type of path.slice(1)) box = box && childBox(b, box, type);
  return box;
}
