// Uses Node (fs, worker_threads): the engine's readers of text and codes. They run in a thread of
// their own (reader-worker.ts) so that ONNX Runtime and zxing, which block the thread they run on,
// use the second core while the TF.js models use the first. Where no thread can be started (the
// worker file is missing, or it died), they read on this thread instead: slower, never wrong.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Box } from '../../../boxes.js';
import type { RgbImage } from '../../../image/rgb.js';
import { outsideAsar } from '../local-files.js';
import type { PlainImage, ReaderOutputs, ReaderRequest, ReaderResponse } from './messages.js';
import { loadPaddleOcr, readText, releasePaddleOcr, type TextLine } from './paddle-ocr.js';
import { getReader, readCodesHere, type ZxingResult } from './zxing.js';

export interface TextRequest {
  /** Only this part of the picture (image pixels); lines come back in image pixels. */
  region?: Box;
  /** The long side the text detector works at. */
  maxSide?: number;
}

export interface Readers {
  /** Where they read: 'thread' (their own) or 'here' (the calling thread). */
  readonly where: 'thread' | 'here';
  readText(image: RgbImage, request: TextRequest, signal?: AbortSignal): Promise<TextLine[]>;
  /** QR codes and barcodes in an (already downscaled) picture, in its pixels. */
  readCodes(image: RgbImage, signal?: AbortSignal): Promise<ZxingResult[]>;
  dispose(): Promise<void>;
}

/** How the readers run: in their thread when the worker file is there ('auto'), always, or never. */
export type ReadersMode = 'auto' | 'thread' | 'here';

function readersHere(): Readers {
  return {
    where: 'here',
    async readText(image, request, signal) {
      return readText(image, { ...request, ...(signal ? { signal } : {}) });
    },
    readCodes: (image) => readCodesHere(image),
    dispose: () => releasePaddleOcr(),
  };
}

/** The compiled worker beside this file (dist/, the app's bundle), or the TypeScript source run through tsx. */
function startWorker(mode: ReadersMode): Worker | null {
  const here = fileURLToPath(import.meta.url);
  const compiled = ['reader-worker.js', 'reader-worker.cjs'].map((f) => path.join(path.dirname(here), f)).find((f) => existsSync(f));
  if (compiled && !here.endsWith('.ts')) return new Worker(outsideAsar(compiled));
  // Running from the sources (tests): only when asked for, compiled on the fly by tsx (a dev
  // dependency; its CommonJS hook is the one that works inside a worker thread on Node 20).
  const source = path.join(path.dirname(here), 'reader-worker.ts');
  if (mode !== 'thread' || !existsSync(source)) return null;
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}

/**
 * The photo's pixels in memory both threads can see: copied once per photo, however many reads
 * (the whole photo, then each vehicle's plate area) follow.
 */
const shared = new WeakMap<RgbImage, PlainImage>();
function sharedPixels(image: RgbImage): PlainImage {
  let plain = shared.get(image);
  if (!plain) {
    const data = image.data.buffer instanceof SharedArrayBuffer ? image.data : new Uint8Array(new SharedArrayBuffer(image.data.byteLength));
    if (data !== image.data) data.set(image.data);
    plain = { data, width: image.width, height: image.height };
    shared.set(image, plain);
  }
  return plain;
}

class ThreadReaders implements Readers {
  readonly where = 'thread' as const;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private dead: Error | null = null;
  private readonly fallback = readersHere();

  constructor(private readonly worker: Worker) {
    worker.on('message', (msg: ReaderResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      this.idle();
      if ('error' in msg) p.reject(new Error(msg.error));
      else p.resolve(msg.value);
    });
    const fail = (err: unknown): void => {
      this.dead = err instanceof Error ? err : new Error('The text and code reader stopped.');
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The text and code reader stopped (exit ${code}).`)));
    // Between reads the thread must not keep a command-line run alive.
    worker.unref();
  }

  private idle(): void {
    if (this.pending.size === 0) this.worker.unref();
  }

  call<K extends keyof ReaderOutputs>(request: Omit<Extract<ReaderRequest, { op: K }>, 'id'>, signal?: AbortSignal): Promise<ReaderOutputs[K]> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    this.worker.ref();
    return new Promise<ReaderOutputs[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      signal?.addEventListener('abort', () => {
        // The thread finishes the read; its answer is dropped.
        if (this.pending.delete(id)) {
          this.idle();
          reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
        }
      }, { once: true });
      this.worker.postMessage({ ...request, id });
    });
  }

  async readText(image: RgbImage, request: TextRequest, signal?: AbortSignal): Promise<TextLine[]> {
    if (this.dead) return this.fallback.readText(image, request, signal);
    return this.call<'text'>({ op: 'text', image: sharedPixels(image), ...request }, signal);
  }

  async readCodes(image: RgbImage, signal?: AbortSignal): Promise<ZxingResult[]> {
    if (this.dead) return this.fallback.readCodes(image, signal);
    return this.call<'codes'>({ op: 'codes', image: sharedPixels(image) }, signal);
  }

  async dispose(): Promise<void> {
    this.dead ??= new Error('The readers were closed.');
    await this.worker.terminate();
    await this.fallback.dispose();
  }
}

/** Starts the readers and loads their models (PaddleOCR's two ONNX models, zxing's wasm). */
export async function startReaders(mode: ReadersMode = 'auto'): Promise<Readers> {
  const worker = mode === 'here' ? null : startWorker(mode);
  if (worker) {
    const readers = new ThreadReaders(worker);
    try {
      await readers.call<'load'>({ op: 'load' });
      return readers;
    } catch (err) {
      await readers.dispose().catch(() => undefined);
      if (mode === 'thread') throw err;
    }
  }
  const here = readersHere();
  await Promise.all([loadPaddleOcr(), getReader()]);
  return here;
}
