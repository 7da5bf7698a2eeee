// Uses Node (worker_threads): the readers' own thread. Text (PaddleOCR on ONNX Runtime, whose
// run() blocks the thread it is called on) and QR codes and barcodes (zxing's wasm) are read here,
// so they run on the second core while the TF.js models keep the JS thread busy.
import { parentPort } from 'node:worker_threads';
import type { RgbImage } from '../../../image/rgb.js';
import type { PlainImage, ReaderRequest, ReaderResponse } from './messages.js';
import { OCR_THREADS, loadPaddleOcr, readText } from './paddle-ocr.js';
import { getReader, readCodesHere } from './zxing.js';

const rgb = (p: PlainImage): RgbImage => ({ data: p.data, width: p.width, height: p.height, channels: 3 });

async function answer(msg: ReaderRequest): Promise<ReaderResponse> {
  try {
    switch (msg.op) {
      case 'load':
        await Promise.all([loadPaddleOcr(OCR_THREADS.inWorker), getReader()]);
        return { id: msg.id, value: null };
      case 'text':
        await loadPaddleOcr(OCR_THREADS.inWorker);
        return { id: msg.id, value: await readText(rgb(msg.image), { ...(msg.region ? { region: msg.region } : {}), ...(msg.maxSide ? { maxSide: msg.maxSide } : {}) }) };
      case 'codes':
        return { id: msg.id, value: await readCodesHere(rgb(msg.image)) };
    }
  } catch (err) {
    return { id: msg.id, error: err instanceof Error ? err.message : String(err) };
  }
}

// One request at a time, in order: the ONNX sessions are not shared between concurrent runs.
let queue: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (msg: ReaderRequest) => {
  queue = queue.then(async () => parentPort?.postMessage(await answer(msg)));
});
