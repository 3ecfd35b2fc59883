/**
 * What a DQN learner allocates (agents/plugin/memory-estimate.ts): the online Q-network and its target, the replay
 * buffer (with masks; prioritised: its trees; n-step: each agent's last n steps), and an update's activations.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { activationBytes, denseWeights, encoderSize, logitsSize, memoryEstimate, networkOf, NETWORK_KEYS, TARGET_WEIGHT_BYTES, TRAINED_WEIGHT_BYTES, type EstimateContext, type MemoryEstimate } from '../plugin/memory-estimate.js';
import { replayParts } from '../replay/memory.js';

export function estimateDqnBytes(spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext): MemoryEstimate {
  const hp = settings.hyperparameters;
  const q = encoderSize(spec.observationSpecs, settings.network, logitsSize(spec));
  const weights = q.weights + (hp['dueling'] ? denseWeights(networkOf(settings.network).hiddenUnits, 1) : 0);
  return memoryEstimate(weights, [
    { what: 'Q-network and its target', bytes: weights * (TRAINED_WEIGHT_BYTES + TARGET_WEIGHT_BYTES), keys: NETWORK_KEYS },
    ...replayParts(spec, { capacity: Number(hp['buffer_size']), actionMasks: true, prioritized: Boolean(hp['prioritized']), nStep: Number(hp['n_step']) }, context),
    { what: `update activations (batch_size ${String(hp['batch_size'])})`, bytes: activationBytes(Number(hp['batch_size']), 3 * q.activations), keys: ['hyperparameters.batch_size', ...NETWORK_KEYS] },
  ]);
}
