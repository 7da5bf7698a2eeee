// Uses Node (module resolution): the TF.js instance the app already uses for Human's models
// (@tensorflow/tfjs-core loaded through require, so there is one instance), on the wasm
// backend with its binary read from node_modules, never fetched.
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { requireLocal, TFJS_WASM_DIR } from './local-files.js';

let ready: Promise<typeof TF> | null = null;

/** TF.js on the wasm backend (set up once; reuses the backend if Human set it up first). */
export function wasmTf(): Promise<typeof TF> {
  ready ??= (async () => {
    const tf = requireLocal<typeof TF>('@tensorflow/tfjs-core');
    const wasm = requireLocal<{ setWasmPaths(prefix: string, usePlatformFetch?: boolean): void }>('@tensorflow/tfjs-backend-wasm');
    // Ask the engine, not getBackend(): that would start a backend before the paths are set.
    if (tf.engine().backendName !== 'wasm') {
      wasm.setWasmPaths(TFJS_WASM_DIR() + path.sep, false);
      if (!(await tf.setBackend('wasm'))) throw new Error('The image-analysis engine (TF.js wasm) could not start.');
    }
    await tf.ready();
    return tf;
  })().catch((err: unknown) => {
    ready = null;
    throw err;
  });
  return ready;
}
