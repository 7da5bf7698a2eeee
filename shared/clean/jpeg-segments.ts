// Walks a JPEG's marker segments without decoding anything. An SOS segment's range includes the
// entropy-coded data that follows it, so the cleaner can copy the compressed picture byte for byte.
import { ExposureError } from '../errors.js';
import { u16 } from '../bytes.js';

export interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF that starts the marker. */
  start: number;
  /** End (exclusive): the segment, plus the entropy-coded data for SOS. */
  end: number;
  /** Where the payload starts (after marker and length); equals `end` for standalone markers. */
  payload: number;
  /** End of the payload (for SOS: before the entropy-coded data). */
  payloadEnd: number;
}

export interface JpegLayout {
  segments: JpegSegment[];
  /** Offset just after EOI, or null when the file ends before it (cut short). */
  eoiEnd: number | null;
  /** Bytes that were not inside any segment (junk between segments, listed as STRAY). */
  strayBytes: number;
}

export const SOI = 0xd8;
export const EOI = 0xd9;
export const SOS = 0xda;
/** Pseudo-marker for bytes outside any segment (damaged files). */
export const STRAY = -1;

function isStandalone(m: number): boolean {
  return (m >= 0xd0 && m <= 0xd7) || m === 0x01;
}

/** End of the entropy-coded data that starts at `from`: the next marker that is not RSTn. */
function entropyEnd(b: Uint8Array, from: number): number {
  let p = from;
  for (;;) {
    p = b.indexOf(0xff, p);
    if (p < 0) return b.length;
    let q = p + 1;
    while (q < b.length && b[q] === 0xff) q++; // fill bytes
    if (q >= b.length) return b.length;
    const n = b[q]!;
    if (n === 0x00 || (n >= 0xd0 && n <= 0xd7)) {
      p = q + 1;
      continue;
    }
    return q - 1;
  }
}

export function walkJpeg(b: Uint8Array): JpegLayout {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) {
    throw new ExposureError('not-an-image', 'This file is not a JPEG image, even though it may be named like one.');
  }
  const segments: JpegSegment[] = [{ marker: SOI, start: 0, end: 2, payload: 2, payloadEnd: 2 }];
  let pos = 2;
  let strayBytes = 0;
  for (;;) {
    if (pos >= b.length) return { segments, eoiEnd: null, strayBytes };
    if (b[pos] !== 0xff) {
      // Junk between segments: decoders skip to the next marker, and so do we (it is not copied).
      const next = b.indexOf(0xff, pos);
      const end = next < 0 ? b.length : next;
      strayBytes += end - pos;
      segments.push({ marker: STRAY, start: pos, end, payload: pos, payloadEnd: end });
      if (next < 0) return { segments, eoiEnd: null, strayBytes };
      pos = next;
      continue;
    }
    while (pos + 1 < b.length && b[pos + 1] === 0xff) pos++;
    if (pos + 1 >= b.length) return { segments, eoiEnd: null, strayBytes };
    const marker = b[pos + 1]!;
    if (marker === EOI) {
      segments.push({ marker, start: pos, end: pos + 2, payload: pos + 2, payloadEnd: pos + 2 });
      return { segments, eoiEnd: pos + 2, strayBytes };
    }
    // Markers below 0xC0 (except TEM) are not valid JPEG markers: a damaged file's bytes, with
    // no length field to trust.
    const invalid = marker < 0xc0 && marker !== 0x01;
    if (invalid || isStandalone(marker)) {
      if (invalid) strayBytes += 2;
      segments.push({ marker: invalid ? STRAY : marker, start: pos, end: pos + 2, payload: pos + 2, payloadEnd: pos + 2 });
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) return { segments, eoiEnd: null, strayBytes };
    const length = u16(b, pos + 2);
    if (length < 2) throw new ExposureError('corrupt', 'This JPEG is damaged: one of its sections has an impossible size.');
    const segEnd = pos + 2 + length;
    if (segEnd > b.length) return { segments, eoiEnd: null, strayBytes };
    if (marker === SOS) {
      const end = entropyEnd(b, segEnd);
      segments.push({ marker, start: pos, end, payload: pos + 4, payloadEnd: segEnd });
      pos = end;
    } else {
      segments.push({ marker, start: pos, end: segEnd, payload: pos + 4, payloadEnd: segEnd });
      pos = segEnd;
    }
  }
}

/** Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC); F7 is JPEG-LS. */
export function isStartOfFrame(m: number): boolean {
  return (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;
}

/** Picture size from the first start-of-frame segment; null if none. */
export function jpegDimensions(b: Uint8Array, layout: JpegLayout): { width: number; height: number } | null {
  const sof = layout.segments.find((s) => isStartOfFrame(s.marker));
  if (!sof || sof.payload + 5 > sof.payloadEnd) return null;
  return { height: u16(b, sof.payload + 1), width: u16(b, sof.payload + 3) };
}
