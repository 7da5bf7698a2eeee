// The main-process side of the contract: one handler per call, each checking who sent the message
// and validating it before any service runs. It takes an `ipcMain`-like object and the services
// as parameters, so unit tests pass a fake and the test-only bridge reuses this exact code path.
import {
  CALL_NAMES,
  channelFor,
  parseCallInput,
  type CallInput,
  type CallName,
  type CallOutputs,
  type Result,
} from '../shared/api/contract.js';
import { toUserError } from '../shared/errors.js';
import { isAppUrl } from './security.js';

/** What the main process does for each call; validated input in, plain value out (or a throw). */
export type CallHandlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutputs[K]> };

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}
export interface IpcEventLike {
  readonly senderFrame: SenderFrame | null | undefined;
}
export type IpcListener = (event: IpcEventLike, ...args: unknown[]) => Promise<unknown> | unknown;
export interface IpcMainLike {
  handle(channel: string, listener: IpcListener): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  /** Decides whether a message comes from our own UI; see `isTrustedAppFrame`. */
  isTrustedSender(event: IpcEventLike): boolean;
  /** Receives one line per rejected or failed message: the channel name, never the payload. */
  log(line: string): void;
}

/** Only the top frame of our app:// page may call main: not an iframe, not another origin. */
export function isTrustedAppFrame(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}

export const REJECTED_SENDER_MESSAGE = 'This request did not come from Exposure Check and was refused.';
export const INVALID_INPUT_MESSAGE = 'The app sent a request it could not understand. Please try again.';

function failure(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Handles one message on one channel; exported for the bridge and tests. */
export async function handleCall<K extends CallName>(
  name: K,
  event: IpcEventLike,
  input: unknown,
  handlers: CallHandlers,
  options: IpcOptions,
): Promise<Result<CallOutputs[K]>> {
  const channel = channelFor(name);
  if (!options.isTrustedSender(event)) {
    options.log(`[ipc] rejected ${channel}: untrusted sender`);
    return failure('forbidden', REJECTED_SENDER_MESSAGE);
  }
  const parsed = parseCallInput(name, input);
  if (!parsed.ok) {
    options.log(`[ipc] rejected ${channel}: invalid input`);
    return failure('invalid-input', INVALID_INPUT_MESSAGE);
  }
  try {
    const value = await handlers[name](parsed.value);
    return { ok: true, value };
  } catch (err) {
    const userError = toUserError(err);
    // The error text can hold the user's file paths: log only what kind of failure it was.
    options.log(`[ipc] ${channel} failed: ${userError.code}`);
    return failure(userError.code, userError.message);
  }
}

/** Registers every call of the contract; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: CallHandlers, options: IpcOptions): () => void {
  for (const name of CALL_NAMES) {
    // Exactly one argument: extra arguments are ignored rather than passed on.
    ipcMain.handle(channelFor(name), (event, input) => handleCall(name, event, input, handlers, options));
  }
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(channelFor(name));
  };
}

/**
 * An `ipcMain` stand-in that keeps the registered listeners so they can be invoked directly:
 * the loopback bridge routes HTTP requests through it, and tests use it as the fake ipcMain.
 */
export class HandlerRegistry implements IpcMainLike {
  private readonly listeners = new Map<string, IpcListener>();

  handle(channel: string, listener: IpcListener): void {
    if (this.listeners.has(channel)) throw new Error(`A handler for ${channel} is already registered`);
    this.listeners.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }

  channels(): string[] {
    return [...this.listeners.keys()];
  }

  async invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for ${channel}`);
    return listener(event, ...args);
  }
}
