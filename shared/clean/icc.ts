// Colour profiles (ICC) decide how a photo's colours look, so a clean copy keeps them; but their
// header and text tags can name the phone or camera maker, the software and a creation date.
// Neutralise those fields IN PLACE: no size or offset changes, so the profile stays valid and
// its colour data (matrices, curves, tables) is byte-identical.
import { ascii, put32, u16, u32 } from '../bytes.js';

/** Descriptions that name only a standard colour space: harmless, and useful in viewers. */
const GENERIC_DESCRIPTIONS = /^(sRGB( IEC61966-2[.-]1)?|sRGB built-in|Display P3|DCI-P3|Adobe RGB \(1998\)|ProPhoto RGB|Rec\.? ?2020|Rec\.? ?709|Generic Gray Profile|Dot Gain \d+%|Gray Gamma 2\.2)$/i;
const NEUTRAL_DESCRIPTION = 'Colour profile';
const DESCRIPTION_TAGS = new Set(['desc', 'dscm']);
/** Private tags that hold a device's make and model as numbers rather than text. */
const DEVICE_ID_TAGS = new Set(['mmod']);

const HEADER_SIZE = 128;

export interface IccCheck {
  ok: boolean;
  /** True when a field that could identify the device or author was blanked. */
  changed: boolean;
}

export function isIccProfile(icc: Uint8Array): boolean {
  return icc.length >= HEADER_SIZE + 4 && ascii(icc, 36, 4) === 'acsp';
}

/** Returns a neutralised copy of the profile, or null when it is not a readable ICC profile. */
export function neutraliseIcc(original: Uint8Array): Uint8Array | null {
  if (!isIccProfile(original)) return null;
  const icc = original.slice();
  blank(icc, 4, 4); // preferred CMM (names the software vendor)
  writeNeutralDate(icc, 24);
  blank(icc, 40, 4); // primary platform (Apple / Microsoft ...)
  blank(icc, 48, 4); // device manufacturer
  blank(icc, 52, 4); // device model
  blank(icc, 80, 4); // profile creator
  blank(icc, 84, 16); // profile ID: an MD5 of the profile, which changes anyway

  const tagCount = u32(icc, HEADER_SIZE);
  if (HEADER_SIZE + 4 + tagCount * 12 > icc.length) return null;
  for (let i = 0; i < tagCount; i++) {
    const entry = HEADER_SIZE + 4 + i * 12;
    const sig = ascii(icc, entry, 4);
    const offset = u32(icc, entry + 4);
    const size = u32(icc, entry + 8);
    if (offset + size > icc.length || size < 8) continue; // leave a damaged tag alone: we never read past it
    const type = ascii(icc, offset, 4);
    const describes = DESCRIPTION_TAGS.has(sig);
    if (DEVICE_ID_TAGS.has(sig)) blank(icc, offset + 8, size - 8);
    else if (type === 'desc') neutraliseTextDescription(icc, offset, size, describes);
    else if (type === 'text') neutraliseText(icc, offset, size);
    else if (type === 'mluc') neutraliseMultiLanguage(icc, offset, size, describes);
  }
  return icc;
}

function blank(b: Uint8Array, start: number, length: number): void {
  b.fill(0, start, Math.min(b.length, start + length));
}

function writeNeutralDate(b: Uint8Array, at: number): void {
  // 2000-01-01 00:00:00: a valid date that says nothing about when the device made the profile.
  const fields = [2000, 1, 1, 0, 0, 0];
  fields.forEach((v, i) => {
    b[at + i * 2] = v >> 8;
    b[at + i * 2 + 1] = v & 0xff;
  });
}

function replacement(current: string, describes: boolean): string {
  if (!describes) return '';
  return GENERIC_DESCRIPTIONS.test(current.replace(/\0+$/, '').trim()) ? current.replace(/\0+$/, '') : NEUTRAL_DESCRIPTION;
}

