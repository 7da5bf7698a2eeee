// The frame port as the preload exposes it: plain functions (start, sendFrame, setBudget, stop, onMessage).
// The port itself (a MessagePort main sends on FRAME_PORT_CHANNEL) stays in the preload's world;
// the page never holds it, so it can neither keep it nor hand it elsewhere.
import { FRAME_PORT_CHANNEL, type FramePortApi } from '../shared/api/stream-calls.js';
import { channelFor, type Result } from '../shared/api/contract.js';
import type { FromStreamWorker } from '../shared/stream/port-messages.js';

/** The parts of ipcRenderer the frame port uses. */
interface PortIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The parts of a DOM MessagePort the preload uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

const PORT_TIMEOUT_MS = 10_000;
const NO_PORT = { code: 'internal', message: 'The part of the app that watches the picture did not start. Please try again.' };

export function buildFramePortApi(ipc: PortIpc): FramePortApi {
  let port: PortLike | null = null;
  let arrived: ((port: PortLike) => void) | null = null;
  const listeners = new Set<(message: FromStreamWorker) => void>();

  ipc.on(FRAME_PORT_CHANNEL, (event) => {
    const next = (event as { ports?: PortLike[] } | null)?.ports?.[0];
    if (!next) return;
    port?.close();
    port = next;
    next.onmessage = (message) => {
      for (const listener of listeners) listener(message.data as FromStreamWorker);
    };
    arrived?.(next);
    arrived = null;
  });

  return {
    async start(options) {
      const open = new Promise<PortLike | null>((resolve) => {
        arrived = resolve;
        setTimeout(() => resolve(null), PORT_TIMEOUT_MS);
      });
      const result = (await ipc.invoke(channelFor('openFramePort'), {})) as Result<unknown>;
      if (!result.ok) {
        arrived = null;
        return result;
      }
      const ready = await open;
      if (!ready) return { ok: false, error: NO_PORT };
      ready.postMessage({ type: 'start', mode: options.mode, budget: options.budget });
      return { ok: true };
    },
    sendFrame(frame) {
      port?.postMessage({ type: 'frame', time: frame.time, width: frame.width, height: frame.height, data: frame.data });
    },
    setBudget(budget) {
      port?.postMessage({ type: 'budget', budget });
    },
    stop() {
      port?.postMessage({ type: 'stop' });
      port?.close();
      port = null;
    },
    onMessage(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMessage needs a function');
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
