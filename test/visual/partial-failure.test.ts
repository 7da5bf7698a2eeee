// One failing detector must not hide what the others found: the user sees the rest, and the check
// that could not run is named so the verdict can say the photo was not fully checked.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../shared/visual/detectors/patterns/matchability.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/visual/detectors/patterns/matchability.js')>();
  return { ...real, matchabilityMap: async () => Promise.reject(new Error('simulated failure of one detector')) };
});

const { decodeRgb, detectVisual } = await import('../../shared/visual/index.js');
const scenes = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

describe('a detector that fails', () => {
  it('leaves the other findings in place and names the failed check', async () => {
    const image = await decodeRgb(new Uint8Array(readFileSync(path.join(scenes, 'openalpr_us__car1.jpg'))), 'jpeg');
    const { findings, failedChecks } = await detectVisual(image, { categories: ['vehicle', 'matchable-area'] });
    expect(findings.some((f) => f.category === 'vehicle')).toBe(true);
    expect(failedChecks).toEqual(['distinctive areas']);
    expect(findings.some((f) => f.category === 'matchable-area')).toBe(false);
  }, 120_000);
});
