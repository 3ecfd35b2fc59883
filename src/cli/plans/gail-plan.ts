/**
 * A behavior's `reward_signals.gail` onto its PPO plan (agents/reward-signals). PPO here has one value head, so the
 * GAIL reward is added to the extrinsic one before GAE (agents/reward-signals/gail-signal.ts says why): the plan's
 * gamma is the extrinsic signal's, or GAIL's when the behavior lists no extrinsic signal.
 */
import type { Activation } from '../../../agents/networks/activations.js';
import { configErrorAt, type BehaviorConfig, type RunConfig } from '../../config/index.js';
import { readDemonstrations } from '../../protocol/demo-file/index.js';
import type { LearnerPlan } from '../../training/learner-plan.js';

export function withGail(config: RunConfig, b: BehaviorConfig, plan: LearnerPlan): LearnerPlan {
  const g = b.rewardSignals.gail;
  if (!g) return plan;
  if (plan.trainerType !== 'ppo') {
    throw configErrorAt(config, `behaviors.${b.name}.reward_signals.gail`, `expected trainer_type ppo with a GAIL reward signal (the only trainer it is wired to), got "${plan.trainerType}"`);
  }
  const n = g.networkSettings;
  return {
    ...plan,
    hyperparameters: b.rewardSignals.extrinsic ? plan.hyperparameters : { ...plan.hyperparameters, gamma: g.gamma },
    gail: {
      gamma: g.gamma,
      strength: g.strength,
      demoPath: g.demoPath,
      learningRate: g.learningRate,
      useActions: g.useActions,
      useVail: g.useVail,
      network: { hiddenUnits: n.hiddenUnits, numLayers: n.numLayers, normalize: n.normalize, activation: n.activation as Activation },
    },
    gailExpert: () => readDemonstrations(g.demoPath),
  };
}
