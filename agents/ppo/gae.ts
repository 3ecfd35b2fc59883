/**
 * Generalised Advantage Estimation (Schulman et al. 2016) over one agent's stream of steps, as a pure function.
 *
 *   δ_t = r_t + γ·V_next − V(s_t),   A_t = δ_t + γλ·A_{t+1},   return_t = A_t + V(s_t)
 *
 * How a step ends decides V_next and whether A_{t+1} carries over:
 * - CONTINUES: the next step of the stream follows; V_next = values[t+1].
 * - TERMINAL: the task ended the episode (a true terminal); V_next = 0 and nothing carries over.
 * - TRUNCATED: the stream is cut though the episode goes on: interrupted by max step (`interrupted`), cut by
 *   time_horizon, or the end of the collected data. V_next = bootstrapValues[t], the value of the observation
 *   that followed, and nothing carries over.
 */

export const StepEnd = {
  CONTINUES: 0,
  TERMINAL: 1,
  TRUNCATED: 2,
} as const;
export type StepEnd = (typeof StepEnd)[keyof typeof StepEnd];

export interface GaeResult {
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
}

/**
 * `ends[t]` is a StepEnd; `bootstrapValues[t]` is read only where ends[t] is TRUNCATED. The last step must be
 * TERMINAL or TRUNCATED: a stream that just stops has no defined return.
 */
export function computeGae(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  ends: ArrayLike<number>,
  bootstrapValues: ArrayLike<number>,
  gamma: number,
  lambda: number,
): GaeResult {
  const n = rewards.length;
  if (values.length !== n || ends.length !== n || bootstrapValues.length !== n) {
    throw new Error(`computeGae: rewards, values, ends and bootstrapValues must have one entry per step (${n}, ${values.length}, ${ends.length}, ${bootstrapValues.length})`);
  }
  if (n > 0 && ends[n - 1] === StepEnd.CONTINUES) {
    throw new Error('computeGae: the last step continues into nothing; mark it TERMINAL or TRUNCATED with a bootstrap value');
  }
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let nextAdvantage = 0;
  for (let t = n - 1; t >= 0; t--) {
    const end = ends[t];
    let nextValue: number;
    if (end === StepEnd.TERMINAL) {
      nextValue = 0;
      nextAdvantage = 0;
    } else if (end === StepEnd.TRUNCATED) {
      nextValue = bootstrapValues[t]!;
      nextAdvantage = 0;
    } else {
      nextValue = values[t + 1]!;
    }
    const delta = rewards[t]! + gamma * nextValue - values[t]!;
    const advantage = delta + gamma * lambda * nextAdvantage;
    advantages[t] = advantage;
    returns[t] = advantage + values[t]!;
    nextAdvantage = advantage;
  }
  return { advantages, returns };
}

/**
 * GAE over one emitted trajectory (ML-Agents' get_gae): every step but the last continues into the next; the
 * last is TERMINAL where the episode truly ended (V_next = 0), otherwise it is bootstrapped from `nextValue`, the
 * value of the observation that followed (a time_horizon cut or an interrupted episode).
 */
export function trajectoryGae(rewards: ArrayLike<number>, values: ArrayLike<number>, nextValue: number, terminal: boolean, gamma: number, lambda: number): GaeResult {
  const n = rewards.length;
  const ends = new Uint8Array(n);
  const bootstrap = new Float64Array(n);
  if (n > 0) {
    ends[n - 1] = terminal ? StepEnd.TERMINAL : StepEnd.TRUNCATED;
    bootstrap[n - 1] = nextValue;
  }
  return computeGae(rewards, values, ends, bootstrap, gamma, lambda);
}
