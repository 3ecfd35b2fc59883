/**
 * TD3's and DDPG's hyperparameters: ML-Agents' off-policy keys with its defaults (agents/plugin/mlagents-keys.ts),
 * Stable-Baselines3's names for TD3's own (policy_delay, target_policy_noise, target_noise_clip) and
 * exploration_noise for SB3's NormalActionNoise σ. The tables are the one source of the type, the defaults, the
 * checks and the documentation.
 *
 * TD3: Fujimoto et al. 2018, "Addressing Function Approximation Error in Actor-Critic Methods" (d = 2, σ̃ = 0.2,
 * c = 0.5, exploration N(0, 0.1)). The paper and SB3 also use learning rate 1e-3, batch 256, a 1M buffer and 100
 * random steps; the ML-Agents keys keep ML-Agents' defaults here (3e-4, 128, 50000, 0). DDPG is the same algorithm
 * with one critic, policy_delay 1 and no target smoothing (SB3's DDPG is TD3 with those switches): its table fixes
 * them.
 */
import { defaultsOf, resolveHyperparameters, type HyperparametersOf, type HyperparameterSchema } from '../plugin/hyperparameter-table.js';
import { BOUNDS, OFF_POLICY_CHECKS, offPolicyKeys, SAC_ONLY_KEYS_IGNORED } from '../plugin/mlagents-keys.js';

const RANDOM_START = 'agent steps collected with uniform random actions in [-1, 1] before the first update (SB3 learning_starts); updates also wait for `batch_size` transitions';

export const TD3_TABLE = {
  ...offPolicyKeys('td3'),
  buffer_init_steps: { ...offPolicyKeys('td3').buffer_init_steps, doc: RANDOM_START },
  ...SAC_ONLY_KEYS_IGNORED,
  policy_delay: { kind: 'int', default: 2, min: 1, ...BOUNDS.gradientSteps, bounds: 'critic steps per actor step; past 1000 the actor would hardly ever learn (TD3 uses 2)', owner: 'shiva', doc: "critic gradient steps per actor step; the targets move with the actor (TD3's d)" },
  target_policy_noise: { kind: 'number', default: 0.2, min: 0, owner: 'shiva', doc: "σ̃ of the Gaussian noise added to the target actor's action (target policy smoothing); 0 = none" },
  target_noise_clip: { kind: 'number', default: 0.5, min: 0, owner: 'shiva', doc: "the smoothing noise is clipped to [−c, c] (TD3's c) before the target action is clipped to [−1, 1]" },
  exploration_noise: { kind: 'number', default: 0.1, min: 0, owner: 'shiva', doc: 'σ of the Gaussian noise added to μ(s) while collecting (the sum is clipped to [−1, 1])' },
  twin_q: { kind: 'bool', default: true, owner: 'shiva', source: 'fixed', why: 'TD3 has two critics', doc: "twin critics and the clipped double-Q target min(Q1', Q2')" },
} as const;
export const TD3_SCHEMA: HyperparameterSchema<typeof TD3_TABLE> = { table: TD3_TABLE, checks: OFF_POLICY_CHECKS };

const NO_DELAY_OR_SMOOTHING = 'DDPG has no policy delay or target smoothing';

/** DDPG: TD3 with one critic, no policy delay and no target smoothing. */
export const DDPG_TABLE = {
  ...offPolicyKeys('ddpg'),
  buffer_init_steps: { ...offPolicyKeys('ddpg').buffer_init_steps, doc: RANDOM_START },
  ...SAC_ONLY_KEYS_IGNORED,
  policy_delay: { ...TD3_TABLE.policy_delay, default: 1, source: 'fixed', why: NO_DELAY_OR_SMOOTHING },
  target_policy_noise: { ...TD3_TABLE.target_policy_noise, default: 0, source: 'fixed', why: NO_DELAY_OR_SMOOTHING },
  target_noise_clip: { ...TD3_TABLE.target_noise_clip, default: 0, source: 'fixed', why: NO_DELAY_OR_SMOOTHING },
  exploration_noise: TD3_TABLE.exploration_noise,
  twin_q: { ...TD3_TABLE.twin_q, default: false, why: 'DDPG has one critic' },
} as const;
export const DDPG_SCHEMA: HyperparameterSchema<typeof DDPG_TABLE> = { table: DDPG_TABLE, checks: OFF_POLICY_CHECKS };
/** Why DDPG refuses TD3's own keys. */
export const DDPG_REFUSED_KEYS = { policy_delay: NO_DELAY_OR_SMOOTHING, target_policy_noise: NO_DELAY_OR_SMOOTHING, target_noise_clip: NO_DELAY_OR_SMOOTHING } as const;

export type Td3Hyperparameters = HyperparametersOf<typeof TD3_TABLE>;

export const DEFAULT_TD3_HYPERPARAMETERS: Td3Hyperparameters = defaultsOf(TD3_TABLE);

/** What makes TD3 DDPG. */
export const DDPG_SWITCHES: Pick<Td3Hyperparameters, 'policy_delay' | 'target_policy_noise' | 'target_noise_clip' | 'twin_q'> = {
  policy_delay: DDPG_TABLE.policy_delay.default,
  target_policy_noise: DDPG_TABLE.target_policy_noise.default,
  target_noise_clip: DDPG_TABLE.target_noise_clip.default,
  twin_q: DDPG_TABLE.twin_q.default,
};

/** Defaults overlaid with `overrides`, checked; `where` names the source in errors. */
export function td3Hyperparameters(overrides: Partial<Td3Hyperparameters> = {}, where = 'td3 hyperparameters'): Td3Hyperparameters {
  return resolveHyperparameters(TD3_SCHEMA, overrides, where);
}
