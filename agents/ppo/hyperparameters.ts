/**
 * PPO's hyperparameters, every one documented where it is declared. Names are ML-Agents' trainer-config keys
 * where ML-Agents has the setting (so a trainer config maps one to one), CleanRL-style names otherwise.
 */
import { ShivaError } from '../../src/core/errors.js';

export type Schedule = 'linear' | 'constant';

export interface PpoHyperparameters {
  /** Transitions per gradient step (the minibatch). ML-Agents `batch_size`. */
  readonly batch_size: number;
  /** Transitions collected before an update. ML-Agents `buffer_size`; a multiple of batch_size. */
  readonly buffer_size: number;
  /** Adam step size at the start of training. */
  readonly learning_rate: number;
  /** 'linear' decays the learning rate to ~0 over max_steps; 'constant' keeps it. */
  readonly learning_rate_schedule: Schedule;
  /** Entropy bonus coefficient (ML-Agents `beta`; CleanRL `ent_coef`). */
  readonly beta: number;
  /** Defaults to learning_rate_schedule; linear decays beta to 1e-5 (as ML-Agents). */
  readonly beta_schedule?: Schedule;
  /** Clip range of the probability ratio, and of the value change when value clipping is on (CleanRL `clip_coef`). */
  readonly epsilon: number;
  /** Defaults to learning_rate_schedule; linear decays epsilon to 0.1 (as ML-Agents). */
  readonly epsilon_schedule?: Schedule;
  /** GAE λ (ML-Agents `lambd`). */
  readonly lambd: number;
  /** Discount (ML-Agents `reward_signals.extrinsic.gamma`). */
  readonly gamma: number;
  /** Passes over the buffer per update (ML-Agents `num_epoch`; CleanRL `update_epochs`). */
  readonly num_epoch: number;
  /** Steps after which an agent's trajectory is cut and bootstrapped from the value (ML-Agents `time_horizon`). */
  readonly time_horizon: number;
  /** Gradients are scaled down so their global L2 norm is at most this (CleanRL `max_grad_norm`); 0 = off. */
  readonly max_grad_norm: number;
  /** Clip the value change to ±epsilon around the old value (ML-Agents always does; CleanRL `clip_vloss`). */
  readonly clip_value_loss: boolean;
  /** Weight of the value loss in the total loss (ML-Agents 0.5; CleanRL `vf_coef`). */
  readonly value_loss_coef: number;
  /** Normalise advantages to zero mean, unit std within each minibatch (CleanRL `norm_adv`). */
  readonly normalize_advantages: boolean;
  /** Adam's ε (CleanRL uses 1e-5). */
  readonly adam_epsilon: number;
}

/** ML-Agents' PPO defaults, plus CleanRL's for what ML-Agents does not set. */
export const DEFAULT_PPO_HYPERPARAMETERS: PpoHyperparameters = {
  batch_size: 1024,
  buffer_size: 10240,
  learning_rate: 3e-4,
  learning_rate_schedule: 'linear',
  beta: 5e-3,
  epsilon: 0.2,
  lambd: 0.95,
  gamma: 0.99,
  num_epoch: 3,
  time_horizon: 64,
  max_grad_norm: 0.5,
  clip_value_loss: true,
  value_loss_coef: 0.5,
  normalize_advantages: true,
  adam_epsilon: 1e-5,
};

/** Defaults overlaid with `overrides`, checked; `where` names the source (a config file) in errors. */
export function ppoHyperparameters(overrides: Partial<PpoHyperparameters> = {}, where = 'ppo hyperparameters'): PpoHyperparameters {
  const hp: PpoHyperparameters = { ...DEFAULT_PPO_HYPERPARAMETERS, ...overrides };
  const check = (key: keyof PpoHyperparameters, ok: boolean, expected: string) => {
    if (!ok) throw new ShivaError('SHIVA_ERR_USAGE', `${where}: ${key}: expected ${expected}, got ${JSON.stringify(hp[key])}`);
  };
  const positiveInt = (v: number) => Number.isInteger(v) && v >= 1;
  const schedule = (v: unknown) => v === undefined || v === 'linear' || v === 'constant';
  check('batch_size', positiveInt(hp.batch_size), 'an integer ≥ 1');
  check('buffer_size', positiveInt(hp.buffer_size) && hp.buffer_size >= hp.batch_size, `an integer ≥ batch_size (${hp.batch_size})`);
  check('learning_rate', hp.learning_rate > 0 && Number.isFinite(hp.learning_rate), 'a number > 0');
  check('learning_rate_schedule', hp.learning_rate_schedule !== undefined && schedule(hp.learning_rate_schedule), '"linear" or "constant"');
  check('beta_schedule', schedule(hp.beta_schedule), '"linear" or "constant"');
  check('epsilon_schedule', schedule(hp.epsilon_schedule), '"linear" or "constant"');
  check('beta', hp.beta >= 0 && Number.isFinite(hp.beta), 'a number ≥ 0');
  check('epsilon', hp.epsilon > 0 && hp.epsilon < 1, 'a number in (0, 1)');
  check('lambd', hp.lambd >= 0 && hp.lambd <= 1, 'a number in [0, 1]');
  check('gamma', hp.gamma >= 0 && hp.gamma <= 1, 'a number in [0, 1]');
  check('num_epoch', positiveInt(hp.num_epoch), 'an integer ≥ 1');
  check('time_horizon', positiveInt(hp.time_horizon), 'an integer ≥ 1');
  check('max_grad_norm', hp.max_grad_norm >= 0 && Number.isFinite(hp.max_grad_norm), 'a number ≥ 0');
  check('value_loss_coef', hp.value_loss_coef >= 0 && Number.isFinite(hp.value_loss_coef), 'a number ≥ 0');
  check('adam_epsilon', hp.adam_epsilon > 0, 'a number > 0');
  return hp;
}
