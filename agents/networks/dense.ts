/**
 * A fully connected layer y = x·W + b, W stored [in, out] row-major, with a tfjs forward (training, large
 * batches) and a plain-array forward (acting) that read the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { Activation } from './activations.js';
import { denseActivation } from './dense-op.js';
import { orthogonal } from './init.js';
import type { Parameter, ParameterSet } from './parameters.js';

export interface Dense {
  readonly inSize: number;
  readonly outSize: number;
  readonly w: Parameter;
  readonly b: Parameter;
}

/** Orthogonal weights with `gain`, zero bias. */
export function createDense(params: ParameterSet, name: string, inSize: number, outSize: number, rng: Rng, gain: number): Dense {
  const w = params.add(`${name}/kernel`, [inSize, outSize], orthogonal(rng, inSize, outSize, gain));
  const b = params.add(`${name}/bias`, [outSize], new Float32Array(outSize));
  return { inSize, outSize, w, b };
}

export function denseTf(x: tf.Tensor2D, layer: Dense): tf.Tensor2D {
  return denseActivation(x, layer.w.variable as tf.Tensor2D, layer.b.variable as tf.Tensor1D, 'linear');
}

/**
 * activation(x·W + b) as one differentiable op (./dense-op.ts): the same values and gradients as the layer and the
 * activation apart, at a third of tfjs's kernel calls. `inputGradient: false` where x is data no gradient must
 * reach (a first layer reading observations): its gradient is then zeros, not computed.
 */
export function denseActivationTf(x: tf.Tensor2D, layer: Dense, activation: Activation, options: { readonly inputGradient?: boolean } = {}): tf.Tensor2D {
  return denseActivation(x, layer.w.variable as tf.Tensor2D, layer.b.variable as tf.Tensor1D, activation, options.inputGradient ?? true);
}

/** `rows` rows of x (row-major, inSize each) through the layer, accumulated in double precision. */
export function denseHost(x: Float32Array, rows: number, layer: Dense): Float32Array {
  const { inSize, outSize } = layer;
  const w = layer.w.host;
  const b = layer.b.host;
  const out = new Float32Array(rows * outSize);
  const acc = new Float64Array(outSize);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < outSize; j++) acc[j] = b[j]!;
    const xBase = r * inSize;
    for (let i = 0; i < inSize; i++) {
      const xi = x[xBase + i]!;
      if (xi === 0) continue;
      const wBase = i * outSize;
      for (let j = 0; j < outSize; j++) acc[j] = acc[j]! + xi * w[wBase + j]!;
    }
    out.set(acc, r * outSize);
  }
  return out;
}
