/**
 * A hidden layer whose weights a goal generates (ML-Agents' HyperNetwork, torch_entities/conditioning.py, used by
 * its ConditionalEncoder for the last trunk layer when a behavior has goal-signal observations and
 * goal_conditioning_type is hyper):
 *
 *   h   = swish(dense(swish(dense(g))))          two hypernet layers of `hyperUnits` on the goal encoding g
 *   h   = (h − mean(h)) / √(var(h) + 1e-5)       layer norm without gain or bias (ML-Agents' LayerNorm)
 *   W(g) = reshape(dense(h), [in, out])          the main layer's weights, one matrix per row
 *   y   = x · W(g) + b                           b is an ordinary parameter (the hypernet makes no bias)
 *
 * Initialisation as ML-Agents: the generating layer's weights uniform in ±√(1 / (hyperUnits · in)) and zero biases,
 * so the generated weights start at the scale of an ordinary layer's. The activation after y is the trunk's.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportHyperLayer } from '../../src/protocol/onnx/exportable-policy.js';
import { activateInPlace, activateTf } from './activations.js';
import { createDense, denseHost, denseTf, type Dense } from './dense.js';
import { exportDense } from './export-layers.js';
import type { Parameter, ParameterSet } from './parameters.js';

/** ML-Agents' HyperNetwork: two hidden layers in the hypernet. */
export const HYPER_LAYERS = 2;
/** ML-Agents' LayerNorm epsilon. */
export const LAYER_NORM_EPSILON = 1e-5;

export class HyperLayer {
  private readonly hyper: Dense[] = [];
  private readonly generator: Dense;
  private readonly bias: Parameter;

  constructor(
    params: ParameterSet,
    name: string,
    readonly inSize: number,
    readonly outSize: number,
    readonly goalSize: number,
    hyperUnits: number,
    rng: Rng,
  ) {
    let size = goalSize;
    for (let l = 0; l < HYPER_LAYERS; l++) {
      this.hyper.push(createDense(params, `${name}/hyper${l}`, size, hyperUnits, rng, Math.SQRT2));
      size = hyperUnits;
    }
    const bound = Math.sqrt(1 / (hyperUnits * inSize));
    const kernel = Float32Array.from({ length: hyperUnits * inSize * outSize }, () => rng.uniform(-bound, bound));
    this.generator = {
      inSize: hyperUnits,
      outSize: inSize * outSize,
      w: params.add(`${name}/generator/kernel`, [hyperUnits, inSize * outSize], kernel),
      b: params.add(`${name}/generator/bias`, [inSize * outSize], new Float32Array(inSize * outSize)),
    };
    this.bias = params.add(`${name}/bias`, [outSize], new Float32Array(outSize));
  }

  /** x [B, in], goal [B, goalSize] → [B, out] (before the trunk's activation). */
  forwardTf(x: tf.Tensor2D, goal: tf.Tensor2D): tf.Tensor2D {
    let h = goal;
    for (const layer of this.hyper) h = activateTf(denseTf(h, layer), 'swish');
    const mean = tf.mean(h, 1, true);
    const centred = tf.sub(h, mean);
    h = tf.div(centred, tf.sqrt(tf.add(tf.mean(tf.square(centred), 1, true), LAYER_NORM_EPSILON))) as tf.Tensor2D;
    const rows = x.shape[0];
    const weights = tf.reshape(denseTf(h, this.generator), [rows, this.inSize, this.outSize]) as tf.Tensor3D;
    const y = tf.matMul(tf.reshape(x, [rows, 1, this.inSize]) as tf.Tensor3D, weights);
    return tf.add(tf.reshape(y, [rows, this.outSize]), this.bias.variable) as tf.Tensor2D;
  }

  /** The same on the host copies, row by row, accumulated in double precision. */
  forwardHost(x: Float32Array, goal: Float32Array, rows: number): Float32Array {
    let h = goal;
    for (const layer of this.hyper) {
      h = denseHost(h, rows, layer);
      activateInPlace(h, 'swish');
    }
    layerNormInPlace(h, rows, this.generator.inSize);
    const weights = denseHost(h, rows, this.generator);
    const { inSize, outSize } = this;
    const b = this.bias.host;
    const out = new Float32Array(rows * outSize);
    const acc = new Float64Array(outSize);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < outSize; j++) acc[j] = b[j]!;
      const wBase = r * inSize * outSize;
      for (let i = 0; i < inSize; i++) {
        const xi = x[r * inSize + i]!;
        if (xi === 0) continue;
        const row = wBase + i * outSize;
        for (let j = 0; j < outSize; j++) acc[j] = acc[j]! + xi * weights[row + j]!;
      }
      out.set(acc, r * outSize);
    }
    return out;
  }

  describe(goalObservations: readonly number[]): ExportHyperLayer {
    return { goalObservations: [...goalObservations], inSize: this.inSize, outSize: this.outSize, hyper: this.hyper.map(exportDense), generator: exportDense(this.generator), bias: Float32Array.from(this.bias.host), layerNormEpsilon: LAYER_NORM_EPSILON };
  }
}

function layerNormInPlace(h: Float32Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let mean = 0;
    for (let k = 0; k < width; k++) mean += h[base + k]!;
    mean /= width;
    let variance = 0;
    for (let k = 0; k < width; k++) variance += (h[base + k]! - mean) ** 2;
    const scale = 1 / Math.sqrt(variance / width + LAYER_NORM_EPSILON);
    for (let k = 0; k < width; k++) h[base + k] = (h[base + k]! - mean) * scale;
  }
}
