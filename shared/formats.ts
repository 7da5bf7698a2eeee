// Recognise an image by its first bytes, never by its name: a renamed file is common and a
// hostile one is possible.
import type { ImageFormat, MediaFormat, VideoFormat } from './findings.js';

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export function detectFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  // Classic TIFF ("*" = 42) and BigTIFF ("+" = 43, for files over 4 GB and some scanners).
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(ascii(bytes, 0, 4))) return 'tiff';
  if (bytes[0] === 0xff && bytes[1] === 0x0a) return 'jxl';
  if (ascii(bytes, 4, 8) === 'JXL \r\n\x87\n') return 'jxl';
  if (ascii(bytes, 4, 8) === 'jP  \r\n\x87\n') return 'jp2';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    // ISO-BMFF: the major brand and compatible brands say HEIC or AVIF.
    const size = Math.min(bytes.length, ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, 256);
    const brands: string[] = [ascii(bytes, 8, 4)];
    for (let off = 16; off + 4 <= size; off += 4) brands.push(ascii(bytes, off, 4));
    if (brands[0] === 'avif' || brands[0] === 'avis') return 'avif';
    if (brands.some((b) => ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) {
      return brands.includes('avif') && !brands.some((b) => b.startsWith('hei')) ? 'avif' : 'heic';
    }
    if (brands.includes('avif')) return 'avif';
  }
  return null;
}

/** Box types that can open a QuickTime movie written without an ftyp box (older cameras and Macs). */
const QUICKTIME_FIRST = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** MP4, MOV, M4V or 3GP, from the brands in ftyp (any ISO base media file that is not a HEIF picture). */
export function detectVideoFormat(bytes: Uint8Array): VideoFormat | null {
  if (bytes.length < 12) return null;
  const type = ascii(bytes, 4, 4);
  if (type !== 'ftyp') return QUICKTIME_FIRST.has(type) && bytes[0]! < 0x80 ? 'mov' : null;
  if (detectFormat(bytes)) return null;
  const major = ascii(bytes, 8, 4);
  const size = Math.min(bytes.length, ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, 256);
  const brands = [major];
  for (let off = 16; off + 4 <= size; off += 4) brands.push(ascii(bytes, off, 4));
  if (major === 'qt  ') return 'mov';
  if (major.startsWith('M4V')) return 'm4v';
  if (major.startsWith('3gp') || major.startsWith('3g2')) return '3gp';
  if (brands.some((b) => /^(isom|iso\d|mp4[12]|avc1|mp71|M4V|3gp|3g2|qt  |dash|XAVC|MSNV|NDAS|CAEP|f4v )/.test(b))) return 'mp4';
  return null;
}

/** A photo or a video format, from the first bytes. */
export function detectMediaFormat(bytes: Uint8Array): MediaFormat | null {
  return detectFormat(bytes) ?? detectVideoFormat(bytes);
}

export const FORMAT_LABEL: Record<MediaFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  heic: 'HEIC/HEIF',
  avif: 'AVIF',
  tiff: 'TIFF',
  gif: 'GIF',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
  mp4: 'MP4 video',
  mov: 'QuickTime video (MOV)',
  m4v: 'M4V video',
  '3gp': '3GP video',
};
