// Uses Node built-ins (worker_threads). Runs the file worker in a worker thread: how the Node
// bridge (and tests) keep scans off their main thread, where Electron would use a utilityProcess.
import { Worker } from 'node:worker_threads';
import type { WorkerChannel, WorkerRequest, WorkerResponse } from './protocol.js';

export interface ThreadWorkerOptions {
  /** e.g. ['--import', 'tsx'] to run the TypeScript entry directly. */
  execArgv?: string[];
  /** Told why the thread died (an uncaught error), e.g. to print it under test. */
  onError?: (err: Error) => void;
}

export function spawnThreadWorker(entry: string | URL, options: ThreadWorkerOptions = {}): WorkerChannel {
  const worker = new Worker(entry, { execArgv: options.execArgv ?? [], stdout: false, stderr: false });
  let exited = false;
  const exitListeners: Array<(code: number) => void> = [];
  const notifyExit = (code: number): void => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener(code);
  };
  worker.on('exit', notifyExit);
  // An uncaught error ends the thread; the exit event follows, which is what callers act on.
  worker.on('error', (err) => {
    options.onError?.(err);
    notifyExit(1);
  });
  return {
    post: (message: WorkerRequest) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: WorkerResponse) => listener(message)),
    onExit: (listener) => exitListeners.push(listener),
    terminate: () => void worker.terminate(),
  };
}
