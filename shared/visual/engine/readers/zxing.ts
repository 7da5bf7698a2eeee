// Uses Node (fs via local-files): zxing-wasm's reader for QR codes and barcodes, its wasm binary
// read from node_modules (never the CDN its default loader points at). Loaded on the thread that
// reads (the readers' worker thread, or the JS thread when there is none).
import type { RgbImage } from '../../../image/rgb.js';
import { readLocalFile, requireLocal, resolveLocal } from '../local-files.js';

export interface ZxingPoint {
  x: number;
  y: number;
}
export interface ZxingResult {
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

let readerPromise: Promise<ZxingReader> | null = null;

export function getReader(): Promise<ZxingReader> {
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

/** zxing's settings: small codes (tryHarder), sideways barcodes (tryRotate); no inverted (light-on-dark)
 * pass, which runs on every photo without a code and doubles the cost, for a rare style of code. */
const READ_OPTIONS = { tryHarder: true, tryRotate: true, tryInvert: false, maxNumberOfSymbols: 16 };

/** Reads the codes in an upright RGB picture on this thread. */
export async function readCodesHere(image: RgbImage): Promise<ZxingResult[]> {
  const reader = await getReader();
  // zxing reads RGBA.
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
    rgba[j] = image.data[i]!;
    rgba[j + 1] = image.data[i + 1]!;
    rgba[j + 2] = image.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  return reader.readBarcodes({ data: rgba, width: image.width, height: image.height }, READ_OPTIONS);
}

