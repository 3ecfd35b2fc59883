/**
 * SAC's plan: ML-Agents' SAC keys mapped onto agents/sac's hyperparameters (init_entcoef is α's start; the
 * target entropies keep agents/sac's defaults). reward_signal_steps_per_update is read and unused (no reward
 * signal but the extrinsic one trains with SAC yet).
 */
import { sacHyperparameters, type SacHyperparameters } from '../../../agents/sac/hyperparameters.js';
import { configErrorAt, type OffPolicyBehaviorConfig, type RunConfig } from '../../config/index.js';
import { isShivaError } from '../../errors.js';
import type { SacLearnerPlan } from '../../training/learner-plan.js';
import { offPolicyCommon, requireConstantRate } from './td3-plan.js';

export function sacPlan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): SacLearnerPlan {
  const hp = b.hyperparameters;
  requireConstantRate(config, b);
  let hyperparameters: SacHyperparameters;
  try {
    hyperparameters = sacHyperparameters(
      {
        batch_size: hp.batchSize,
        buffer_size: hp.bufferSize,
        learning_rate: hp.learningRate,
        buffer_init_steps: hp.bufferInitSteps,
        tau: hp.tau,
        steps_per_update: hp.stepsPerUpdate,
        save_replay_buffer: hp.saveReplayBuffer,
        init_entcoef: hp.initEntcoef,
        gamma: b.rewardSignals.extrinsic?.gamma ?? 0.99,
      },
      `${config.file}: behaviors.${b.name}.hyperparameters`,
    );
  } catch (error) {
    if (isShivaError(error)) throw configErrorAt(config, `behaviors.${b.name}.hyperparameters`, error.message);
    throw error;
  }
  return { learnerId, trainerType: 'sac', hyperparameters, ...offPolicyCommon(b) };
}
