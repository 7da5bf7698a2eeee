// The safe copy from the command line, on a real photo with a licence plate ("627 WWI") and a
// name and phone number on the plate frame: the default copy covers the plate's whole outline and
// the personal text, the copy itself is re-checked (our own OCR reads nothing of the covered lines
// in it), and the report says what was covered and what is still visible and why.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { REDACTION_FILL } from '../../shared/clean/redact.js';
import { coveredShareOf, type CoverArea } from '../../shared/cover.js';
import { decodeRgb } from '../../shared/image/decode.js';
import { CAR_PLATE, readAround } from './read-around.js';
import type { Box } from '../../shared/boxes.js';

const scenes = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');
const CAR = path.join(scenes, 'openalpr_us__car1.jpg');
/** The labelled plate (corpus ground truth, openalpr_us__car1.json). */
const PLATE: Box = CAR_PLATE;

async function run(args: string[]) {
  let stdout = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: () => undefined, stderrIsTTY: false });
  return { code, stdout };
}

interface CleanJson {
  output: string | null;
  reencoded: boolean;
  verdict: string | null;
  checked: string | null;
  removed: string[];
  covered: Array<{ label: string; area: CoverArea }>;
  visible: Array<{ category: string; severity: string; why: string; seenIn: string; maybe: boolean }>;
  copy?: { headline: string; detail: string; coverage: { picture: string }; attempts: number };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exposure-copy-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clean: the default safe copy', () => {
  it('covers the whole plate and the name and phone number, and re-checks the copy itself', async () => {
    const r = await run(['clean', '--json', '--out', path.join(dir, 'default'), CAR]);
    expect(r.code).toBe(0);
    const file = JSON.parse(r.stdout).files[0] as CleanJson;
    expect(file.reencoded).toBe(true);
    expect(file.copy!.coverage.picture).toBe('checked');
    expect(['fix-before-posting', 'nothing-found', 'not-fully-checked']).toContain(file.verdict);
    expect(file.checked).toBe('Checked: the hidden information and what the picture shows.');
    const labels = file.covered.map((c) => c.label);
    expect(labels).toContain('Licence plate');
    expect(labels).toContain('Piece of readable text');
    expect(file.covered.every((c) => c.area.mode === 'fill')).toBe(true);

    // The labelled plate lies under the covers, whole, and its pixels are the fill.
    const areas = file.covered.map((c) => c.area);
    expect(coveredShareOf(PLATE, areas)).toBe(1);
    const copy = await decodeRgb(new Uint8Array(readFileSync(file.output!)), 'jpeg');
    let far = 0;
    for (let y = PLATE[1] + 2; y < PLATE[1] + PLATE[3] - 2; y++) {
      for (let x = PLATE[0] + 2; x < PLATE[0] + PLATE[2] - 2; x++) {
        const i = (y * copy.width + x) * 3;
        if (Math.abs(copy.data[i]! - REDACTION_FILL[0]) + Math.abs(copy.data[i + 1]! - REDACTION_FILL[1]) + Math.abs(copy.data[i + 2]! - REDACTION_FILL[2]) > 12) far++;
      }
    }
    expect(far).toBe(0);

    // Our own OCR reads the plate in the original, and nothing of it in the copy.
    expect(await readAround(CAR, PLATE)).toMatch(/627/);
    const after = await readAround(file.output!, PLATE);
    expect(after).not.toMatch(/627|WWI|WASHINGTON/);
    expect(file.visible.filter((v) => v.category === 'licence-plate')).toEqual([]);
    // What is still visible is said, with why; nothing the policy covers is left by its own choice.
    for (const v of file.visible) expect(['below-the-bar', 'could-not-cover', 'file-name']).toContain(v.why);
    if (file.visible.some((v) => !v.maybe && (v.severity === 'high' || v.severity === 'critical'))) expect(file.verdict).toBe('fix-before-posting');

    const text = await run(['clean', '--force', '--out', path.join(dir, 'default'), CAR]);
    expect(text.stdout).toMatch(/THE COPY: /);
    expect(text.stdout).toMatch(/covered: .*Licence plate/);
    expect(text.stdout).not.toMatch(/\bsafe to post\b/i);
  }, 300_000);

  it('--redact licence-plate --pixelate covers only the plate, in coarse squares, and says the text was left by choice', async () => {
    const r = await run(['clean', '--json', '--out', path.join(dir, 'plates'), '--redact', 'licence-plate', '--pixelate', CAR]);
    expect(r.code).toBe(0);
    const file = JSON.parse(r.stdout).files[0] as CleanJson;
    expect(file.covered.map((c) => c.label)).toEqual(['Licence plate']);
    expect(file.covered[0]!.area.mode).toBe('pixelate');
    expect(file.removed[0]).toBe('1 area of the picture turned into coarse squares');
    const text = file.visible.filter((v) => v.category === 'text' && !v.maybe);
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((v) => v.why === 'you-kept-it')).toBe(true);
    expect(file.verdict).toBe('fix-before-posting');
    expect(await readAround(file.output!, PLATE)).not.toMatch(/627|WWI/);
  }, 300_000);

  it('--redact none removes only the hidden information: the picture is not looked at, and the copy is not fully checked', async () => {
    const r = await run(['clean', '--json', '--redact', 'none', '--out', path.join(dir, 'none'), CAR]);
    expect(r.code).toBe(0);
    const file = JSON.parse(r.stdout).files[0] as CleanJson;
    expect(file.reencoded).toBe(false);
    expect(file.covered).toEqual([]);
    expect(file.verdict).toBe('not-fully-checked');
    expect(file.copy!.coverage.picture).toBe('off');
    expect(file.checked).toMatch(/the picture itself was not looked at/);
  });
});

describe('scan --no-visual', () => {
  it('never gives a clear verdict: the picture was not looked at', async () => {
    const clean = path.resolve(import.meta.dirname, '../../../shared/corpus/metadata/mei__sampleWithExifData.png');
    for (const photo of [CAR, clean]) {
      const json = JSON.parse((await run(['scan', '--json', '--no-visual', photo])).stdout).files[0] as { verdict: string; checked: string };
      expect(json.verdict).not.toBe('nothing-found');
      expect(json.checked).toMatch(/not looked at/);
      const text = (await run(['scan', '--no-visual', photo])).stdout;
      const verdictLine = text.split('\n').find((l) => /^  [A-Z ]+: /.test(l))!;
      expect(verdictLine).toMatch(/^  (NOT FULLY CHECKED|FIX BEFORE POSTING): /);
      expect(verdictLine).not.toMatch(/\bsafe\b(?! copy)/i); // "safe copy" names the copy; nothing is called safe
    }
    const car = JSON.parse((await run(['scan', '--json', '--no-visual', CAR])).stdout).files[0] as { verdict: string };
    expect(car.verdict).toBe('not-fully-checked');
  });
});
