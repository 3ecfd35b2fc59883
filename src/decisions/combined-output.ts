/**
 * The learned policy's act() output turned into the output of the policy that really acts: the combined
 * π·f/Z per discrete branch that the reasoning layer sampled from (DESIGN.md, "Rules and learning must agree").
 *
 *   discrete  the reasoning layer's actions;
 *   probs     the combined distribution per branch;
 *   factors   f per branch (0 for a veto, and 0 where the environment masked the action, since π = 0 there),
 *             stored with the transition so that PPO's update evaluates log-probabilities under the same
 *             combination: softmax(logits + ln f) = π·f/Z;
 *   logProbs  ln π'(a|s) = Σ_b ln combined_b[a_b] + the continuous part (a Gaussian log-density, unchanged by the
 *             rules), so hybrid actions keep the log-probability of their continuous sample.
 * Values, continuous samples, means and the log-std are the learned policy's.
 */
import type { ActOutput } from '../../agents/networks/acting.js';
import { gaussianLogProb } from '../../agents/networks/distributions.js';

/**
 * The largest factor stored. f = s/π can exceed float32's range when π is denormal-small and a positive rule
 * raised its score; capped, ln f stays finite at update time. It only bites for π < 1e-30.
 */
export const MAX_RULE_FACTOR = 1e30;

export interface RuleDecisions {
  /** count × branches, agent-major. */
  readonly actions: Int32Array;
  /** Per branch, count × branch size: π·f/Z. */
  readonly combined: readonly ArrayLike<number>[];
  /** Per branch, count × branch size: f. */
  readonly factors: readonly ArrayLike<number>[];
}

export function combinedActOutput(out: ActOutput, branches: readonly number[], rules: RuleDecisions): ActOutput {
  const { count } = out;
  const nb = branches.length;
  const S = branches.reduce((a, b) => a + b, 0);
  const C = count === 0 ? 0 : out.continuousRaw.length / count;
  const discrete = new Int32Array(count * nb);
  const probs = new Float32Array(count * S);
  const factors = new Float32Array(count * S);
  const logProbs = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let total = 0;
    for (let c = 0; c < C; c++) total += gaussianLogProb(out.continuousRaw[r * C + c]!, out.means[r * C + c]!, out.logStd[c]!);
    let start = 0;
    for (let b = 0; b < nb; b++) {
      const n = branches[b]!;
      const combined = rules.combined[b]!;
      const f = rules.factors[b]!;
      for (let a = 0; a < n; a++) {
        probs[r * S + start + a] = combined[r * n + a]!;
        factors[r * S + start + a] = Math.min(MAX_RULE_FACTOR, f[r * n + a]!);
      }
      const action = rules.actions[r * nb + b]!;
      discrete[r * nb + b] = action;
      total += Math.log(combined[r * n + action]!);
      start += n;
    }
    logProbs[r] = total;
  }
  return { ...out, discrete, probs, factors, logProbs };
}
