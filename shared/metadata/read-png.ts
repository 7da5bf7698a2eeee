// PNG: metadata chunks anywhere in the file, and anything appended after IEND.
import { ExposureError } from '../errors.js';
import type { FindingCollector } from './collector.js';
import { listPngChunks, PNG_METADATA_CHUNKS } from './containers/png.js';
import { reportPngChunk } from './png-text.js';
import type { FormatResult } from './read-result.js';

export async function readPng(b: Uint8Array, out: FindingCollector): Promise<FormatResult> {
  const layout = listPngChunks(b);
  if (layout.truncated && !layout.chunks.some((c) => c.type === 'IDAT')) {
    throw new ExposureError('truncated', 'This PNG file is cut short: it ends before its picture data, so it cannot be read. Try copying it again from the original.');
  }
  const result: FormatResult = { width: layout.width, height: layout.height };
  for (const c of layout.chunks) {
    if (!PNG_METADATA_CHUNKS.has(c.type)) {
      // Private chunks (lower-case first letter, e.g. Apple's iDOT is harmless) are not image data.
      if (/^[a-z]/.test(c.type) && !['pHYs', 'sBIT', 'sRGB', 'gAMA', 'cHRM', 'bKGD', 'hIST', 'tRNS', 'sPLT', 'acTL', 'fcTL', 'fdAT', 'cICP', 'mDCv', 'cLLi'].includes(c.type)) {
        out.add('metadata.other', `PNG ${c.type} chunk`, `${c.type} chunk`, `${c.dataLength} bytes`);
      }
      continue;
    }
    try {
      const r = await reportPngChunk(b, c, out);
      if (r.orientation !== undefined && result.orientation === undefined) result.orientation = r.orientation;
    } catch (err) {
      out.markDamaged(`PNG ${c.type} chunk`, err);
    }
  }
  if (layout.trailingOffset !== null) {
    const tail = b.subarray(layout.trailingOffset);
    if (!tail.every((x) => x === 0)) out.add('file.trailing-data', 'after the end of the PNG', 'Appended data', { bytes: tail.length });
  }
  return result;
}
