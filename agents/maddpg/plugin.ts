/** MADDPG as a plugin: trainer_type maddpg, its table, its learner. */
import type { AlgorithmPlugin } from '../plugin/algorithm-plugin.js';
import { MaddpgLearner, type MaddpgLearnerSettings } from './maddpg-learner.js';
import { MADDPG_SCHEMA } from './hyperparameters.js';
import { estimateMaddpgBytes } from './memory.js';

export const MADDPG_PLUGIN: AlgorithmPlugin = {
  trainerType: 'maddpg',
  family: 'off-policy',
  summary: 'MADDPG: centralised critics over the team, decentralised deterministic actors (or independent DDPG)',
  schema: MADDPG_SCHEMA,
  groupRewardInExtrinsic: true,
  createLearner: (spec, settings, seeds) => new MaddpgLearner(spec, settings as MaddpgLearnerSettings, seeds),
  estimateBytes: estimateMaddpgBytes,
};
