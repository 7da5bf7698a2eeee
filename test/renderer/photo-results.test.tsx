// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blocksPosting, SEVERITIES, type GpsValue } from '../../shared/findings.js';
import type { CleanReport, FileReport } from '../../shared/report.js';
import { groupFindings } from '../../shared/finding-groups.js';
import { createFakeApi, removeFakeApiDirs, metadataPhoto, realReports } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

const GPS_PHOTO = metadataPhoto('exifsamples__DSCN0010.jpg');
let report: FileReport;

beforeAll(async () => {
  [report] = (await realReports([GPS_PHOTO])) as [FileReport];
});

async function openScannedPhoto() {
  const api = createFakeApi({ reports: [report] });
  const utils = renderApp(api);
  await utils.user.click(screen.getByRole('button', { name: 'Choose photos' }));
  await screen.findByRole('heading', { level: 2, name: 'exifsamples__DSCN0010.jpg' });
  return { api, ...utils };
}

describe('a scanned photo with findings', () => {
  it('gives a verdict with the number of serious problems', async () => {
    const serious = report.findings.filter(blocksPosting).length;
    expect(serious).toBeGreaterThan(0);
    await openScannedPhoto();
    expect(screen.getByText('Fix before posting', { selector: '.verdict-title' })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`^${serious} problems? found`))).toBeInTheDocument();
  });

  it('lists one entry per kind of problem, worst first, and says for every finding what the copy does', async () => {
    await openScannedPhoto();
    const findings = screen.getByRole('region', { name: 'What we found' });
    const { groups, maybe } = groupFindings(report.findings);
    expect(groups.length).toBeGreaterThan(1);
    const list = within(findings).getByRole('list', { name: 'Problems, worst first' });
    const entries = within(list).getAllByRole('heading', { level: 4 }).filter((h) => h.closest('.finding-kind')?.parentElement === list);
    // Kinds with one finding show it by its own title; kinds with more show the summary line.
    expect(entries.map((h) => h.textContent)).toEqual(groups.map((g) => (g.findings.length === 1 ? g.findings[0]!.title : g.summary)));
    const ranks = groups.map((g) => SEVERITIES.indexOf(g.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    if (maybe.length) expect(within(findings).getByRole('region', { name: /Maybe, have a look/ })).toBeInTheDocument();
    // Every finding says what the safe copy does.
    expect(within(findings).getAllByText('What the safe copy does:')).toHaveLength(report.findings.length);
  });

  it('shows the location in decimal degrees with its precision in metres', async () => {
    const gps = report.findings.find((f) => f.category === 'location' && typeof f.value === 'object' && f.value !== null && 'latitude' in f.value);
    expect(gps).toBeDefined();
    const value = gps!.value as GpsValue;
    await openScannedPhoto();
    const card = screen.getByRole('listitem', { name: gps!.title });
    expect(within(card).getByText(new RegExp(`${value.latitude.toFixed(5)}, ${value.longitude.toFixed(5)} \\(accurate to about [\\d.]+ k?m\\)`))).toBeInTheDocument();
    expect(within(card).getByText(gps!.explanation)).toBeInTheDocument();
    // In plain words (the nearest town, offline) and on a small map drawn from the worker's outlines.
    expect(report.gps?.place?.text).toBe('near Arezzo, Italy');
    expect(within(card).getByText(/near Arezzo, Italy, to within/)).toBeInTheDocument();
    const map = within(card).getByRole('img', { name: /^Map: the photo was taken near Arezzo, Italy/ });
    expect(map.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
  });

  it('shows the preview and the hidden thumbnail found inside the file', async () => {
    expect(report.embeddedImages.length).toBeGreaterThan(0);
    const { api } = await openScannedPhoto();
    const preview = await screen.findByRole('img', { name: 'Preview of exifsamples__DSCN0010.jpg' });
    expect(preview.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    const hidden = await screen.findAllByRole('img', { name: /Hidden picture stored inside the file/ });
    expect(hidden[0]!.getAttribute('src')).toMatch(/^data:image\//);
    expect(api.calls.filter((c) => c.name === 'getEmbeddedImage').map((c) => c.input)).toContainEqual({
      path: GPS_PHOTO,
      findingId: report.embeddedImages[0]!.findingId,
    });
  });

  it('saves a safe copy, says where it went, shows it beside the original, and opens it or its folder', async () => {
    const { api, user } = await openScannedPhoto();
    await user.click(screen.getByRole('button', { name: 'Save safe copy' }));
    const saved = await screen.findByText('The copy is saved');
    const box = saved.closest('.save-result') as HTMLElement;
    const output = path.join(api.outDir, 'exifsamples__DSCN0010.clean.jpg');
    expect(within(box).getByText(output)).toBeInTheDocument();
    expect(existsSync(output)).toBe(true);
    expect(within(box).getByText(/The picture itself was not changed/)).toBeInTheDocument();
    // What the real cleaner removed and kept is listed, in its words.
    const report = (await api.saveSafeCopies({ items: [{ path: GPS_PHOTO }], force: true })) as { ok: true; value: { reports: CleanReport[] } };
    const clean = report.value.reports[0]!;
    expect(clean.removed.length).toBeGreaterThan(0);
    expect(within(box).getByText(`What was taken out (${clean.removed.length})`)).toBeInTheDocument();
    for (const line of clean.removed) expect(within(box).getByText(line)).toBeInTheDocument();
    expect(api.calls.filter((c) => c.name === 'saveSafeCopies')[0]?.input).toEqual({ items: [{ path: GPS_PHOTO }] });
    await user.click(within(box).getByRole('button', { name: 'Open the copy' }));
    expect(api.calls.find((c) => c.name === 'openCopy')?.input).toEqual({ path: output });
    await user.click(within(box).getByRole('button', { name: 'Show in folder' }));
    expect(api.calls.find((c) => c.name === 'showInFolder')?.input).toEqual({ path: output });
    // Before and after: the copy is read back from the file written, and the original is one click away.
    expect(await screen.findByRole('img', { name: 'The safe copy, exifsamples__DSCN0010.clean.jpg' })).toBeInTheDocument();
    expect(api.calls.some((c) => c.name === 'getPreview' && (c.input as { path: string }).path === output)).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    const slider = screen.getByRole('slider', { name: 'Move the line between the original and the safe copy' });
    expect(screen.getByRole('img', { name: /original on the left, the safe copy on the right, split at 50%/ })).toBeInTheDocument();
    // (jsdom has no keyboard behaviour for range inputs; the E2E test moves it with the keys.)
    fireEvent.change(slider, { target: { value: '70' } });
    expect(screen.getByRole('img', { name: /split at 70%/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Original' }));
    expect(screen.getByRole('img', { name: 'Preview of exifsamples__DSCN0010.jpg' })).toBeInTheDocument();
    // The list says what the copy's own re-check said, as the verdict above does.
    const copyVerdict = screen.getByText(/copy/i, { selector: '.verdict-title' }).textContent!;
    expect(['Nothing found in the copy', 'The copy still needs fixing', 'Copy saved, not fully checked']).toContain(copyVerdict);
    expect(within(screen.getByRole('list', { name: 'Checked photos' })).getByText(copyVerdict)).toBeInTheDocument();
  });
});
