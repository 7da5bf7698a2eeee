// ICC colour profile: header device fields and the description texts, which can name the maker
// or model of the device that made the picture.
import exifr from 'exifr';
import { ascii } from '../bytes.js';
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
    // exifr's ICC parser reads desc / mluc / text tags; we pass the bare profile.
    // Under Node exifr resolves to its CommonJS build, where the parsers hang off the default export.
    const parsers = (exifr as unknown as { segmentParsers: Map<string, unknown> }).segmentParsers;
    const Parser = parsers.get('icc') as unknown as { parse(b: Uint8Array, o?: object): Record<string, unknown> };
    const tags = Parser.parse(profile, { translateValues: false }) ?? {};
    for (const [name, label] of [['ProfileDescription', 'Profile description'], ['DeviceMfgDesc', 'Device manufacturer description'], ['DeviceModelDesc', 'Device model description'], ['ProfileCopyright', 'Profile copyright']] as const) {
      const v = tags[name];
      const text = Array.isArray(v) ? v.map((x: { text?: string }) => x.text ?? '').filter(Boolean) : v;
      if (text) out.add('icc.device', where, label, text as string | string[]);
    }
  } catch (err) {
    out.markDamaged(`${where} descriptions`, err);
  }
}
