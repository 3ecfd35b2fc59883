/**
 * The parts of a learner plan that several trainers take from a behavior's settings the same way: the keys PPO and
 * POCA share (ML-Agents' on-policy keys), the keys every off-policy trainer shares (ML-Agents' off-policy keys),
 * the settings every plan carries whatever its trainer, and an algorithm's hyperparameter check reported as a
 * config error at the behavior's `hyperparameters`.
 */
import type { NetworkSettings } from '../../../agents/networks/network-settings.js';
import { configErrorAt, type BehaviorConfig, type OffPolicyBehaviorConfig, type OnPolicyBehaviorConfig, type RunConfig } from '../../config/index.js';
import { isShivaError } from '../../core/errors.js';

/**
 * `build`'s hyperparameters, given the place to name in its errors; a ShivaError it throws comes back as a config
 * error at `behaviors.NAME.hyperparameters` (with the config file's line).
 */
export function checkedHyperparameters<T>(config: RunConfig, b: BehaviorConfig, build: (where: string) => T): T {
  try {
    return build(`${config.file}: behaviors.${b.name}.hyperparameters`);
  } catch (error) {
    if (isShivaError(error)) throw configErrorAt(config, `behaviors.${b.name}.hyperparameters`, error.message);
    throw error;
  }
}

/** ML-Agents' on-policy keys (PPO's; POCA adds none), in agents/ppo's names. */
export function onPolicyKeys(b: OnPolicyBehaviorConfig) {
  const hp = b.hyperparameters;
  return {
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
  };
}

/** ML-Agents' off-policy keys every off-policy trainer here reads, in agents/'s snake_case names. */
export function offPolicyKeys(b: OffPolicyBehaviorConfig) {
  const hp = b.hyperparameters;
  return {
    batch_size: hp.batchSize,
    buffer_size: hp.bufferSize,
    learning_rate: hp.learningRate,
    buffer_init_steps: hp.bufferInitSteps,
    tau: hp.tau,
    steps_per_update: hp.stepsPerUpdate,
    save_replay_buffer: hp.saveReplayBuffer,
    gamma: b.rewardSignals.extrinsic?.gamma ?? 0.99,
  };
}

/** The off-policy learners keep their learning rate; `trainer` names it in the error. */
export function requireConstantRate(config: RunConfig, b: OffPolicyBehaviorConfig, trainer: string = b.trainerType): void {
  if (b.hyperparameters.learningRateSchedule !== 'constant') {
    throw configErrorAt(config, `behaviors.${b.name}.hyperparameters.learning_rate_schedule`, `expected "constant" (${trainer} keeps its learning rate), got "${b.hyperparameters.learningRateSchedule}"`);
  }
}

/** What every plan takes from the behavior's settings whatever its trainer. */
export function planSettings(b: BehaviorConfig) {
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
