/**
 * From the run configuration to learner plans: which learner serves a behavior, and its algorithm settings
 * (ML-Agents' keys mapped onto agents/ppo's hyperparameters and agents/networks' settings).
 */
import { dqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import { behaviorConfigFor, configErrorAt, isOnPolicy, learnerIdFor, TRAINABLE_TRAINERS, type BehaviorConfig, type OffPolicyBehaviorConfig, type RunConfig } from '../config/index.js';
import { DQN_DEFAULTS } from '../config/dqn-hyperparameters.js';
import { isShivaError } from '../errors.js';
import type { LearnerPlan, PlanResolver } from '../training/learner-plan.js';
import { withSelfPlay } from './plans/self-play-plan.js';
import { withGail } from './plans/gail-plan.js';
import { maddpgPlan } from './plans/maddpg-plan.js';
import { sacPlan } from './plans/sac-plan.js';
import { td3Plan } from './plans/td3-plan.js';
import { pocaPlan } from './plans/poca-plan.js';

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
  return { learnerId, trainerType: 'ppo', hyperparameters, ...common(b) };
}

/** DQN: the off-policy keys ML-Agents has, and DQN's own (src/config/dqn-hyperparameters.ts). */
function dqnPlan(config: RunConfig, b: OffPolicyBehaviorConfig, learnerId: string): LearnerPlan {
  const hp = b.hyperparameters;
  const q = hp.dqn ?? DQN_DEFAULTS;
  if (hp.learningRateSchedule !== 'constant') {
    throw configErrorAt(config, `behaviors.${b.name}.hyperparameters.learning_rate_schedule`, `expected "constant" (DQN keeps its learning rate), got "${hp.learningRateSchedule}"`);
  }
  let hyperparameters;
  try {
    hyperparameters = dqnHyperparameters(
      {
        batch_size: hp.batchSize,
        buffer_size: hp.bufferSize,
        learning_rate: hp.learningRate,
        buffer_init_steps: hp.bufferInitSteps,
        tau: hp.tau,
        steps_per_update: hp.stepsPerUpdate,
        save_replay_buffer: hp.saveReplayBuffer,
        gamma: b.rewardSignals.extrinsic?.gamma ?? 0.99,
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
      `${config.file}: behaviors.${b.name}.hyperparameters`,
    );
  } catch (error) {
    if (isShivaError(error)) throw configErrorAt(config, `behaviors.${b.name}.hyperparameters`, error.message);
    throw error;
  }
  return { learnerId, trainerType: 'dqn', hyperparameters, ...common(b) };
}

/** What every plan takes from the behavior's settings whatever its trainer. */
function common(b: BehaviorConfig) {
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
