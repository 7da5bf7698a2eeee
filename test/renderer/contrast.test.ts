// WCAG AA: every text colour the stylesheets pair with a background reaches 4.5:1, in the light
// and the dark theme. Reads the real colour variables out of renderer/styles/base.css.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(import.meta.dirname, '../../renderer/styles/base.css'), 'utf8');

function variables(block: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)) vars[m[1]!] = m[2]!;
  return vars;
}

const light = variables(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...variables(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// [text, background] pairs as the stylesheets use them.
const PAIRS: Array<[string, string]> = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['accent-text', 'accent'],
  ['accent', 'surface'],
  ['accent', 'accent-soft'],
  ['text', 'accent-soft'],
  ['muted', 'accent-soft'],
  ['critical', 'critical-soft'],
  ['critical', 'surface'],
  ['text', 'critical-soft'],
  ['high', 'high-soft'],
  ['text', 'high-soft'],
  ['medium', 'medium-soft'],
  ['low', 'low-soft'],
  ['safe', 'safe-soft'],
  ['safe', 'surface'],
  ['text', 'safe-soft'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, vars) => {
  it.each(PAIRS)('%s on %s reaches 4.5:1', (fg, bg) => {
    expect(vars[fg], fg).toMatch(/^#/);
    expect(vars[bg], bg).toMatch(/^#/);
    expect(contrast(vars[fg]!, vars[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
});
