// The command line's picture checks: visual findings in scan --json, --no-visual, and
// clean --redact destroying exactly the regions the scan reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { REDACTION_FILL } from '../../shared/clean/redact.js';

const scenes = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');
const CAR = path.join(scenes, 'openalpr_us__car1.jpg');

async function run(args: string[]) {
  let stdout = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: () => undefined, stderrIsTTY: false });
  return { code, stdout };
}

interface JsonFinding { id: string; category: string; severity: string; source: string; box?: [number, number, number, number] }

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exposure-visual-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan with the picture checks', () => {
  it('adds visual findings with boxes in original-image pixels; --no-visual leaves them out', async () => {
    const meta = await sharp(CAR).metadata();
    const withVisual = JSON.parse((await run(['scan', '--json', CAR])).stdout).files[0] as { width: number; height: number; findings: JsonFinding[] };
    const visual = withVisual.findings.filter((f) => f.source === 'visual');
    expect(visual.length).toBeGreaterThan(0);
    expect(visual.some((f) => f.category === 'vehicle')).toBe(true);
    // Every check ran (no "could not be checked" notice), and every finding is located.
    expect(visual.filter((f) => f.category === 'other').map((f) => f.id)).toEqual([]);
    for (const f of visual) {
      expect(f.box).toHaveLength(4);
      const [x, y, w, h] = f.box!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(meta.width! + 1);
      expect(y + h).toBeLessThanOrEqual(meta.height! + 1);
    }
    const without = JSON.parse((await run(['scan', '--json', '--no-visual', CAR])).stdout).files[0] as { findings: JsonFinding[] };
    expect(without.findings.filter((f) => f.source === 'visual')).toEqual([]);
  }, 180_000);
});

describe('clean --redact', () => {
  it('fills every reported vehicle region solid in a re-encoded copy, and rejects unknown categories', async () => {
    const scan = JSON.parse((await run(['scan', '--json', CAR])).stdout).files[0] as { findings: JsonFinding[] };
    const boxes = scan.findings.filter((f) => f.category === 'vehicle' && f.box).map((f) => f.box!);
    expect(boxes.length).toBeGreaterThan(0);
    const r = await run(['clean', '--json', '--out', dir, '--redact', 'vehicle', CAR]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout).files[0] as { output: string; reencoded: boolean; removed: string[] };
    expect(out.reencoded).toBe(true);
    const { data, info } = await sharp(out.output).raw().toBuffer({ resolveWithObject: true });
    for (const [x, y, w, h] of boxes) {
      // Sample the inside of each box (a 2-pixel margin for JPEG edge ringing): every pixel is the fill.
      let far = 0;
      let n = 0;
      for (let yy = Math.ceil(y) + 2; yy < Math.floor(y + h) - 2; yy += 3) {
        for (let xx = Math.ceil(x) + 2; xx < Math.floor(x + w) - 2; xx += 3) {
          const i = (yy * info.width + xx) * info.channels;
          const d = Math.abs(data[i]! - REDACTION_FILL[0]) + Math.abs(data[i + 1]! - REDACTION_FILL[1]) + Math.abs(data[i + 2]! - REDACTION_FILL[2]);
          if (d > 12) far++;
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
      expect(far / n).toBeLessThan(0.01);
    }
    const bad = await run(['clean', '--redact', 'gps', CAR]);
    expect(bad.code).toBe(2);
  }, 180_000);
});
