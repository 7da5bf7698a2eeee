// Uses Node: runs the TF.js models of @vladmandic/human on the wasm backend, loading weights from
// node_modules through a file:// loader we register, so no model or wasm binary is fetched.
import fs from 'node:fs';
import path from 'node:path';
import { HUMAN_MODELS_DIR, TFJS_WASM_DIR, packageFileDir, requireLocal } from './local-files.js';

/** The subset of Human's API we use (its own types pull in DOM and tfjs typings). */
export interface HumanTensor {
  shape: number[];
  data(): Promise<ArrayLike<number>>;
}
export interface HumanBox {
  box: [number, number, number, number];
  score: number;
}
export interface HumanResult {
  face: Array<HumanBox & { boxScore?: number }>;
  object: Array<HumanBox & { label: string; class: number }>;
  body: Array<HumanBox>;
}
export interface HumanLike {
  load(): Promise<void>;
  detect(input: unknown, config?: Record<string, unknown>): Promise<HumanResult | { error: string | null }>;
  segmentation(input: unknown, config?: Record<string, unknown>): Promise<HumanTensor | null>;
  tf: {
    tensor4d(values: Float32Array, shape: [number, number, number, number], dtype: 'float32'): HumanTensor;
    dispose(t: unknown): void;
    getBackend(): string;
  };
}

interface IoArtifacts {
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: unknown;
  userDefinedMetadata?: unknown;
}

/** file:// URLs are answered from disk; anything else is refused, so a stray config can never go online. */
function registerFileLoader(): void {
  const tf = requireLocal<{ io: { registerLoadRouter(r: (url: string | string[]) => unknown): void } }>('@tensorflow/tfjs-core');
  tf.io.registerLoadRouter((url) => {
    const u = Array.isArray(url) ? url[0] : url;
    if (typeof u !== 'string' || !u.startsWith('file://')) return null;
    const file = decodeURIComponent(u.slice('file://'.length));
    return {
      load: async (): Promise<IoArtifacts> => {
        const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
          modelTopology: unknown;
          format?: string;
          generatedBy?: string;
          convertedBy?: string;
          signature?: unknown;
          userDefinedMetadata?: unknown;
          weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
        };
        const specs: unknown[] = [];
        const parts: Buffer[] = [];
        for (const group of manifest.weightsManifest) {
          specs.push(...group.weights);
          for (const p of group.paths) parts.push(fs.readFileSync(path.join(path.dirname(file), p)));
        }
        const all = Buffer.concat(parts);
        return {
          modelTopology: manifest.modelTopology,
          weightSpecs: specs,
          weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
          format: manifest.format,
          generatedBy: manifest.generatedBy,
          convertedBy: manifest.convertedBy,
          signature: manifest.signature,
          userDefinedMetadata: manifest.userDefinedMetadata,
        };
      },
    };
  });
}

/** Settings that keep every model off (each call enables what it needs) and every path local. */
export function humanConfig(): Record<string, unknown> {
  return {
    backend: 'wasm',
    wasmPath: TFJS_WASM_DIR() + path.sep,
    wasmPlatformFetch: false,
    modelBasePath: 'file://' + HUMAN_MODELS_DIR() + '/',
    cacheModels: false,
    validateModels: false,
    warmup: 'none',
    debug: false,
    async: true,
    // Every photo is new: never reuse the previous frame's results.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { modelPath: 'blazeface.json', rotation: false, maxDetected: 30, minConfidence: 0.5, iouThreshold: 0.2, return: false },
      mesh: { enabled: false },
      attention: { enabled: false },
      iris: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    gesture: { enabled: false },
    // COCO objects come from the engine's own backbone pass (backbone.ts), which also feeds the heads.
    object: { enabled: false },
    segmentation: { enabled: true, modelPath: 'selfie.json' },
  };
}

/** Human with its face and person-segmentation models, loaded from disk. */
export async function createHuman(): Promise<HumanLike> {
  registerFileLoader();
  // The package's "exports" map spells this entry without "./", so Node cannot resolve it by name.
  const file = path.join(packageFileDir('@vladmandic/human'), 'human.node-wasm.js');
  const mod = requireLocal<{ Human?: new (c: unknown) => HumanLike; default?: new (c: unknown) => HumanLike }>(file);
  const Human = mod.Human ?? mod.default;
  if (!Human) throw new Error('The image-recognition library is missing.');
  const human = new Human(humanConfig());
  await human.load();
  if (human.tf.getBackend() !== 'wasm') throw new Error(`Unexpected TF.js backend ${human.tf.getBackend()}`);
  return human;
}

/** [1, h, w, 3] float tensor of 0..255 values, as Human expects. */
export function toTensor(human: HumanLike, data: Uint8Array, width: number, height: number): HumanTensor {
  return human.tf.tensor4d(Float32Array.from(data), [1, height, width, 3], 'float32');
}
