// Builds the object the preload exposes as `window.exposure`: one named function per call of the
// contract (generated from CALL_NAMES, each on its own channel), `onScanEvent`, the stream
// screen's `framePort` functions, and `pathForDroppedFile`. Only plain functions cross to the page: no ipcRenderer, no IPC event
// objects (they carry `sender`), no Electron modules. Electron's objects are passed in, so tests
// can check the shape without Electron.
import { buildFramePortApi } from './preload-frame-port.js';
import { CALL_NAMES, CHECKLIST_EVENT_CHANNEL, SCAN_EVENT_CHANNEL, channelFor, type ChecklistEvent, type ExposureApi, type ScanEvent } from '../shared/api/contract.js';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildExposureApi(ipc: IpcRendererLike, getPathForFile: (file: File) => string): ExposureApi {
  const calls: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) {
    const channel = channelFor(name);
    // Exactly one argument crosses, whatever the page passes.
    calls[name] = (input: unknown) => ipc.invoke(channel, input);
  }
  const api = {
    ...calls,
    onScanEvent(listener: (event: ScanEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onScanEvent needs a function');
      const forward = (_event: unknown, payload: unknown): void => listener(payload as ScanEvent);
      ipc.on(SCAN_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(SCAN_EVENT_CHANNEL, forward);
      };
    },
    onChecklistEvent(listener: (event: ChecklistEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onChecklistEvent needs a function');
      const forward = (_event: unknown, payload: unknown): void => listener(payload as ChecklistEvent);
      ipc.on(CHECKLIST_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(CHECKLIST_EVENT_CHANNEL, forward);
      };
    },
    framePort: buildFramePortApi(ipc),
    pathForDroppedFile(file: File): string {
      return getPathForFile(file);
    },
  };
  return api as ExposureApi;
}
