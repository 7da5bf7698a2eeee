// PNG metadata chunks: tEXt / zTXt / iTXt (including ImageMagick's hex "Raw profile" blocks and
// AI-generator prompts), eXIf, iCCP and tIME, wherever they sit in the file.
import { latin1, u16, u8, utf8 } from '../bytes.js';
import type { FindingCollector } from './collector.js';
import type { LeakId } from './catalogue.js';
import type { PngChunk } from './containers/png.js';
import { reportExifBlock, type ExifBlockResult } from './exif.js';
import { reportIcc } from './icc.js';
import { inflateCapped } from './inflate.js';
import { reportIptc, reportPhotoshopIrb } from './iptc.js';
import { reportXmp, xmpText } from './xmp.js';
import { reportJumbf } from './c2pa.js';

const AI_KEYS = /^(parameters|prompt|workflow|negative_prompt|Dream|sd-metadata|invokeai_metadata|invokeai_graph|generation_data|SD:.*|aesthetic_score|NovelAI.*)$/i;

function keywordKind(key: string): LeakId {
  if (AI_KEYS.test(key)) return 'software.ai-generation';
  if (/^(Author|Artist|Copyright|Owner|Creator|Disclaimer)$/i.test(key)) return 'identity.people';
  if (/^(Creation Time|date:.*|Date|DateTime|Timestamp|create-date|modify-date)$/i.test(key)) return 'time.taken';
  if (/^(Software|Generator|Tool)$/i.test(key)) return 'software.editor';
  if (/^(Make|Model|Source)$/i.test(key)) return 'device.make-model';
  if (/^(Location|City|Country|GPS.*)$/i.test(key)) return 'location.place-names';
  return 'text.description';
}

function splitNul(b: Uint8Array, start: number, end: number): number {
  const i = b.indexOf(0, start);
  return i === -1 || i >= end ? end : i;
}

/** ImageMagick writes profiles as "\nexif\n   1234\n<hex>": returns the bytes. */
function rawProfileBytes(text: string): Uint8Array | null {
  const m = /^\s*\S+\s+(\d+)\s+([0-9a-fA-F\s]+)$/.exec(text);
  if (!m) return null;
  const hex = m[2]!.replace(/\s+/g, '');
  const out = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function reportRawProfile(kind: string, bytes: Uint8Array, where: string, out: FindingCollector): Promise<ExifBlockResult> {
  if (/exif|app1/i.test(kind)) {
    const start = latin1(bytes, 0, 6) === 'Exif\0\0' ? 6 : 0;
    return reportExifBlock(bytes, start, bytes.length, where, out);
  }
  if (/iptc|8bim/i.test(kind)) {
    if (latin1(bytes, 0, 4) === '8BIM') await reportPhotoshopIrb(bytes, 0, bytes.length, where, out);
    else reportIptc(bytes, 0, bytes.length, where, out);
  } else if (/xmp/i.test(kind)) reportXmp(xmpText(bytes), where, out);
  else if (/icc|icm/i.test(kind)) reportIcc(bytes, where, out);
  return {};
}

export async function reportPngChunk(b: Uint8Array, c: PngChunk, out: FindingCollector): Promise<ExifBlockResult> {
  const start = c.dataOffset, end = c.dataOffset + c.dataLength;
  const where = `PNG ${c.type} chunk`;
  if (c.type === 'eXIf' || c.type === 'exIf') {
    const s = latin1(b, start, start + 6) === 'Exif\0\0' ? start + 6 : start;
    return reportExifBlock(b, s, end, where, out);
  }
  if (c.type === 'tIME' && c.dataLength >= 7) {
    const t = `${u16(b, start)}-${pad(u8(b, start + 2))}-${pad(u8(b, start + 3))} ${pad(u8(b, start + 4))}:${pad(u8(b, start + 5))}:${pad(u8(b, start + 6))}`;
    out.add('time.taken', where, 'Last modified', t);
    return {};
  }
  if (c.type === 'iCCP') {
    const nul = splitNul(b, start, end);
    reportIcc(await inflateCapped(b.subarray(nul + 2, end)), where, out);
    return {};
  }
  if (c.type === 'caBX') { reportJumbf(b, start, end, where, out); return {}; }
  if (c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt') return {};
  const nul = splitNul(b, start, end);
  const key = latin1(b, start, nul);
  let text: string;
  if (c.type === 'tEXt') text = latin1(b, nul + 1, end);
  else if (c.type === 'zTXt') text = latin1(await inflateCapped(b.subarray(nul + 2, end)));
  else {
    const compressed = u8(b, nul + 1) === 1;
    const langEnd = splitNul(b, nul + 3, end);
    const transEnd = splitNul(b, langEnd + 1, end);
    const body = b.subarray(transEnd + 1, end);
    text = utf8(compressed ? await inflateCapped(body) : body);
  }
  if (key === 'XML:com.adobe.xmp') { reportXmp(text, `${where} (XMP)`, out); return {}; }
  const raw = /^Raw profile type (\S+)/i.exec(key);
  if (raw) {
    const bytes = rawProfileBytes(text);
    return bytes ? reportRawProfile(raw[1]!, bytes, `${where} (${raw[1]} profile)`, out) : {};
  }
  out.add(keywordKind(key), where, key, text.length > 4000 ? `${text.slice(0, 4000)}…` : text);
  return {};
}

const pad = (n: number): string => String(n).padStart(2, '0');
