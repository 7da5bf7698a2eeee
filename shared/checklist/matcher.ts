// The in-memory matcher the scanner receives while the checklist is unlocked: built from the stored
// values, it says which of them a photo's read text or GPS position matches, tolerant to OCR
// errors, case, spacing, punctuation and street abbreviations. Pure: it never logs, and what it
// returns names the item (its id and the plain words for it), never the stored value.
import { checklistCategory, type MatchKind } from './categories.js';
import type { ChecklistItem, PlaceFields } from './items.js';
import { STREET_TYPES, addressWords, allowedErrors, digitsOf, editDistance, plateWords, words } from './normalize.js';

export interface TextMatch {
  itemId: string;
  kind: Exclude<MatchKind, 'place'>;
  /** `street`: only the street's name (without the house number) was read. */
  strength: 'full' | 'street';
  /** How a finding names it: "your address (Home)". */
  describe: string;
}

export interface PlaceMatch {
  itemId: string;
  describe: string;
  distanceM: number;
  radiusM: number;
}

export interface ChecklistMatcher {
  /** How many stored values it compares against. */
  readonly size: number;
  matchText(text: string): TextMatch[];
  matchPlace(latitude: number, longitude: number): PlaceMatch[];
}

/** A pattern: the words to find in order (joined, so spacing does not matter), and digits that must be exact. */
interface Pattern {
  compact: string;
  /** Longest run of words a match may span. */
  span: number;
  errors: number;
  /** Digit strings that must appear, exactly, in the matched words. */
  numbers: string[];
}

interface TextEntry {
  itemId: string;
  kind: Exclude<MatchKind, 'place'>;
  describe: string;
  tokenize: (text: string) => string[];
  full: Pattern[];
  street: Pattern[];
}

const MIN_COMPACT = 4;

function pattern(ws: readonly string[], options: { errors?: number; numbers?: string[] } = {}): Pattern | null {
  const compact = ws.join('');
  if (compact.length < MIN_COMPACT) return null;
  const letters = compact.replace(/\d/g, '').length;
  return { compact, span: ws.length + 2, errors: options.errors ?? allowedErrors(letters), numbers: options.numbers ?? [] };
}

const defined = <T>(x: T | null): x is T => x !== null;

function describeItem(item: Pick<ChecklistItem, 'category' | 'label' | 'value'>): string {
  const yours = checklistCategory(item.category)?.yours ?? 'an item on your checklist';
  // A place's value is its name ("Home"); other values are never repeated in a finding.
  const name = item.label || (item.category === 'place' ? item.value : '');
  return name ? `${yours} (${name})` : yours;
}

/** The street line of an address: the first comma- or line-separated part with a number and a word. */
function streetLine(value: string): string {
  const parts = value.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
  return parts.find((p) => /\d/.test(p) && /\p{L}{2,}/u.test(p)) ?? parts[0] ?? '';
}

function addressEntry(item: ChecklistItem): TextEntry | null {
  const ws = addressWords(streetLine(item.value));
  const numbers = ws.filter((w) => /\d/.test(w));
  const name = ws.filter((w) => !/\d/.test(w));
  const withoutNumbers = name.join('');
  const full: Pattern[] = [];
  if (numbers.length > 0 && name.length > 0) {
    // As typed ("12 Oak St") and with the number on the other side ("Hauptstr 12").
    full.push(...[pattern(ws, { numbers }), pattern([...name, ...numbers], { numbers }), pattern([...numbers, ...name], { numbers })].filter(defined));
  }
  // The street's name alone (a street sign) counts only with its street word, and long enough not to be any two words.
  const street = name.some((w) => STREET_TYPES.has(w)) && withoutNumbers.length >= 5 ? [pattern(name)].filter(defined) : [];
  if (full.length === 0 && street.length === 0) return null;
  return { itemId: item.id, kind: 'address', describe: describeItem(item), tokenize: addressWords, full, street };
}

