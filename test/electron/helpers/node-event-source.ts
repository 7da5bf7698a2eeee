// A minimal EventSource for Node 20 (which has none), enough for the bridge client in tests:
// reads `data:` lines of a text/event-stream over fetch and calls onopen/onmessage.
import type { EventSourceLike } from '../../e2e/bridge/client.js';

export function nodeEventSource(url: string, headers: Record<string, string> = {}): EventSourceLike {
  const controller = new AbortController();
  const source: EventSourceLike = { onopen: null, onmessage: null, close: () => controller.abort() };
  void (async () => {
    const res = await fetch(url, { headers, signal: controller.signal });
    if (!res.ok || !res.body) return;
    (source.onopen as ((ev: unknown) => void) | null)?.({});
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) (source.onmessage as ((ev: { data: string }) => void) | null)?.({ data });
      }
    }
  })().catch(() => undefined);
  return source;
}
