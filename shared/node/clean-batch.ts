// Node built-ins (worker_threads): writes the safe copies of many photos on every core. The calling
// thread cleans too, and worker threads (clean-thread.ts) take photos from the same list; each
// report is handed back with its photo's place in the list, so the caller can print in order.
// Photos whose copies could take the same name (copyNameKey) always go to one thread, in order:
// the names come out exactly as one thread would give them, and no copy replaces another.
// This file stays light (the cleaner itself is clean-groups.ts): the other threads are started
// first and load the cleaner while this thread loads it too.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CleanReport } from '../report.js';
import { copyNameKey } from './files.js';
import type { CleanBatchOptions, CleanJob, CleanThreadMessage, CleanWork } from './clean-groups.js';

export type { CleanBatchOptions, CleanJob, CleanThreadMessage, CleanWork } from './clean-groups.js';

/** Below this many photos a second thread costs more to start than it saves. */
const MIN_FILES_FOR_THREADS = 24;

/**
 * Photos in flight on each thread (clean-groups.ts): with two, one photo's bytes are read or written
 * on libuv's threads while the other is cleaned. Measured on 300 phone JPEGs (2 cores, shared
 * machine, medians of 8 alternated runs): 1.08 s wall with one, 0.86 s with two, CPU 0.58 -> 0.62 s.
 */
const LANES = 2;

/**
 * The young generation of the other threads' heaps, in MB (V8's default lets it grow to 48 MB).
 * Each photo's short-lived objects (its pieces, the copy's check, its report) are far smaller; left
 * to grow, it grows with the length of the batch (V8 enlarges it as more objects survive in all):
 * 32 MB per thread after 5,000 photos, 2 MB with this limit.
 */
const YOUNG_GENERATION_MB = 3;

function groupByCopyName(jobs: readonly CleanJob[]): number[][] {
  const byKey = new Map<string, number[]>();
  jobs.forEach((job, i) => {
    const key = copyNameKey(job.path, job.outDir);
    const group = byKey.get(key);
    if (group) group.push(i);
    else byKey.set(key, [i]);
  });
  return [...byKey.values()];
}

/**
 * The compiled thread beside this file (dist/, the command line's bundle), or, when running from
 * the TypeScript sources (tests), the source through tsx's module hooks (a dev dependency).
 */
function startThread(work: CleanWork): Worker | null {
  const compiled = new URL('./clean-thread.js', import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (!import.meta.url.endsWith('.ts') && existsSync(compiled)) return new Worker(compiled, { workerData: work, resourceLimits });
  const source = new URL('./clean-thread.ts', import.meta.url);
  if (!existsSync(source)) return null;
  const require = createRequire(import.meta.url);
  const tsx = path.dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsx, (require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default));
  return new Worker(`import(${JSON.stringify(api.href)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source.href)}));`, { eval: true, workerData: work, resourceLimits });
}

/**
 * Cleans every job, on `threads` threads in all (this one included; default: one per core), `lanes`
 * photos in flight on each, and
 * calls `onReport` as each copy is done (in any order; `index` is the job's place in the list).
 * A thread that stops unexpectedly takes no more photos; a photo it was cleaning gets an error.
 * Returns how many photos each thread cleaned (this thread first) and how many threads stopped
 * before the end.
 */
export async function cleanBatch(
  jobs: CleanJob[],
  options: CleanBatchOptions,
  onReport: (index: number, report: CleanReport) => void,
  threads = jobs.length >= MIN_FILES_FOR_THREADS ? availableParallelism() : 1,
  lanes = LANES,
): Promise<{ cleanedBy: number[]; stoppedThreads: number }> {
  const work: CleanWork = { jobs, groups: groupByCopyName(jobs), counter: new SharedArrayBuffer(4), options, lanes };
  // One byte per photo (a Set of numbers holds tens).
  const done = new Uint8Array(jobs.length);
  const cleanedBy = [0];
  let stoppedThreads = 0;
  const report = (index: number, r: CleanReport, thread = 0): void => {
    if (done[index]) return;
    done[index] = 1;
    cleanedBy[thread]!++;
    onReport(index, r);
  };
  const helpers: Promise<void>[] = [];
  for (let t = 1; t < Math.min(threads, work.groups.length); t++) {
    let worker: Worker | null;
    try {
      worker = startThread(work);
    } catch {
      worker = null;
    }
    if (!worker) break;
    const w = worker;
    const thread = cleanedBy.push(0) - 1;
    helpers.push(
      new Promise<void>((resolve) => {
        let finished = false;
        w.on('message', (m: CleanThreadMessage) => {
          if (m.type === 'report') report(m.index, m.report, thread);
          else finished = true;
        });
        w.on('error', () => undefined);
        w.on('exit', () => {
          if (!finished) stoppedThreads++;
          resolve();
        });
      }),
    );
  }
  // This thread stops now and then so the other threads' reports are taken in as they come.
  const between = helpers.length ? () => new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
  const { cleanGroups } = await import('./clean-groups.js');
  await cleanGroups(work, report, between);
  await Promise.all(helpers);
  jobs.forEach((job, index) => {
    if (!done[index]) {
      report(index, {
        path: job.path, format: null, reencoded: false, removed: [], kept: [],
        error: { code: 'internal', message: 'This photo could not be cleaned: the cleaning stopped unexpectedly. Try it again on its own.' },
      });
    }
  });
  return { cleanedBy, stoppedThreads };
}
