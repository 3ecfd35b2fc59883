/**
 * Log-probabilities and entropies of the action distributions in tfjs, differentiable, for the update step.
 * Same conventions as distributions.ts (which also explains rule factors); tested against it.
 */
import * as tf from '@tensorflow/tfjs';
import { LOG_STD_MAX, LOG_STD_MIN, MASKED_LOGIT } from './distributions.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** A combined factor array turned into what the tfjs graph multiplies and adds: adjusted = logits·allowed + offset. */
export interface FactorArrays {
  /** 1 where factor > 0, else 0 (cuts the gradient to vetoed logits). */
  readonly allowed: Float32Array;
  /** ln factor where factor > 0, else MASKED_LOGIT. */
  readonly offset: Float32Array;
}

export function factorArrays(factors: Float32Array): FactorArrays {
  const allowed = new Float32Array(factors.length);
  const offset = new Float32Array(factors.length);
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i]!;
    allowed[i] = f > 0 ? 1 : 0;
    offset[i] = f > 0 ? Math.log(f) : MASKED_LOGIT;
  }
  return { allowed, offset };
}

/** One-hot rows (rows × Σ branches) of chosen discrete actions (rows × branches). */
export function oneHotActions(actions: Int32Array, rows: number, branches: readonly number[]): Float32Array {
  const total = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * total);
  for (let r = 0; r < rows; r++) {
    let offset = 0;
    branches.forEach((size, b) => {
      out[r * total + offset + actions[r * branches.length + b]!] = 1;
      offset += size;
    });
  }
  return out;
}

/**
 * Per-row log π'(a|s) summed over branches and per-row entropy summed over branches, where π' is the
 * factor-adjusted softmax of each branch. `oneHot` marks the chosen actions; `allowed`/`offset` may be null
 * (no masks, no factors).
 */
export function categoricalLogProbEntropy(
  logits: tf.Tensor2D,
  branches: readonly number[],
  oneHot: tf.Tensor2D,
  allowed: tf.Tensor2D | null,
  offset: tf.Tensor2D | null,
): { logProb: tf.Tensor1D; entropy: tf.Tensor1D } {
  const adjusted = allowed && offset ? tf.add(tf.mul(logits, allowed), offset) : logits;
  const logProbs =
    branches.length === 1
      ? tf.logSoftmax(adjusted)
      : tf.concat(
          tf.split(adjusted, [...branches], 1).map((b) => tf.logSoftmax(b)),
          1,
        );
  const logProb = tf.sum(tf.mul(oneHot, logProbs), 1) as tf.Tensor1D;
  const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)) as tf.Tensor1D;
  return { logProb, entropy };
}

/**
 * Per-row log N(a; mean, σ²) summed over components (of the unclipped sample), and the entropy summed over
 * components, which does not depend on the state because σ is a free parameter.
 */
export function gaussianLogProbEntropy(mean: tf.Tensor2D, logStdParam: tf.Tensor1D, actions: tf.Tensor2D): { logProb: tf.Tensor1D; entropy: tf.Scalar } {
  const logStd = tf.clipByValue(logStdParam, LOG_STD_MIN, LOG_STD_MAX);
  const z = tf.mul(tf.sub(actions, mean), tf.exp(tf.neg(logStd)));
  const perComponent = tf.sub(tf.sub(tf.mul(tf.square(z), -0.5), logStd), HALF_LOG_2PI);
  const logProb = tf.sum(perComponent, 1) as tf.Tensor1D;
  const entropy = tf.sum(tf.add(logStd, 0.5 + HALF_LOG_2PI)) as tf.Scalar;
  return { logProb, entropy };
}
