/**
 * How DQN acts: ε-greedy over each discrete branch on its own, never choosing a masked action.
 *
 *   ε(step) = final + (initial − final) · max(0, 1 − step / (fraction · max_steps))     (SB3's linear schedule)
 *
 * With probability ε a branch's action is drawn uniformly from its allowed actions, otherwise it is the allowed
 * action of highest Q (the first on ties). A branch with every action masked (the environment broke its own
 * contract) falls back to treating all as allowed rather than acting out of range.
 */
import type { Rng } from '../../src/core/runtime/rng.js';

export function linearEpsilon(step: number, initial: number, final: number, fraction: number, maxSteps: number): number {
  const span = fraction * maxSteps;
  if (!(span > 0)) return final;
  return final + (initial - final) * Math.max(0, 1 - step / span);
}

/**
 * Index (within the branch) of the largest q[offset + a] over allowed a; `mask` rows use 1 = not allowed, as
 * DecisionSteps has them. With every action masked, the largest over all.
 */
export function maskedArgmax(q: ArrayLike<number>, mask: ArrayLike<number> | null, offset: number, size: number): number {
  let best = -1;
  let bestQ = -Infinity;
  for (let a = 0; a < size; a++) {
    if (mask && mask[offset + a] === 1) continue;
    const v = q[offset + a]!;
    if (best < 0 || v > bestQ) {
      best = a;
      bestQ = v;
    }
  }
  return best >= 0 ? best : maskedArgmax(q, null, offset, size);
}

/**
 * ε-greedy actions for `rows` agents: q and masks are rows × Σ branches (masks may be null), the result
 * rows × branches.
 */
export function epsilonGreedy(q: Float32Array, masks: Uint8Array | null, rows: number, branches: readonly number[], epsilon: number, rng: Rng): Int32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Int32Array(rows * branches.length);
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    branches.forEach((size, b) => {
      out[r * branches.length + b] = epsilon > 0 && rng.next() < epsilon ? randomAllowed(masks, offset, size, rng) : maskedArgmax(q, masks, offset, size);
      offset += size;
    });
  }
  return out;
}

function randomAllowed(mask: Uint8Array | null, offset: number, size: number, rng: Rng): number {
  let allowed = 0;
  if (mask) for (let a = 0; a < size; a++) allowed += mask[offset + a] === 1 ? 0 : 1;
  if (!mask || allowed === 0) return rng.int(size);
  let k = rng.int(allowed);
  for (let a = 0; a < size; a++) {
    if (mask[offset + a] === 1) continue;
    if (k-- === 0) return a;
  }
  return size - 1; // unreachable: k < allowed
}
