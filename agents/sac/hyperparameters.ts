/**
 * SAC's hyperparameters: ML-Agents' SACSettings keys with its defaults (agents/plugin/mlagents-keys.ts; its
 * trainer is SAC) and two of Shiva's for the target entropies. The table is the one source of the type, the
 * defaults, the checks and the documentation.
 *
 * The algorithm: Haarnoja et al. 2018 ("Soft Actor-Critic Algorithms and Applications": one Adam step size for
 * every network and the temperature, target entropy −dim(A), α learned). Discrete actions: Christodoulou 2019,
 * "Soft Actor-Critic for Discrete Action Settings", with ML-Agents' target entropy of 0.2·log|A_b| per branch (the
 * paper's 0.98·log|A| was found too high to learn with). Stable-Baselines3 starts from batch 256, a 1M buffer and
 * 100 random steps (learning_starts); ML-Agents from 128, 50000 and 0, which are the defaults here.
 */
import { defaultsOf, resolveHyperparameters, type HyperparametersOf, type HyperparameterSchema } from '../plugin/hyperparameter-table.js';
import { OFF_POLICY_CHECKS, ON_POLICY_KEYS, offPolicyKeys } from '../plugin/mlagents-keys.js';

export const SAC_TABLE = {
  ...offPolicyKeys('sac'),
  buffer_init_steps: {
    ...offPolicyKeys('sac').buffer_init_steps,
    doc: 'agent steps collected with uniform random actions before the first update (SB3 learning_starts); updates also wait for `batch_size` transitions',
  },
  time_horizon: {
    ...ON_POLICY_KEYS.time_horizon,
    doc: "steps an agent's experience is held before its trajectory is written to the replay (at once, or at its episode end); the trainer counts steps as they are written (steps_per_update, buffer_init_steps)",
  },
  init_entcoef: { kind: 'number', default: 1.0, min: 0, minExclusive: true, owner: 'ml-agents', doc: 'α at step 0; log α is then trained toward the target entropy' },
  reward_signal_steps_per_update: {
    kind: 'number',
    default: 1,
    defaultFrom: 'steps_per_update',
    min: 0,
    minExclusive: true,
    owner: 'ml-agents',
    doc: 'agent steps per update of the reward signals\' networks (gail, curiosity, rnd), each on a batch of `batch_size` sampled from the replay',
  },
  continuous_target_entropy: { kind: 'number', default: -1, owner: 'shiva', doc: 'continuous actions: target entropy per action component (−1 each gives −dim(A), as in ML-Agents and the paper)' },
  discrete_target_entropy_scale: { kind: 'number', default: 0.2, min: 0, max: 1, owner: 'shiva', doc: 'discrete actions: the target entropy of branch b is this × log(size of b) (ML-Agents fixes 0.2)' },
} as const;
export const SAC_SCHEMA: HyperparameterSchema<typeof SAC_TABLE> = { table: SAC_TABLE, checks: OFF_POLICY_CHECKS };

export type SacHyperparameters = HyperparametersOf<typeof SAC_TABLE>;

export const DEFAULT_SAC_HYPERPARAMETERS: SacHyperparameters = defaultsOf(SAC_TABLE);

/** Defaults overlaid with `overrides`, checked; `where` names the source in errors. */
export function sacHyperparameters(overrides: Partial<SacHyperparameters> = {}, where = 'sac hyperparameters'): SacHyperparameters {
  return resolveHyperparameters(SAC_SCHEMA, overrides, where);
}
