// @vitest-environment jsdom
// A batch of real photos (real reports from the engine): the summary at the top, the "problems
// only" filter, thumbnails, arrow keys in the list, focus kept, "Save all" waiting for the check
// to end, and "Clear the list" undone.
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { summarizeBatch } from '../../shared/batch-summary.js';
import type { FileReport } from '../../shared/report.js';
import { createFakeApi, metadataPhoto, realReports, removeFakeApiDirs } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const FILES = [
  metadataPhoto('exifsamples__DSCN0010.jpg'), // GPS: fix before posting
  metadataPhoto('exifsamples__portrait_6.jpg'), // nothing serious in the hidden information
  metadataPhoto('exifr__png_with_exif_and_gps.png'), // GPS too
  metadataPhoto('exifcleaner__corrupted.jpg'), // cannot be read
];
const NAMES = FILES.map((f) => f.split('/').pop() ?? f);
let reports: FileReport[];

beforeAll(async () => {
  reports = await realReports(FILES);
});

async function openBatch() {
  const api = createFakeApi({ reports, settings: { visual: false } });
  const utils = renderApp(api);
  await utils.user.click(screen.getByRole('button', { name: 'Choose photos' }));
  const list = await screen.findByRole('list', { name: 'Checked photos' });
  await within(list).findByText(NAMES[3]!);
  await waitFor(() => expect(screen.queryByRole('region', { name: 'Checking progress' })).not.toBeInTheDocument());
  return { api, list, ...utils };
}

const listNames = (list: HTMLElement) => within(list).getAllByRole('button').map((b) => b.querySelector('.photo-item-name')?.textContent);

describe('the batch summary', () => {
  it('counts the photos per problem from the real reports', () => {
    const s = summarizeBatch(reports);
    expect(s.total).toBe(4);
    expect(s.counts.failed).toBe(1);
    expect(s.counts['fix-before-posting']).toBe(2);
    expect(s.headline).toBe('2 of 4 photos need fixing before posting');
    expect(s.lines).toContain('2 of 4 photos show where they were taken');
    expect(s.lines[0]).toBe('2 of 4 photos show where they were taken');
    expect(s.lines).toContain('1 of 4 photos was not fully checked');
    expect(s.lines).toContain('1 of 4 photos could not be checked');
    // Never a word of "safe".
    expect([s.headline, ...s.lines].join(' ')).not.toMatch(/\bsafe\b/i);
  });

  it('says videos, or files when photos and videos are mixed, from the real reports', async () => {
    const [video] = await realReports([path.resolve(import.meta.dirname, '../../../shared/corpus/video/mei__with-gps.mov')]);
    expect(video!.format).not.toBeNull();
    expect(summarizeBatch([video!]).lines).toContain('The video shows where it was taken');
    const mixed = summarizeBatch([video!, ...reports]);
    expect(mixed.headline).toMatch(new RegExp(`^\\d+ of ${reports.length + 1} files need`));
    expect(mixed.lines.every((l) => !/photos?\b/.test(l))).toBe(true);
  }, 60_000);

  it('says it in the singular for one photo', () => {
    const s = summarizeBatch(reports.slice(0, 1));
    expect(s.headline).toBe('The photo needs fixing before posting');
    expect(s.lines).toContain('The photo shows where it was taken');
  });

  it('is shown above the list, worst first', async () => {
    await openBatch();
    const summary = screen.getByRole('region', { name: '2 of 4 photos need fixing before posting' });
    const lines = within(summary).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines[0]).toBe('2 of 4 photos show where they were taken');
    expect(lines).toContain('1 of 4 photos could not be checked');
  });
});

