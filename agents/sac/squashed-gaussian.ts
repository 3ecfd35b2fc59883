/**
 * The tanh-squashed Gaussian policy of SAC (Haarnoja et al. 2018, appendix C): u ~ N(μ, σ²), a = tanh(u), and
 * by the change of variables
 *
 *   log π(a|s) = Σ_c [ log N(u_c; μ_c, σ_c²) − log(1 − tanh²(u_c)) ].
 *
 * log(1 − tanh² u) is computed as 2·(log 2 − u − softplus(−2u)), which is exact and never takes the log of a
 * rounded-to-zero 1 − tanh² (the form SB3 and CleanRL write as log(1 − a² + 1e-6) loses accuracy near |a| = 1).
 * Plain-number versions for acting and targets, tfjs versions for the actor's loss; tested against each other
 * and against a numeric derivative of tanh.
 */
import * as tf from '@tensorflow/tfjs';
import { gaussianLogProb } from '../networks/distributions.js';

const LN2 = Math.log(2);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(1 + eˣ) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** log(1 − tanh²(u)) = log |d tanh(u)/du|. */
export function logTanhDerivative(u: number): number {
  return 2 * (LN2 - u - softplus(-2 * u));
}

/**
 * log π(tanh(u)) per row for rows × C pre-squash samples `u`, means and (clamped) log-stds; the sum over
 * components of the Gaussian log-density minus the tanh correction.
 */
export function squashedLogProbs(u: Float32Array, means: Float32Array, logStds: Float32Array, rows: number, C: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let c = 0; c < C; c++) {
      const k = r * C + c;
      total += gaussianLogProb(u[k]!, means[k]!, logStds[k]!) - logTanhDerivative(u[k]!);
    }
    out[r] = total;
  }
  return out;
}

/** The tfjs version: u, mean, logStd [B, C] → log π [B]. */
export function squashedLogProbsTf(u: tf.Tensor2D, mean: tf.Tensor2D, logStd: tf.Tensor2D): tf.Tensor1D {
  const z = tf.mul(tf.sub(u, mean), tf.exp(tf.neg(logStd)));
  const gaussian = tf.sub(tf.sub(tf.mul(tf.square(z), -0.5), logStd), HALF_LOG_2PI);
  const correction = tf.mul(tf.sub(tf.sub(LN2, u), tf.softplus(tf.mul(u, -2))), 2);
  return tf.sum(tf.sub(gaussian, correction), 1) as tf.Tensor1D;
}
