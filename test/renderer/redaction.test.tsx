// @vitest-environment jsdom
// Visual findings over the preview: a box per finding, a "Hide this in the safe copy" toggle each
// (on by default for high and critical), highlight on hover and focus, and the safe copy gets
// exactly the checked boxes. The report comes from the real visual check on a corpus street photo.
import '@testing-library/jest-dom/vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coverBoxFor, coveredByDefault } from '../../shared/copy-policy.js';
import type { FileReport } from '../../shared/report.js';
import { isRedactable } from '../../renderer/state/present.js';
import { createFakeApi, removeFakeApiDirs, scenePhoto } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

// A parked car with a readable name on it (a high finding) and the car itself (medium).
const STREET = scenePhoto('openalpr_us__car1.jpg');
let report: FileReport;

beforeAll(() => {
  // The visual stack cannot run under jsdom (its libraries take their browser paths), so the real
  // scan runs in a plain Node child process and hands back the FileReport as JSON.
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'scan-in-node.mts'), STREET], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  report = JSON.parse(out) as FileReport;
}, 900_000);

function redactable() {
  return report.findings.map((finding, index) => ({ finding, index })).filter(({ finding }) => isRedactable(finding));
}

async function openStreetPhoto() {
  const api = createFakeApi({ reports: [report] });
  const utils = renderApp(api);
  await utils.user.click(screen.getByRole('button', { name: 'Choose photos' }));
  await screen.findByRole('img', { name: 'Preview of openalpr_us__car1.jpg' });
  const overlay = document.querySelector('svg.preview-overlay');
  if (!overlay) throw new Error('no overlay drawn over the preview');
  return { api, overlay, ...utils };
}

describe('visual findings and redaction', () => {
  it('draws only what the copy will cover, in original pixels scaled by the viewBox, with no numbers', async () => {
    const items = redactable();
    expect(items.length).toBeGreaterThan(0);
    const { overlay } = await openStreetPhoto();
    expect(overlay.getAttribute('viewBox')).toBe(`0 0 ${report.width} ${report.height}`);
    const rects = Array.from(overlay.querySelectorAll('rect.box-area'));
    const covered = items.filter(({ finding }) => coveredByDefault(finding));
    expect(covered.length).toBeLessThan(items.length);
    expect(rects.map((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a))))).toEqual(covered.map((i) => i.finding.box));
    expect(overlay.querySelectorAll('text')).toHaveLength(0);
    // No inline styles anywhere: the CSP forbids them.
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('offers a toggle per finding, on by default for what the copy policy covers', async () => {
    await openStreetPhoto();
    const toggles = screen.getAllByRole('checkbox', { name: 'Hide this in the safe copy' });
    const items = redactable();
    // Both branches are exercised: something hidden by default, something left to the user.
    expect(items.some(({ finding }) => coveredByDefault(finding))).toBe(true);
    expect(items.some(({ finding }) => !coveredByDefault(finding))).toBe(true);
    expect(toggles).toHaveLength(items.length);
    for (const { finding, index } of items) {
      const card = cardFor(index);
      expect(card).toHaveAccessibleName(expect.stringContaining(finding.title));
      const toggle = within(card).getByRole('checkbox', { name: 'Hide this in the safe copy' });
      if (coveredByDefault(finding)) expect(toggle).toBeChecked();
      else expect(toggle).not.toBeChecked();
    }
  });

  it('outlines the finding under the pointer or the keyboard focus, and only then if it is not covered', async () => {
    const { overlay } = await openStreetPhoto();
    const first = redactable().find(({ finding }) => !coveredByDefault(finding))!;
    const card = cardFor(first.index);
    const group = () => overlay.querySelector(`[data-finding-index="${first.index}"]`);
    expect(group()).toBeNull();
    fireEvent.mouseEnter(card);
    expect(group()).toHaveClass('box-highlighted');
    fireEvent.mouseLeave(card);
    expect(group()).toBeNull();
    within(card).getByRole('checkbox').focus();
    await waitFor(() => expect(group()).toHaveClass('box-highlighted'));
  });

  it('saves a safe copy with exactly the checked areas covered', async () => {
    const { api, user, overlay } = await openStreetPhoto();
    const items = redactable();
    // Also hide one the user must opt into, with the keyboard, then save.
    const first = items.find(({ finding }) => !coveredByDefault(finding))!;
    const card = cardFor(first.index);
    const toggle = within(card).getByRole('checkbox');
    const wasChecked = (toggle as HTMLInputElement).checked;
    toggle.focus();
    await user.keyboard(' ');
    expect(toggle).toHaveProperty('checked', !wasChecked);
    expect(overlay.querySelector(`[data-finding-index="${first.index}"]`)?.classList.contains('box-hidden') ?? false).toBe(!wasChecked);

    const expected = items
      .filter(({ finding, index }) => (index === first.index ? !wasChecked : coveredByDefault(finding)))
      .map(({ finding }) => ({ shape: 'box', box: coverBoxFor({ ...finding, box: finding.box! }), mode: 'fill', from: { kind: 'finding', findingId: finding.id } }));
    await user.click(screen.getByRole('button', { name: 'Save safe copy' }));
    const saved = await screen.findByText('The copy is saved', undefined, { timeout: 30_000 });
    const input = api.calls.find((c) => c.name === 'saveSafeCopies')?.input as { items: Array<{ path: string; cover?: unknown; keep?: unknown }> };
    expect(input.items).toEqual([{ path: STREET, cover: expected, keep: [] }]);
    const box = saved.closest('.save-result') as HTMLElement;
    expect(existsSync(within(box).getByText(/\.clean\.jpg$/).textContent!)).toBe(true);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(within(box).getByText(/re-encoded/)).toBeInTheDocument();
  });
});

function cardFor(index: number): HTMLElement {
  const card = screen.getAllByRole('listitem').find((li) => li.getAttribute('aria-labelledby') === `finding-${index}-title`);
  if (!card) throw new Error(`no card for finding ${index}`);
  return card;
}
