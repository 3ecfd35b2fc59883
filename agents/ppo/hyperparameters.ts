/**
 * PPO's hyperparameters: ML-Agents' PPOSettings keys with its defaults (agents/plugin/mlagents-keys.ts) and
 * Shiva's own (CleanRL's names: max_grad_norm, clip_value_loss, value_loss_coef, normalize_advantages,
 * adam_epsilon). The table is the one source of the type, the defaults, the checks and the documentation.
 */
import { defaultsOf, resolveHyperparameters, type HyperparametersOf, type HyperparameterSchema } from '../plugin/hyperparameter-table.js';
import { ON_POLICY_CHECKS, ON_POLICY_KEYS } from '../plugin/mlagents-keys.js';

export type Schedule = 'linear' | 'constant';

export const PPO_TABLE = ON_POLICY_KEYS;
export const PPO_SCHEMA: HyperparameterSchema<typeof PPO_TABLE> = { table: PPO_TABLE, checks: ON_POLICY_CHECKS };

export type PpoHyperparameters = HyperparametersOf<typeof PPO_TABLE>;

export const DEFAULT_PPO_HYPERPARAMETERS: PpoHyperparameters = defaultsOf(PPO_TABLE);

/** Defaults overlaid with `overrides`, checked; `where` names the source in errors. */
export function ppoHyperparameters(overrides: Partial<PpoHyperparameters> = {}, where = 'ppo hyperparameters'): PpoHyperparameters {
  return resolveHyperparameters(PPO_SCHEMA, overrides, where);
}

/** The keys a PPO learner takes after creation (agents/plugin/tunable-hyperparameters.ts): read by the schedules at each update. */
export const PPO_TUNABLE = ['learning_rate', 'beta', 'epsilon'] as const;
