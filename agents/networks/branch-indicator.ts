/**
 * Which column of a [B, Σ branches] output belongs to which discrete branch, as a 0/1 matrix: multiplying the
 * one-hot-picked values of each row by it sums each branch's slice, giving one value per branch (the Q of the
 * action taken in each branch, for DQN's and discrete SAC's losses). One-hot rows of the actions themselves are
 * distributions-tf.ts's oneHotActions.
 */

/** The [Σ branches, branches] indicator matrix of which slice belongs to which branch. */
export function branchIndicator(branches: readonly number[]): Float32Array {
  const width = branches.reduce((a, b) => a + b, 0);
  const out = new Float32Array(width * branches.length);
  let row = 0;
  branches.forEach((size, b) => {
    for (let a = 0; a < size; a++, row++) out[row * branches.length + b] = 1;
  });
  return out;
}
