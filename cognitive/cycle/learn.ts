/**
 * Learning after a decision.
 *
 * Functions: Sigma's gradient step on a conditional's function from the feedback at its factor node. With q
 * the factor's belief (function × incoming messages, normalised) and, for each slice c of the non-normal
 * variables, w_c = Σ_x q(c, x):
 *     F(c, x) ← F(c, x) + η · (q(c, x) − w_c · F(c, x))
 * which keeps each slice a distribution over the normal variable (its sum stays 1) and moves it towards the
 * evidence — the stepwise form of the log-likelihood gradient step. Entries are then floored at the
 * smoothing value, entries that started at 0 stay 0, and each slice is renormalised.
 *
 * Utilities: ACT-R difference learning, U ← U + α(R − U), for each conditional that supported an action
 * chosen in the decision.
 */
import { strides } from '../graph/factor.js';

/** First entry of each slice along position `pos` of a table over `sizes`. */
export function sliceStarts(sizes: readonly number[], pos: number): Int32Array {
  const st = strides(sizes);
  let n = 1;
  for (const s of sizes) n *= s;
  const out: number[] = [];
  for (let e = 0; e < n; e++) if (Math.floor(e / st[pos]!) % sizes[pos]! === 0) out.push(e);
  return Int32Array.from(out);
}

export interface FunctionUpdate {
  readonly rate: number | 'average';
  readonly smoothing: number;
}

/**
 * One gradient step of `fn` (a table over `sizes`, normal variable at `normalPos`) towards the belief `q`
 * (same layout, sums to 1). `counts` holds each slice's evidence so far (for rate 'average'; start at 1).
 */
export function updateFunction(
  fn: Float64Array,
  zero: Uint8Array,
  sizes: readonly number[],
  normalPos: number,
  q: Float64Array,
  counts: Float64Array,
  opts: FunctionUpdate,
): void {
  const starts = sliceStarts(sizes, normalPos);
  const stride = strides(sizes)[normalPos]!;
  const n = sizes[normalPos]!;
  for (let s = 0; s < starts.length; s++) {
    const start = starts[s]!;
    let w = 0;
    for (let x = 0; x < n; x++) w += q[start + x * stride]!;
    if (!(w > 0)) continue;
    counts[s]! += w;
    const eta = opts.rate === 'average' ? 1 / counts[s]! : opts.rate;
    let z = 0;
    for (let x = 0; x < n; x++) {
      const e = start + x * stride;
      if (zero[e] === 1) {
        fn[e] = 0;
        continue;
      }
      let v = fn[e]! + eta * (q[e]! - w * fn[e]!);
      if (v < opts.smoothing) v = opts.smoothing;
      fn[e] = v;
      z += v;
    }
    if (z > 0) for (let x = 0; x < n; x++) fn[start + x * stride]! /= z;
  }
}

/** ACT-R utility update U ← U + α(R − U). */
export function updateUtility(u: number, reward: number, alpha: number): number {
  return u + alpha * (reward - u);
}
