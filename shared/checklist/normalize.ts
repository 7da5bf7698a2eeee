// Text as the checklist matcher compares it: folded (case, accents, ß), split into words, street
// words shortened the one way (Street -> st, Avenue -> ave), and in numbers the letters OCR
// confuses with digits (O for 0, l or I for 1) read as digits. Pure; used on both sides.

const STREET_ABBREVIATIONS: Record<string, string> = {
  street: 'st', str: 'st', strasse: 'st', avenue: 'ave', av: 'ave', avenida: 'ave', road: 'rd', drive: 'dr', lane: 'ln',
  boulevard: 'blvd', court: 'ct', place: 'pl', terrace: 'ter', crescent: 'cres', square: 'sq', highway: 'hwy',
  parkway: 'pkwy', circle: 'cir', apartment: 'apt', flat: 'apt', suite: 'ste', north: 'n', south: 's', east: 'e',
  west: 'w', mount: 'mt', saint: 'st', route: 'rte', close: 'cl', gardens: 'gdns', building: 'bldg',
};

/** Street words a line must hold to be a street name rather than any two words. */
export const STREET_TYPES = new Set(['st', 'ave', 'rd', 'dr', 'ln', 'blvd', 'ct', 'pl', 'ter', 'cres', 'sq', 'hwy', 'pkwy', 'cir', 'way', 'rte', 'cl', 'gdns', 'row', 'walk', 'weg', 'gasse', 'platz', 'rue', 'via', 'calle', 'straat', 'laan']);

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

/** In a word that holds digits, a letter beside a digit that OCR often mistakes for one becomes it. */
function digitsInNumbers(word: string): string {
  if (!/\d/.test(word)) return word;
  return word.replace(/[oil|]/g, (c, i: number) => {
    const near = /\d/.test(word[i - 1] ?? '') || /\d/.test(word[i + 1] ?? '');
    return near ? (c === 'o' ? '0' : '1') : c;
  });
}

/** In a word of letters, a lone 0 or 1 is the O or l that OCR misread ("0ak" is "oak"). */
function lettersInWords(word: string): string {
  if (!/^[a-z]*[01][a-z]*$/.test(word) || word.length < 3) return word;
  return word.replace('0', 'o').replace('1', 'l');
}

const LONG_STREET_WORDS = Object.keys(STREET_ABBREVIATIONS).filter((w) => w.length >= 5);

/** A street word as written, or misread by one letter ("Streat"), in its short form. */
function shortStreetWord(word: string): string {
  const exact = STREET_ABBREVIATIONS[word];
  if (exact) return exact;
  if (word.length >= 5) {
    const near = LONG_STREET_WORDS.find((long) => editDistance(word, long, 1) <= 1);
    if (near) return STREET_ABBREVIATIONS[near] ?? word;
  }
  return word;
}

export function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map(digitsInNumbers);
}

/** Words with street words shortened; a German compound's -strasse ending becomes a word of its own. */
export function addressWords(text: string): string[] {
  return words(text)
    .map(lettersInWords)
    .flatMap((w) => {
      if (w.length > 7 && w.endsWith('strasse')) return [w.slice(0, -7), 'st'];
      return [shortStreetWord(w)];
    });
}

const PLATE_FOLD: Record<string, string> = { o: '0', q: '0', d: '0', i: '1', l: '1', z: '2', s: '5', g: '6', b: '8' };

/** Plates mix letters and digits freely, so every confusable letter is read as its digit, on both sides. */
export function plateWords(text: string): string[] {
  return words(text).map((w) => w.replace(/[oqdilzsgb]/g, (c) => PLATE_FOLD[c] ?? c));
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/** OCR errors tolerated for a compared string of this many letters and digits. */
export function allowedErrors(length: number): number {
  return length >= 12 ? 2 : length >= 6 ? 1 : 0;
}
