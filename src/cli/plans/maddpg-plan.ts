/**
 * MADDPG's plan: the off-policy keys ML-Agents has, and MADDPG's own (src/config/maddpg-hyperparameters.ts),
 * mapped onto agents/maddpg's hyperparameters. Several behaviors of one team share the plan through `learners:`.
 */
import { maddpgHyperparameters } from '../../../agents/maddpg/hyperparameters.js';
import type { OffPolicyBehaviorConfig, RunConfig } from '../../config/index.js';
import { MADDPG_DEFAULTS } from '../../config/maddpg-hyperparameters.js';
import type { MaddpgLearnerPlan } from '../../training/learner-plan.js';
import { checkedHyperparameters, offPolicyKeys, planSettings, requireConstantRate } from './plan-settings.js';

export function maddpgPlan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): MaddpgLearnerPlan {
  const m = b.hyperparameters.maddpg ?? MADDPG_DEFAULTS;
  requireConstantRate(config, b, 'MADDPG');
  const hyperparameters = checkedHyperparameters(config, b, (where) =>
    maddpgHyperparameters(
      {
        ...offPolicyKeys(b),
        critic: m.critic,
        independent: m.independent,
        shared_actor: m.sharedActor,
        team_size: m.teamSize,
        exploration_noise: m.explorationNoise,
        gumbel_temperature: m.gumbelTemperature,
        gradient_steps: m.gradientSteps,
        max_grad_norm: m.maxGradNorm,
        policy_regularization: m.policyRegularization,
      },
      where,
    ),
  );
  return { learnerId, trainerType: 'maddpg', hyperparameters, ...planSettings(b) };
}
