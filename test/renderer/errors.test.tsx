// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../shared/report.js';
import { ERROR_HINT } from '../../renderer/state/present.js';
import { createFakeApi, removeFakeApiDirs, metadataPhoto, realReports } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const CORRUPT = metadataPhoto('exifcleaner__corrupted.jpg');
const EMPTY = metadataPhoto('exifcleaner__zero_byte.jpg');
const GOOD = metadataPhoto('exifsamples__DSCN0010.jpg');
let reports: FileReport[];

beforeAll(async () => {
  reports = await realReports([GOOD, CORRUPT, EMPTY]);
});

describe('files that could not be checked', () => {
  it('shows the plain error beside the photo and offers no safe copy', async () => {
    const corrupt = reports.find((r) => r.path === CORRUPT)!;
    expect(corrupt.error?.message).toBeTruthy();
    const api = createFakeApi({ reports });
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Choose photos' }));
    const list = await screen.findByRole('list', { name: 'Checked photos' });
    await within(list).findByText('exifcleaner__zero_byte.jpg');

    // In the list, each unreadable file says so in words.
    const corruptItem = within(list).getByRole('button', { name: /exifcleaner__corrupted\.jpg/ });
    expect(corruptItem).toHaveTextContent('Could not check');
    await user.click(corruptItem);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not check this file');
    expect(alert).toHaveTextContent(corrupt.error!.message);
    expect(alert).toHaveTextContent('Your file is exactly as it was.');
    expect(alert).toHaveTextContent(`What you can do: ${ERROR_HINT[corrupt.error!.code]}`);
    expect(screen.queryByRole('button', { name: 'Save safe copy' })).not.toBeInTheDocument();
    // No preview is asked for a file that could not be read.
    expect(api.calls.some((c) => c.name === 'getPreview' && (c.input as { path: string }).path === CORRUPT)).toBe(false);
  });

  it('leaves unreadable files out of "Save all safe copies"', async () => {
    const api = createFakeApi({ reports });
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Choose photos' }));
    await screen.findByText('exifcleaner__zero_byte.jpg');
    await user.click(screen.getByRole('button', { name: 'Save all safe copies' }));
    const readable = reports.filter((r) => !r.error).map((r) => ({ path: r.path }));
    expect(readable.length).toBeGreaterThan(0);
    expect(api.calls.find((c) => c.name === 'saveSafeCopies')?.input).toEqual({ items: readable });
    const notice = (await screen.findByText(`${readable.length} safe ${readable.length === 1 ? 'copy' : 'copies'} saved.`)).closest('.notice') as HTMLElement;
    await user.click(within(notice).getByRole('button', { name: 'Open folder' }));
    expect(api.calls.find((c) => c.name === 'openFolder')?.input).toEqual({ path: api.outDir });
  });

  it('shows a failed save beside the photo, with the reason, and can replace the earlier copy', async () => {
    const good = reports.find((r) => r.path === GOOD)!;
    const api = createFakeApi({ reports: [good] });
    const first = renderApp(api);
    await first.user.click(screen.getByRole('button', { name: 'Choose photos' }));
    await first.user.click(await screen.findByRole('button', { name: 'Save safe copy' }));
    await screen.findByText('The copy is saved');
    cleanup();

    // A new session saves the same photo again: the real cleaner will not overwrite the first copy.
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Choose photos' }));
    await user.click(await screen.findByRole('button', { name: 'Save safe copy' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The safe copy could not be saved.');
    expect(alert).toHaveTextContent(/already exists/);
    expect(within(screen.getByRole('list', { name: 'Checked photos' })).getByText('Could not save')).toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Replace the earlier safe copy' }));
    expect(api.calls.filter((c) => c.name === 'saveSafeCopies').at(-1)?.input).toEqual({ items: [{ path: GOOD }], force: true });
    expect(await screen.findByText('The copy is saved')).toBeInTheDocument();
  });
});
