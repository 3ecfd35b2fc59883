/**
 * SAC's plan: ML-Agents' SAC keys mapped onto agents/sac's hyperparameters (init_entcoef is α's start; the
 * target entropies keep agents/sac's defaults). reward_signal_steps_per_update is read and unused (no reward
 * signal but the extrinsic one trains with SAC yet).
 */
import { sacHyperparameters } from '../../../agents/sac/hyperparameters.js';
import type { OffPolicyBehaviorConfig, RunConfig } from '../../config/index.js';
import type { SacLearnerPlan } from '../../training/learner-plan.js';
import { checkedHyperparameters, offPolicyKeys, planSettings, requireConstantRate } from './plan-settings.js';

export function sacPlan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): SacLearnerPlan {
  requireConstantRate(config, b);
  const hyperparameters = checkedHyperparameters(config, b, (where) => sacHyperparameters({ ...offPolicyKeys(b), init_entcoef: b.hyperparameters.initEntcoef }, where));
  return { learnerId, trainerType: 'sac', hyperparameters, ...planSettings(b) };
}
