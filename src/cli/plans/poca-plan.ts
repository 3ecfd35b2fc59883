/**
 * MA-POCA's plan: ML-Agents' POCA keys are PPO's on-policy keys (ML-Agents' POCASettings adds none), mapped onto
 * agents/poca's hyperparameters. clip_value_loss is read and unused: POCA always clips value and baseline, as
 * ML-Agents does.
 */
import { pocaHyperparameters, type PocaHyperparameters } from '../../../agents/poca/hyperparameters.js';
import type { NetworkSettings } from '../../../agents/networks/network-settings.js';
import { configErrorAt, type OnPolicyBehaviorConfig, type RunConfig } from '../../config/index.js';
import { isShivaError } from '../../errors.js';
import type { PocaLearnerPlan } from '../../training/learner-plan.js';

export function pocaPlan(config: RunConfig, b: OnPolicyBehaviorConfig, learnerId: string): PocaLearnerPlan {
  const hp = b.hyperparameters;
  let hyperparameters: PocaHyperparameters;
  try {
    hyperparameters = pocaHyperparameters(
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
        clip_value_loss: true,
        value_loss_coef: hp.valueLossCoef,
        normalize_advantages: hp.normalizeAdvantages,
        adam_epsilon: hp.adamEpsilon,
      },
      `${config.file}: behaviors.${b.name}.hyperparameters`,
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
    trainerType: 'poca',
    hyperparameters,
    network,
    maxSteps: b.maxSteps,
    rewardStrength: b.rewardSignals.extrinsic?.strength ?? 0,
    summaryFreq: b.summaryFreq,
    checkpointInterval: b.checkpointInterval,
    keepCheckpoints: b.keepCheckpoints,
  };
}
