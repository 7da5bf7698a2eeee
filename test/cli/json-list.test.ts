// `clean --json` prints its list one report at a time (memory stays flat over thousands of
// files): the text must be exactly what printing the whole object at once gives.
import { describe, expect, it } from 'vitest';
import { jsonList, toJson } from '../../cli/format.js';

function streamed(items: unknown[]): string {
  let out = '';
  const list = jsonList((s) => (out += s), 'files');
  for (const item of items) list.add(item);
  list.end();
  return out;
}

describe('the JSON list written item by item', () => {
  const report = (n: number) => ({
    path: `/photos/trip ${n}/\u009b[31mphoto\nname.jpg`,
    output: null,
    removed: ['GPS position', 'Camera serial number'],
    kept: [],
    copy: { coverage: { metadata: true, frames: [0, 1.5] }, attempts: 1 },
    error: n === 2 ? { code: 'corrupt', message: 'This JPEG is damaged.' } : undefined,
  });

  it('is the same text as the whole object printed at once, for none, one and several items', () => {
    for (const items of [[], [report(1)], [report(1), report(2), report(3)]]) {
      const whole = `${toJson({ files: items })}\n`;
      expect(streamed(items)).toBe(whole);
      expect(JSON.parse(streamed(items))).toEqual(JSON.parse(whole));
    }
  });

  it('still escapes control characters in names', () => {
    expect(streamed([report(1)])).toContain('\\u009b[31mphoto\\nname.jpg');
  });
});
