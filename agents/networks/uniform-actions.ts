/**
 * Uniform random actions, as off-policy learners take them before learning starts (SB3's learning_starts): each
 * continuous component uniform in [-1, 1), or each discrete branch uniform over the actions its mask allows.
 */
import type { Rng } from '../../src/core/runtime/rng.js';

/** `n` values uniform in [-1, 1). */
export function uniformActions(n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = rng.uniform(-1, 1);
  return out;
}

/** rows × Σ branches: per branch, 1/n on each of its n allowed actions (all of them when the mask allows none). */
export function uniformAllowed(masks: Uint8Array | null, rows: number, branches: readonly number[]): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let offset = r * width;
    for (const size of branches) {
      let allowed = 0;
      for (let a = 0; a < size; a++) if (!masks || !masks[offset + a]) allowed++;
      for (let a = 0; a < size; a++) if (allowed === 0 || !masks || !masks[offset + a]) out[offset + a] = 1 / (allowed || size);
      offset += size;
    }
  }
  return out;
}

/** Per branch, one of the actions its mask allows, uniformly (the first when none is allowed). */
export function uniformDiscrete(masks: Uint8Array | null, rows: number, branches: readonly number[], rng: Rng): Int32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const discrete = new Int32Array(rows * branches.length);
  for (let r = 0; r < rows; r++) {
    let start = r * width;
    branches.forEach((size, b) => {
      const allowed: number[] = [];
      for (let a = 0; a < size; a++) if (!masks || !masks[start + a]) allowed.push(a);
      discrete[r * branches.length + b] = allowed.length === 0 ? 0 : allowed[rng.int(allowed.length)]!;
      start += size;
    });
  }
  return discrete;
}
