/**
 * TD3's and DDPG's plan: the off-policy keys ML-Agents has, and TD3's own (src/config/td3-hyperparameters.ts),
 * mapped onto agents/td3's hyperparameters. trainer_type ddpg is TD3 with one critic, no policy delay and no
 * target smoothing (src/config/td3-hyperparameters.ts's DDPG_DEFAULTS, agents/td3's DDPG_SWITCHES). init_entcoef and reward_signal_steps_per_update are read and unused.
 */
import { td3Hyperparameters, type Td3Hyperparameters } from '../../../agents/td3/hyperparameters.js';
import type { NetworkSettings } from '../../../agents/networks/network-settings.js';
import { configErrorAt, type OffPolicyBehaviorConfig, type RunConfig } from '../../config/index.js';
import { DDPG_DEFAULTS, TD3_DEFAULTS } from '../../config/td3-hyperparameters.js';
import { isShivaError } from '../../errors.js';
import type { Td3LearnerPlan } from '../../training/learner-plan.js';

export function td3Plan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): Td3LearnerPlan {
  const hp = b.hyperparameters;
  const ddpg = b.trainerType === 'ddpg';
  const own = hp.td3 ?? (ddpg ? DDPG_DEFAULTS : TD3_DEFAULTS);
  requireConstantRate(config, b);
  let hyperparameters: Td3Hyperparameters;
  try {
    hyperparameters = td3Hyperparameters(
      {
        batch_size: hp.batchSize,
        buffer_size: hp.bufferSize,
        learning_rate: hp.learningRate,
        buffer_init_steps: hp.bufferInitSteps,
        tau: hp.tau,
        steps_per_update: hp.stepsPerUpdate,
        save_replay_buffer: hp.saveReplayBuffer,
        gamma: b.rewardSignals.extrinsic?.gamma ?? 0.99,
        policy_delay: own.policyDelay,
        target_policy_noise: own.targetPolicyNoise,
        target_noise_clip: own.targetNoiseClip,
        exploration_noise: own.explorationNoise,
        twin_q: !ddpg,
      },
      `${config.file}: behaviors.${b.name}.hyperparameters`,
    );
  } catch (error) {
    if (isShivaError(error)) throw configErrorAt(config, `behaviors.${b.name}.hyperparameters`, error.message);
    throw error;
  }
  return { learnerId, trainerType: ddpg ? 'ddpg' : 'td3', hyperparameters, ...offPolicyCommon(b) };
}

/** The off-policy learners here keep their learning rate. */
export function requireConstantRate(config: RunConfig, b: OffPolicyBehaviorConfig): void {
  if (b.hyperparameters.learningRateSchedule !== 'constant') {
    throw configErrorAt(config, `behaviors.${b.name}.hyperparameters.learning_rate_schedule`, `expected "constant" (${b.trainerType} keeps its learning rate), got "${b.hyperparameters.learningRateSchedule}"`);
  }
}

/** What a plan takes from the behavior's settings whatever its trainer (as learner-plans.ts's own common()). */
export function offPolicyCommon(b: OffPolicyBehaviorConfig) {
  const n = b.networkSettings;
  const network: Partial<NetworkSettings> = {
    hiddenUnits: n.hiddenUnits,
    numLayers: n.numLayers,
    normalize: n.normalize,
    activation: n.activation as NetworkSettings['activation'],
  };
  return {
    network,
    maxSteps: b.maxSteps,
    rewardStrength: b.rewardSignals.extrinsic?.strength ?? 0,
    summaryFreq: b.summaryFreq,
    checkpointInterval: b.checkpointInterval,
    keepCheckpoints: b.keepCheckpoints,
  };
}