describe('the list of photos', () => {
  it('filters to the photos with problems and back', async () => {
    const { user, list } = await openBatch();
    expect(listNames(list)).toEqual(NAMES);
    const filter = screen.getByRole('checkbox', { name: 'Only photos with problems (3)' });
    await user.click(filter);
    const filtered = screen.getByRole('list', { name: 'Checked photos' });
    expect(listNames(filtered)).toEqual([NAMES[0], NAMES[2], NAMES[3]]);
    await user.click(filter);
    expect(listNames(screen.getByRole('list', { name: 'Checked photos' }))).toEqual(NAMES);
  });

  it('shows a thumbnail of each readable photo', async () => {
    const { api, list } = await openBatch();
    await waitFor(() => expect(list.querySelectorAll('.photo-thumb img')).toHaveLength(3));
    // Small previews, asked for the readable photos only.
    const asked = api.calls.filter((c) => c.name === 'getPreview' && (c.input as { maxSize: number }).maxSize <= 200).map((c) => (c.input as { path: string }).path);
    expect(new Set(asked)).toEqual(new Set(FILES.slice(0, 3)));
  });

  it('moves through the list with the arrow keys, one Tab stop for the whole list', async () => {
    const { user, list } = await openBatch();
    const items = within(list).getAllByRole('button');
    expect(items.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    items[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('heading', { level: 2, name: NAMES[1] })).toBeInTheDocument();
    expect(within(list).getAllByRole('button')[1]).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('heading', { level: 2, name: NAMES[3] })).toBeInTheDocument();
    expect(within(list).getAllByRole('button')[3]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(list).getAllByRole('button')[3]).toHaveFocus();
    await user.keyboard('{Home}{ArrowUp}');
    expect(screen.getByRole('heading', { level: 2, name: NAMES[0] })).toBeInTheDocument();
    // Tab leaves the list rather than walking through every photo.
    await user.tab();
    expect(within(list).queryAllByRole('button').some((b) => b === document.activeElement)).toBe(false);
  });

  it('keeps focus on the list when the button that had it goes away', async () => {
    const api = createFakeApi({ reports, settings: { visual: false } });
    const { user } = renderApp(api);
    screen.getByRole('button', { name: 'Choose photos' }).focus();
    await user.keyboard('{Enter}');
    const list = await screen.findByRole('list', { name: 'Checked photos' });
    await within(list).findByText(NAMES[3]!);
    await waitFor(() => expect(within(list).getAllByRole('button')[0]).toHaveFocus());
  });

  it('waits for the check to end before saving all', async () => {
    const { api } = await openBatch();
    const saveAll = screen.getByRole('button', { name: 'Save all safe copies' });
    expect(saveAll).toBeEnabled();
    act(() => api.emit({ type: 'started', batchId: 'more', total: 2 }));
    expect(saveAll).toBeDisabled();
    expect(screen.getByText('You can save them all when checking is done.')).toBeInTheDocument();
    act(() => api.emit({ type: 'done', batchId: 'more', cancelled: false }));
    expect(saveAll).toBeEnabled();
  });

  it('clears the list and brings it back with Undo', async () => {
    const { user } = await openBatch();
    await user.click(screen.getByRole('button', { name: new RegExp(NAMES[2]!.replace(/\./g, '\\.')) }));
    await user.click(screen.getByRole('button', { name: 'Clear the list' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Drop photos or a folder here' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('The list of 4 photos was cleared.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(listNames(screen.getByRole('list', { name: 'Checked photos' }))).toEqual(NAMES);
    expect(screen.getByRole('heading', { level: 2, name: NAMES[2] })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });
});

describe('the trainers report', () => {
  it('exports the checked photos, with the areas each copy covers, and says where the file went', async () => {
    const { api, user } = await openBatch();
    await user.click(screen.getByRole('button', { name: 'Export report…' }));
    const dialog = screen.getByRole('dialog', { name: 'Export a report' });
    expect(within(dialog).getByRole('radio', { name: /Web page/ })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Export…' }));
    const status = await within(dialog).findByText('The report is saved:');
    expect(status).toBeInTheDocument();
    const call = api.calls.find((c) => c.name === 'exportReport')?.input as { items: Array<{ path: string }>; format: string };
    expect(call.format).toBe('html');
    expect(call.items.map((i) => i.path)).toEqual(FILES);
    const written = readFileSync(path.join(api.outDir, 'exposure-report.html'), 'utf8');
    expect(written).toContain('2 of 4 photos need fixing before posting');
    await user.click(within(dialog).getByRole('button', { name: 'Show in folder' }));
    expect(api.calls.find((c) => c.name === 'showInFolder')?.input).toEqual({ path: path.join(api.outDir, 'exposure-report.html') });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
