/**
 * MADDPG's hyperparameters, every one documented where it is declared. ML-Agents' off-policy key names where
 * ML-Agents has the setting; the MADDPG paper's terms otherwise. Defaults are the paper's (Lowe et al. 2017,
 * appendix: Adam with learning rate 0.01, γ 0.95, minibatch 1024, τ 0.01, a replay buffer of 10⁶ transitions,
 * two-layer ReLU MLPs of 64 units, an update after every 100 samples added) and its reference code's (gradient norm
 * clipped to 0.5, a 10⁻³ penalty on the actor's pre-activations).
 */
import { ShivaError } from '../../src/core/errors.js';

/** `per_agent`: one centralised critic per agent slot. `shared`: one critic for every slot, trained with the agents permuted. */
export type CriticMode = 'per_agent' | 'shared';
export const CRITIC_MODES: readonly CriticMode[] = ['per_agent', 'shared'];

export interface MaddpgHyperparameters {
  /** Joint (team) transitions per gradient step. */
  readonly batch_size: number;
  /** Replay capacity in joint transitions. */
  readonly buffer_size: number;
  /** Adam step size of actors and critics (constant). */
  readonly learning_rate: number;
  /** Agent steps collected before the first update; updates also wait for batch_size joint transitions. */
  readonly buffer_init_steps: number;
  /** Polyak factor of the target updates θ' ← τ·θ + (1−τ)·θ', after every gradient step. */
  readonly tau: number;
  /** Agent steps per update (ML-Agents `steps_per_update`); may be fractional. */
  readonly steps_per_update: number;
  /** Gradient steps (each: every critic, then every actor) per update. */
  readonly gradient_steps: number;
  /** Discount per step (reward_signals.extrinsic.gamma). */
  readonly gamma: number;
  /** Critic per agent slot, or one shared critic trained on permuted samples. */
  readonly critic: CriticMode;
  /** Each critic sees only its own agent's observation and action: independent DDPG, the baseline. */
  readonly independent: boolean;
  /** One actor for every slot instead of one per slot. */
  readonly shared_actor: boolean;
  /** Agents per team (group); 0 = the largest group in the first decision batch. */
  readonly team_size: number;
  /** Standard deviation of the Gaussian noise added to continuous actions while training (then clipped to [−1, 1]). */
  readonly exploration_noise: number;
  /** Temperature τ of the Gumbel-softmax relaxation of discrete actions in the actor update. */
  readonly gumbel_temperature: number;
  /** Gradients of each network are scaled so their L2 norm is at most this (MADDPG's code: 0.5); 0 = off. */
  readonly max_grad_norm: number;
  /** Weight of mean(pre-activation²) added to each actor's loss (MADDPG's code: 1e-3). */
  readonly policy_regularization: number;
  /** Save the replay buffer with the learner's checkpoint state (ML-Agents `save_replay_buffer`). */
  readonly save_replay_buffer: boolean;
}

export const DEFAULT_MADDPG_HYPERPARAMETERS: MaddpgHyperparameters = {
  batch_size: 1024,
  buffer_size: 1_000_000,
  learning_rate: 0.01,
  buffer_init_steps: 0,
  tau: 0.01,
  steps_per_update: 100,
  gradient_steps: 1,
  gamma: 0.95,
  critic: 'per_agent',
  independent: false,
  shared_actor: false,
  team_size: 0,
  exploration_noise: 0.1,
  gumbel_temperature: 1,
  max_grad_norm: 0.5,
  policy_regularization: 1e-3,
  save_replay_buffer: false,
};

/** Defaults overlaid with `overrides`, checked; `where` names the source (a config file) in errors. */
export function maddpgHyperparameters(overrides: Partial<MaddpgHyperparameters> = {}, where = 'maddpg hyperparameters'): MaddpgHyperparameters {
  const hp: MaddpgHyperparameters = { ...DEFAULT_MADDPG_HYPERPARAMETERS, ...overrides };
  const check = (key: keyof MaddpgHyperparameters, ok: boolean, expected: string) => {
    if (!ok) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expected}, got ${JSON.stringify(hp[key])}`);
  };
  const positiveInt = (v: number) => Number.isSafeInteger(v) && v >= 1;
  const unit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  check('batch_size', positiveInt(hp.batch_size), 'an integer ≥ 1');
  check('buffer_size', positiveInt(hp.buffer_size) && hp.buffer_size >= hp.batch_size, `an integer ≥ batch_size (${hp.batch_size})`);
  check('learning_rate', Number.isFinite(hp.learning_rate) && hp.learning_rate > 0, 'a number > 0');
  check('buffer_init_steps', Number.isSafeInteger(hp.buffer_init_steps) && hp.buffer_init_steps >= 0, 'an integer ≥ 0');
  check('tau', unit(hp.tau) && hp.tau > 0, 'a number in (0, 1]');
  check('steps_per_update', Number.isFinite(hp.steps_per_update) && hp.steps_per_update > 0, 'a number > 0');
  check('gradient_steps', positiveInt(hp.gradient_steps), 'an integer ≥ 1');
  check('gamma', unit(hp.gamma), 'a number in [0, 1]');
  check('critic', CRITIC_MODES.includes(hp.critic), `one of ${CRITIC_MODES.join(', ')}`);
  check('team_size', Number.isSafeInteger(hp.team_size) && hp.team_size >= 0, 'an integer ≥ 0 (0: from the first batch)');
  check('exploration_noise', Number.isFinite(hp.exploration_noise) && hp.exploration_noise >= 0, 'a number ≥ 0');
  check('gumbel_temperature', Number.isFinite(hp.gumbel_temperature) && hp.gumbel_temperature > 0, 'a number > 0');
  check('max_grad_norm', Number.isFinite(hp.max_grad_norm) && hp.max_grad_norm >= 0, 'a number ≥ 0');
  check('policy_regularization', Number.isFinite(hp.policy_regularization) && hp.policy_regularization >= 0, 'a number ≥ 0');
  return hp;
}
