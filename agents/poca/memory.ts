/**
 * What an MA-POCA learner allocates (agents/plugin/memory-estimate.ts): PPO's actor-critic (the actor trained, its
 * value head unused), the group critic (embeddings, one self-attention block, the trunk), the group buffer (one
 * row object per member step, as PPO's buffer), the training batch with each member's group view, and an update's
 * activations over the group. With reward signals: their networks (agents/plugin/signal-memory.ts), a value and
 * baseline head per signal on the group critic, each row's next observations and the signals' per-row arrays.
 * With network_settings.memory: the actor-critic's LSTMs and the group critic's, the memory kept with each member
 * step, the critic's value and baseline memories per row at an update, and the LSTMs' activations over a minibatch.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { activationBytes, denseWeights, encoderSize, FLOAT_BYTES, logitsSize, memoryEstimate, networkOf, NETWORK_KEYS, observationFloats, TRAINED_WEIGHT_BYTES, TYPED_ARRAY_OVERHEAD_BYTES, type EstimateContext, type MemoryEstimate, type MemoryPart, withUpdateThread } from '../plugin/memory-estimate.js';
import { signalNetworkParts } from '../plugin/signal-memory.js';
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
  const parts: MemoryPart[] = [
    { what: 'actor, critic and group critic networks', bytes: weights * TRAINED_WEIGHT_BYTES, keys: NETWORK_KEYS },
    ...onPolicyBufferParts(spec, bufferSize, batchSize, actor.activations + criticActivations, context, Number(settings.hyperparameters['time_horizon'] ?? 1)),
    { what: "the training batch's group views", bytes: bufferSize * group * FLOAT_BYTES * (entity + action + 1), keys: ['hyperparameters.buffer_size'] },
  ];
  const lstm = recurrentPart(spec, settings, context, h);
  if (lstm) parts.push(lstm.part);
  const allWeights = weights + (lstm?.weights ?? 0);
  const signals = (settings.gail ? 1 : 0) + (settings.curiosity ? 1 : 0) + (settings.rnd ? 1 : 0);
  if (signals === 0) return withUpdateThread(memoryEstimate(allWeights, parts), settings.threaded);
  const signalParts = signalNetworkParts(spec, settings, batchSize, bufferSize);
  const heads = signals * denseWeights(h + 1, 1);
  for (const part of [signalParts.gail, signalParts.curiosity, signalParts.rnd]) if (part) parts.push(part);
  parts.push({
    what: `group-critic heads of ${signals} reward signal(s), next observations and the signals' batch`,
    bytes: heads * TRAINED_WEIGHT_BYTES + bufferSize * (FLOAT_BYTES * entity * 3 + TYPED_ARRAY_OVERHEAD_BYTES * spec.observationSpecs.length) + bufferSize * FLOAT_BYTES * 5 * signals,
    keys: ['hyperparameters.buffer_size', ...NETWORK_KEYS],
  });
  return withUpdateThread(memoryEstimate(allWeights + signalParts.weights + heads, parts), settings.threaded);
}

/** network_settings.memory's share (agents/poca/recurrent-poca.ts); null without memory. */
function recurrentPart(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext, hiddenUnits: number): { weights: number; part: MemoryPart } | null {
  const memory = settings.network.memory;
  if (!memory) return null;
  const hp = settings.hyperparameters;
  const bufferSize = Number(hp['buffer_size']);
  const H = memory.memorySize / 2;
  const lstm = (input: number) => input * 4 * H + H * 4 * H + 4 * H;
  // The actor-critic's two (the actor's and its unused critic's, as PPO's) and the group critic's after its trunk.
  const weights = 2 * lstm(encoderSize(spec.observationSpecs, settings.network).outputSize) + lstm(hiddenUnits);
  // Each member step keeps the actor-critic's memory (2 × memory_size); an update adds each row's value and baseline memory.
  const kept = (bufferSize + context.agents * Number(hp['time_horizon'] ?? 1)) * FLOAT_BYTES * 2 * memory.memorySize + bufferSize * FLOAT_BYTES * 2 * memory.memorySize;
  return {
    weights,
    part: {
      what: `LSTMs (memory_size ${memory.memorySize}, sequence_length ${memory.sequenceLength}), the memories kept with each member step and the critic's per row`,
      bytes: weights * TRAINED_WEIGHT_BYTES + kept + activationBytes(Number(hp['batch_size']), 3 * 4 * H * 3),
      keys: ['network_settings.memory', 'hyperparameters.buffer_size'],
    },
  };
}
