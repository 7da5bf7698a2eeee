// Uses Node (fs, worker_threads): QR codes and barcodes in the picture, read by zxing-wasm
// (codes-read.ts) in a worker thread of their own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { downscale } from '../../engine/pyramid.js';
import { outsideAsar } from '../../engine/local-files.js';
import { getReader, readCodesHere } from '../../engine/readers/zxing.js';
import type { CodeRequest, ZxingResult } from '../../engine/readers/zxing.js';
import type { RawDetection, RgbImage } from '../../types.js';

/** Codes in a phone photo are small; keep enough pixels for their modules. */
const CODE_SIDE = 2048;

export async function loadCodeReader(): Promise<void> {
  if (!(await codesWorker())) await getReader();
}

/**
 * zxing runs on the JS thread for ~0.1–0.25 s per photo while the other core sits idle (the model
 * detectors also run on this thread), so it reads in a worker thread of its own when the compiled
 * worker file is there (dist/ and the app's bundle); otherwise, as when running the TypeScript
 * sources, it reads here.
 */
let worker: Promise<Worker | null> | null = null;

function codesWorker(): Promise<Worker | null> {
  worker ??= (async () => {
    const here = fileURLToPath(import.meta.url);
    const file = ['reader-worker.js', 'reader-worker.cjs'].map((f) => path.join(path.dirname(here), f)).find((f) => existsSync(f));
    if (!file || here.endsWith('.ts')) return null;
    // In the packaged app the worker file is unpacked beside app.asar (electron-builder.yml).
    const w = new Worker(outsideAsar(file));
    // Between reads the worker must not keep a command-line run alive; during one it must.
    w.unref();
    const forget = (): void => {
      worker = null;
    };
    w.on('error', forget);
    w.on('exit', forget);
    return w;
  })();
  return worker;
}

let nextId = 0;
let pending = 0;

/** Reads in the worker; if the worker cannot (it failed to start or died), reads here instead. */
async function readCodes(req: CodeRequest): Promise<ZxingResult[]> {
  const w = await codesWorker();
  if (!w) return readCodesHere(req);
  return readInWorker(w, req).catch(() => readCodesHere(req));
}

function readInWorker(w: Worker, req: CodeRequest): Promise<ZxingResult[]> {
  const id = nextId++;
  if (pending++ === 0) w.ref();
  return new Promise<ZxingResult[]>((resolve, reject) => {
    const done = (): void => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onError);
      if (--pending === 0) w.unref();
    };
    const onMessage = (msg: { id: number; results?: ZxingResult[]; error?: string }): void => {
      if (msg.id !== id) return;
      done();
      if (msg.error !== undefined) reject(new Error(msg.error));
      else resolve(msg.results ?? []);
    };
    const onError = (err: unknown): void => {
      done();
      reject(err instanceof Error ? err : new Error('The code reader stopped.'));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onError);
    // Copied, not transferred: the pixels stay here in case the read must be done on this thread.
    w.postMessage({ id, ...req });
  });
}

/** Every QR code / barcode zxing can decode; value = the decoded text. */
export async function detectCodes(image: RgbImage): Promise<RawDetection[]> {
  const { image: small, scale } = await downscale(image, CODE_SIDE);
  const rgba = new Uint8ClampedArray(small.width * small.height * 4);
  for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
    rgba[j] = small.data[i]!;
    rgba[j + 1] = small.data[i + 1]!;
    rgba[j + 2] = small.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  const results = await readCodes({ rgba, width: small.width, height: small.height });
  const out: RawDetection[] = [];
  for (const r of results) {
    if (!r.isValid) continue;
    const p = r.position;
    const xs = [p.topLeft.x, p.topRight.x, p.bottomLeft.x, p.bottomRight.x];
    const ys = [p.topLeft.y, p.topRight.y, p.bottomLeft.y, p.bottomRight.y];
    const x0 = Math.max(0, Math.min(...xs) * scale);
    const y0 = Math.max(0, Math.min(...ys) * scale);
    const x1 = Math.min(image.width, Math.max(...xs) * scale);
    const y1 = Math.min(image.height, Math.max(...ys) * scale);
    const isQr = /qr/i.test(r.format);
    out.push({
      label: isQr ? 'qr code' : 'barcode',
      box: [Math.round(x0), Math.round(y0), Math.max(1, Math.round(x1 - x0)), Math.max(1, Math.round(y1 - y0))],
      confidence: 1,
      value: r.text,
      detail: r.format,
    });
  }
  return out;
}