/** The neutral text cut to fit a field: a whole word or nothing, never half a word. */
function fit(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  for (const shorter of ['Profile', 'ICC']) if (shorter.length <= maxChars) return shorter;
  return '';
}

/** Writes ASCII text into a fixed field, padding with NULs and always leaving a final NUL. */
function writeAsciiField(b: Uint8Array, start: number, length: number, text: string): void {
  b.fill(0, start, start + length);
  const fitted = fit(text, length - 1);
  for (let i = 0; i < fitted.length; i++) b[start + i] = fitted.charCodeAt(i) & 0x7f;
}

function writeUtf16Field(b: Uint8Array, start: number, byteLength: number, text: string): void {
  b.fill(0, start, start + byteLength);
  text = fit(text, Math.floor(byteLength / 2));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    b[start + i * 2] = c >> 8;
    b[start + i * 2 + 1] = c & 0xff;
  }
}

/** ICC v2 textDescriptionType: ASCII, then Unicode, then a 67-byte Mac ScriptCode field. */
function neutraliseTextDescription(b: Uint8Array, offset: number, size: number, describes: boolean): void {
  const end = offset + size;
  const asciiCount = u32(b, offset + 8);
  const asciiStart = offset + 12;
  if (asciiStart + asciiCount > end) return;
  const text = replacement(ascii(b, asciiStart, asciiCount), describes);
  writeAsciiField(b, asciiStart, asciiCount, text);
  const uniHeader = asciiStart + asciiCount;
  if (uniHeader + 8 > end) return;
  const uniCount = u32(b, uniHeader + 4);
  const uniStart = uniHeader + 8;
  if (uniStart + uniCount * 2 > end) return;
  // A Unicode copy, when present, must not keep the old text; zero characters with a count is
  // valid (a NUL-terminated empty string).
  writeUtf16Field(b, uniStart, uniCount * 2, uniCount > 0 ? text : '');
  const scriptStart = uniStart + uniCount * 2;
  if (scriptStart + 3 <= end) blank(b, scriptStart + 3, Math.min(67, end - scriptStart - 3));
  if (scriptStart + 3 <= end) b[scriptStart + 2] = 0; // script count 0
}

/** textType: ASCII up to the end of the tag. */
function neutraliseText(b: Uint8Array, offset: number, size: number): void {
  writeAsciiField(b, offset + 8, size - 8, '');
}

/**
 * ICC v4 multiLocalizedUnicodeType: records point at UTF-16BE strings. Every record is pointed at
 * the longest string's slot, which gets the neutral text; the other strings are zeroed. Sharing a
 * slot is allowed, and it avoids cutting the neutral text short in a slot that is too small.
 */
function neutraliseMultiLanguage(b: Uint8Array, offset: number, size: number, describes: boolean): void {
  const end = offset + size;
  const count = u32(b, offset + 8);
  const recordSize = u32(b, offset + 12);
  if (recordSize < 12 || offset + 16 + count * recordSize > end) return;
  const slots: { start: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const rec = offset + 16 + i * recordSize;
    const start = offset + u32(b, rec + 8);
    const length = u32(b, rec + 4);
    if (start + length <= end) slots.push({ start, length });
  }
  if (slots.length !== count || count === 0) return;
  const longest = slots.reduce((a, s) => (s.length > a.length ? s : a));
  let current = '';
  for (let k = 0; k + 1 < longest.length; k += 2) current += String.fromCharCode(u16(b, longest.start + k));
  const text = fit(replacement(current, describes), Math.floor(longest.length / 2));
  for (const s of slots) blank(b, s.start, s.length);
  writeUtf16Field(b, longest.start, longest.length, text);
  for (let i = 0; i < count; i++) {
    const rec = offset + 16 + i * recordSize;
    put32(b, rec + 4, text.length * 2);
    put32(b, rec + 8, longest.start - offset);
  }
}

export const ICC_KEPT = 'Colour profile (keeps colours right; maker, model, software and date blanked)';
