/**
 * What a PPO learner allocates (agents/plugin/memory-estimate.ts): the actor and the critic (separate encoders),
 * the rollout buffer (one object per transition, its arrays sliced per agent, until buffer_size are closed), the
 * flat training batch drain() makes of it, an update's activations, and GAIL's discriminator when there is one.
 * POCA shares the buffer's shape (agents/poca/memory.ts).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { CURIOSITY_CONSTANTS } from '../reward-signals/intrinsic-settings.js';
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
  const gail = settings.gail;
  if (gail) {
    const input = observationFloats(spec) + (gail.useActions ? C + logitsSize(spec) + 1 : 0);
    const d = mlpSize(input, gail.network.hiddenUnits, gail.network.numLayers, gail.useVail ? 128 : 1);
    weights += d.weights;
    parts.push({
      what: "GAIL's discriminator and its batches",
      bytes: d.weights * TRAINED_WEIGHT_BYTES + activationBytes(2 * batchSize, d.activations) + bufferSize * FLOAT_BYTES * 2,
      keys: ['reward_signals.gail.network_settings.hidden_units', 'reward_signals.gail.network_settings.num_layers', 'hyperparameters.batch_size'],
    });
  }
  const signals = (gail ? 1 : 0) + (settings.curiosity ? 1 : 0) + (settings.rnd ? 1 : 0);
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
  const curiosity = settings.curiosity;
  if (curiosity) {
    const m = CURIOSITY_CONSTANTS.modelHiddenUnits;
    const actions = C + logitsSize(spec);
    const encoder = mlpSize(observationFloats(spec), curiosity.network.hiddenUnits, curiosity.network.numLayers);
    const phi = encoder.outputSize;
    const models = denseWeights(2 * phi, m) + denseWeights(m, actions) + denseWeights(phi + actions, m) + denseWeights(m, phi);
    weights += encoder.weights + models;
    parts.push({
      what: "curiosity's encoder, inverse and forward models",
      // Per sample: the encoder on s and s', both models' hidden layers and outputs.
      bytes: (encoder.weights + models) * TRAINED_WEIGHT_BYTES + activationBytes(batchSize, 2 * encoder.activations + 2 * m + actions + 2 * phi),
      keys: ['reward_signals.curiosity.network_settings.hidden_units', 'reward_signals.curiosity.network_settings.num_layers', 'hyperparameters.batch_size'],
    });
  }
  const rnd = settings.rnd;
  if (rnd) {
    const net = mlpSize(observationFloats(spec), rnd.network.hiddenUnits, rnd.network.numLayers);
    weights += 2 * net.weights;
    parts.push({
      what: "RND's target and predictor networks",
      bytes: net.weights * (TRAINED_WEIGHT_BYTES + TARGET_WEIGHT_BYTES) + activationBytes(batchSize, 2 * net.activations),
      keys: ['reward_signals.rnd.network_settings.hidden_units', 'reward_signals.rnd.network_settings.num_layers', 'hyperparameters.batch_size'],
    });
  }
  return memoryEstimate(weights, parts);
}
