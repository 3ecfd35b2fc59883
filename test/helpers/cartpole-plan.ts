/**
 * The PPO plan the meta-learner tests train CartPole with (test/training/trainer.test.ts, threaded-updates.test.ts):
 * CleanRL's settings with a 1024-step buffer, 4 epochs of 256, a 64-64 tanh network.
 */
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import type { LearnerSettings } from '../../agents/plugin/algorithm-plugin.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { CLEANRL_PPO } from './earlier-defaults.js';

export function cartpolePlan(maxSteps: number, threaded = false): LearnerPlan {
  return {
    learnerId: 'CartPole',
    trainerType: 'ppo',
    hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 256, buffer_size: 1024, learning_rate: 1e-3, num_epoch: 4, beta: 0.005, time_horizon: 128 }),
    network: { hiddenUnits: 64, numLayers: 2, activation: 'tanh' },
    maxSteps,
    rewardStrength: 1,
    summaryFreq: 5000,
    checkpointInterval: 1e9,
    keepCheckpoints: 1,
    ...(threaded ? { threaded: true } : {}),
  };
}

/** The same plan as a learner's settings, for building a PpoLearner directly. */
export function cartpoleLearnerSettings(maxSteps: number): LearnerSettings {
  const plan = cartpolePlan(maxSteps);
  return { id: plan.learnerId, hyperparameters: plan.hyperparameters, network: plan.network, maxSteps, rewardStrength: 1 };
}
