/**
 * The action distributions on plain numbers, for acting: categorical branches under action masks and rule
 * factors, and a diagonal Gaussian. distributions-tf.ts computes the same quantities with tfjs for training;
 * test/agents/networks/distributions.test.ts holds both to the formulas.
 *
 * Rule factors. The policy that acts is the combined one, π(a|s)·f(a|s)/Z per branch (DESIGN.md). Multiplying
 * probabilities by f is adding ln f to the logits; f = 0 is a veto, exactly an action mask. So masks and
 * factors fold into one array, factor = (1 − mask)·f, and the adjusted logit is logit + ln factor, or −1e8
 * (ML-Agents' masked value) where factor = 0. Softmax of adjusted logits renormalises (the Z).
 */
import type { Rng } from '../../src/core/runtime/rng.js';

/** The logit given to a vetoed or masked action: exp underflows to exactly 0 against any real logit. */
export const MASKED_LOGIT = -1e8;
/** Bounds on the Gaussian's log standard deviation (ML-Agents clamps to the same range). */
export const LOG_STD_MIN = -20;
export const LOG_STD_MAX = 2;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The factor array (rows × Σ branches) that acting used and training must reuse: (1 − mask)·f. Null when there
 * is neither a mask nor rule factors, meaning every action is allowed with factor 1.
 */
export function combineFactors(rows: number, logitsSize: number, masks: Uint8Array | null | undefined, ruleFactors: Float32Array | null | undefined): Float32Array | null {
  if (!masks && !ruleFactors) return null;
  const n = rows * logitsSize;
  const out = ruleFactors ? Float32Array.from(ruleFactors.subarray(0, n)) : new Float32Array(n).fill(1);
  if (masks) for (let i = 0; i < n; i++) if (masks[i]) out[i] = 0;
  return out;
}

/** logit + ln factor, or MASKED_LOGIT for a zero factor. */
export function adjustLogit(logit: number, factor: number): number {
  return factor > 0 ? logit + Math.log(factor) : MASKED_LOGIT;
}

/**
 * Log-softmax of `size` adjusted logits starting at `start`, written to `out` at the same positions. Computed
 * in double precision with the max subtracted.
 */
export function logSoftmaxSegment(adjusted: ArrayLike<number>, start: number, size: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < size; k++) max = Math.max(max, adjusted[start + k]!);
  let sum = 0;
  for (let k = 0; k < size; k++) sum += Math.exp(adjusted[start + k]! - max);
  const logZ = max + Math.log(sum);
  for (let k = 0; k < size; k++) out[start + k] = adjusted[start + k]! - logZ;
}

/**
 * Draws an index from `size` log-probabilities at `start` by inverse CDF. An action whose probability is 0 is
 * never returned: rounding at the top end falls back to the last action with positive probability.
 */
export function sampleFromLogProbs(logProbs: Float64Array, start: number, size: number, rng: Rng): number {
  const u = rng.next();
  let cumulative = 0;
  let lastPositive = -1;
  for (let k = 0; k < size; k++) {
    const p = Math.exp(logProbs[start + k]!);
    if (p <= 0) continue;
    lastPositive = k;
    cumulative += p;
    if (u < cumulative) return k;
  }
  return lastPositive < 0 ? 0 : lastPositive;
}

/** Index of the largest log-probability in the segment (the greedy action). */
export function argmaxSegment(values: ArrayLike<number>, start: number, size: number): number {
  let best = 0;
  for (let k = 1; k < size; k++) if (values[start + k]! > values[start + best]!) best = k;
  return best;
}

/** Entropy −Σ p ln p of one branch given its log-probabilities. */
export function entropyOfSegment(logProbs: Float64Array, start: number, size: number): number {
  let h = 0;
  for (let k = 0; k < size; k++) {
    const p = Math.exp(logProbs[start + k]!);
    if (p > 0) h -= p * logProbs[start + k]!;
  }
  return h;
}

export function clampLogStd(logStd: number): number {
  return Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, logStd));
}

/** ln N(x; mean, exp(logStd)²), with logStd already clamped. */
export function gaussianLogProb(x: number, mean: number, logStd: number): number {
  const z = (x - mean) * Math.exp(-logStd);
  return -0.5 * z * z - logStd - HALF_LOG_2PI;
}

/** Differential entropy of N(·, exp(logStd)²): ½ + ½ ln 2π + logStd. */
export function gaussianEntropy(logStd: number): number {
  return 0.5 + HALF_LOG_2PI + logStd;
}

/** The action the environment receives for a Gaussian sample (see NetworkSettings.actionClip). */
export function envAction(sample: number, mode: 'clip' | 'clamp3'): number {
  if (mode === 'clip') return Math.min(1, Math.max(-1, sample));
  return Math.min(3, Math.max(-3, sample)) / 3;
}