function nameEntry(item: ChecklistItem, kind: 'name' | 'handle' | 'email'): TextEntry | null {
  // Middle initials come and go ("James L. Johnson"): single letters are left out on both sides.
  const tokenize = kind === 'name' ? (t: string) => words(t).filter((w) => w.length > 1) : words;
  const ws = tokenize(item.value);
  if (ws.length === 0) return null;
  const single = ws.length === 1;
  const letters = ws.join('').length;
  // One word alone ("Mia", "Acme") must be exact unless long: a common word must not alarm.
  const errors = single ? (letters >= 8 ? 1 : 0) : allowedErrors(letters);
  const patterns = [pattern(ws, { errors })];
  if (kind === 'name' && ws.length === 2) patterns.push(pattern([ws[1] ?? '', ws[0] ?? ''], { errors })); // "Johnson, James"
  const full = patterns.filter(defined);
  if (full.length === 0) return null;
  return { itemId: item.id, kind, describe: describeItem(item), tokenize, full, street: [] };
}

function plateEntry(item: ChecklistItem): TextEntry | null {
  const ws = plateWords(item.value);
  const compact = ws.join('');
  if (compact.length < 4) return null;
  const p: Pattern = { compact, span: ws.length + 2, errors: compact.length >= 6 ? 1 : 0, numbers: [] };
  return { itemId: item.id, kind: 'plate', describe: describeItem(item), tokenize: plateWords, full: [p], street: [] };
}

/** Does a run of consecutive words, joined, match the pattern? */
function findPattern(tokens: readonly string[], p: Pattern): boolean {
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < tokens.length && j < i + p.span; j++) {
      joined += tokens[j];
      if (joined.length > p.compact.length + p.errors) break;
      if (joined.length < p.compact.length - p.errors) continue;
      if (editDistance(joined, p.compact, p.errors) > p.errors) continue;
      const numbersHere = tokens.slice(i, j + 1).filter((w) => /\d/.test(w)).map(digitsOf);
      if (p.numbers.every((n) => numbersHere.includes(digitsOf(n)))) return true;
    }
  }
  return false;
}

/** Digit runs as a phone number is written: digits with spaces, dots, dashes or brackets between. */
function phoneRuns(text: string): string[] {
  return (words(text).join(' ').match(/\d[\d ]{5,}\d/g) ?? []).map(digitsOf);
}

function phoneMatches(stored: string, text: string): boolean {
  for (const run of phoneRuns(text)) {
    const m = Math.min(10, stored.length, run.length);
    if (m >= 7 && stored.slice(-m) === run.slice(-m)) return true;
  }
  return false;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function buildMatcher(items: readonly ChecklistItem[]): ChecklistMatcher {
  const texts: TextEntry[] = [];
  const phones: Array<{ itemId: string; describe: string; digits: string }> = [];
  const places: Array<{ itemId: string; describe: string; place: PlaceFields }> = [];
  for (const item of items) {
    const kind = checklistCategory(item.category)?.match ?? null;
    if (item.place) places.push({ itemId: item.id, describe: describeItem(item), place: item.place });
    if (!kind || !item.value.trim()) continue;
    if (kind === 'phone') {
      const digits = digitsOf(item.value);
      if (digits.length >= 7) phones.push({ itemId: item.id, describe: describeItem(item), digits });
      continue;
    }
    const entry = kind === 'address' ? addressEntry(item) : kind === 'plate' ? plateEntry(item) : kind === 'place' ? null : nameEntry(item, kind);
    if (entry) texts.push(entry);
  }

  return {
    size: texts.length + phones.length + places.length,
    matchText(text) {
      const found: TextMatch[] = [];
      const cache = new Map<(t: string) => string[], string[]>();
      const tokensFor = (f: (t: string) => string[]) => cache.get(f) ?? cache.set(f, f(text)).get(f) ?? [];
      for (const e of texts) {
        const tokens = tokensFor(e.tokenize);
        if (e.full.some((p) => findPattern(tokens, p))) found.push({ itemId: e.itemId, kind: e.kind, strength: 'full', describe: e.describe });
        else if (e.street.some((p) => findPattern(tokens, p))) found.push({ itemId: e.itemId, kind: e.kind, strength: 'street', describe: e.describe });
      }
      for (const p of phones) if (phoneMatches(p.digits, text)) found.push({ itemId: p.itemId, kind: 'phone', strength: 'full', describe: p.describe });
      return found;
    },
    matchPlace(latitude, longitude) {
      return places
        .map((p) => ({ itemId: p.itemId, describe: p.describe, distanceM: distanceMetres(p.place, { latitude, longitude }), radiusM: p.place.radiusM }))
        .filter((m) => m.distanceM <= m.radiusM)
        .sort((a, b) => a.distanceM - b.distanceM);
    },
  };
}
