/**
 * From the run configuration to learner plans: which learner serves a behavior, and its algorithm settings
 * (ML-Agents' keys mapped onto agents/ppo's hyperparameters and agents/networks' settings).
 */
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import { behaviorConfigFor, configErrorAt, isOnPolicy, learnerIdFor, type BehaviorConfig, type RunConfig } from '../config/index.js';
import { isShivaError } from '../errors.js';
import type { LearnerPlan, PlanResolver } from '../training/learner-plan.js';

export function planResolver(config: RunConfig): PlanResolver {
  const cache = new Map<string, LearnerPlan>();
  return (behavior) => {
    const learnerId = learnerIdFor(config, behavior);
    const known = cache.get(learnerId);
    if (known) return known;
    const plan = learnerPlan(config, behaviorConfigFor(config, behavior), learnerId);
    cache.set(learnerId, plan);
    return plan;
  };
}

export function learnerPlan(config: RunConfig, b: BehaviorConfig, learnerId: string): LearnerPlan {
  if (!isOnPolicy(b) || b.trainerType !== 'ppo') {
    throw configErrorAt(config, `behaviors.${b.name}.trainer_type`, `expected a trainer Shiva can train today (ppo), got "${b.trainerType}"`);
  }
  const hp = b.hyperparameters;
  const where = `${config.file}: behaviors.${b.name}`;
  let hyperparameters;
  try {
    hyperparameters = ppoHyperparameters(
      {
        batch_size: hp.batchSize,
        buffer_size: hp.bufferSize,
        learning_rate: hp.learningRate,
        learning_rate_schedule: hp.learningRateSchedule,
        beta: hp.beta,
        beta_schedule: hp.betaSchedule,
        epsilon: hp.epsilon,
        epsilon_schedule: hp.epsilonSchedule,
        lambd: hp.lambd,
        gamma: b.rewardSignals.extrinsic?.gamma ?? 0.99,
        num_epoch: hp.numEpoch,
        time_horizon: b.timeHorizon,
        max_grad_norm: hp.maxGradNorm,
        clip_value_loss: hp.clipValueLoss,
        value_loss_coef: hp.valueLossCoef,
        normalize_advantages: hp.normalizeAdvantages,
        adam_epsilon: hp.adamEpsilon,
      },
      `${where}.hyperparameters`,
    );
  } catch (error) {
    if (isShivaError(error)) throw configErrorAt(config, `behaviors.${b.name}.hyperparameters`, error.message);
    throw error;
  }
  const n = b.networkSettings;
  const network: Partial<NetworkSettings> = {
    hiddenUnits: n.hiddenUnits,
    numLayers: n.numLayers,
    normalize: n.normalize,
    activation: n.activation as NetworkSettings['activation'],
  };
  return {
    learnerId,
    trainerType: 'ppo',
    hyperparameters,
    network,
    maxSteps: b.maxSteps,
    rewardStrength: b.rewardSignals.extrinsic?.strength ?? 0,
    summaryFreq: b.summaryFreq,
    checkpointInterval: b.checkpointInterval,
    keepCheckpoints: b.keepCheckpoints,
  };
}
