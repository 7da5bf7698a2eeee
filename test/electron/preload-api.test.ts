// The preload's API, tested by capturing what it would expose (as Podman Desktop does): named
// functions only, one channel per call, and no Electron object ever reaching the page.
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, FRAME_PORT_CHANNEL, SCAN_EVENT_CHANNEL, channelFor, type ScanEvent } from '../../shared/api/contract.js';
import { buildExposureApi, type IpcRendererLike } from '../../electron/preload-api.js';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
    emit(channel: string, event: unknown, payload: unknown) {
      for (const listener of listeners.get(channel) ?? []) listener(event, payload);
    },
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
  } satisfies IpcRendererLike & Record<string, unknown>;
  return ipc;
}

describe('buildExposureApi', () => {
  it('exposes exactly one function per call plus onScanEvent, onChecklistEvent, the frame port functions and pathForDroppedFile, nothing else', () => {
    const api = buildExposureApi(fakeIpcRenderer(), () => '');
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'framePort', 'onChecklistEvent', 'onScanEvent', 'pathForDroppedFile'].sort());
    const { framePort, ...rest } = api;
    for (const value of Object.values(rest)) expect(typeof value).toBe('function');
    expect(Object.keys(framePort).sort()).toEqual(['onMessage', 'sendFrame', 'setBudget', 'start', 'stop']);
    for (const value of Object.values(framePort)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each call on its own channel with exactly one argument', async () => {
    const ipc = fakeIpcRenderer();
    const api = buildExposureApi(ipc, () => '');
    for (const name of CALL_NAMES) {
      const call = api[name] as (input: unknown, ...extra: unknown[]) => Promise<unknown>;
      const result = await call({ marker: name }, 'extra-argument');
      expect(result).toEqual({ ok: true, value: { channel: channelFor(name), args: [{ marker: name }] } });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(CALL_NAMES.length);
  });

  it('delivers scan events without the IPC event object, and unsubscribes', () => {
    const ipc = fakeIpcRenderer();
    const api = buildExposureApi(ipc, () => '');
    const seen: unknown[][] = [];
    const unsubscribe = api.onScanEvent((...args: unknown[]) => seen.push(args));
    const event: ScanEvent = { type: 'done', batchId: 'b1', cancelled: false };
    const electronEvent = { sender: { send: () => undefined }, ports: [] };
    ipc.emit(SCAN_EVENT_CHANNEL, electronEvent, event);
    expect(seen).toEqual([[event]]);
    unsubscribe();
    expect(ipc.count(SCAN_EVENT_CHANNEL)).toBe(0);
    ipc.emit(SCAN_EVENT_CHANNEL, electronEvent, event);
    expect(seen).toHaveLength(1);
  });

  it('refuses a non-function listener and asks webUtils for dropped file paths', () => {
    const getPath = vi.fn(() => '/home/me/photo.jpg');
    const api = buildExposureApi(fakeIpcRenderer(), getPath);
    expect(() => api.onScanEvent('nope' as never)).toThrow(TypeError);
    const file = { name: 'photo.jpg' } as File;
    expect(api.pathForDroppedFile?.(file)).toBe('/home/me/photo.jpg');
    expect(getPath).toHaveBeenCalledWith(file);
  });
});

describe('the frame port in the preload', () => {
  function fakePort() {
    return { posted: [] as unknown[], closed: false, onmessage: null as ((e: { data: unknown }) => void) | null, postMessage(m: unknown) { this.posted.push(m); }, close() { this.closed = true; } };
  }

  it('opens the port through the validated call, keeps it to itself, and passes only data to the page', async () => {
    const ipc = fakeIpcRenderer();
    const port = fakePort();
    ipc.invoke.mockImplementationOnce((async (channel: string) => {
      expect(channel).toBe(channelFor('openFramePort'));
      // Main sends the window's end of the channel before it answers.
      ipc.emit(FRAME_PORT_CHANNEL, { ports: [port] }, { session: 's' });
      return { ok: true, value: { session: 's' } };
    }) as never);
    const api = buildExposureApi(ipc, () => '');
    const heard: unknown[] = [];
    api.framePort.onMessage((m) => heard.push(m));
    expect(await api.framePort.start({ mode: 'guard', budget: 5 })).toEqual({ ok: true });
    expect(port.posted).toEqual([{ type: 'start', mode: 'guard', budget: 5 }]);
    const data = new Uint8Array(16 * 16 * 4);
    api.framePort.sendFrame({ time: 1, width: 16, height: 16, data });
    expect(port.posted[1]).toEqual({ type: 'frame', time: 1, width: 16, height: 16, data });
    api.framePort.setBudget(10);
    expect(port.posted[2]).toEqual({ type: 'budget', budget: 10 });
    port.onmessage?.({ data: { type: 'ready' } });
    expect(heard).toEqual([{ type: 'ready' }]);
    // Nothing the page can reach holds the port.
    expect(JSON.stringify(Object.keys(api.framePort))).not.toMatch(/port/i);
    api.framePort.stop();
    expect(port.posted.at(-1)).toEqual({ type: 'stop' });
    expect(port.closed).toBe(true);
  });

  it('says so in words when main refuses to open the port (no source chosen)', async () => {
    const ipc = fakeIpcRenderer();
    ipc.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-input', message: 'Choose a camera, a screen or a window first.' } } as never);
    const api = buildExposureApi(ipc, () => '');
    expect(await api.framePort.start({ mode: 'room-scan', budget: 5 })).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Choose a camera, a screen or a window first.' } });
  });
});
