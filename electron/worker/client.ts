// The main-process side of the file worker: numbers each request, routes each response to whoever
// asked, turns a worker crash into a plain error for everything in flight, and starts a fresh
// worker on the next request. It never touches a photo itself.
import { ERROR_CODES, ExposureError, type ErrorCode, type UserError } from '../../shared/errors.js';
import type { FileReport } from '../../shared/report.js';
import type { ScanRequestData } from '../../shared/scan/request.js';
import type { TaskOf, TaskOp, TaskOutputs, WorkerChannel, WorkerResponse } from './protocol.js';

export type ScanUpdate =
  | { type: 'started'; total: number }
  | { type: 'checking'; index: number; total: number; path: string }
  | { type: 'file'; index: number; total: number; report: FileReport }
  | { type: 'done'; cancelled: boolean }
  | { type: 'error'; error: UserError };

export interface ScanHandle {
  cancel(): void;
}

export const WORKER_STOPPED_MESSAGE = 'The part of the app that reads photos stopped unexpectedly. Please try again.';

interface PendingTask {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export class FileWorkerClient {
  private channel: WorkerChannel | null = null;
  private nextSeq = 1;
  private readonly tasks = new Map<number, PendingTask>();
  private readonly scans = new Map<number, (update: ScanUpdate) => void>();
  private closed = false;

  constructor(private readonly spawn: () => WorkerChannel) {}

  private connect(): WorkerChannel {
    if (this.closed) throw new ExposureError('cancelled', 'The app is closing.');
    if (this.channel) return this.channel;
    const channel = this.spawn();
    channel.onMessage((message) => this.receive(message));
    channel.onExit(() => {
      if (this.channel !== channel) return;
      this.channel = null;
      this.failEverything();
    });
    this.channel = channel;
    return channel;
  }

  private receive(message: WorkerResponse): void {
    const task = this.tasks.get(message.seq);
    if (task) {
      this.tasks.delete(message.seq);
      if (message.type === 'result') task.resolve(message.value);
      else if (message.type === 'error') task.reject(new ExposureError(asErrorCode(message.error.code), message.error.message));
      return;
    }
    const listener = this.scans.get(message.seq);
    if (!listener) return;
    switch (message.type) {
      case 'scan-started':
        listener({ type: 'started', total: message.total });
        break;
      case 'scan-checking':
        listener({ type: 'checking', index: message.index, total: message.total, path: message.path });
        break;
      case 'scan-file':
        listener({ type: 'file', index: message.index, total: message.total, report: message.report });
        break;
      case 'scan-done':
        this.scans.delete(message.seq);
        listener({ type: 'done', cancelled: message.cancelled });
        break;
      case 'error':
        this.scans.delete(message.seq);
        listener({ type: 'error', error: message.error });
        break;
    }
  }

  private failEverything(): void {
    const error = { code: 'internal' as const, message: WORKER_STOPPED_MESSAGE };
    for (const [seq, task] of this.tasks) {
      this.tasks.delete(seq);
      task.reject(new ExposureError(error.code, error.message));
    }
    for (const [seq, listener] of this.scans) {
      this.scans.delete(seq);
      listener({ type: 'error', error });
    }
  }

  /** Runs one task in the worker and resolves with its answer. */
  run<O extends TaskOp>(task: TaskOf<O>): Promise<TaskOutputs[O]> {
    const channel = this.connect();
    const seq = this.nextSeq++;
    return new Promise<TaskOutputs[O]>((resolve, reject) => {
      this.tasks.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      channel.post({ type: 'task', seq, task });
    });
  }

  /** Starts a scan; updates arrive on `listener` until a 'done' or 'error'. */
  scan(paths: string[], request: ScanRequestData, listener: (update: ScanUpdate) => void): ScanHandle {
    const channel = this.connect();
    const seq = this.nextSeq++;
    this.scans.set(seq, listener);
    channel.post({ type: 'scan', seq, paths, request });
    return {
      cancel: () => {
        if (this.scans.has(seq) && this.channel === channel) channel.post({ type: 'cancel', seq });
      },
    };
  }

  /** Stops the worker; anything still running fails with a plain message. */
  close(): void {
    this.closed = true;
    const channel = this.channel;
    this.channel = null;
    this.failEverything();
    channel?.terminate();
  }
}

function asErrorCode(code: string): ErrorCode {
  return (ERROR_CODES as ReadonlyArray<string>).includes(code) ? (code as ErrorCode) : 'internal';
}
