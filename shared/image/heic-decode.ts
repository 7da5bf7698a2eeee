// Uses node:module: decodes HEIC/HEIF pictures with libheif (the wasm build in libheif-js), for the
// picture checks, previews and `--to jpeg`. sharp's prebuilt libvips cannot decode HEVC.
// libheif-js prints its errors with console.log, which would land in the middle of `--json` output
// on stdout: its printing is routed to a message list here, and the messages end up in the error.
// A HEIC whose picture data is cut short is refused before decoding, so it never becomes a
// partly blank picture that the checks would call "checked".
import { createRequire } from 'node:module';
import { ExposureError } from '../errors.js';
import { checkHeifPicture } from './heif-check.js';

interface DecodedImage { code?: number; image: unknown; channels: { id: number; width: number; height: number; stride: number; data: Uint8Array }[] }
interface HeifHandle { handle: unknown; get_width(): number; get_height(): number; free(): void }
interface Libheif {
  HeifDecoder: new () => { decode(bytes: Uint8Array): HeifHandle[]; decoder: { delete(): void } | null };
  heif_js_decode_image2(handle: unknown, colorspace: number, chroma: number): Promise<DecodedImage | null>;
  heif_image_release(image: unknown): void;
  heif_colorspace: { heif_colorspace_RGB: number };
  heif_chroma: { heif_chroma_interleaved_RGBA: number };
  heif_channel: { heif_channel_interleaved: number };
}

export interface HeicPixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, upright (libheif applies the rotation and mirror properties). */
  data: Uint8Array;
}

let libheif: Libheif | null = null;
const messages: string[] = [];

function load(): Libheif {
  if (!libheif) {
    const factory = createRequire(import.meta.url)('libheif-js/libheif-wasm/libheif-bundle.js') as (opts: object) => Libheif;
    const note = (s: unknown): void => void messages.push(String(s));
    libheif = factory({ print: note, printErr: note });
  }
  return libheif;
}

/** Runs a synchronous libheif call with console.log caught, so nothing reaches stdout. */
function quietly<T>(run: () => T): T {
  const log = console.log;
  console.log = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
  try {
    return run();
  } finally {
    console.log = log;
  }
}

export async function decodeHeicPixels(bytes: Uint8Array, maxPixels: number): Promise<HeicPixels> {
  checkHeifPicture(bytes, 'heic');
  const lib = load();
  messages.length = 0;
  const decoder = new lib.HeifDecoder();
  const images = quietly(() => decoder.decode(bytes));
  try {
    const first = images[0];
    if (!first) throw new ExposureError('corrupt', `This HEIC/HEIF photo is damaged and its picture could not be opened (${messages.join('; ').slice(0, 160) || 'no picture found'}).`);
    const width = first.get_width();
    const height = first.get_height();
    if (width * height > maxPixels) throw new ExposureError('too-large', 'This picture is too large to open safely.');
    const decoded = await lib.heif_js_decode_image2(first.handle, lib.heif_colorspace.heif_colorspace_RGB, lib.heif_chroma.heif_chroma_interleaved_RGBA);
    if (!decoded || decoded.code) throw new ExposureError('corrupt', 'This HEIC/HEIF photo is damaged: its picture could not be decoded.');
    try {
      const channel = decoded.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved);
      if (!channel) throw new ExposureError('corrupt', 'This HEIC/HEIF photo is damaged: its picture could not be decoded.');
      const data = new Uint8Array(width * height * 4);
      if (channel.stride === width * 4) data.set(channel.data.subarray(0, data.length));
      else for (let y = 0; y < height; y++) data.set(channel.data.subarray(y * channel.stride, y * channel.stride + width * 4), y * width * 4);
      return { width, height, data };
    } finally {
      lib.heif_image_release(decoded.image);
    }
  } finally {
    for (const image of images) image.free();
    decoder.decoder?.delete();
  }
}
