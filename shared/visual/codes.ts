// Uses Node (fs via local-files): reads QR codes and barcodes with zxing-wasm, its wasm binary
// read from node_modules (never the CDN its default loader points at).
import { downscale } from './decode.js';
import { readLocalFile, requireLocal, resolveLocal } from './local-files.js';
import type { RawDetection, RgbImage } from './types.js';

interface ZxingPoint {
  x: number;
  y: number;
}
interface ZxingResult {
  isValid: boolean;
  format: string;
  text: string;
  position: { topLeft: ZxingPoint; topRight: ZxingPoint; bottomLeft: ZxingPoint; bottomRight: ZxingPoint };
}
interface ZxingReader {
  prepareZXingModule(o: { overrides: { wasmBinary: ArrayBuffer }; fireImmediately: true }): Promise<unknown>;
  readBarcodes(
    input: { data: Uint8ClampedArray; width: number; height: number },
    options: Record<string, unknown>,
  ): Promise<ZxingResult[]>;
}

/** Codes in a phone photo are small; keep enough pixels for their modules. */
const CODE_SIDE = 2048;

let readerPromise: Promise<ZxingReader> | null = null;

function getReader(): Promise<ZxingReader> {
  readerPromise ??= (async () => {
    const reader = requireLocal<ZxingReader>('zxing-wasm/reader');
    const wasmFile = resolveLocal('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = readLocalFile(wasmFile);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await reader.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return reader;
  })().catch((err: unknown) => {
    readerPromise = null;
    throw err;
  });
  return readerPromise;
}

export async function loadCodeReader(): Promise<void> {
  await getReader();
}

/** Every QR code / barcode zxing can decode; value = the decoded text. */
export async function detectCodes(image: RgbImage): Promise<RawDetection[]> {
  const reader = await getReader();
  const { image: small, scale } = await downscale(image, CODE_SIDE);
  const rgba = new Uint8ClampedArray(small.width * small.height * 4);
  for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
    rgba[j] = small.data[i]!;
    rgba[j + 1] = small.data[i + 1]!;
    rgba[j + 2] = small.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  const results = await reader.readBarcodes(
    { data: rgba, width: small.width, height: small.height },
    // No inverted (light-on-dark) pass: it runs on every photo without a code, doubling the cost, for a rare style of code.
    { tryHarder: true, tryRotate: true, tryInvert: false, maxNumberOfSymbols: 16 },
  );
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
