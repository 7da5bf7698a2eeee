// Timestamps in file names: phones and screenshot tools name files after the moment they were made.

const PATTERNS: { re: RegExp; build: (m: RegExpExecArray) => string }[] = [
  // IMG_20180725_163423.jpg, PXL_20230101_120000123.jpg, VID-20200101-WA0001, Screenshot_20240102-101112
  { re: /(?:^|[^0-9])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[_\- T]?(?:([01]\d|2[0-3])([0-5]\d)([0-5]\d))?(?=[^0-9]|\d{0,3}(?:[^0-9]|$))/,
    build: (m) => `${m[1]}-${m[2]}-${m[3]}${m[4] ? ` ${m[4]}:${m[5]}:${m[6]}` : ''}` },
  // Screenshot 2024-01-02 at 10.11.12.png, 2024-01-02 10-11-12, signal-2024-01-02-101112
  { re: /((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])[-_.](0[1-9]|[12]\d|3[01])(?:(?: at |[ _T-])([01]?\d|2[0-3])[.:_-]?([0-5]\d)[.:_-]?([0-5]\d)?)?/,
    build: (m) => `${m[1]}-${m[2]}-${m[3]}${m[4] ? ` ${m[4].padStart(2, '0')}:${m[5]}${m[6] ? `:${m[6]}` : ''}` : ''}` },
];

/** The date (and time) a file name reveals, as "YYYY-MM-DD hh:mm:ss", or null. */
export function timestampInFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  for (const p of PATTERNS) {
    const m = p.re.exec(base);
    if (m) return p.build(m);
  }
  return null;
}
