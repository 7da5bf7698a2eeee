// Node built-ins (through the visual stack): runs the picture checks for one file. The models are
// heavy, so they are imported and loaded on first use only, and once per process.
import type { ImageFormat } from '../findings.js';
import type { VisualResult } from '../visual/index.js';
import type { ScanOptions } from './scan-file.js';

type VisualModule = typeof import('../visual/index.js');
let visual: Promise<VisualModule> | undefined;

async function loadVisual(): Promise<VisualModule> {
  visual ??= import('../visual/index.js').then(async (m) => {
    await m.loadVisualModels();
    return m;
  });
  return visual;
}

export async function runVisualPass(bytes: Uint8Array, format: ImageFormat, options: ScanOptions): Promise<VisualResult> {
  const m = await loadVisual();
  const image = await m.decodeForVisual(bytes, format);
  const opts: Parameters<VisualModule['detectVisual']>[1] = {};
  if (options.visualCategories) opts.categories = options.visualCategories;
  if (options.signal) opts.signal = options.signal;
  return m.detectVisual(image, opts);
}
