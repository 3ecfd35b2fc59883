/**
 * What a PPO learner allocates (agents/plugin/memory-estimate.ts): the actor and the critic (separate encoders),
 * the rollout buffer (one object per transition, its arrays sliced per agent, until buffer_size are closed), the
 * flat training batch drain() makes of it, an update's activations, and GAIL's discriminator when there is one.
 * POCA shares the buffer's shape (agents/poca/memory.ts).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { signalNetworkParts } from '../plugin/signal-memory.js';
import {
  activationBytes,
  denseWeights,
  encoderSize,
  FLOAT_BYTES,
  logitsSize,
  memoryEstimate,
  mlpSize,
  NETWORK_KEYS,
  OBJECT_OVERHEAD_BYTES,
  observationFloats,
  TARGET_WEIGHT_BYTES,
  TRAINED_WEIGHT_BYTES,
  TYPED_ARRAY_OVERHEAD_BYTES,
  type EstimateContext,
  type MemoryEstimate,
  type MemoryPart,
} from '../plugin/memory-estimate.js';

/** Bytes of one transition as the rollout buffer keeps it: its own arrays (observations, actions, factors) and object. */
export function keptTransitionBytes(spec: BehaviorSpec): number {
  const C = spec.actionSpec.continuousSize;
  const nb = spec.actionSpec.discreteBranches.length;
  const S = logitsSize(spec);
  const arrays = spec.observationSpecs.length + 3;
  return FLOAT_BYTES * (observationFloats(spec) + C + nb + S) + arrays * TYPED_ARRAY_OVERHEAD_BYTES + OBJECT_OVERHEAD_BYTES;
}

/** Bytes of one row of the flat training batch (observations, actions, factors, log-prob, value, advantage, return, GAE). */
export function batchRowBytes(spec: BehaviorSpec): number {
  const C = spec.actionSpec.continuousSize;
  const nb = spec.actionSpec.discreteBranches.length;
  return FLOAT_BYTES * (observationFloats(spec) + C + nb + logitsSize(spec) + 8);
}

/** The rollout buffer, its training batch and an update's activations, for buffer_size / batch_size. */
export function onPolicyBufferParts(spec: BehaviorSpec, bufferSize: number, batchSize: number, perSample: number, context: EstimateContext): MemoryPart[] {
  return [
    { what: `rollout buffer (buffer_size ${bufferSize} transitions)`, bytes: (bufferSize + context.agents) * keptTransitionBytes(spec), keys: ['hyperparameters.buffer_size'] },
    { what: 'training batch (buffer_size rows)', bytes: bufferSize * batchRowBytes(spec), keys: ['hyperparameters.buffer_size'] },
    { what: `update activations (batch_size ${batchSize})`, bytes: activationBytes(batchSize, perSample), keys: ['hyperparameters.batch_size', ...NETWORK_KEYS] },
  ];
}

export function estimatePpoBytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext): MemoryEstimate {
  const hp = settings.hyperparameters;
  const bufferSize = Number(hp['buffer_size']);
  const batchSize = Number(hp['batch_size']);
  const C = spec.actionSpec.continuousSize;
  const actor = encoderSize(spec.observationSpecs, settings.network, logitsSize(spec) + C);
  const critic = encoderSize(spec.observationSpecs, settings.network, 1);
  let weights = actor.weights + critic.weights + C;
  const parts: MemoryPart[] = [
    { what: 'actor and critic networks', bytes: (actor.weights + critic.weights + C) * TRAINED_WEIGHT_BYTES, keys: NETWORK_KEYS },
    ...onPolicyBufferParts(spec, bufferSize, batchSize, actor.activations + critic.activations, context),
  ];
  const signalParts = signalNetworkParts(spec, settings, batchSize, bufferSize);
  weights += signalParts.weights;
  if (signalParts.gail) parts.push(signalParts.gail);
  const signals = (settings.gail ? 1 : 0) + (settings.curiosity ? 1 : 0) + (settings.rnd ? 1 : 0);
  if (signals > 0) {
    // A value head per signal on the critic encoder; each transition keeps its next observation; each update
    // copies the closed transitions (s and s') for the signals, and their rewards, values and returns.
    const heads = signals * denseWeights(encoderSize(spec.observationSpecs, settings.network).outputSize, 1);
    const obs = observationFloats(spec);
    weights += heads;
    parts.push({
      what: `value heads of ${signals} reward signal(s), next observations and the signals' batch`,
      bytes: heads * TRAINED_WEIGHT_BYTES + bufferSize * (FLOAT_BYTES * obs * 3 + TYPED_ARRAY_OVERHEAD_BYTES * spec.observationSpecs.length) + bufferSize * FLOAT_BYTES * 5 * signals,
      keys: ['hyperparameters.buffer_size', ...NETWORK_KEYS],
    });
  }
  if (signalParts.curiosity) parts.push(signalParts.curiosity);
  if (signalParts.rnd) parts.push(signalParts.rnd);
  return memoryEstimate(weights, parts);
}
