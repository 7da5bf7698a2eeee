// Refuse pictures whose pixel count would exhaust memory, from the header alone (before decoding).
import { ExposureError } from '../errors.js';
import { MAX_PIXELS } from '../limits.js';

export function assertPixelLimit(width: number, height: number): void {
  if (width * height > MAX_PIXELS) {
    const mp = Math.round((width * height) / 1e6);
    throw new ExposureError(
      'too-large',
      `This picture is too large to open safely (${width} x ${height}, about ${mp} megapixels); the limit is ${Math.round(MAX_PIXELS / 1e6)} megapixels.`,
    );
  }
}
