/** DQN as a plugin: trainer_type dqn, its table, its learner. */
import type { AlgorithmPlugin } from '../plugin/algorithm-plugin.js';
import { DqnLearner, type DqnLearnerSettings } from './dqn-learner.js';
import { DQN_SCHEMA } from './hyperparameters.js';
import { estimateDqnBytes } from './memory.js';

export const DQN_PLUGIN: AlgorithmPlugin = {
  trainerType: 'dqn',
  family: 'off-policy',
  summary: 'DQN: double and dueling Q-networks per discrete branch, n-step and prioritised replay',
  schema: DQN_SCHEMA,
  createLearner: (spec, settings, seeds) => new DqnLearner(spec, settings as DqnLearnerSettings, seeds),
  estimateBytes: estimateDqnBytes,
};
