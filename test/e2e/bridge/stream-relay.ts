// TEST ONLY. The bridge's frame port: the same stream worker the app runs (electron/stream-worker.ts,
// here in a worker thread) gets one worker_threads MessagePort per session, as the app's gets a
// MessageChannelMain port. The page's end is loopback HTTP: frames are POSTed as raw RGBA to
// /stream/<session>/frame?time=&width=&height=, start and stop as JSON to /stream/<session>/control,
// and the worker's messages come back on the bridge's event stream as `stream` events. The relay
// only reshapes; the worker validates every message as it does in the app.
import { randomUUID } from 'node:crypto';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ScreenSource } from '../../../shared/api/stream-calls.js';
import type { StreamShell } from '../../../electron/services/stream-service.js';

const STREAM_THREAD_ENTRY = new URL('./stream-thread.mjs', import.meta.url);

export interface StreamRelay extends StreamShell {
  /** Passes one message from the page to a session's worker port; false when there is no such session. */
  toWorker(session: string, message: unknown): boolean;
  close(): Promise<void>;
}

export function createStreamRelay(emit: (session: string, message: unknown) => void): StreamRelay {
  let worker: Worker | null = null;
  const ports = new Map<string, MessagePort>();
  // The worker first lets its checks finish and frees its models: a thread cut off in the middle
  // of a native call can take the whole process down.
  const stopWorker = async () => {
    for (const port of ports.values()) port.close();
    ports.clear();
    const w = worker;
    worker = null;
    if (!w) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 30_000);
      w.on('message', (m: { type?: string }) => m?.type === 'closed' && (clearTimeout(timer), resolve()));
      w.once('exit', () => (clearTimeout(timer), resolve()));
      w.postMessage({ type: 'close' });
    });
    await w.terminate();
  };
  return {
    async listScreens(): Promise<ScreenSource[]> {
      // A browser has no desktopCapturer: the screen choice is the app's alone.
      return [];
    },
    async openFramePort() {
      if (!worker) {
        worker = new Worker(STREAM_THREAD_ENTRY, { stdout: false, stderr: false });
        worker.on('error', (err) => console.error('[bridge] stream worker stopped:', err));
      }
      const session = randomUUID();
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ type: 'frame-port', port: port1 }, [port1]);
      port2.on('message', (message) => emit(session, message));
      ports.set(session, port2);
      return { session };
    },
    screenClosed() {
      void stopWorker();
    },
    toWorker(session, message) {
      const port = ports.get(session);
      if (!port) return false;
      port.postMessage(message);
      return true;
    },
    close: stopWorker,
  };
}
