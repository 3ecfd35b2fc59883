/** SAC as a plugin: trainer_type sac, its table, its learner. */
import type { AlgorithmPlugin } from '../plugin/algorithm-plugin.js';
import { RecurrentSacLearner } from './recurrent-sac-learner.js';
import { SacLearner, type SacLearnerSettings } from './sac-learner.js';
import { SAC_SCHEMA } from './hyperparameters.js';
import { estimateSacBytes } from './memory.js';

export const SAC_PLUGIN: AlgorithmPlugin = {
  trainerType: 'sac',
  family: 'off-policy',
  summary: 'Soft Actor-Critic: continuous (tanh-squashed Gaussian) or discrete actions, learned temperature',
  schema: SAC_SCHEMA,
  rewardSignals: ['gail', 'curiosity', 'rnd'],
  // With network_settings.memory: the recurrent learner (LSTMs, sequences in the replay); without, SacLearner as always.
  createLearner: (spec, settings, seeds) =>
    settings.network.memory ? new RecurrentSacLearner(spec, settings as SacLearnerSettings, seeds) : new SacLearner(spec, settings as SacLearnerSettings, seeds),
  estimateBytes: estimateSacBytes,
};
