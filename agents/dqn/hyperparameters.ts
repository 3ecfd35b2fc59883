/**
 * DQN's hyperparameters, every one documented where it is declared. ML-Agents' off-policy key names where
 * ML-Agents has the setting (buffer_size, batch_size, learning_rate, buffer_init_steps, tau, steps_per_update,
 * save_replay_buffer), Stable-Baselines3's names otherwise (exploration_*, target_update_interval, gradient_steps).
 */
import { ShivaError } from '../../src/core/errors.js';

export interface DqnHyperparameters {
  /** Transitions per gradient step. */
  readonly batch_size: number;
  /** Replay capacity in transitions. */
  readonly buffer_size: number;
  /** Adam step size (constant). */
  readonly learning_rate: number;
  /** Agent steps collected before the first update (SB3 `learning_starts`); updates also wait for batch_size transitions. */
  readonly buffer_init_steps: number;
  /** Polyak factor of the target update θ⁻ ← τ·θ + (1−τ)·θ⁻; 1 = a hard copy. */
  readonly tau: number;
  /** Gradient steps between target updates (SB3 `target_update_interval`; CleanRL `target_network_frequency`). */
  readonly target_update_interval: number;
  /** Agent steps per update (ML-Agents `steps_per_update`, SB3 `train_freq`); may be fractional (< 1: several updates per step). */
  readonly steps_per_update: number;
  /** Gradient steps per update (SB3 `gradient_steps`). */
  readonly gradient_steps: number;
  /** Discount per step (reward_signals.extrinsic.gamma). */
  readonly gamma: number;
  /** ε at step 0 of the linear exploration schedule. */
  readonly exploration_initial_eps: number;
  /** ε once the schedule has run its course, held after. */
  readonly exploration_final_eps: number;
  /** Fraction of max_steps over which ε falls linearly from initial to final. */
  readonly exploration_fraction: number;
  /** Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it. */
  readonly double_q: boolean;
  /** Dueling heads (Wang et al. 2016): Q = V + A − mean(A), one advantage head per branch. */
  readonly dueling: boolean;
  /** Steps summed into one transition's return (1 = one-step TD). */
  readonly n_step: number;
  /** Proportional prioritised replay (Schaul et al. 2016). */
  readonly prioritized: boolean;
  /** PER α: how strongly priorities skew sampling. */
  readonly prioritized_alpha: number;
  /** PER β at step 0, annealed linearly to 1 over max_steps. */
  readonly prioritized_beta: number;
  /** Huber loss threshold δ (SB3's smooth_l1 uses 1). */
  readonly huber_delta: number;
  /** Gradients are scaled down so their global L2 norm is at most this (SB3 uses 10); 0 = off. */
  readonly max_grad_norm: number;
  /** Save the replay buffer with the learner's checkpoint state (ML-Agents `save_replay_buffer`). */
  readonly save_replay_buffer: boolean;
}

/** Stable-Baselines3's DQN defaults where they exist, with a soft target update as ML-Agents' tau suggests. */
export const DEFAULT_DQN_HYPERPARAMETERS: DqnHyperparameters = {
  batch_size: 64,
  buffer_size: 50_000,
  learning_rate: 1e-4,
  buffer_init_steps: 1000,
  tau: 1,
  target_update_interval: 1000,
  steps_per_update: 4,
  gradient_steps: 1,
  gamma: 0.99,
  exploration_initial_eps: 1,
  exploration_final_eps: 0.05,
  exploration_fraction: 0.1,
  double_q: true,
  dueling: false,
  n_step: 1,
  prioritized: false,
  prioritized_alpha: 0.6,
  prioritized_beta: 0.4,
  huber_delta: 1,
  max_grad_norm: 10,
  save_replay_buffer: false,
};

/** Defaults overlaid with `overrides`, checked; `where` names the source (a config file) in errors. */
export function dqnHyperparameters(overrides: Partial<DqnHyperparameters> = {}, where = 'dqn hyperparameters'): DqnHyperparameters {
  const hp: DqnHyperparameters = { ...DEFAULT_DQN_HYPERPARAMETERS, ...overrides };
  const check = (key: keyof DqnHyperparameters, ok: boolean, expected: string) => {
    if (!ok) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expected}, got ${JSON.stringify(hp[key])}`);
  };
  const positiveInt = (v: number) => Number.isSafeInteger(v) && v >= 1;
  const unit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  check('batch_size', positiveInt(hp.batch_size), 'an integer ≥ 1');
  check('buffer_size', positiveInt(hp.buffer_size) && hp.buffer_size >= hp.batch_size, `an integer ≥ batch_size (${hp.batch_size})`);
  check('learning_rate', Number.isFinite(hp.learning_rate) && hp.learning_rate > 0, 'a number > 0');
  check('buffer_init_steps', Number.isSafeInteger(hp.buffer_init_steps) && hp.buffer_init_steps >= 0, 'an integer ≥ 0');
  check('tau', unit(hp.tau) && hp.tau > 0, 'a number in (0, 1]');
  check('target_update_interval', positiveInt(hp.target_update_interval), 'an integer ≥ 1');
  check('steps_per_update', Number.isFinite(hp.steps_per_update) && hp.steps_per_update > 0, 'a number > 0');
  check('gradient_steps', positiveInt(hp.gradient_steps), 'an integer ≥ 1');
  check('gamma', unit(hp.gamma), 'a number in [0, 1]');
  check('exploration_initial_eps', unit(hp.exploration_initial_eps), 'a number in [0, 1]');
  check('exploration_final_eps', unit(hp.exploration_final_eps), 'a number in [0, 1]');
  check('exploration_fraction', unit(hp.exploration_fraction), 'a number in [0, 1]');
  check('n_step', positiveInt(hp.n_step), 'an integer ≥ 1');
  check('prioritized_alpha', Number.isFinite(hp.prioritized_alpha) && hp.prioritized_alpha >= 0, 'a number ≥ 0');
  check('prioritized_beta', unit(hp.prioritized_beta), 'a number in [0, 1]');
  check('huber_delta', Number.isFinite(hp.huber_delta) && hp.huber_delta > 0, 'a number > 0');
  check('max_grad_norm', Number.isFinite(hp.max_grad_norm) && hp.max_grad_norm >= 0, 'a number ≥ 0');
  return hp;
}
