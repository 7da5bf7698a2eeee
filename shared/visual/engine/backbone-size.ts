// Pure: the CenterNet graph at another input size. The graph is frozen at 512×512: its input is
// declared [1,512,512,3], its feature pyramid upsamples to fixed 32/64/128 maps (three
// ResizeBilinear nodes with constant sizes) and its decoding gathers box sizes from a [16384, 4]
// reshape of the 128×128 map (the map's width, 128, is a constant too). Those are Const nodes whose
// values sit in the weight data, so a copy of the artifacts with them set for W×H (multiples of 32)
// runs the same weights on an unstretched picture: a 16:9 frame at 512×288 is neither squashed
// across nor stretched down, and has 44% fewer pixels to go through than 512×512.
import type * as TF from '@tensorflow/tfjs-core';

/** The input side of the frozen graph. */
export const SQUARE_SIDE = 512;
/** Every side of the input is a multiple of this (the backbone's coarsest stride). */
const STRIDE = 32;

export interface InputSize {
  width: number;
  height: number;
}

/**
 * The unstretched input for a picture: its long side 512, its short side the nearest multiple of 32
 * to its shape (at least 128). A 1280×720 frame: 512×288; a 4:3 one: 512×384; a square one: 512×512.
 */
export function unstretchedInput(size: InputSize): InputSize {
  const long = Math.max(size.width, size.height);
  const short = Math.min(size.width, size.height);
  const side = Math.max(4 * STRIDE, Math.min(SQUARE_SIDE, Math.round((SQUARE_SIDE * short) / long / STRIDE) * STRIDE));
  return size.width >= size.height ? { width: SQUARE_SIDE, height: side } : { width: side, height: SQUARE_SIDE };
}

/** The constants that depend on the input size, by node name: what each holds for a W×H input. */
function sizedConstants({ width, height }: InputSize): Record<string, number[]> {
  return {
    // The pyramid upsamples the stride-32 map to stride 16, 8 and 4 ([height, width] of each).
    'tower_0/CenternetHead/c5_upsample/up_sampling2d/mul': [height / 16, width / 16],
    'tower_0/CenternetHead/c4_upsample/up_sampling2d_1/mul': [height / 8, width / 8],
    'tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul': [height / 4, width / 4],
    // Decoding: the stride-4 map's width (a peak's index is row * width + column) and its cell count.
    'tower_0/strided_slice_6': [width / 4],
    'tower_0/BatchGather/concat': [(width / 4) * (height / 4), 4],
  };
}

const INPUT_NODE = 'tower_0/images';

/** What the converter's manifest holds (the parts used here). */
export interface GraphArtifacts {
  modelTopology: { node: Array<{ name: string; op: string; attr?: Record<string, unknown> }> } & Record<string, unknown>;
  weightSpecs: TF.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function byteLength(spec: TF.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = BYTES[dtype];
  if (bytes === undefined) throw new Error('The object model has a weight of an unexpected kind; reinstall the app.');
  return count * bytes;
}

/** A copy of the graph's artifacts set for a W×H input (512×512 gives the artifacts as they are). */
export function resizedArtifacts(artifacts: GraphArtifacts, size: InputSize): GraphArtifacts {
  const { width, height } = size;
  if (width % STRIDE || height % STRIDE || width < 4 * STRIDE || height < 4 * STRIDE) throw new Error(`The object model cannot read a ${width}×${height} input.`);
  if (width === SQUARE_SIDE && height === SQUARE_SIDE) return artifacts;
  const wanted = sizedConstants(size);
  const weightData = artifacts.weightData.slice(0);
  const view = new DataView(weightData);
  let offset = 0;
  const patched = new Set<string>();
  for (const spec of artifacts.weightSpecs) {
    const values = wanted[spec.name];
    if (values) {
      if (spec.dtype !== 'int32' || spec.quantization || spec.shape.reduce((a, b) => a * b, 1) !== values.length) throw new Error('The object model is not the expected one; reinstall the app.');
      values.forEach((v, i) => view.setInt32(offset + 4 * i, v, true));
      patched.add(spec.name);
    }
    offset += byteLength(spec);
  }
  if (offset !== weightData.byteLength || patched.size !== Object.keys(wanted).length) throw new Error('The object model is not the expected one; reinstall the app.');
  const topology = structuredClone(artifacts.modelTopology);
  const input = topology.node.find((n) => n.name === INPUT_NODE && n.op === 'Placeholder');
  if (!input) throw new Error('The object model is not the expected one; reinstall the app.');
  input.attr = { ...input.attr, shape: { shape: { dim: [{ size: '1' }, { size: String(height) }, { size: String(width) }, { size: '3' }] } } };
  return { modelTopology: topology, weightSpecs: artifacts.weightSpecs, weightData };
}
