/**
 * Weight initialisation from a seeded Rng, so that a seed gives the same weights on every backend. Orthogonal
 * initialisation with a per-layer gain, as CleanRL's PPO does (√2 for hidden layers, 0.01 for the policy head so
 * the first policy is near uniform, 1 for the value head).
 */
import type { Rng } from '../../src/core/runtime/rng.js';

/**
 * Gain of a policy's output layer: small, so the first policy is near uniform (logits near 0) and a tanh-squashed
 * action starts in tanh's linear range, near 0, rather than at the saturated ends.
 */
export const POLICY_HEAD_GAIN = 0.01;

/**
 * A `rows × cols` row-major matrix whose columns (when rows ≥ cols) or rows (otherwise) are orthonormal, times
 * `gain`. Gram–Schmidt on a Gaussian matrix, which is what a QR decomposition computes.
 */
export function orthogonal(rng: Rng, rows: number, cols: number, gain: number): Float32Array {
  const vecCount = Math.min(rows, cols);
  const vecLen = Math.max(rows, cols);
  const vecs: Float64Array[] = [];
  for (let k = 0; k < vecCount; k++) {
    let v = gaussianVector(rng, vecLen);
    for (let attempt = 0; ; attempt++) {
      for (const u of vecs) {
        let dot = 0;
        for (let i = 0; i < vecLen; i++) dot += v[i]! * u[i]!;
        for (let i = 0; i < vecLen; i++) v[i] = v[i]! - dot * u[i]!;
      }
      let norm = 0;
      for (let i = 0; i < vecLen; i++) norm += v[i]! * v[i]!;
      norm = Math.sqrt(norm);
      if (norm > 1e-6 || attempt > 8) {
        for (let i = 0; i < vecLen; i++) v[i] = v[i]! / norm;
        break;
      }
      v = gaussianVector(rng, vecLen); // numerically dependent draw: try again
    }
    vecs.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Columns are the vectors when rows ≥ cols; rows are, otherwise.
      out[r * cols + c] = gain * (rows >= cols ? vecs[c]![r]! : vecs[r]![c]!);
    }
  }
  return out;
}

function gaussianVector(rng: Rng, n: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return v;
}
