/** PPO as a plugin: trainer_type ppo, its table, its learner. */
import type { AlgorithmPlugin } from '../plugin/algorithm-plugin.js';
import { PpoLearner, type PpoLearnerSettings } from './ppo-learner.js';
import { RecurrentPpoLearner } from './recurrent-ppo-learner.js';
import { PPO_SCHEMA, PPO_TUNABLE } from './hyperparameters.js';
import { estimatePpoBytes } from './memory.js';

export const PPO_PLUGIN: AlgorithmPlugin = {
  trainerType: 'ppo',
  family: 'on-policy',
  summary: 'Proximal Policy Optimization (clipped surrogate, GAE); continuous, discrete and hybrid actions',
  schema: PPO_SCHEMA,
  rewardSignals: ['gail', 'curiosity', 'rnd'],
  groupRewardInExtrinsic: true,
  valuesInAct: true,
  tunableHyperparameters: PPO_TUNABLE,
  // With network_settings.memory: the recurrent learner (LSTMs, sequences); without, PpoLearner as always.
  createLearner: (spec, settings, seeds) =>
    settings.network.memory ? new RecurrentPpoLearner(spec, settings as PpoLearnerSettings, seeds) : new PpoLearner(spec, settings as PpoLearnerSettings, seeds),
  estimateBytes: estimatePpoBytes,
};

/** MAPPO: parses with PPO's table, not trained yet. */
export const MAPPO_PLUGIN: AlgorithmPlugin = {
  trainerType: 'mappo',
  family: 'on-policy',
  summary: "multi-agent PPO with a centralised critic (read, not trained yet)",
  schema: PPO_SCHEMA,
};
