// Uses Node (worker_threads): the worker thread that reads QR codes and barcodes for codes.ts, so
// zxing's wasm runs beside the detectors on the JS thread instead of after them.
import { parentPort } from 'node:worker_threads';
import { readCodesHere } from './zxing.js';
import type { CodeRequest } from './zxing.js';

parentPort?.on('message', (msg: CodeRequest & { id: number }) => {
  readCodesHere(msg).then(
    (results) => parentPort?.postMessage({ id: msg.id, results }),
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
