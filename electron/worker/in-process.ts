// The file worker's protocol without a second thread: the same serve loop and client, joined by
// an in-memory link that copies every message (structuredClone) like a real worker boundary.
// For tests of the adapter and of the services; the app and the bridge use real workers.
import type { WorkerChannel, WorkerRequest, WorkerResponse } from './protocol.js';
import { serveWorkerRequests, type FileOps } from './serve.js';

export function inProcessWorker(files: FileOps): WorkerChannel {
  const toWorker: Array<(message: WorkerRequest) => void> = [];
  const toMain: Array<(message: WorkerResponse) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  let stopped = false;
  serveWorkerRequests(
    {
      post: (message) => {
        if (stopped) return;
        const copy = structuredClone(message);
        setImmediate(() => toMain.forEach((listener) => listener(copy)));
      },
      onMessage: (listener) => toWorker.push(listener),
    },
    files,
  );
  return {
    post: (message) => {
      const copy = structuredClone(message);
      setImmediate(() => toWorker.forEach((listener) => listener(copy)));
    },
    onMessage: (listener) => toMain.push(listener),
    onExit: (listener) => exitListeners.push(listener),
    terminate: () => {
      if (stopped) return;
      stopped = true;
      exitListeners.forEach((listener) => listener(0));
    },
  };
}
