// main.ts is Electron glue, so this one test replaces the `electron` module with a recorder and
// checks the wiring: the scheme registered before ready, the sandbox forced on, the single-instance
// lock, the session hardened (protocol with CSP, remote requests cancelled, permissions denied),
// the window's options and URL, the guards on every webContents, and IPC with the sender check.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, channelFor } from '../../shared/api/contract.js';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, SECURE_WEB_PREFERENCES } from '../../electron/security.js';

type Listener = (...args: any[]) => any;

const recorded = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  return {
    appListeners,
    ready,
    resolveReady: () => resolveReady(),
    privileged: [] as unknown[],
    sandboxEnabled: false,
    protocolHandlers: new Map<string, Listener>(),
    beforeRequest: null as Listener | null,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    displayMedia: null as Listener | null,
    windows: [] as Array<{ options: any; url: string | null; webContents: any }>,
    ipcHandlers: new Map<string, Listener>(),
    powerListeners: new Map<string, Listener[]>(),
    quit: 0,
  };
});

vi.mock('electron', () => {
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  class BrowserWindow {
    webContents = { send: vi.fn(), isDestroyed: () => false };
    constructor(public options: any) {
      recorded.windows.push({ options, url: null, webContents: this.webContents });
    }
    once() {}
    on() {}
    loadURL(url: string) {
      recorded.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      on: on(recorded.appListeners),
      enableSandbox: () => {
        recorded.sandboxEnabled = true;
      },
      requestSingleInstanceLock: () => true,
      whenReady: () => recorded.ready,
      isReady: () => true,
      quit: () => {
        recorded.quit++;
      },
      getPath: (name: string) => `/tmp/exposure-main-wiring-${name}`,
    },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes) },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, handler: Listener) => recorded.protocolHandlers.set(scheme, handler) },
        webRequest: {
          onBeforeRequest: (handler: Listener) => {
            recorded.beforeRequest = handler;
          },
          onHeadersReceived: () => undefined,
        },
        setPermissionRequestHandler: (h: Listener) => {
          recorded.permissionRequest = h;
        },
        setPermissionCheckHandler: (h: Listener) => {
          recorded.permissionCheck = h;
        },
        setDevicePermissionHandler: (h: Listener) => {
          recorded.devicePermission = h;
        },
        setDisplayMediaRequestHandler: (h: Listener) => {
          recorded.displayMedia = h;
        },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => recorded.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
    },
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    // No keyring: the checklist never offers to remember its key.
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: vi.fn(), decryptString: vi.fn() },
    powerMonitor: { on: on(recorded.powerListeners) },
    shell: { openPath: vi.fn(), openExternal: vi.fn() },
    utilityProcess: { fork: vi.fn() },
    desktopCapturer: { getSources: vi.fn(async () => [{ id: 'screen:1:0', name: 'Entire screen' }]) },
    MessageChannelMain: class {
      port1 = {};
      port2 = {};
    },
  };
});

beforeAll(async () => {
  await import('../../electron/main.js');
});
afterAll(() => {
  for (const listener of recorded.appListeners.get('before-quit') ?? []) listener();
});

describe('before the app is ready', () => {
  it('registers app:// as a secure standard scheme, forces the sandbox and takes the single-instance lock', () => {
    expect(recorded.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) },
      // Videos the user chose, for the window's player: streamed, CORS-readable, never past the CSP.
      { scheme: 'app-media', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false, stream: true, corsEnabled: true }) },
    ]);
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.appListeners.has('second-instance')).toBe(true);
    expect(recorded.quit).toBe(0);
  });
});

