// The window detector on real corpus photos: a window split by glazing bars is found whole, and a
// plain stretch of wall between two windows is not reported.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { coveredBy, iou } from '../../shared/visual/pixels/image-ops.js';
import type { Box, RgbImage } from '../../shared/visual/types.js';
import { detectWindows } from '../../shared/visual/detectors/windows/windows.js';
import { groupPanes } from '../../shared/visual/detectors/windows/windows-panes.js';

const SCENES = path.resolve(import.meta.dirname, '../../../shared/corpus/scenes');

async function loadScene(name: string): Promise<{ image: RgbImage; windows: Box[] }> {
  const { data, info } = await sharp(path.join(SCENES, `${name}.jpg`)).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const meta = JSON.parse(readFileSync(path.join(SCENES, `${name}.json`), 'utf8')) as { objects: { label: string; box: Box }[] };
  return {
    image: { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 },
    windows: meta.objects.filter((o) => o.label === 'window').map((o) => o.box),
  };
}

describe('detectWindows', () => {
  it('finds a tall window split into three panes by bars as one window', async () => {
    // The labelled window is a narrow slit of three bright panes one above the other.
    const { image, windows } = await loadScene('doordetect__92d37f69abfba9de');
    const found = detectWindows(image);
    expect(found.some((f) => iou(f.box!, windows[0]!) >= 0.5)).toBe(true);
  });

  it('finds the windows of a room with sunlit panes and reports each window once', async () => {
    const { image, windows } = await loadScene('handle400__door_57');
    const found = detectWindows(image);
    const hits = windows.filter((w) => found.some((f) => iou(f.box!, w) >= 0.3));
    expect(hits.length).toBeGreaterThanOrEqual(3);
    // No two findings describe the same window.
    for (const a of found) for (const b of found) if (a !== b) expect(iou(a.box!, b.box!)).toBeLessThan(0.3);
  });

  it('does not report the plain wall between two curtained windows', async () => {
    const { image } = await loadScene('coco128__000000000384');
    // The painted wall between the two windows (chosen by eye; a small plate hangs on it).
    const wall: Box = [170, 160, 105, 240];
    const found = detectWindows(image);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(coveredBy(f.box!, wall)).toBeLessThan(0.3);
    for (const f of found) expect(coveredBy(wall, f.box!)).toBeLessThan(0.3);
  });

  it('groups panes that share their edges, not neighbouring windows at other heights', () => {
    // Two panes side by side with a thin bar, and a third box at another height past a stretch of wall.
    const groups = groupPanes([
      [10, 10, 20, 40],
      [33, 10, 20, 40],
      [70, 25, 20, 40],
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.box).toEqual([10, 10, 43, 40]);
    expect(groups[0]!.panes).toBe(2);
  });
});
