// ICC colour profile: header device fields and the description texts, which can name the maker
// or model of the device that made the picture.
import { ascii, u32, utf16 } from '../bytes.js';
import type { FindingCollector } from './collector.js';

const blankSig = (s: string): string => s.replace(/\0/g, '').trim();

export function reportIcc(profile: Uint8Array, where: string, out: FindingCollector): void {
  if (profile.length < 128) { out.markDamaged(where, new Error('colour profile too short')); return; }
  out.add('icc.profile', where, 'Colour space', blankSig(ascii(profile, 16, 4)));
  const header: Record<string, string> = {
    'Device manufacturer': blankSig(ascii(profile, 48, 4)),
    'Device model': blankSig(ascii(profile, 52, 4)),
    'Profile creator': blankSig(ascii(profile, 80, 4)),
    'Preferred software': blankSig(ascii(profile, 4, 4)),
  };
  for (const [label, v] of Object.entries(header)) if (v && !/^(none|0+)$/i.test(v)) out.add('icc.device', where, label, v);
  try {
    const tags = readIccTexts(profile);
    for (const [sig, label] of [['desc', 'Profile description'], ['dmnd', 'Device manufacturer description'], ['dmdd', 'Device model description'], ['cprt', 'Profile copyright']] as const) {
      const text = tags.get(sig);
      if (text) out.add('icc.device', where, label, text);
    }
  } catch (err) {
    out.markDamaged(`${where} descriptions`, err);
  }
}

/**
 * The text tags of a profile (desc, dmnd, dmdd, cprt...): ICC v2 "desc" (ASCII), "text", and v4
 * "mluc" (UTF-16BE records; the first is read). Bounded by the tag table and the profile size.
 */
export function readIccTexts(icc: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const count = Math.min(u32(icc, 128), 256);
  for (let i = 0; i < count; i++) {
    const entry = 132 + i * 12;
    if (entry + 12 > icc.length) break;
    const sig = ascii(icc, entry, 4);
    const offset = u32(icc, entry + 4);
    const size = u32(icc, entry + 8);
    if (size < 12 || offset + size > icc.length) continue;
    const type = ascii(icc, offset, 4);
    let text = '';
    if (type === 'desc') text = ascii(icc, offset + 12, Math.min(u32(icc, offset + 8), size - 12));
    else if (type === 'text') text = ascii(icc, offset + 8, size - 8);
    else if (type === 'mluc' && size >= 28) {
      const len = u32(icc, offset + 20);
      const at = offset + u32(icc, offset + 24);
      if (at + len <= offset + size) text = utf16(icc, at, at + len);
    }
    text = text.replace(/\0[\s\S]*$/, '').trim();
    if (text) out.set(sig, text);
  }
  return out;
}
