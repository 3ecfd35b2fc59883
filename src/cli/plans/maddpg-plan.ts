/**
 * MADDPG's plan: the off-policy keys ML-Agents has, and MADDPG's own (src/config/maddpg-hyperparameters.ts),
 * mapped onto agents/maddpg's hyperparameters. Several behaviors of one team share the plan through `learners:`.
 */
import { maddpgHyperparameters, type MaddpgHyperparameters } from '../../../agents/maddpg/hyperparameters.js';
import type { NetworkSettings } from '../../../agents/networks/network-settings.js';
import { configErrorAt, type OffPolicyBehaviorConfig, type RunConfig } from '../../config/index.js';
import { MADDPG_DEFAULTS } from '../../config/maddpg-hyperparameters.js';
import { isShivaError } from '../../errors.js';
import type { MaddpgLearnerPlan } from '../../training/learner-plan.js';

export function maddpgPlan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): MaddpgLearnerPlan {
  const hp = b.hyperparameters;
  const m = hp.maddpg ?? MADDPG_DEFAULTS;
  if (hp.learningRateSchedule !== 'constant') {
    throw configErrorAt(config, `behaviors.${b.name}.hyperparameters.learning_rate_schedule`, `expected "constant" (MADDPG keeps its learning rate), got "${hp.learningRateSchedule}"`);
  }
  let hyperparameters: MaddpgHyperparameters;
  try {
    hyperparameters = maddpgHyperparameters(
      {
        batch_size: hp.batchSize,
        buffer_size: hp.bufferSize,
        learning_rate: hp.learningRate,
        buffer_init_steps: hp.bufferInitSteps,
        tau: hp.tau,
        steps_per_update: hp.stepsPerUpdate,
        save_replay_buffer: hp.saveReplayBuffer,
        gamma: b.rewardSignals.extrinsic?.gamma ?? 0.99,
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
    trainerType: 'maddpg',
    hyperparameters,
    network,
    maxSteps: b.maxSteps,
    rewardStrength: b.rewardSignals.extrinsic?.strength ?? 0,
    summaryFreq: b.summaryFreq,
    checkpointInterval: b.checkpointInterval,
    keepCheckpoints: b.keepCheckpoints,
  };
}
