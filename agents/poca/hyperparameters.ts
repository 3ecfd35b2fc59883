/**
 * MA-POCA's hyperparameters: PPO's on-policy keys. ML-Agents' POCASettings has exactly PPO's keys and defaults, so
 * POCA's table is PPO's; clip_value_loss is read and unused, since POCA always clips value and baseline (as
 * ML-Agents does). Two differences from ML-Agents come with PPO's table: gradients are clipped to
 * max_grad_norm, and advantages are normalised per minibatch.
 */
import { defaultsOf, resolveHyperparameters, type HyperparametersOf, type HyperparameterSchema } from '../plugin/hyperparameter-table.js';
import { ON_POLICY_CHECKS, ON_POLICY_KEYS } from '../plugin/mlagents-keys.js';

export const POCA_TABLE = {
  ...ON_POLICY_KEYS,
  clip_value_loss: { ...ON_POLICY_KEYS.clip_value_loss, default: true, why: 'read and unused: POCA always clips value and baseline to ±`epsilon`, as ML-Agents does' },
} as const;
export const POCA_SCHEMA: HyperparameterSchema<typeof POCA_TABLE> = { table: POCA_TABLE, checks: ON_POLICY_CHECKS };

export type PocaHyperparameters = HyperparametersOf<typeof POCA_TABLE>;

export const DEFAULT_POCA_HYPERPARAMETERS: PocaHyperparameters = defaultsOf(POCA_TABLE);

/** Defaults overlaid with `overrides`, checked; `where` names the source in errors. */
export function pocaHyperparameters(overrides: Partial<PocaHyperparameters> = {}, where = 'poca hyperparameters'): PocaHyperparameters {
  return resolveHyperparameters(POCA_SCHEMA, overrides, where);
}
