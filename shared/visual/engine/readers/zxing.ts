// Uses Node (fs via local-files): zxing-wasm's reader for QR codes and barcodes, its wasm binary
// read from node_modules (never the CDN its default loader points at). Loaded on the thread that
// reads (the codes worker, or the JS thread when there is none).
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

export interface CodeRequest {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Reads the codes in an RGBA picture on this thread. */
export async function readCodesHere(req: CodeRequest): Promise<ZxingResult[]> {
  const reader = await getReader();
  return reader.readBarcodes({ data: req.rgba, width: req.width, height: req.height }, READ_OPTIONS);
}

