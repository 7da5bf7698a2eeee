// Collects the scan events a batch emits and resolves when its 'done' arrives.
import type { ScanEvent } from '../../../shared/api/contract.js';

export interface EventLog {
  events: ScanEvent[];
  emit(event: ScanEvent): void;
  /** The events of one batch, once it is done. */
  whenDone(batchId: string, timeoutMs?: number): Promise<ScanEvent[]>;
  /** Resolves once the batch has reported its first file. */
  whenFirstFile(batchId: string): Promise<void>;
}

export function eventLog(): EventLog {
  const events: ScanEvent[] = [];
  const waiters = new Map<string, () => void>();
  const fileWaiters = new Map<string, () => void>();
  return {
    events,
    emit(event) {
      events.push(event);
      if (event.type === 'done') waiters.get(event.batchId)?.();
      if (event.type === 'file') fileWaiters.get(event.batchId)?.();
    },
    whenFirstFile(batchId) {
      if (events.some((e) => e.batchId === batchId && e.type === 'file')) return Promise.resolve();
      return new Promise((resolve) => fileWaiters.set(batchId, resolve));
    },
    whenDone(batchId, timeoutMs = 60_000) {
      const own = () => events.filter((e) => e.batchId === batchId);
      if (own().some((e) => e.type === 'done')) return Promise.resolve(own());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`batch ${batchId} did not finish`)), timeoutMs);
        waiters.set(batchId, () => {
          clearTimeout(timer);
          resolve(own());
        });
      });
    },
  };
}
