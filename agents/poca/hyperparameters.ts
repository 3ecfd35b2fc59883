/**
 * MA-POCA's hyperparameters: PPO's on-policy keys. ML-Agents' POCASettings has exactly PPO's keys and defaults
 * (batch_size 1024, buffer_size 10240, learning_rate 3e-4, beta 5e-3, epsilon 0.2, lambd 0.95, num_epoch 3,
 * linear schedules), so a `trainer_type: poca` config maps one to one onto agents/ppo's PpoHyperparameters.
 * Two differences from ML-Agents are inherited from our PPO and documented there: gradients are clipped to
 * max_grad_norm (ML-Agents does not clip), and advantages are normalised per minibatch.
 */
import { DEFAULT_PPO_HYPERPARAMETERS, ppoHyperparameters, type PpoHyperparameters } from '../ppo/hyperparameters.js';

export type PocaHyperparameters = PpoHyperparameters;

export const DEFAULT_POCA_HYPERPARAMETERS: PocaHyperparameters = DEFAULT_PPO_HYPERPARAMETERS;

/** Defaults overlaid with `overrides`, checked as PPO's; `where` names the source (a config file) in errors. */
export function pocaHyperparameters(overrides: Partial<PocaHyperparameters> = {}, where = 'poca hyperparameters'): PocaHyperparameters {
  return ppoHyperparameters(overrides, where);
}
