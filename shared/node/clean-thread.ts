// Node built-ins (worker_threads): one of the threads of clean-batch.ts. Takes photos from the
// shared list until none are left, sends back each report with its photo's place in the list.
import { parentPort, workerData } from 'node:worker_threads';
import { cleanGroups, type CleanThreadMessage, type CleanWork } from './clean-groups.js';

const port = parentPort;
if (port) {
  const post = (m: CleanThreadMessage): void => port.postMessage(m);
  void cleanGroups(workerData as CleanWork, (index, report) => post({ type: 'report', index, report })).then(() => post({ type: 'done' }));
}
