/**
 * λ-returns of one group segment (Cohen et al. 2021, MA-POCA), as a pure function.
 *
 * A segment is the group's time steps k = 0..T−1 between a start and an end (every member finished, or a
 * time_horizon cut). At each step some members act; V_k = V(g_k) is the centralised value of the members present
 * at k, r^g_k the group reward of the transition that starts at k. A member's own stream is its steps
 * k_0 < k_1 < … < k_m, each with its reward r = r^i + r^g (individual + group, ML-Agents' extrinsic reward for
 * POCA).
 *
 * The group goes on after a member has finished (died, left): the member's value does not become an absorbing 0,
 * it continues on the group's λ-return over the steps after its last one:
 *
 *   X_T = 0 (the last member's episode ended by the task) or V(final group) (interrupted, or a cut)
 *   X_k = (1 − λ)·V_k + λ·(r^g_k + γ·X_{k+1})          the group's continuation from step k
 *
 *   member, last step k_m:    G = r_m + γ·X_{k_m + 1}
 *   member, earlier step k_j: G = r_j + γ·((1 − λ)·V_{k_{j+1}} + λ·G_{k_{j+1}})
 *
 * so a member that dies early is credited with what its group later achieved. With every member present at every
 * step and λ = 1 this is the discounted sum of the member's rewards and, after it leaves, the group's rewards.
 */

export interface MemberStream {
  /** Group steps at which the member acted, strictly increasing. */
  readonly steps: readonly number[];
  /** Reward of each of those transitions: individual + group (already scaled). */
  readonly rewards: readonly number[];
}

export interface GroupSegmentValues {
  /** V_k per group step (T entries). */
  readonly values: ArrayLike<number>;
  /** r^g_k per group step (T entries): the group reward of the transition starting at k. */
  readonly groupRewards: ArrayLike<number>;
  /** X_T: 0 when the group's episode ended by the task, the value of the group's final state otherwise. */
  readonly bootstrap: number;
}

export interface GroupReturns {
  /** Per member stream, its λ-return at each of its steps. */
  readonly returns: Float64Array[];
  /** X_k for k = 0..T (T + 1 entries). */
  readonly continuation: Float64Array;
}

export function groupLambdaReturns(segment: GroupSegmentValues, members: readonly MemberStream[], gamma: number, lambda: number): GroupReturns {
  const T = segment.values.length;
  if (segment.groupRewards.length !== T) throw new Error(`groupLambdaReturns: ${T} values but ${segment.groupRewards.length} group rewards`);
  const continuation = new Float64Array(T + 1);
  continuation[T] = segment.bootstrap;
  for (let k = T - 1; k >= 0; k--) {
    continuation[k] = (1 - lambda) * segment.values[k]! + lambda * (segment.groupRewards[k]! + gamma * continuation[k + 1]!);
  }
  const returns = members.map((m, i) => {
    const n = m.steps.length;
    if (m.rewards.length !== n) throw new Error(`groupLambdaReturns: member ${i}: ${n} steps but ${m.rewards.length} rewards`);
    const g = new Float64Array(n);
    for (let j = n - 1; j >= 0; j--) {
      const k = m.steps[j]!;
      if (k < 0 || k >= T || (j + 1 < n && m.steps[j + 1]! <= k)) throw new Error(`groupLambdaReturns: member ${i}: step ${k} out of order or outside 0..${T - 1}`);
      const next = j === n - 1 ? continuation[k + 1]! : (1 - lambda) * segment.values[m.steps[j + 1]!]! + lambda * g[j + 1]!;
      g[j] = m.rewards[j]! + gamma * next;
    }
    return g;
  });
  return { returns, continuation };
}
