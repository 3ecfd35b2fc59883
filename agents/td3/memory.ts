/**
 * What a TD3 or DDPG learner allocates (agents/plugin/memory-estimate.ts): the deterministic actor and its target,
 * one or two critics (observations and the action) and their targets, the replay buffer, an update's activations.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { activationBytes, encoderSize, memoryEstimate, NETWORK_KEYS, TARGET_WEIGHT_BYTES, TRAINED_WEIGHT_BYTES, type EstimateContext, type MemoryEstimate } from '../plugin/memory-estimate.js';
import { replayParts } from '../replay/memory.js';

export function estimateTd3Bytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext, twinQ: boolean): MemoryEstimate {
  const hp = settings.hyperparameters;
  const C = spec.actionSpec.continuousSize;
  const critics = twinQ ? 2 : 1;
  const actor = encoderSize(spec.observationSpecs, settings.network, C);
  const critic = encoderSize(spec.observationSpecs, settings.network, 1, C);
  const trained = actor.weights + critics * critic.weights;
  return memoryEstimate(trained, [
    { what: `actor, ${critics === 2 ? 'two critics' : 'a critic'} and their targets`, bytes: trained * (TRAINED_WEIGHT_BYTES + TARGET_WEIGHT_BYTES), keys: NETWORK_KEYS },
    ...replayParts(spec, { capacity: Number(hp['buffer_size']), actionMasks: false }, context),
    { what: `update activations (batch_size ${String(hp['batch_size'])})`, bytes: activationBytes(Number(hp['batch_size']), 2 * actor.activations + 2 * critics * critic.activations), keys: ['hyperparameters.batch_size', ...NETWORK_KEYS] },
  ]);
}
