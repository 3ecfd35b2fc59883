/**
 * What a MADDPG learner allocates (agents/plugin/memory-estimate.ts) once it knows its team of n agents (team_size,
 * or the largest group): actors and centralised critics (one per slot unless shared) and their targets, the joint
 * replay buffer (buffer_size team transitions of n agents each), and an update's activations over every network.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { activationBytes, FLOAT_BYTES, logitsSize, memoryEstimate, mlpSize, networkOf, NETWORK_KEYS, observationFloats, TARGET_WEIGHT_BYTES, TRAINED_WEIGHT_BYTES, type EstimateContext, type MemoryEstimate } from '../plugin/memory-estimate.js';

export function estimateMaddpgBytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext): MemoryEstimate {
  const hp = settings.hyperparameters;
  const net = networkOf(settings.network);
  const n = Number(hp['team_size']) || Math.max(1, context.largestGroup);
  const obs = observationFloats(spec);
  const act = spec.actionSpec.continuousSize > 0 ? spec.actionSpec.continuousSize : logitsSize(spec);
  const seen = hp['independent'] ? 1 : n;
  const actor = mlpSize(obs, net.hiddenUnits, net.numLayers, act);
  const critic = mlpSize(seen * (obs + act), net.hiddenUnits, net.numLayers, 1);
  const actors = hp['shared_actor'] ? 1 : n;
  const critics = hp['critic'] === 'shared' ? 1 : n;
  const trained = actors * actor.weights + critics * critic.weights;
  const bufferSize = Number(hp['buffer_size']);
  const batchSize = Number(hp['batch_size']);
  const teamKeys = Number(hp['team_size']) ? ['hyperparameters.team_size'] : [];
  return memoryEstimate(trained, [
    { what: `actors, critics and their targets (a team of ${n})`, bytes: trained * (TRAINED_WEIGHT_BYTES + TARGET_WEIGHT_BYTES), keys: [...NETWORK_KEYS, ...teamKeys] },
    { what: `joint replay buffer (buffer_size ${bufferSize} team transitions)`, bytes: bufferSize * n * FLOAT_BYTES * (2 * obs + act + 2), keys: ['hyperparameters.buffer_size', ...teamKeys] },
    { what: `update activations (batch_size ${batchSize})`, bytes: activationBytes(batchSize, n * (2 * actor.activations + 2 * critic.activations)), keys: ['hyperparameters.batch_size', ...NETWORK_KEYS, ...teamKeys] },
  ]);
}
