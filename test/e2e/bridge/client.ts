// TEST ONLY. An ExposureApi over the loopback bridge (server.ts): each call is a POST to
// /api/<call> with the token header, scan events arrive over an EventSource. The renderer's e2e
// entry installs it as window.exposure; the production app never includes it.
import { CALL_NAMES, type ChecklistEvent, type ExposureApi, type FramePortApi, type Result, type ScanEvent } from '../../../shared/api/contract.js';
import type { FromStreamWorker } from '../../../shared/stream/port-messages.js';

export const BRIDGE_TOKEN_HEADER = 'x-bridge-token';

/** The parts of EventSource the client uses (injectable so it can run outside a browser). */
export interface EventSourceLike {
  onopen: ((this: never, ev: unknown) => unknown) | null;
  onmessage: ((this: never, ev: { data: string }) => unknown) | null;
  /** Named events ("checklist"); optional so simple stand-ins still fit. */
  addEventListener?(type: string, listener: (ev: { data: string }) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface BridgeClientOptions {
  fetch?: typeof fetch;
  eventSource?: EventSourceFactory;
  /** How long a scan waits for the event stream before starting anyway. */
  eventsTimeoutMs?: number;
}

const TRANSPORT_FAILURE = { code: 'bridge', message: 'The app could not reach its background service. Please try again.' };

export function createBridgeApi(baseUrl: string, token: string, options: BridgeClientOptions = {}): ExposureApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const openEvents: EventSourceFactory = options.eventSource ?? ((url) => new EventSource(url) as unknown as EventSourceLike);
  const listeners = new Set<(event: ScanEvent) => void>();
  const checklistListeners = new Set<(event: ChecklistEvent) => void>();

  // Opened at once, so it is connected before the first scan starts; scans wait for it.
  const source = openEvents(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
  const eventsReady = new Promise<void>((resolve) => {
    source.onopen = () => resolve();
    setTimeout(resolve, options.eventsTimeoutMs ?? 5000);
  });
  source.onmessage = (message) => {
    let event: ScanEvent;
    try {
      event = JSON.parse(message.data) as ScanEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  };
  source.addEventListener?.('checklist', (message) => {
    let event: ChecklistEvent;
    try {
      event = JSON.parse(message.data) as ChecklistEvent;
    } catch {
      return;
    }
    for (const listener of checklistListeners) listener(event);
  });

  async function call(name: string, input: unknown): Promise<Result<unknown>> {
    if (name === 'startScan') await eventsReady;
    try {
      const res = await doFetch(`${baseUrl}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      if (!res.ok) return { ok: false, error: TRANSPORT_FAILURE };
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: TRANSPORT_FAILURE };
    }
  }

  // The frame port over loopback (stream-relay.ts): the same functions the preload exposes.
  const streamListeners = new Set<(message: FromStreamWorker) => void>();
  let session: string | null = null;
  source.addEventListener?.('stream', (message) => {
    try {
      const event = JSON.parse(message.data) as { session: string; message: FromStreamWorker };
      if (event.session === session) for (const listener of streamListeners) listener(event.message);
    } catch {
      // Not ours to read.
    }
  });
  const toStream = (path: string, body: BodyInit): void => {
    void doFetch(`${baseUrl}/stream/${session}/${path}`, { method: 'POST', headers: { [BRIDGE_TOKEN_HEADER]: token }, body }).catch(() => undefined);
  };
  const framePort: FramePortApi = {
    async start(options) {
      await eventsReady;
      const opened = (await call('openFramePort', {})) as Result<{ session: string }>;
      if (!opened.ok) return opened;
      session = opened.value.session;
      toStream('control', JSON.stringify({ type: 'start', mode: options.mode, budget: options.budget }));
      return { ok: true };
    },
    sendFrame(frame) {
      if (!session) return;
      toStream(`frame?time=${frame.time}&width=${frame.width}&height=${frame.height}`, frame.data);
    },
    setBudget(budget) {
      if (session) toStream('control', JSON.stringify({ type: 'budget', budget }));
    },
    stop() {
      if (!session) return;
      toStream('control', JSON.stringify({ type: 'stop' }));
      session = null;
    },
    onMessage(listener) {
      streamListeners.add(listener);
      return () => void streamListeners.delete(listener);
    },
  };

  const api: Record<string, unknown> = { framePort };
  for (const name of CALL_NAMES) api[name] = (input: unknown) => call(name, input);
  api.onScanEvent = (listener: (event: ScanEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  api.onChecklistEvent = (listener: (event: ChecklistEvent) => void) => {
    checklistListeners.add(listener);
    return () => void checklistListeners.delete(listener);
  };
  return api as ExposureApi;
}
