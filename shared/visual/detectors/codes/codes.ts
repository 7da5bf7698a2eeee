// QR codes and barcodes in the picture, read by zxing (engine/readers) on a 2048-px copy; each
// comes with what it says.
import type { Box } from '../../../boxes.js';
import type { Readers } from '../../engine/readers/readers.js';
import { downscale } from '../../engine/pyramid.js';
import type { Detection, RgbImage } from '../../types.js';

/** Codes in a phone photo are small; keep enough pixels for their modules. */
const CODE_SIDE = 2048;

/** Every QR code / barcode zxing can decode; value = the decoded text. */
export async function detectCodes(readers: Readers, image: RgbImage, signal?: AbortSignal): Promise<Detection[]> {
  const { image: small, scale } = await downscale(image, CODE_SIDE);
  const results = await readers.readCodes(small, signal);
  const out: Detection[] = [];
  for (const r of results) {
    if (!r.isValid) continue;
    const p = r.position;
    const xs = [p.topLeft.x, p.topRight.x, p.bottomLeft.x, p.bottomRight.x];
    const ys = [p.topLeft.y, p.topRight.y, p.bottomLeft.y, p.bottomRight.y];
    const x0 = Math.max(0, Math.min(...xs) * scale);
    const y0 = Math.max(0, Math.min(...ys) * scale);
    const x1 = Math.min(image.width, Math.max(...xs) * scale);
    const y1 = Math.min(image.height, Math.max(...ys) * scale);
    const box: Box = [Math.round(x0), Math.round(y0), Math.max(1, Math.round(x1 - x0)), Math.max(1, Math.round(y1 - y0))];
    out.push({ category: 'code', label: /qr/i.test(r.format) ? 'qr code' : 'barcode', box, score: 1, value: r.text });
  }
  return out;
}
