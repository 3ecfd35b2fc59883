/**
 * What an MA-POCA learner allocates (agents/plugin/memory-estimate.ts): PPO's actor-critic (the actor trained, its
 * value head unused), the group critic (embeddings, one self-attention block, the trunk), the group buffer (one
 * row object per member step, as PPO's buffer), the training batch with each member's group view, and an update's
 * activations over the group.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { denseWeights, encoderSize, FLOAT_BYTES, logitsSize, memoryEstimate, networkOf, NETWORK_KEYS, observationFloats, TRAINED_WEIGHT_BYTES, type EstimateContext, type MemoryEstimate } from '../plugin/memory-estimate.js';
import { onPolicyBufferParts } from '../ppo/memory.js';

export function estimatePocaBytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext): MemoryEstimate {
  const hp = settings.hyperparameters;
  const bufferSize = Number(hp['buffer_size']);
  const batchSize = Number(hp['batch_size']);
  const net = networkOf(settings.network);
  const h = net.hiddenUnits;
  const C = spec.actionSpec.continuousSize;
  const entity = observationFloats(spec);
  const action = C + logitsSize(spec);
  const actor = encoderSize(spec.observationSpecs, settings.network, action);
  const valueCritic = encoderSize(spec.observationSpecs, settings.network, 1);
  const groupCritic = denseWeights(entity, h) + denseWeights(entity + action, h) + 4 * denseWeights(h, h) + net.numLayers * denseWeights(h, h) + denseWeights(h + 1, 1);
  const weights = actor.weights + valueCritic.weights + C + groupCritic;
  const group = Math.max(1, context.largestGroup);
  // Per sample the critic embeds every member (value) and every other member with its action (baseline) and attends over them.
  const criticActivations = 2 * group * (entity + action + 6 * h) + 2 * group * group + net.numLayers * h;
  return memoryEstimate(weights, [
    { what: 'actor, critic and group critic networks', bytes: weights * TRAINED_WEIGHT_BYTES, keys: NETWORK_KEYS },
    ...onPolicyBufferParts(spec, bufferSize, batchSize, actor.activations + criticActivations, context),
    { what: "the training batch's group views", bytes: bufferSize * group * FLOAT_BYTES * (entity + action + 1), keys: ['hyperparameters.buffer_size'] },
  ]);
}
