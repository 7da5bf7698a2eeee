// The door-handle CNN's layers, shared by the training script (scripts/train/train-door-handle-cnn.ts)
// and the detector (handles-cnn.ts) so both run exactly the same network. A small fully
// convolutional net, CenterNet-style: a photo in, at 1/8 resolution a handle-centre heatmap
// (logit) and the handle's log size out. Pure TF.js ops; the caller picks the backend.
import type * as TF from '@tensorflow/tfjs-core';

/** Output cells per input pixel: one heatmap cell per 8×8 block. */
export const HANDLE_CNN_STRIDE = 8;

/** [name, kernel, input channels, output channels, stride, dilation] per conv layer, in order. */
export const HANDLE_CNN_LAYERS: ReadonlyArray<readonly [string, number, number, number, 1 | 2, 1 | 2]> = [
  ['c1', 3, 3, 16, 2, 1],
  ['c2', 3, 16, 32, 2, 1],
  ['c3', 3, 32, 32, 1, 1],
  ['c4', 3, 32, 48, 2, 1],
  ['c5', 3, 48, 48, 1, 1],
  ['c6', 3, 48, 48, 1, 2],
  // Head: channel 0 = centre logit, 1..2 = log(w / 8), log(h / 8) in input pixels.
  ['head', 1, 48, 3, 1, 1],
];

export type HandleCnnWeights = Record<string, TF.Tensor>;

/** A conv2d that the training script can swap for one with a wasm-friendly gradient. */
export type Conv2dFn = (x: TF.Tensor4D, w: TF.Tensor4D, stride: 1 | 2, dilation: 1 | 2, isInput: boolean) => TF.Tensor4D;

/** RGB 0..255 [n, h, w, 3] → [n, h/8, w/8, 3]. */
export function handleCnnForward(tf: typeof TF, weights: HandleCnnWeights, rgb: TF.Tensor4D, conv: Conv2dFn): TF.Tensor4D {
  let x = tf.sub(tf.div(rgb, 127.5), 1) as TF.Tensor4D;
  for (const [name, , , , stride, dilation] of HANDLE_CNN_LAYERS) {
    const w = weights[`${name}/kernel`] as TF.Tensor4D | undefined;
    const b = weights[`${name}/bias`];
    if (!w || !b) throw new Error(`door-handle model: missing weights for ${name}`);
    const y = tf.add(conv(x, w, stride, dilation, name === HANDLE_CNN_LAYERS[0]![0]), b) as TF.Tensor4D;
    x = name === 'head' ? y : (tf.relu(y) as TF.Tensor4D);
  }
  return x;
}

/** The plain TF.js conv (inference; any backend). */
export function plainConv(tf: typeof TF): Conv2dFn {
  return (x, w, stride, dilation) => tf.conv2d(x, w, stride, 'same', 'NHWC', dilation);
}
