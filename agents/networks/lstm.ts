/**
 * A single-layer LSTM after a network's encoder, as ML-Agents' NetworkBody places it (torch_entities/layers.py
 * LSTM): its memory is [h | c], so a memory of `memorySize` floats holds a hidden state of memorySize / 2.
 *
 *   z = x·W + h·U + b,   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)   (torch's gate order i, f, g, o)
 *   c' = f ⊙ c + i ⊙ g,  h' = o ⊙ tanh(c'),   output h'
 *
 * Two forwards read the same weights: one step on plain arrays (acting, one decision per agent) and a whole batch
 * of sequences in tfjs (training: gradients flow back through time by tfjs's autodiff). The forget gate's bias
 * starts at 1 (ML-Agents' forget_bias), so early on the cell keeps what it holds.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from '../../src/core/runtime/fast-ops.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { orthogonal } from './init.js';
import type { Parameter, ParameterSet } from './parameters.js';
import type { ExportLstm } from '../../src/protocol/onnx/exportable-policy.js';

export interface Lstm {
  readonly inSize: number;
  /** H: the width of h, of c and of the output; the memory is 2H floats. */
  readonly hiddenSize: number;
  /** [inSize, 4H], gate blocks i, f, g, o. */
  readonly kernel: Parameter;
  /** [H, 4H]. */
  readonly recurrent: Parameter;
  /** [4H]. */
  readonly bias: Parameter;
}

/** ML-Agents' forget_bias. */
const FORGET_BIAS = 1;

/** An LSTM whose memory is `memorySize` floats (even): hidden size memorySize / 2. */
export function createLstm(params: ParameterSet, name: string, inSize: number, memorySize: number, rng: Rng): Lstm {
  const hiddenSize = memorySize / 2;
  const bias = new Float32Array(4 * hiddenSize);
  bias.fill(FORGET_BIAS, hiddenSize, 2 * hiddenSize);
  return {
    inSize,
    hiddenSize,
    kernel: params.add(`${name}/kernel`, [inSize, 4 * hiddenSize], orthogonal(rng, inSize, 4 * hiddenSize, 1)),
    recurrent: params.add(`${name}/recurrent_kernel`, [hiddenSize, 4 * hiddenSize], orthogonal(rng, hiddenSize, 4 * hiddenSize, 1)),
    bias: params.add(`${name}/bias`, [4 * hiddenSize], bias),
  };
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * One step for `rows` agents on plain arrays: x is rows × inSize, memory rows × 2H ([h | c] per row). Returns the
 * output (rows × H) and the new memory (rows × 2H); the inputs are not changed.
 */
export function lstmStepHost(x: Float32Array, memory: Float32Array, rows: number, lstm: Lstm): { output: Float32Array; memory: Float32Array } {
  const { inSize, hiddenSize: H } = lstm;
  const W = lstm.kernel.host;
  const U = lstm.recurrent.host;
  const b = lstm.bias.host;
  const output = new Float32Array(rows * H);
  const next = new Float32Array(rows * 2 * H);
  const z = new Float64Array(4 * H);
  for (let r = 0; r < rows; r++) {
    z.set(b);
    for (let i = 0; i < inSize; i++) {
      const xi = x[r * inSize + i]!;
      if (xi === 0) continue;
      const base = i * 4 * H;
      for (let j = 0; j < 4 * H; j++) z[j] = z[j]! + xi * W[base + j]!;
    }
    const m = r * 2 * H;
    for (let k = 0; k < H; k++) {
      const hk = memory[m + k]!;
      if (hk === 0) continue;
      const base = k * 4 * H;
      for (let j = 0; j < 4 * H; j++) z[j] = z[j]! + hk * U[base + j]!;
    }
    for (let k = 0; k < H; k++) {
      const c = sigmoid(z[H + k]!) * memory[m + H + k]! + sigmoid(z[k]!) * Math.tanh(z[2 * H + k]!);
      const h = sigmoid(z[3 * H + k]!) * Math.tanh(c);
      output[r * H + k] = h;
      next[m + k] = h;
      next[m + H + k] = c;
    }
  }
  return { output, memory: next };
}

/**
 * Sequences through the LSTM in tfjs: x is [B·T, inSize] with sequence b's step t in row b·T + t, `initial` the
 * memory [B, 2H] each sequence starts from. Returns the outputs [B·T, H] in the same row order. Call inside
 * tf.tidy (or a gradient function).
 */
export function lstmSequencesTf(x: tf.Tensor2D, initial: tf.Tensor2D, sequenceLength: number, lstm: Lstm): tf.Tensor2D {
  const H = lstm.hiddenSize;
  const T = sequenceLength;
  const B = x.shape[0] / T;
  // The input part of every gate for every step at once: one matmul instead of T.
  const projected = tf.reshape(tf.add(matMul(x, lstm.kernel.variable as tf.Tensor2D), lstm.bias.variable), [B, T, 4 * H]);
  let h = tf.slice(initial, [0, 0], [B, H]) as tf.Tensor2D;
  let c = tf.slice(initial, [0, H], [B, H]) as tf.Tensor2D;
  const outputs: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const zt = tf.add(tf.reshape(tf.slice(projected, [0, t, 0], [B, 1, 4 * H]), [B, 4 * H]), matMul(h, lstm.recurrent.variable as tf.Tensor2D));
    const [zi, zf, zg, zo] = tf.split(zt, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg))) as tf.Tensor2D;
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as tf.Tensor2D;
    outputs.push(h);
  }
  return tf.reshape(tf.stack(outputs, 1), [B * T, H]) as tf.Tensor2D;
}

/** The layer as export data (copies of the host weights). */
export function exportLstm(lstm: Lstm): ExportLstm {
  return { inSize: lstm.inSize, hiddenSize: lstm.hiddenSize, kernel: Float32Array.from(lstm.kernel.host), recurrent: Float32Array.from(lstm.recurrent.host), bias: Float32Array.from(lstm.bias.host) };
}
