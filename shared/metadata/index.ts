// The metadata reader: bytes in, findings out. Pure (no file system), so the CLI, the app's
// worker and tests all call the same function.
import { ExposureError } from '../errors.js';
import { compareFindings, type EmbeddedImage, type Finding, type ImageFormat } from '../findings.js';
import { detectFormat, FORMAT_LABEL } from '../formats.js';
import { FindingCollector } from './collector.js';
import { timestampInFileName } from './filename.js';
import { readBoxes } from './read-boxes.js';
import { readGif } from './read-gif.js';
import { readHeif } from './read-heif.js';
import { readJpeg } from './read-jpeg.js';
import { readPng } from './read-png.js';
import type { FormatResult } from './read-result.js';
import { readTiff } from './read-tiff.js';
import { readWebp } from './read-webp.js';

export interface MetadataScan {
  format: ImageFormat;
  width?: number;
  height?: number;
  /** EXIF orientation 1..8 if present. */
  orientation?: number;
  findings: Finding[];
  /** Images hidden in the file (thumbnails, previews, MPF images, gain maps), with their bytes. */
  embeddedImages: EmbeddedImage[];
}

const READERS: Record<ImageFormat, (b: Uint8Array, out: FindingCollector) => Promise<FormatResult>> = {
  jpeg: readJpeg, png: readPng, webp: readWebp, heic: readHeif, avif: readHeif, tiff: readTiff, gif: readGif,
  jxl: (b, out) => readBoxes(b, out, 'jxl'), jp2: (b, out) => readBoxes(b, out, 'jp2'),
};

export async function scanMetadata(bytes: Uint8Array, fileName: string): Promise<MetadataScan> {
  if (bytes.length === 0) throw new ExposureError('empty', 'This file is empty (0 bytes), so there is no photo in it to check.');
  const format = detectFormat(bytes);
  if (!format) {
    throw new ExposureError('not-an-image', 'This file is not a photo this app can read: its contents do not match any image format, whatever its name says.');
  }
  const out = new FindingCollector();
  let result: FormatResult;
  try {
    result = await READERS[format](bytes, out);
  } catch (err) {
    if (err instanceof ExposureError) throw err;
    throw new ExposureError('corrupt', `This ${FORMAT_LABEL[format]} file is damaged and could not be read.`, { cause: err });
  }
  const stamp = timestampInFileName(fileName);
  if (stamp) out.add('filename.timestamp', 'File name', 'File name', `${fileName.split(/[\\/]/).pop()} (${stamp})`, 'filename');
  if (result.orientation !== undefined && !out.has('exif.orientation')) out.add('exif.orientation', 'EXIF', 'Orientation', result.orientation);
  const scan: MetadataScan = { format, findings: out.findings().sort(compareFindings), embeddedImages: out.embeddedImages };
  if (result.width) scan.width = result.width;
  if (result.height) scan.height = result.height;
  if (result.orientation !== undefined) scan.orientation = result.orientation;
  return scan;
}

export { timestampInFileName } from './filename.js';
export { LEAK_KINDS, type LeakId } from './catalogue.js';
