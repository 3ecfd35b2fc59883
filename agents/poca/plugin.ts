/** MA-POCA as a plugin: trainer_type poca, its table, its learner. */
import type { AlgorithmPlugin } from '../plugin/algorithm-plugin.js';
import { PocaLearner, type PocaLearnerSettings } from './poca-learner.js';
import { POCA_SCHEMA } from './hyperparameters.js';
import { estimatePocaBytes } from './memory.js';

export const POCA_PLUGIN: AlgorithmPlugin = {
  trainerType: 'poca',
  family: 'on-policy',
  summary: 'MA-POCA: one actor per group member, a centralised attention critic with counterfactual baselines',
  schema: POCA_SCHEMA,
  rewardSignals: ['gail', 'curiosity', 'rnd'],
  groupRewardInExtrinsic: true,
  createLearner: (spec, settings, seeds) => new PocaLearner(spec, settings as PocaLearnerSettings, seeds),
  estimateBytes: estimatePocaBytes,
};
