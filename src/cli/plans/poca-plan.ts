/**
 * MA-POCA's plan: ML-Agents' POCA keys are PPO's on-policy keys (ML-Agents' POCASettings adds none), mapped onto
 * agents/poca's hyperparameters. clip_value_loss is read and unused: POCA always clips value and baseline, as
 * ML-Agents does.
 */
import { pocaHyperparameters } from '../../../agents/poca/hyperparameters.js';
import type { OnPolicyBehaviorConfig, RunConfig } from '../../config/index.js';
import type { PocaLearnerPlan } from '../../training/learner-plan.js';
import { checkedHyperparameters, onPolicyKeys, planSettings } from './plan-settings.js';

export function pocaPlan(config: RunConfig, b: OnPolicyBehaviorConfig, learnerId: string): PocaLearnerPlan {
  const hyperparameters = checkedHyperparameters(config, b, (where) => pocaHyperparameters({ ...onPolicyKeys(b), clip_value_loss: true }, where));
  return { learnerId, trainerType: 'poca', hyperparameters, ...planSettings(b) };
}
