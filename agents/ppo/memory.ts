/**
 * What a PPO learner allocates (agents/plugin/memory-estimate.ts): the actor and the critic (separate encoders),
 * the rollout buffer (one object per step, its arrays sliced per agent: up to time_horizon steps per agent held in
 * open trajectories, and the update buffer, which passes buffer_size by up to one trajectory per agent before the
 * update), the flat training batch made of it, an update's activations, and GAIL's discriminator when there is one.
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
  withUpdateThread,
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

/**
 * The rollout buffer, its training batch and an update's activations, for buffer_size / batch_size; trajectories of
 * up to `timeHorizon` steps per agent wait beside the buffer, and the last ones in overshoot it (ML-Agents' semantics).
 */
export function onPolicyBufferParts(spec: BehaviorSpec, bufferSize: number, batchSize: number, perSample: number, context: EstimateContext, timeHorizon = 1): MemoryPart[] {
  const overshoot = context.agents * timeHorizon;
  return [
    { what: `rollout buffer (buffer_size ${bufferSize} transitions, time_horizon ${timeHorizon} per agent held)`, bytes: (bufferSize + 2 * overshoot + context.agents) * keptTransitionBytes(spec), keys: ['hyperparameters.buffer_size', 'time_horizon'] },
    { what: 'training batch (buffer_size rows and the last trajectories)', bytes: (bufferSize + overshoot) * batchRowBytes(spec), keys: ['hyperparameters.buffer_size'] },
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
    ...onPolicyBufferParts(spec, bufferSize, batchSize, actor.activations + critic.activations, context, Number(hp['time_horizon'] ?? 1)),
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
  const memory = settings.network.memory;
  if (memory) {
    // network_settings.memory: an LSTM after each encoder, each step keeping its memory before and after (actor and
    // critic, 2 × memory_size each), sequences padded up to sequence_length, and B × sequence_length × 4H gates.
    const H = memory.memorySize / 2;
    const input = encoderSize(spec.observationSpecs, settings.network).outputSize;
    const lstm = 2 * (input * 4 * H + H * 4 * H + 4 * H);
    weights += lstm;
    const kept = (bufferSize + context.agents * Number(hp['time_horizon'] ?? 1)) * 2 * FLOAT_BYTES * 2 * memory.memorySize;
    parts.push({
      what: `LSTMs (memory_size ${memory.memorySize}, sequence_length ${memory.sequenceLength}), the memories kept with each step, the padded sequences`,
      bytes: lstm * TRAINED_WEIGHT_BYTES + kept + bufferSize * batchRowBytes(spec) + activationBytes(batchSize, 2 * 4 * H * 3),
      keys: ['network_settings.memory', 'hyperparameters.buffer_size'],
    });
  }
  return withUpdateThread(memoryEstimate(weights, parts), settings.threaded);
}
