/**
 * The Gumbel-softmax (Jang et al. 2017; Maddison et al. 2017) with the straight-through estimator, which MADDPG
 * uses to pass the critic's gradient through a discrete action:
 *   y_soft = softmax((logits + g)/τ),  g = −log(−log U), U ~ Uniform(0, 1),
 *   forward: one_hot(argmax y_soft);  backward: the gradient of y_soft.
 * Per branch: a row holds Σ branches logits, each branch's segment relaxed on its own. The Gumbel noise is drawn
 * on the host from a seeded Rng, so a seed fixes every sample.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';

/** `rows` × `width` standard Gumbel draws. */
export function gumbelNoise(rows: number, width: number, rng: Rng): Float32Array {
  const g = new Float32Array(rows * width);
  for (let k = 0; k < g.length; k++) {
    let u = 0;
    while (u === 0) u = rng.next();
    g[k] = -Math.log(-Math.log(u));
  }
  return g;
}

/** The one-hot of each segment's argmax (first index on ties), rows × Σ branches. */
export function oneHotArgmax(values: Float32Array, rows: number, branches: readonly number[]): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    for (const size of branches) {
      let best = 0;
      for (let a = 1; a < size; a++) if (values[offset + a]! > values[offset + best]!) best = a;
      out[offset + best] = 1;
      offset += size;
    }
  }
  return out;
}

/** Forward: the hard one-hot of x per branch; backward: the incoming gradient unchanged (straight through). */
function straightThrough(branches: readonly number[]): (x: tf.Tensor2D) => tf.Tensor2D {
  return tf.customGrad((...args) => {
    const soft = args[0] as tf.Tensor2D;
    const hard = tf.tensor2d(oneHotArgmax(soft.dataSync() as Float32Array, soft.shape[0], branches), soft.shape, 'float32');
    return { value: hard, gradFunc: (dy: tf.Tensor) => [dy] };
  }) as (x: tf.Tensor2D) => tf.Tensor2D;
}

/** softmax per branch segment of a [B, Σ branches] tensor. */
export function segmentSoftmaxTf(logits: tf.Tensor2D, branches: readonly number[]): tf.Tensor2D {
  if (branches.length === 1) return tf.softmax(logits) as tf.Tensor2D;
  const parts = tf.split(logits, [...branches], 1);
  return tf.concat(parts.map((p) => tf.softmax(p)), 1) as tf.Tensor2D;
}

/**
 * Straight-through Gumbel-softmax samples of `logits` [B, Σ branches] with the Gumbel draws `noise` (same shape,
 * host) at temperature `temperature`: one-hot values whose gradient is that of the relaxed sample.
 */
export function gumbelSoftmaxTf(logits: tf.Tensor2D, noise: Float32Array, branches: readonly number[], temperature: number): tf.Tensor2D {
  const g = tf.tensor2d(noise, logits.shape, 'float32');
  const soft = segmentSoftmaxTf(tf.div(tf.add(logits, g), temperature) as tf.Tensor2D, branches);
  return straightThrough(branches)(soft);
}
