// GIF: lossless. Drop comment blocks and application blocks (XMP lives in one) except the ones
// that make an animation loop; image data is copied byte for byte; anything after the trailer goes.
import { ExposureError } from '../errors.js';
import { listGifBlocks } from '../metadata/containers/gif.js';
import { ascii, concat, u16 } from '../bytes.js';
import { assertPixelLimit } from '../image/pixel-limit.js';
import { addOnce, type CleanOutput } from './types.js';

const LOOPING_APPS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

export function cleanGif(b: Uint8Array): CleanOutput {
  if (ascii(b, 0, 4) !== 'GIF8' || b.length < 13) {
    throw new ExposureError('not-an-image', 'This file is not a GIF image, even though it may be named like one.');
  }
  assertPixelLimit(u16(b, 6, true), u16(b, 8, true));
  const layout = listGifBlocks(b);
  if (layout.truncated) throw new ExposureError('truncated', 'This GIF is incomplete: the file was cut short.');
  if (!layout.blocks.some((k) => k.kind === 'image')) throw new ExposureError('corrupt', 'This GIF is damaged: it has no picture data.');
  const flags = b[10]!;
  const headerEnd = 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
  const removed: string[] = [];
  const kept: string[] = [];
  const out: Uint8Array[] = [b.subarray(0, headerEnd)];
  for (const block of layout.blocks) {
    if (block.kind === 'comment') addOnce(removed, 'Comment');
    else if (block.kind === 'application' && !LOOPING_APPS.has(block.appId ?? '')) {
      addOnce(removed, block.appId === 'XMP DataXMP' ? 'XMP information (can hold location, names, editing history)' : `Application data (${(block.appId ?? '').replace(/[^\x20-\x7e]/g, '')})`);
    } else {
      if (block.kind === 'application') addOnce(kept, 'Animation looping setting');
      out.push(b.subarray(block.offset, block.end));
    }
  }
  const last = layout.blocks[layout.blocks.length - 1]!;
  if (last.end + 1 < b.length) removed.push('Data after the end of the image');
  out.push(Uint8Array.of(0x3b));
  return { bytes: concat(out), format: 'gif', extension: 'gif', reencoded: false, removed, kept };
}
