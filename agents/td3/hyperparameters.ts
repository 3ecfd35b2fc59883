/**
 * TD3's and DDPG's hyperparameters, every one documented where it is declared. ML-Agents' off-policy key names
 * where ML-Agents has the setting (buffer_size, batch_size, learning_rate, buffer_init_steps, tau,
 * steps_per_update, save_replay_buffer), Stable-Baselines3's names for TD3's own (policy_delay,
 * target_policy_noise, target_noise_clip) and exploration_noise for SB3's NormalActionNoise σ.
 *
 * Defaults: Fujimoto et al. 2018, "Addressing Function Approximation Error in Actor-Critic Methods", as SB3's TD3
 * keeps them (learning rate 1e-3 for actor and critics, τ 0.005, γ 0.99, d = 2, σ̃ = 0.2, c = 0.5, exploration
 * N(0, 0.1), batch 256, one gradient step per environment step). DDPG is the same algorithm with one critic,
 * policy_delay 1 and no target smoothing (SB3's DDPG, itself TD3 with those three switches).
 */
import { ShivaError } from '../../src/core/errors.js';

export interface Td3Hyperparameters {
  /** Transitions per gradient step. */
  readonly batch_size: number;
  /** Replay capacity in transitions. */
  readonly buffer_size: number;
  /** Adam step size of actor and critics (constant). */
  readonly learning_rate: number;
  /**
   * Agent steps collected before the first update (SB3 `learning_starts`); until then actions are uniform in
   * [-1, 1] as SB3 does, so the first transitions cover the action range. Updates also wait for batch_size.
   */
  readonly buffer_init_steps: number;
  /** Polyak factor of the target updates θ⁻ ← τ·θ + (1−τ)·θ⁻. */
  readonly tau: number;
  /** Agent steps per update of one gradient step (ML-Agents `steps_per_update`); may be below 1. */
  readonly steps_per_update: number;
  /** Discount per step (reward_signals.extrinsic.gamma). */
  readonly gamma: number;
  /** Critic gradient steps per actor step; targets move with the actor (TD3's d). */
  readonly policy_delay: number;
  /** σ̃ of the Gaussian noise added to the target actor's action (target policy smoothing); 0 = none. */
  readonly target_policy_noise: number;
  /** c: the smoothing noise is clipped to [−c, c]. */
  readonly target_noise_clip: number;
  /** σ of the Gaussian noise added to μ(s) while collecting (the sum is clipped to [-1, 1]). */
  readonly exploration_noise: number;
  /** Twin critics and the clipped double-Q target min(Q1', Q2') (TD3); false = one critic (DDPG). */
  readonly twin_q: boolean;
  /** Save the replay buffer with the learner's checkpoint state (ML-Agents `save_replay_buffer`). */
  readonly save_replay_buffer: boolean;
}

export const DEFAULT_TD3_HYPERPARAMETERS: Td3Hyperparameters = {
  batch_size: 256,
  buffer_size: 1_000_000,
  learning_rate: 1e-3,
  buffer_init_steps: 100,
  tau: 0.005,
  steps_per_update: 1,
  gamma: 0.99,
  policy_delay: 2,
  target_policy_noise: 0.2,
  target_noise_clip: 0.5,
  exploration_noise: 0.1,
  twin_q: true,
  save_replay_buffer: false,
};

/** What makes TD3 DDPG. */
export const DDPG_SWITCHES: Pick<Td3Hyperparameters, 'policy_delay' | 'target_policy_noise' | 'target_noise_clip' | 'twin_q'> = {
  policy_delay: 1,
  target_policy_noise: 0,
  target_noise_clip: 0,
  twin_q: false,
};

/** Defaults overlaid with `overrides`, checked; `where` names the source (a config file) in errors. */
export function td3Hyperparameters(overrides: Partial<Td3Hyperparameters> = {}, where = 'td3 hyperparameters'): Td3Hyperparameters {
  const hp: Td3Hyperparameters = { ...DEFAULT_TD3_HYPERPARAMETERS, ...overrides };
  const check = (key: keyof Td3Hyperparameters, ok: boolean, expected: string) => {
    if (!ok) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expected}, got ${JSON.stringify(hp[key])}`);
  };
  const positiveInt = (v: number) => Number.isSafeInteger(v) && v >= 1;
  const nonNegative = (v: number) => Number.isFinite(v) && v >= 0;
  check('batch_size', positiveInt(hp.batch_size), 'an integer ≥ 1');
  check('buffer_size', positiveInt(hp.buffer_size) && hp.buffer_size >= hp.batch_size, `an integer ≥ batch_size (${hp.batch_size})`);
  check('learning_rate', Number.isFinite(hp.learning_rate) && hp.learning_rate > 0, 'a number > 0');
  check('buffer_init_steps', Number.isSafeInteger(hp.buffer_init_steps) && hp.buffer_init_steps >= 0, 'an integer ≥ 0');
  check('tau', Number.isFinite(hp.tau) && hp.tau > 0 && hp.tau <= 1, 'a number in (0, 1]');
  check('steps_per_update', Number.isFinite(hp.steps_per_update) && hp.steps_per_update > 0, 'a number > 0');
  check('gamma', Number.isFinite(hp.gamma) && hp.gamma >= 0 && hp.gamma <= 1, 'a number in [0, 1]');
  check('policy_delay', positiveInt(hp.policy_delay), 'an integer ≥ 1');
  check('target_policy_noise', nonNegative(hp.target_policy_noise), 'a number ≥ 0');
  check('target_noise_clip', nonNegative(hp.target_noise_clip), 'a number ≥ 0');
  check('exploration_noise', nonNegative(hp.exploration_noise), 'a number ≥ 0');
  return hp;
}
