// The preload's API, tested by capturing what it would expose (as Podman Desktop does): named
// functions only, one channel per call, and no Electron object ever reaching the page.
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, SCAN_EVENT_CHANNEL, channelFor, type ScanEvent } from '../../shared/api/contract.js';
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
  it('exposes exactly one function per call plus onScanEvent, onChecklistEvent and pathForDroppedFile, nothing else', () => {
    const api = buildExposureApi(fakeIpcRenderer(), () => '');
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'onChecklistEvent', 'onScanEvent', 'pathForDroppedFile'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
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
