/** TD3 and DDPG as plugins: trainer_types td3 and ddpg, their tables, one learner. */
import type { AlgorithmPlugin, LearnerSettings } from '../plugin/algorithm-plugin.js';
import { Td3Learner } from './td3-learner.js';
import { DDPG_REFUSED_KEYS, DDPG_SCHEMA, TD3_SCHEMA, type Td3Hyperparameters } from './hyperparameters.js';
import { estimateTd3Bytes } from './memory.js';

export const TD3_PLUGIN: AlgorithmPlugin = {
  trainerType: 'td3',
  family: 'off-policy',
  summary: 'TD3: twin critics, target policy smoothing, delayed actor updates; continuous actions',
  schema: TD3_SCHEMA,
  createLearner: (spec, settings, seeds) => new Td3Learner(spec, { ...(settings as LearnerSettings<Td3Hyperparameters>), trainerType: 'td3' }, seeds),
  estimateBytes: (spec, settings, context) => estimateTd3Bytes(spec, settings, context, true),
};

export const DDPG_PLUGIN: AlgorithmPlugin = {
  trainerType: 'ddpg',
  family: 'off-policy',
  summary: 'DDPG: TD3 with one critic, no delay and no smoothing; continuous actions',
  schema: DDPG_SCHEMA,
  refusedKeys: DDPG_REFUSED_KEYS,
  createLearner: (spec, settings, seeds) => new Td3Learner(spec, { ...(settings as LearnerSettings<Td3Hyperparameters>), trainerType: 'ddpg' }, seeds),
  estimateBytes: (spec, settings, context) => estimateTd3Bytes(spec, settings, context, false),
};
