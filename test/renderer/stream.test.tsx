// @vitest-environment jsdom
// "Before you go live" around the fake API (main's real stream calls, no stream worker): reachable
// from the top bar by keyboard, it tells main the screen is open (capture allowed only then) and
// closed again on leaving; it says plainly when there is no camera or screen to watch; and the
// room scan's verdict follows the honesty rules: "Fix these first" for a sure, serious finding,
// "Not fully checked" when a check failed, never "safe".
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CATEGORY_RULES } from '../../shared/categories.js';
import type { StreamTrack } from '../../shared/stream/port-messages.js';
import { STREAM_FIX } from '../../shared/stream/words.js';
import { RoomScanReport } from '../../renderer/components/stream/RoomScanReport.js';
import type { RoomReport } from '../../renderer/hooks/useStreamGuard.js';
import { createFakeApi, removeFakeApiDirs } from './fake-api.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
afterAll(removeFakeApiDirs);

describe('the stream screen', () => {
  it('opens from the top bar, opens and closes the way for capture, and says when nothing can be watched', async () => {
    const api = createFakeApi({ reports: [] });
    const { user } = renderApp(api);
    await user.tab();
    const button = screen.getByRole('button', { name: 'Before you go live' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Before you go live' })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.name === 'streamScreen').map((c) => c.input)).toEqual([{ open: true }]);
    // jsdom has no camera: said in words, and main was never asked to allow capture.
    await user.click(screen.getByRole('button', { name: 'Use a camera' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This computer gives the app no way to see a camera or a screen.');
    expect(api.calls.some((c) => c.name === 'chooseStreamSource')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Watch a screen or window' }));
    expect(await screen.findByText(/No screen or window can be watched here/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back to my photos' }));
    expect(api.calls.filter((c) => c.name === 'streamScreen').map((c) => c.input)).toEqual([{ open: true }, { open: false }]);
  });
});

function track(category: 'licence-plate' | 'window', over: Partial<StreamTrack> = {}): StreamTrack {
  const rule = CATEGORY_RULES[category];
  return {
    id: 1,
    category,
    severity: rule.severity,
    title: rule.title,
    explanation: rule.explanation,
    action: STREAM_FIX[category],
    box: [680, 300, 120, 40],
    firstFrame: 0,
    lastFrame: 4,
    firstSeconds: 0,
    lastSeconds: 2,
    gone: false,
    maybe: false,
    alert: true,
    where: 'on the right of the picture',
    ...over,
  };
}

const report = (tracks: StreamTrack[], failed: string[] = []): RoomReport => ({
  type: 'room-done',
  still: 'data:image/jpeg;base64,',
  width: 1280,
  height: 720,
  tracks,
  checked: ['readable text', 'licence plates', 'windows'],
  notChecked: [],
  failed,
});

describe('the room scan report', () => {
  it('puts a sure, serious finding first under "Fix these first", with where it is and a fix for a live picture', () => {
    render(<RoomScanReport report={report([track('licence-plate'), track('window', { id: 2, alert: false, severity: 'medium' })])} />);
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent('Fix these first');
    const fixes = screen.getByRole('list', { name: 'Fix before going live' });
    expect(within(fixes).getByText(CATEGORY_RULES['licence-plate'].title)).toBeInTheDocument();
    expect(fixes).toHaveTextContent(`Fix: ${STREAM_FIX['licence-plate']}`);
    expect(fixes).toHaveTextContent('Where: on the right of the picture.');
    expect(screen.getByText('Also seen')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/\bsafe\b/i);
  });

  it('never says "ready" when a check failed, and keeps unsure findings apart, one entry per kind', () => {
    const windows = [1, 2, 3].map((id) => track('window', { id: 10 + id, maybe: true, alert: false, where: id === 3 ? 'at the top left of the picture' : 'on the right of the picture' }));
    render(<RoomScanReport report={report([track('licence-plate', { maybe: true }), ...windows], ['readable text'])} />);
    expect(screen.getByText(`${CATEGORY_RULES.window.title} (3 places)`)).toBeInTheDocument();
    expect(screen.getByText(/Where: on the right of the picture; at the top left of the picture\./)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent('Not fully checked');
    expect(screen.getByText('Maybe, have a look')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Fix before going live' })).toBeNull();
    expect(screen.getByText(/These checks failed/).closest('p')).toHaveTextContent('readable text');
  });

  it('says what was checked when nothing serious was seen, and that it is no promise', () => {
    render(<RoomScanReport report={report([])} />);
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent('Ready to go live');
    expect(document.body).toHaveTextContent('cannot promise that nothing else could be recognised');
    expect(document.body).toHaveTextContent('What was checked: readable text, licence plates, windows');
    expect(document.body.textContent).not.toMatch(/\bsafe\b/i);
  });
});
