// @vitest-environment jsdom
// Marking more to cover, with the keyboard alone (the pointer path is the E2E test's): add a
// rectangle, move and resize it, switch to coarse squares, undo, remove; the drawn area then goes
// into the same copy pipeline, and the real cleaner covers it in the copy.
import '@testing-library/jest-dom/vitest';
import { existsSync } from 'node:fs';
import { cleanup, screen, within } from '@testing-library/react';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoverArea } from '../../shared/cover.js';
import { pixelateBlockSize } from '../../shared/clean/redact.js';
import type { FileReport } from '../../shared/report.js';
import { createFakeApi, metadataPhoto, realReports, removeFakeApiDirs } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const PHOTO = metadataPhoto('exifsamples__DSCN0010.jpg');
let report: FileReport;

beforeAll(async () => {
  [report] = (await realReports([PHOTO])) as [FileReport];
});

async function openEditor() {
  const api = createFakeApi({ reports: [report], settings: { visual: false } });
  const utils = renderApp(api);
  await utils.user.click(screen.getByRole('button', { name: 'Choose photos' }));
  await utils.user.click(await screen.findByRole('button', { name: 'Mark more to cover…' }));
  const editor = screen.getByRole('region', { name: 'Mark what to cover' });
  return { api, editor, ...utils };
}

const drawnBoxes = (editor: HTMLElement) =>
  Array.from(editor.querySelectorAll('.cover-box')).map((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a))));

describe('marking more to cover', () => {
  it('adds, moves, resizes, removes and undoes an area with the keyboard', async () => {
    const { editor, user } = await openEditor();
    const W = report.width!;
    const H = report.height!;
    await user.click(within(editor).getByRole('button', { name: 'Add a rectangle' }));
    expect(drawnBoxes(editor)).toEqual([[(W - W / 4) / 2, (H - H / 4) / 2, W / 4, H / 4]]);
    const item = within(editor).getByRole('button', { name: 'Area you marked (1)' });
    await user.click(item);
    await user.keyboard('{ArrowRight}');
    const step = Math.max(W, H) / 50;
    expect(drawnBoxes(editor)[0]![0]).toBeCloseTo((W - W / 4) / 2 + step);
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(drawnBoxes(editor)[0]![3]).toBeCloseTo(H / 4 + step);
    await user.keyboard('{Control>}z{/Control}');
    expect(drawnBoxes(editor)[0]![3]).toBeCloseTo(H / 4);
    await user.keyboard('{Delete}');
    expect(drawnBoxes(editor)).toEqual([]);
    await user.click(within(editor).getByRole('button', { name: 'Undo' }));
    expect(drawnBoxes(editor)).toHaveLength(1);
  });

  it('sends what was drawn into the safe copy, covered the way chosen, and the copy is covered there', async () => {
    const { api, editor, user } = await openEditor();
    await user.click(within(editor).getByRole('button', { name: 'Add a rectangle' }));
    await user.click(within(editor).getByRole('button', { name: 'Coarse squares' }));
    await user.click(within(editor).getByRole('button', { name: 'Done' }));
    expect(screen.getByText(/The dark area is covered in the safe copy/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save safe copy' }));
    await screen.findByText('The copy is saved', undefined, { timeout: 30_000 });
    const input = api.calls.find((c) => c.name === 'saveSafeCopies')?.input as { items: Array<{ path: string; cover: CoverArea[] }> };
    const area = input.items[0]!.cover[0]!;
    expect(area).toMatchObject({ shape: 'box', mode: 'pixelate', from: { kind: 'drawn' } });
    const output = screen.getByText(/\.clean\.jpg$/).textContent!;
    expect(existsSync(output)).toBe(true);
    // Coarse squares: inside one square of the copy (the first, at the area's corner) the pixels are one colour.
    const [x, y, w, h] = (area as Extract<CoverArea, { shape: 'box' }>).box;
    const block = pixelateBlockSize({ x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(h) });
    const centre = { left: Math.ceil(x) + Math.ceil(block / 4), top: Math.ceil(y) + Math.ceil(block / 4), width: Math.floor(block / 2), height: Math.floor(block / 2) };
    const crop = await sharp(output).rotate().extract(centre).raw().toBuffer();
    const original = await sharp(PHOTO).rotate().extract({ ...centre, width: 40, height: 40 }).stats();
    expect(Math.max(...original.channels.map((c) => c.stdev))).toBeGreaterThan(5);
    const first = [crop[0], crop[1], crop[2]];
    for (let i = 0; i < crop.length; i += 3) expect(Math.abs(crop[i]! - first[0]!) + Math.abs(crop[i + 1]! - first[1]!) + Math.abs(crop[i + 2]! - first[2]!)).toBeLessThan(12);
  });
});
