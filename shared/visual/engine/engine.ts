// Uses Node (through the runtimes): the visual engine. It owns every runtime and model the picture
// checks use: TF.js on wasm with Human's face and person models, the CenterNet backbone and the
// heads on its features, OpenCV's wasm build, and the readers' thread (PaddleOCR on ONNX Runtime,
// zxing). It loads once, can be warmed and disposed, and is reused across calls: `detect()` on one
// photo or on many video frames a second pays no loading cost after the first.
import type { RgbImage } from '../../image/rgb.js';
import { featureHead, type FeatureHead, type HeadLabel } from '../detectors/doors/feature-head.js';
import { loadBackbone, type Backbone } from './backbone.js';
import { createHuman, toTensor, type HumanLike } from './human.js';
import { loadOpenCv, type OpenCv } from './opencv.js';
import { startReaders, type Readers, type ReadersMode } from './readers/readers.js';

export interface EngineOptions {
  /** Where text and codes are read: their own thread when possible ('auto', the default). */
  readers?: ReadersMode;
}

export interface Runtimes {
  human: HumanLike;
  backbone: Backbone;
  heads: Record<HeadLabel, FeatureHead>;
  cv: OpenCv;
  readers: Readers;
}

export class VisualEngine {
  private loading: Promise<Runtimes> | null = null;
  private disposed = false;
  /** TF.js work (Human keeps per-call state, and both share one wasm instance) runs one call at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: EngineOptions = {}) {}

  /** Loads every model once; later calls return the same runtimes. */
  load(): Promise<Runtimes> {
    if (this.disposed) return Promise.reject(new Error('This visual engine was closed.'));
    this.loading ??= (async () => {
      // Human first: it starts TF.js's wasm backend with local paths, which the backbone then shares.
      const human = await createHuman();
      const [backbone, handle, door, { cv }, readers] = await Promise.all([
        loadBackbone(),
        featureHead('door-handle'),
        featureHead('door'),
        loadOpenCv(),
        startReaders(this.options.readers),
      ]);
      return { human, backbone, heads: { 'door-handle': handle, door }, cv, readers };
    })();
    this.loading.catch(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Where text and codes are read, once loaded. */
  async readersWhere(): Promise<Readers['where']> {
    return (await this.load()).readers.where;
  }

  /** How many backbone passes have run (one per photo; a street photo adds its vehicle tiles). */
  async backbonePasses(): Promise<number> {
    return (await this.load()).backbone.passes;
  }

  /** Runs TF.js work one call at a time. */
  exclusive<T>(fn: (runtimes: Runtimes) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => fn(await this.load()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs each model once on a small picture, so the first real photo does not pay for compiling
   * the wasm kernels and allocating the models' memory.
   */
  async warm(): Promise<void> {
    const side = 64;
    const data = new Uint8Array(side * side * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 251;
    const image: RgbImage = { data, width: side, height: side, channels: 3 };
    const { readers } = await this.load();
    const reading = Promise.all([readers.readText(image, {}), readers.readCodes(image)]);
    await this.exclusive(async ({ human, backbone }) => {
      const input = toTensor(human, data, side, side);
      try {
        await human.detect(input, { face: { enabled: true }, object: { enabled: false } });
        human.tf.dispose(await human.segmentation(input));
      } finally {
        human.tf.dispose(input);
      }
      const { features } = await backbone.runBilinear(image, true);
      features?.dispose();
    });
    await reading;
  }

  /** Frees the models and stops the readers' thread; the engine cannot be used afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const loading = this.loading;
    this.loading = null;
    const runtimes = await loading?.catch(() => null);
    if (!runtimes) return;
    await this.queue.catch(() => undefined);
    runtimes.backbone.dispose();
    for (const head of Object.values(runtimes.heads)) for (const t of Object.values(head.weights)) t.dispose();
    await runtimes.readers.dispose();
  }
}

let shared: VisualEngine | null = null;

/** The process's engine (the CLI, the app's scan worker): made and loaded on first use. */
export function sharedEngine(): VisualEngine {
  shared ??= new VisualEngine();
  return shared;
}
