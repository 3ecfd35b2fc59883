/** SAC as a plugin: trainer_type sac, its table, its learner. */
import type { AlgorithmPlugin } from '../plugin/algorithm-plugin.js';
import { SacLearner, type SacLearnerSettings } from './sac-learner.js';
import { SAC_SCHEMA } from './hyperparameters.js';
import { estimateSacBytes } from './memory.js';

export const SAC_PLUGIN: AlgorithmPlugin = {
  trainerType: 'sac',
  family: 'off-policy',
  summary: 'Soft Actor-Critic: continuous (tanh-squashed Gaussian) or discrete actions, learned temperature',
  schema: SAC_SCHEMA,
  rewardSignals: ['gail', 'curiosity', 'rnd'],
  createLearner: (spec, settings, seeds) => new SacLearner(spec, settings as SacLearnerSettings, seeds),
  estimateBytes: estimateSacBytes,
};
