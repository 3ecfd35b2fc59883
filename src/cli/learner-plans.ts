/**
 * From the run configuration to learner plans: which learner serves a behavior, and its algorithm settings
 * (ML-Agents' keys mapped onto agents/ppo's hyperparameters and agents/networks' settings).
 */
import { dqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { behaviorConfigFor, configErrorAt, isOnPolicy, learnerIdFor, TRAINABLE_TRAINERS, type BehaviorConfig, type OffPolicyBehaviorConfig, type RunConfig } from '../config/index.js';
import { DQN_DEFAULTS } from '../config/dqn-hyperparameters.js';
import type { LearnerPlan, PlanResolver } from '../training/learner-plan.js';
import { withSelfPlay } from './plans/self-play-plan.js';
import { withGail } from './plans/gail-plan.js';
import { maddpgPlan } from './plans/maddpg-plan.js';
import { sacPlan } from './plans/sac-plan.js';
import { td3Plan } from './plans/td3-plan.js';
import { pocaPlan } from './plans/poca-plan.js';
import { checkedHyperparameters, offPolicyKeys, onPolicyKeys, planSettings, requireConstantRate } from './plans/plan-settings.js';

export function planResolver(config: RunConfig): PlanResolver {
  const cache = new Map<string, LearnerPlan>();
  return (behavior) => {
    const learnerId = learnerIdFor(config, behavior);
    const known = cache.get(learnerId);
    if (known) return known;
    const b = behaviorConfigFor(config, behavior);
    const plan = withSelfPlay(config, b, withGail(config, b, learnerPlan(config, b, learnerId)));
    cache.set(learnerId, plan);
    return plan;
  };
}

export function learnerPlan(config: RunConfig, b: BehaviorConfig, learnerId: string): LearnerPlan {
  if (!isOnPolicy(b) && b.trainerType === 'dqn') return dqnPlan(config, b, learnerId);
  if (isOnPolicy(b) && b.trainerType === 'poca') return pocaPlan(config, b, learnerId);
  if (!isOnPolicy(b) && b.trainerType === 'maddpg') return maddpgPlan(config, b, learnerId);
  if (!isOnPolicy(b) && (b.trainerType === 'td3' || b.trainerType === 'ddpg')) return td3Plan(config, b, learnerId);
  if (!isOnPolicy(b) && b.trainerType === 'sac') return sacPlan(config, b, learnerId);
  if (!isOnPolicy(b) || b.trainerType !== 'ppo') {
    throw configErrorAt(config, `behaviors.${b.name}.trainer_type`, `expected a trainer Shiva can train today (${TRAINABLE_TRAINERS.join(', ')}), got "${b.trainerType}"`);
  }
  const hyperparameters = checkedHyperparameters(config, b, (where) => ppoHyperparameters(onPolicyKeys(b), where));
  return { learnerId, trainerType: 'ppo', hyperparameters, ...planSettings(b) };
}

/** DQN: the off-policy keys ML-Agents has, and DQN's own (src/config/dqn-hyperparameters.ts). */
function dqnPlan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): LearnerPlan {
  const q = b.hyperparameters.dqn ?? DQN_DEFAULTS;
  requireConstantRate(config, b, 'DQN');
  const hyperparameters = checkedHyperparameters(config, b, (where) =>
    dqnHyperparameters(
      {
        ...offPolicyKeys(b),
        exploration_initial_eps: q.explorationInitialEps,
        exploration_final_eps: q.explorationFinalEps,
        exploration_fraction: q.explorationFraction,
        target_update_interval: q.targetUpdateInterval,
        gradient_steps: q.gradientSteps,
        double_q: q.doubleQ,
        dueling: q.dueling,
        n_step: q.nStep,
        prioritized: q.prioritized,
      },
      where,
    ),
  );
  return { learnerId, trainerType: 'dqn', hyperparameters, ...planSettings(b) };
}
