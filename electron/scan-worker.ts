// Entry of the file worker: scans, previews and safe copies run here, off the main process.
// In the app it is an Electron utilityProcess (process.parentPort); under the Node bridge it is a
// worker_threads Worker (parentPort). Both speak the protocol in worker/protocol.ts.
import { parentPort as threadPort } from 'node:worker_threads';
import { FILE_OPS } from './worker/file-ops.js';
import type { WorkerEndpoint, WorkerRequest, WorkerResponse } from './worker/protocol.js';
import { serveWorkerRequests } from './worker/serve.js';

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function connect(): WorkerEndpoint {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message: WorkerResponse) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as WorkerRequest)),
    };
  }
  if (threadPort) {
    const port = threadPort;
    return {
      post: (message: WorkerResponse) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (message: WorkerRequest) => listener(message)),
    };
  }
  throw new Error('scan-worker must run as a utilityProcess or a worker thread');
}

serveWorkerRequests(connect(), FILE_OPS);