describe('once ready', () => {
  beforeAll(async () => {
    recorded.resolveReady();
    await recorded.ready;
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('opens one window with the secure preferences and the app:// entry, never file://', () => {
    expect(recorded.windows).toHaveLength(1);
    const [win] = recorded.windows;
    expect(win!.options.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(win!.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(win!.url).toBe(APP_ENTRY_URL);
  });

  it('serves app:// with the CSP header and 404s other hosts', async () => {
    const handler = recorded.protocolHandlers.get('app')!;
    const page: Response = await handler(new Request('app://exposure/index.html'));
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const other: Response = await handler(new Request('app://elsewhere/index.html'));
    expect(other.status).toBe(404);
    expect(other.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves on app-media:// only a video the user chose, to the app’s own origin', async () => {
    const handler = recorded.protocolHandlers.get('app-media')!;
    expect(handler).toBeDefined();
    // No video was checked yet: every token is unknown, and paths never name files.
    for (const url of ['app-media://video/0123456789abcdef0123456789abcdef', 'app-media://video/etc/passwd', 'app-media://other/x']) {
      const res: Response = await handler(new Request(url, { headers: { origin: 'app://exposure' } }));
      expect(res.status).toBe(404);
    }
  });

  it('cancels every request that is not the app itself', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://exposure/assets/app.js')).toBe(false);
    expect(decide('https://example.com/tracker.js')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app-media://video/0123456789abcdef0123456789abcdef')).toBe(false);
  });

  it('denies permissions and devices', () => {
    const callback = vi.fn();
    recorded.permissionRequest!(null, 'media', callback, { requestingUrl: APP_ENTRY_URL, isMainFrame: true, mediaTypes: ['video'] });
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.permissionCheck!(null, 'geolocation', 'app://exposure', { isMainFrame: true })).toBe(false);
    expect(recorded.devicePermission!({})).toBe(false);
  });

  it('grants the camera only after the stream screen opened and the user chose a camera, and no screen without a choice', async () => {
    const sender = { sender: recorded.windows[0]!.webContents, senderFrame: { url: APP_ENTRY_URL, parent: null } };
    const call = (name: string, input: unknown) => recorded.ipcHandlers.get(channelFor(name as never))!(sender, input);
    const camera = () => {
      const callback = vi.fn();
      recorded.permissionRequest!(null, 'media', callback, { requestingUrl: APP_ENTRY_URL, isMainFrame: true, mediaTypes: ['video'] });
      return callback.mock.calls[0]![0] as boolean;
    };
    const screen = () => {
      const callback = vi.fn();
      recorded.displayMedia!({ securityOrigin: 'app://exposure', videoRequested: true }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(await call('chooseStreamSource', { kind: 'camera' })).toMatchObject({ ok: false });
    expect(camera()).toBe(false);
    expect(screen()).toEqual({});
    expect(await call('openFramePort', {})).toMatchObject({ ok: false, error: { message: 'Choose a camera, a screen or a window first.' } });
    await call('streamScreen', { open: true });
    expect(camera()).toBe(false);
    expect(await call('chooseStreamSource', { kind: 'camera' })).toEqual({ ok: true, value: { chosen: true } });
    expect(camera()).toBe(true);
    expect(screen()).toEqual({});
    expect(await call('chooseStreamSource', { kind: 'screen', id: 'screen:1:0' })).toMatchObject({ ok: false });
    expect(await call('listScreens', {})).toEqual({ ok: true, value: { sources: [{ id: 'screen:1:0', name: 'Entire screen', kind: 'screen' }] } });
    expect(await call('chooseStreamSource', { kind: 'screen', id: 'screen:1:0' })).toEqual({ ok: true, value: { chosen: true } });
    expect(camera()).toBe(false);
    await call('streamScreen', { open: false });
    expect(camera()).toBe(false);
    expect(screen()).toEqual({});
  });

  it('guards every webContents: no navigation away, no webviews, no new windows', () => {
    const handlers = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    const contents = { on: (event: string, l: Listener) => handlers.set(event, l), setWindowOpenHandler: (h: Listener) => (openHandler = h) };
    for (const listener of recorded.appListeners.get('web-contents-created') ?? []) listener({}, contents);
    const navigate = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const frameNavigate = { url: 'https://evil.example/', preventDefault: vi.fn() };
    handlers.get('will-frame-navigate')!(frameNavigate);
    expect(frameNavigate.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('locks the exposure checklist when the computer is locked or goes to sleep', async () => {
    expect([...recorded.powerListeners.keys()].sort()).toEqual(['lock-screen', 'suspend']);
    const status = recorded.ipcHandlers.get(channelFor('checklistStatus'))!;
    const answer = await status({ sender: recorded.windows[0]!.webContents, senderFrame: { url: APP_ENTRY_URL, parent: null } }, {});
    // The checklist lives under the system's application data folder, where the CLI looks too.
    expect(answer).toMatchObject({ ok: true, value: { state: 'none', canRemember: false } });
    for (const listeners of recorded.powerListeners.values()) for (const l of listeners) l();
  });

  it('handles every call of the contract, and only for our own window’s top frame', async () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(CALL_NAMES.map(channelFor).sort());
    const handler = recorded.ipcHandlers.get(channelFor('getSettings'))!;
    const ownFrame = { url: APP_ENTRY_URL, parent: null };
    const ours = await handler({ sender: recorded.windows[0]!.webContents, senderFrame: ownFrame }, {});
    expect(ours).toMatchObject({ ok: true });
    const stranger = await handler({ sender: { other: true }, senderFrame: ownFrame }, {});
    expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
