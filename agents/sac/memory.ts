/**
 * What a SAC learner allocates (agents/plugin/memory-estimate.ts): the actor, two critics and their targets
 * (continuous: critics read observations and the action; discrete: Q-networks with one output per action), the
 * replay buffer, and an update's activations (actor, both critics and both targets).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { activationBytes, encoderSize, logitsSize, memoryEstimate, NETWORK_KEYS, TARGET_WEIGHT_BYTES, TRAINED_WEIGHT_BYTES, type EstimateContext, type MemoryEstimate } from '../plugin/memory-estimate.js';
import { replayParts } from '../replay/memory.js';

export function estimateSacBytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext): MemoryEstimate {
  const hp = settings.hyperparameters;
  const C = spec.actionSpec.continuousSize;
  const discrete = spec.actionSpec.discreteBranches.length > 0;
  const actor = encoderSize(spec.observationSpecs, settings.network, discrete ? logitsSize(spec) : 2 * C);
  const critic = discrete ? encoderSize(spec.observationSpecs, settings.network, logitsSize(spec)) : encoderSize(spec.observationSpecs, settings.network, 1, C);
  const trained = actor.weights + 2 * critic.weights;
  return memoryEstimate(trained, [
    { what: 'actor, two critics and their targets', bytes: trained * TRAINED_WEIGHT_BYTES + 2 * critic.weights * TARGET_WEIGHT_BYTES, keys: NETWORK_KEYS },
    ...replayParts(spec, { capacity: Number(hp['buffer_size']), actionMasks: discrete }, context),
    { what: `update activations (batch_size ${String(hp['batch_size'])})`, bytes: activationBytes(Number(hp['batch_size']), 2 * actor.activations + 4 * critic.activations), keys: ['hyperparameters.batch_size', ...NETWORK_KEYS] },
  ]);
}
