// Which recognised text is most dangerous: addresses, phone numbers, e-mail addresses, postcodes
// and names rank above other words; the user's own words (street, school, name) rank highest.
import type { PersonalMatcher } from '../../../scan/request.js';

export type TextKind = 'personal' | 'email' | 'phone' | 'address' | 'postcode' | 'web address' | 'name' | 'plate' | 'plain';

const EMAIL = /[\w.+-]+@[\w-]+\.[a-z]{2,}/i;
const PHONE = /(?:\+|\b)\d[\d ().-]{6,}\d\b/;
const STREET_WORDS =
  'street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|terrace|close|crescent|square|sq|highway|hwy|parkway|pkwy|strasse|straße|str|rue|via|calle|avenida|weg|gasse|platz|laan|straat|ulica';
const ADDRESS = new RegExp(`\\b\\d{1,5}[a-z]?\\s+(?:[a-z]+\\s+){0,3}(?:${STREET_WORDS})\\b\\.?|\\b(?:${STREET_WORDS})\\.?\\s+\\d{1,5}\\b|\\b[a-z]{3,}(?:strasse|straße|weg|gasse|platz|straat)\\b`, 'i');
const POSTCODE = [
  /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/, // UK
  /\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/, // Canada
  /\b\d{5}(?:-\d{4})?\b/, // US ZIP, DE/FR/IT/ES
  /\b\d{4}\s?[A-Z]{2}\b/, // NL
];
const WEB = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|org|net|co\.uk|de|fr|io|info|edu|gov)\b/i;
const NAME = /\b(?:mr|mrs|ms|miss|dr|prof)\.?\s+[A-Z][a-z]+|\b[A-Z][a-z]{2,}\s+[A-Z][a-z]{2,}\b/;
/** 5–8 letters and digits, both present, optionally split by one space or dash (e.g. "AYO 9034", "7ABC123"). */
const PLATE = /^(?=(?:.*\d){1,})(?=(?:.*[A-Z]){1,})[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5}$/;

export function looksLikePlate(text: string): boolean {
  const t = text.trim().toUpperCase().replace(/[·•]/g, '-');
  const compact = t.replace(/[ -]/g, '');
  return compact.length >= 5 && compact.length <= 8 && PLATE.test(t);
}

function normalise(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9@.]+/g, ' ').trim();
}

/** True when the text contains one of the user's own terms (names, street, school...). */
export function matchesPersonalTerm(text: string, personalTerms: readonly string[]): string | null {
  const hay = ` ${normalise(text)} `;
  for (const term of personalTerms) {
    const needle = normalise(term);
    if (needle.length >= 3 && hay.includes(` ${needle} `)) return term;
    if (needle.length >= 6 && hay.includes(needle)) return term;
  }
  return null;
}

/** A matcher over a plain list of the user's own words (the command line's and the tests' way in). */
export function termMatcher(personalTerms: readonly string[]): PersonalMatcher {
  return (text) => (matchesPersonalTerm(text, personalTerms) ? 'your own details' : null);
}

/** What a piece of text is; `personal` (the user's own details) comes from the matcher or the terms. */
export function classifyText(text: string, personal: readonly string[] | PersonalMatcher = []): TextKind {
  const matcher = typeof personal === 'function' ? personal : termMatcher(personal);
  if (matcher(text)) return 'personal';
  if (EMAIL.test(text)) return 'email';
  if (ADDRESS.test(text)) return 'address';
  const digits = text.replace(/\D/g, '').length;
  if (PHONE.test(text) && digits >= 8 && digits <= 15) return 'phone';
  if (POSTCODE.some((re) => re.test(text))) return 'postcode';
  if (WEB.test(text)) return 'web address';
  if (NAME.test(text)) return 'name';
  return 'plain';
}

// What each kind means for the user (its title and severity) is in the category table
// (shared/categories.ts, text.kinds).
