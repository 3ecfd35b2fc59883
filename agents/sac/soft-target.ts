/**
 * SAC's soft critic targets, as pure functions on plain arrays. With the replay's n-step reward sum r and
 * discount γᵏ (agents/replay):
 *
 *   continuous (Haarnoja et al. 2018):  y = r + γᵏ(1 − done)·[min(Q1⁻, Q2⁻)(s', a') − α·log π(a'|s')],
 *                                        a' ~ π(·|s') freshly sampled;
 *   discrete (Christodoulou 2019), per branch b:
 *                                        y_b = r + γᵏ(1 − done)·Σ_a π_b(a|s')·[min(Q1⁻, Q2⁻)_b(s', a) − α_b·log π_b(a|s')],
 *                                        the expectation over the next action taken exactly.
 */

export interface ContinuousSoftTargetInput {
  readonly rewards: Float32Array;
  readonly dones: Float32Array;
  readonly discounts: Float32Array;
  readonly nextQ1: Float32Array;
  readonly nextQ2: Float32Array;
  /** log π(a'|s') of the sampled next actions. */
  readonly nextLogProbs: Float32Array;
  readonly alpha: number;
}

export function continuousSoftTargets(input: ContinuousSoftTargetInput): Float32Array {
  const { rewards, dones, discounts, nextQ1, nextQ2, nextLogProbs, alpha } = input;
  const y = new Float32Array(rewards.length);
  for (let r = 0; r < y.length; r++) {
    const soft = Math.min(nextQ1[r]!, nextQ2[r]!) - alpha * nextLogProbs[r]!;
    y[r] = rewards[r]! + discounts[r]! * (1 - dones[r]!) * soft;
  }
  return y;
}

export interface DiscreteSoftTargetInput {
  readonly rows: number;
  readonly branches: readonly number[];
  readonly rewards: Float32Array;
  readonly dones: Float32Array;
  readonly discounts: Float32Array;
  /** rows × Σ branches target Q-values at s'. */
  readonly nextQ1: Float32Array;
  readonly nextQ2: Float32Array;
  /** rows × Σ branches log π(a|s'), masked actions at ≈ −1e8 (probability 0). */
  readonly nextLogProbs: Float32Array;
  /** α per branch. */
  readonly alphas: readonly number[];
}

/** rows × branches targets. */
export function discreteSoftTargets(input: DiscreteSoftTargetInput): Float32Array {
  const { rows, branches, rewards, dones, discounts, nextQ1, nextQ2, nextLogProbs, alphas } = input;
  const width = branches.reduce((a, b) => a + b, 0);
  const nb = branches.length;
  const y = new Float32Array(rows * nb);
  for (let r = 0; r < rows; r++) {
    let k = r * width;
    branches.forEach((size, b) => {
      let soft = 0;
      for (let a = 0; a < size; a++, k++) {
        const p = Math.exp(nextLogProbs[k]!);
        // A masked action has p = 0 exactly: skipped, so its −1e8 log-probability never meets a 0.
        if (p > 0) soft += p * (Math.min(nextQ1[k]!, nextQ2[k]!) - alphas[b]! * nextLogProbs[k]!);
      }
      y[r * nb + b] = rewards[r]! + discounts[r]! * (1 - dones[r]!) * soft;
    });
  }
  return y;
}
