/**
 * TD3's and DDPG's plan: the off-policy keys ML-Agents has, and TD3's own (src/config/td3-hyperparameters.ts),
 * mapped onto agents/td3's hyperparameters. trainer_type ddpg is TD3 with one critic, no policy delay and no
 * target smoothing (src/config/td3-hyperparameters.ts's DDPG_DEFAULTS, agents/td3's DDPG_SWITCHES). init_entcoef and reward_signal_steps_per_update are read and unused.
 */
import { td3Hyperparameters } from '../../../agents/td3/hyperparameters.js';
import type { OffPolicyBehaviorConfig, RunConfig } from '../../config/index.js';
import { DDPG_DEFAULTS, TD3_DEFAULTS } from '../../config/td3-hyperparameters.js';
import type { Td3LearnerPlan } from '../../training/learner-plan.js';
import { checkedHyperparameters, offPolicyKeys, planSettings, requireConstantRate } from './plan-settings.js';

export function td3Plan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): Td3LearnerPlan {
  const ddpg = b.trainerType === 'ddpg';
  const own = b.hyperparameters.td3 ?? (ddpg ? DDPG_DEFAULTS : TD3_DEFAULTS);
  requireConstantRate(config, b);
  const hyperparameters = checkedHyperparameters(config, b, (where) =>
    td3Hyperparameters(
      {
        ...offPolicyKeys(b),
        policy_delay: own.policyDelay,
        target_policy_noise: own.targetPolicyNoise,
        target_noise_clip: own.targetNoiseClip,
        exploration_noise: own.explorationNoise,
        twin_q: !ddpg,
      },
      where,
    ),
  );
  return { learnerId, trainerType: ddpg ? 'ddpg' : 'td3', hyperparameters, ...planSettings(b) };
}
