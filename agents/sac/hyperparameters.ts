/**
 * SAC's hyperparameters, every one documented where it is declared; ML-Agents' key names (its trainer is SAC).
 *
 * Defaults: Haarnoja et al. 2018 ("Soft Actor-Critic Algorithms and Applications": Adam 3e-4 for every network
 * and the temperature, τ 0.005, γ 0.99, batch 256, one gradient step per environment step, target entropy
 * −dim(A), α learned) as Stable-Baselines3's SAC keeps them (α starts at 1, learning_starts 100). Discrete actions:
 * Christodoulou 2019, "Soft Actor-Critic for Discrete Action Settings", with ML-Agents' target entropy of
 * 0.2·log|A_b| per branch (the paper uses 0.98·log|A|, which ML-Agents found too high to learn with).
 */
import { ShivaError } from '../../src/core/errors.js';

export interface SacHyperparameters {
  /** Transitions per gradient step. */
  readonly batch_size: number;
  /** Replay capacity in transitions. */
  readonly buffer_size: number;
  /** Adam step size of actor, critics and temperature (constant). */
  readonly learning_rate: number;
  /**
   * Agent steps collected before the first update (SB3 `learning_starts`); until then actions are uniform (in
   * [-1, 1], or over the allowed actions of each branch). Updates also wait for batch_size transitions.
   */
  readonly buffer_init_steps: number;
  /** Polyak factor of the target critics θ⁻ ← τ·θ + (1−τ)·θ⁻, every gradient step. */
  readonly tau: number;
  /** Agent steps per update of one gradient step (ML-Agents `steps_per_update`); may be below 1. */
  readonly steps_per_update: number;
  /** Discount per step (reward_signals.extrinsic.gamma). */
  readonly gamma: number;
  /** α at step 0 (ML-Agents `init_entcoef`); log α is then trained toward the target entropy. */
  readonly init_entcoef: number;
  /** Continuous actions: target entropy per action component (−1 each gives −|A|). */
  readonly continuous_target_entropy: number;
  /** Discrete actions: target entropy of branch b is this · log(size of b). */
  readonly discrete_target_entropy_scale: number;
  /** Save the replay buffer with the learner's checkpoint state (ML-Agents `save_replay_buffer`). */
  readonly save_replay_buffer: boolean;
}

export const DEFAULT_SAC_HYPERPARAMETERS: SacHyperparameters = {
  batch_size: 256,
  buffer_size: 1_000_000,
  learning_rate: 3e-4,
  buffer_init_steps: 100,
  tau: 0.005,
  steps_per_update: 1,
  gamma: 0.99,
  init_entcoef: 1,
  continuous_target_entropy: -1,
  discrete_target_entropy_scale: 0.2,
  save_replay_buffer: false,
};

/** Defaults overlaid with `overrides`, checked; `where` names the source (a config file) in errors. */
export function sacHyperparameters(overrides: Partial<SacHyperparameters> = {}, where = 'sac hyperparameters'): SacHyperparameters {
  const hp: SacHyperparameters = { ...DEFAULT_SAC_HYPERPARAMETERS, ...overrides };
  const check = (key: keyof SacHyperparameters, ok: boolean, expected: string) => {
    if (!ok) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expected}, got ${JSON.stringify(hp[key])}`);
  };
  const positiveInt = (v: number) => Number.isSafeInteger(v) && v >= 1;
  check('batch_size', positiveInt(hp.batch_size), 'an integer ≥ 1');
  check('buffer_size', positiveInt(hp.buffer_size) && hp.buffer_size >= hp.batch_size, `an integer ≥ batch_size (${hp.batch_size})`);
  check('learning_rate', Number.isFinite(hp.learning_rate) && hp.learning_rate > 0, 'a number > 0');
  check('buffer_init_steps', Number.isSafeInteger(hp.buffer_init_steps) && hp.buffer_init_steps >= 0, 'an integer ≥ 0');
  check('tau', Number.isFinite(hp.tau) && hp.tau > 0 && hp.tau <= 1, 'a number in (0, 1]');
  check('steps_per_update', Number.isFinite(hp.steps_per_update) && hp.steps_per_update > 0, 'a number > 0');
  check('gamma', Number.isFinite(hp.gamma) && hp.gamma >= 0 && hp.gamma <= 1, 'a number in [0, 1]');
  check('init_entcoef', Number.isFinite(hp.init_entcoef) && hp.init_entcoef > 0, 'a number > 0');
  check('continuous_target_entropy', Number.isFinite(hp.continuous_target_entropy), 'a finite number');
  check('discrete_target_entropy_scale', Number.isFinite(hp.discrete_target_entropy_scale) && hp.discrete_target_entropy_scale >= 0 && hp.discrete_target_entropy_scale <= 1, 'a number in [0, 1]');
  return hp;
}
