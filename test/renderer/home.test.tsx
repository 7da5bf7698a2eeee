// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../shared/report.js';
import { createFakeApi, removeFakeApiDirs, metadataPhoto, realReports } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const GPS_PHOTO = metadataPhoto('exifsamples__DSCN0010.jpg');
const PLAIN_PHOTO = metadataPhoto('exifsamples__BlueSquare.jpg');
let reports: FileReport[];

beforeAll(async () => {
  reports = await realReports([GPS_PHOTO, PLAIN_PHOTO]);
});

describe('home screen', () => {
  it('offers a drop zone, both choose buttons and the reassurance', async () => {
    renderApp(createFakeApi({ reports }));
    expect(screen.getByRole('heading', { level: 1, name: 'Drop photos or a folder here' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose photos' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose a folder' })).toBeInTheDocument();
    expect(screen.getByText(/Everything stays on this computer\. Nothing is uploaded\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Settings' })).toBeInTheDocument();
  });

  it('chooses photos with the keyboard alone, scans them with the saved settings and lists each one', async () => {
    const api = createFakeApi({ reports, settings: { visual: false } });
    const { user } = renderApp(api);
    // Tab order: Settings, My exposure checklist and Before you go live in the top bar, then the two choose buttons.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'My exposure checklist' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Before you go live' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Choose photos' })).toHaveFocus();
    await user.keyboard('{Enter}');

    const list = await screen.findByRole('list', { name: 'Checked photos' });
    expect(api.calls.find((c) => c.name === 'choosePaths')?.input).toEqual({ kind: 'files' });
    expect(api.calls.find((c) => c.name === 'startScan')?.input).toEqual({ paths: [GPS_PHOTO, PLAIN_PHOTO], visual: false });
    await within(list).findByText('exifsamples__BlueSquare.jpg');
    expect(within(list).getByText('exifsamples__DSCN0010.jpg')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '2 photos checked' })).toBeInTheDocument();
  });

  it('asks for a folder with "Choose a folder"', async () => {
    const api = createFakeApi({ reports, chosenPaths: [] });
    const { user } = renderApp(api);
    await user.click(screen.getByRole('button', { name: 'Choose a folder' }));
    expect(api.calls.find((c) => c.name === 'choosePaths')?.input).toEqual({ kind: 'folder' });
    // Nothing chosen (the dialog was cancelled): nothing is scanned, the home screen stays.
    expect(api.calls.some((c) => c.name === 'startScan')).toBe(false);
    expect(screen.getByRole('heading', { level: 1, name: 'Drop photos or a folder here' })).toBeInTheDocument();
  });

  it('shows progress while a batch runs and cancels it', async () => {
    const api = createFakeApi({ reports });
    const { user } = renderApp(api);
    act(() => {
      api.emit({ type: 'started', batchId: 'b1', total: 2 });
      api.emit({ type: 'file', batchId: 'b1', index: 0, total: 2, report: reports[0]! });
      api.emit({ type: 'progress', batchId: 'b1', done: 1, total: 2, current: reports[0]!.path });
    });
    expect(await screen.findByText('Checking photos: 1 of 2')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Checking photos' })).toHaveAttribute('value', '1');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.calls.find((c) => c.name === 'cancelScan')?.input).toEqual({ batchId: 'b1' });
    act(() => api.emit({ type: 'done', batchId: 'b1', cancelled: true }));
    expect(await screen.findByText(/Checking was stopped/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('checks dropped photos by their real paths', async () => {
    const api = createFakeApi({ reports });
    const dropped = new Map<File, string>([[new File(['x'], 'exifsamples__DSCN0010.jpg', { type: 'image/jpeg' }), GPS_PHOTO]]);
    api.pathForDroppedFile = (file) => dropped.get(file) ?? '';
    renderApp(api);
    const zone = screen.getByRole('heading', { level: 1, name: 'Drop photos or a folder here' });
    fireEvent.dragOver(zone, { dataTransfer: { files: [...dropped.keys()] } });
    expect(zone.closest('.drop-zone')).toHaveClass('dragging');
    fireEvent.drop(zone, { dataTransfer: { files: [...dropped.keys()] } });
    await screen.findByRole('list', { name: 'Checked photos' });
    expect(api.calls.find((c) => c.name === 'startScan')?.input).toEqual({ paths: [GPS_PHOTO], visual: true });
  });

  it('says what to do when dropped files have no path', async () => {
    const api = createFakeApi({ reports });
    renderApp(api);
    const zone = screen.getByRole('heading', { level: 1, name: 'Drop photos or a folder here' });
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], 'a.jpg')] } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Use "Choose photos" or "Choose a folder" instead.');
    expect(api.calls.some((c) => c.name === 'startScan')).toBe(false);
  });
});
