// The app's stream shell (electron/stream/electron-shell.ts) with Electron's objects replaced by
// recorders: each frame port is a fresh MessageChannelMain whose one end goes to the stream worker
// (a utilityProcess started on first use, once) and the other to the window's preload on its own
// channel; main keeps neither. Closing the screen stops the worker; the screens listed are named
// plainly, as screen or window.
import { describe, expect, it, vi } from 'vitest';
import { FRAME_PORT_CHANNEL } from '../../shared/api/stream-calls.js';
import { createElectronStreamShell } from '../../electron/stream/electron-shell.js';

function recorders() {
  const child = { postMessage: vi.fn(), once: vi.fn(), kill: vi.fn() };
  const fork = vi.fn(() => child);
  const window = { isDestroyed: () => false, postMessage: vi.fn() };
  let made = 0;
  class MessageChannelMain {
    port1 = { end: 'worker', channel: made };
    port2 = { end: 'window', channel: made++ };
  }
  const desktopCapturer = { getSources: vi.fn(async () => [{ id: 'screen:0:0', name: 'Entire screen' }, { id: 'window:7:0', name: 'OBS 30.1 - Profile: Untitled' }]) };
  const shell = createElectronStreamShell({
    desktopCapturer: desktopCapturer as never,
    utilityProcess: { fork } as never,
    MessageChannelMain: MessageChannelMain as never,
    workerPath: '/app/stream-worker.cjs',
    window: () => window as never,
  });
  return { shell, child, fork, window };
}

describe('the app’s stream shell', () => {
  it('gives each frame port one end to the worker and the other to the window, starting the worker once', async () => {
    const { shell, child, fork, window } = recorders();
    const first = await shell.openFramePort();
    const second = await shell.openFramePort();
    expect(fork).toHaveBeenCalledTimes(1);
    expect(fork).toHaveBeenCalledWith('/app/stream-worker.cjs', [], expect.objectContaining({ serviceName: 'Exposure Check stream guard' }));
    expect(child.postMessage.mock.calls).toEqual([
      [{ type: 'frame-port' }, [{ end: 'worker', channel: 0 }]],
      [{ type: 'frame-port' }, [{ end: 'worker', channel: 1 }]],
    ]);
    expect(window.postMessage.mock.calls).toEqual([
      [FRAME_PORT_CHANNEL, { session: first.session }, [{ end: 'window', channel: 0 }]],
      [FRAME_PORT_CHANNEL, { session: second.session }, [{ end: 'window', channel: 1 }]],
    ]);
    expect(first.session).not.toBe(second.session);
    shell.screenClosed();
    expect(child.kill).toHaveBeenCalled();
    await shell.openFramePort();
    expect(fork).toHaveBeenCalledTimes(2);
  });

  it('lists screens and windows by name and kind', async () => {
    const { shell } = recorders();
    expect(await shell.listScreens()).toEqual([
      { id: 'screen:0:0', name: 'Entire screen', kind: 'screen' },
      { id: 'window:7:0', name: 'OBS 30.1 - Profile: Untitled', kind: 'window' },
    ]);
  });
});
