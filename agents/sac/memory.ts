/**
 * What a SAC learner allocates (agents/plugin/memory-estimate.ts): the actor, two critics and their targets
 * (continuous: critics read observations and the action; discrete: Q-networks with one output per action), the
 * replay buffer, and an update's activations (actor, both critics and both targets); with reward signals beside the
 * extrinsic one, a Q head per signal in each critic and target, and the signals' own networks (signal-memory.ts);
 * with network_settings.memory, the LSTMs and the sequences' memories.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { activationBytes, denseWeights, encoderSize, FLOAT_BYTES, logitsSize, memoryEstimate, NETWORK_KEYS, TARGET_WEIGHT_BYTES, TRAINED_WEIGHT_BYTES, type EstimateContext, type MemoryEstimate, type MemoryPart } from '../plugin/memory-estimate.js';
import { signalNetworkParts } from '../plugin/signal-memory.js';
import { replayParts } from '../replay/memory.js';

export function estimateSacBytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext): MemoryEstimate {
  const hp = settings.hyperparameters;
  const C = spec.actionSpec.continuousSize;
  const discrete = spec.actionSpec.discreteBranches.length > 0;
  const actor = encoderSize(spec.observationSpecs, settings.network, discrete ? logitsSize(spec) : 2 * C);
  const critic = discrete ? encoderSize(spec.observationSpecs, settings.network, logitsSize(spec)) : encoderSize(spec.observationSpecs, settings.network, 1, C);
  const trained = actor.weights + 2 * critic.weights;
  const batchSize = Number(hp['batch_size']);
  const signals = (settings.gail ? 1 : 0) + (settings.curiosity ? 1 : 0) + (settings.rnd ? 1 : 0);
  const signalParts = signalNetworkParts(spec, settings, batchSize, batchSize);
  const embedding = encoderSize(spec.observationSpecs, settings.network, 0, discrete ? 0 : C).outputSize;
  const headWeights = signals * denseWeights(embedding, discrete ? logitsSize(spec) : 1);
  const extra: MemoryPart[] = [];
  if (signals > 0) {
    extra.push({ what: `Q heads of ${signals} reward signal(s) in both critics and their targets`, bytes: 2 * headWeights * (TRAINED_WEIGHT_BYTES + TARGET_WEIGHT_BYTES), keys: NETWORK_KEYS });
    for (const part of [signalParts.gail, signalParts.curiosity, signalParts.rnd]) if (part) extra.push(part);
  }
  const memory = settings.network.memory;
  let lstmWeights = 0;
  if (memory) {
    // network_settings.memory (recurrent-sac-learner.ts): an LSTM after the encoder of the actor, both critics and
    // both targets; each stored sequence keeps one memory; B × sequence_length × 4H gates per network in an update.
    const H = memory.memorySize / 2;
    const lstm = (input: number) => input * 4 * H + H * 4 * H + 4 * H;
    const actorIn = encoderSize(spec.observationSpecs, settings.network).outputSize;
    const criticIn = encoderSize(spec.observationSpecs, settings.network, 0, discrete ? 0 : C).outputSize;
    lstmWeights = lstm(actorIn) + 2 * lstm(criticIn);
    const sequences = Math.max(1, Math.floor(Number(hp['buffer_size']) / memory.sequenceLength));
    extra.push({
      what: `LSTMs (memory_size ${memory.memorySize}, sequence_length ${memory.sequenceLength}) in the actor, both critics and their targets, one memory per stored sequence`,
      bytes: lstmWeights * TRAINED_WEIGHT_BYTES + 2 * lstm(criticIn) * TARGET_WEIGHT_BYTES + sequences * (memory.memorySize * FLOAT_BYTES + memory.sequenceLength) + activationBytes(batchSize, 5 * 4 * H * 3),
      keys: ['network_settings.memory', 'hyperparameters.buffer_size'],
    });
  }
  return memoryEstimate(trained + 2 * headWeights + signalParts.weights + lstmWeights, [
    { what: 'actor, two critics and their targets', bytes: trained * TRAINED_WEIGHT_BYTES + 2 * critic.weights * TARGET_WEIGHT_BYTES, keys: NETWORK_KEYS },
    ...replayParts(spec, { capacity: Number(hp['buffer_size']), actionMasks: discrete }, context),
    { what: `update activations (batch_size ${String(hp['batch_size'])})`, bytes: activationBytes(Number(hp['batch_size']), 2 * actor.activations + 4 * critic.activations), keys: ['hyperparameters.batch_size', ...NETWORK_KEYS] },
    ...extra,
  ]);
}
