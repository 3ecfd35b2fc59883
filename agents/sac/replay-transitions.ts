/**
 * A replay batch as a reward signal reads it (agents/reward-signals/reward-signal.ts): s, a, s' and the done flag
 * of each sampled transition (1 only at a true terminal, as the replay keeps it; an interrupted episode is not
 * done, as ML-Agents' SAC buffer has it).
 */
import type { TransitionBatch } from '../reward-signals/reward-signal.js';
import type { ReplayBatch } from '../replay/replay-types.js';

export function replayTransitions(batch: ReplayBatch): TransitionBatch {
  return {
    size: batch.size,
    observations: batch.observations,
    nextObservations: batch.nextObservations,
    continuousActions: batch.continuousActions,
    discreteActions: batch.discreteActions,
    dones: Uint8Array.from(batch.dones),
  };
}
