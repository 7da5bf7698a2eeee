// Node built-ins: one thread's share of a batch of safe copies (clean-batch.ts): takes groups of
// photos from the list shared by every thread until none are left, and cleans each group in order.
// Apart from clean-batch.ts because it loads the whole cleaner: the calling thread starts the other
// threads first, so they load it at the same time as this one.
import type { CleanReport } from '../report.js';
import { cleanFile } from './clean-file.js';
import { ReadBuffer } from './files.js';

export interface CleanJob {
  path: string;
  /** Where the copy goes (null: beside the original). */
  outDir: string | null;
}

export interface CleanBatchOptions {
  force?: boolean;
  to?: 'jpeg';
  /** Videos: set the recording dates in the header to zero. */
  clearDates?: boolean;
}

/** What every thread gets: the whole list, the groups of its indices, and the shared next-group counter. */
export interface CleanWork {
  jobs: CleanJob[];
  groups: number[][];
  /** Int32 [0]: the next group to take. */
  counter: SharedArrayBuffer;
  options: CleanBatchOptions;
  /** Photos in flight at once on each thread (see cleanGroups). */
  lanes?: number;
}

export type CleanThreadMessage = { type: 'report'; index: number; report: CleanReport } | { type: 'done' };

/**
 * Takes groups from the shared counter until none are left; cleans each group's photos in order.
 * `lanes` photos are in flight at once on this thread: while one is read or written on libuv's
 * threads (the other core), another is cleaned here. Each lane has its own read buffer, so memory
 * is bounded by the lanes, not by the length of the batch.
 */
export async function cleanGroups(work: CleanWork, onReport: (index: number, report: CleanReport) => void, between?: () => Promise<void>): Promise<void> {
  const lanes = work.lanes ?? 1;
  const next = new Int32Array(work.counter);
  // Per thread: the output folders it made.
  const folders = new Set<string>();
  const { force, to, clearDates } = work.options;
  const lane = async (): Promise<void> => {
    const readBuffer = new ReadBuffer();
    for (let g = Atomics.add(next, 0, 1); g < work.groups.length; g = Atomics.add(next, 0, 1)) {
      // The names this group's copies took: no photo of another group can be given one of them (a
      // name's key is its group's), so they are let go with the group and memory stays flat however
      // long the batch.
      const written = new Map<string, string>();
      for (const index of work.groups[g]!) {
        const job = work.jobs[index]!;
        onReport(index, await cleanFile(job.path, {
          outDir: job.outDir, written, readBuffer, folders, force: force === true, inBackground: lanes > 1,
          ...(to ? { to } : {}), ...(clearDates ? { clearDates } : {}),
        }));
        await between?.();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}
