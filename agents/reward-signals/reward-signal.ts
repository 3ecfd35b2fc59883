/**
 * A reward signal beside the extrinsic one, as an on-policy learner (PPO) sees it, ML-Agents' BaseRewardProvider:
 * its name (which names its value head and its stats), its own discount, whether its value is bootstrapped through
 * episode ends (`ignoreDone`, ML-Agents' `_ignore_done`: curiosity and RND ignore dones, GAIL does not), the
 * strength-scaled reward of every transition of a batch, and an update on the same transitions.
 *
 * PPO gives each signal its own value head and GAE with the signal's gamma on each emitted trajectory, and averages
 * the advantages with the extrinsic one (agents/ppo/ppo-learner.ts, as ML-Agents); SAC gives each its own Q heads and soft target, with
 * rewards computed for every sampled replay batch (agents/sac/sac-learner.ts, signal-q-heads.ts).
 */
import type { SignalBatch } from './signal-batch.js';

/** Transitions with the observation each one led to (s, a, s'); row i of every field is transition i. */
export interface TransitionBatch extends SignalBatch {
  /** One size × obsSize array per observation spec: s' of each transition (the final observation at an episode end). */
  readonly nextObservations: readonly Float32Array[];
}

export type RewardSignalName = 'gail' | 'curiosity' | 'rnd';

export interface RewardSignal {
  readonly name: RewardSignalName;
  readonly gamma: number;
  readonly ignoreDone: boolean;
  /** strength × r for every row of `batch`, and the mean of those rewards as a stat (ns/metric tags). */
  rewards(batch: TransitionBatch): { readonly rewards: Float32Array; readonly stats: Record<string, number> };
  /** Trains the signal's networks on `batch` (numEpoch passes in minibatches of batchSize); update stats. */
  train(batch: TransitionBatch, numEpoch: number, batchSize: number): Record<string, number>;
  save(): unknown;
  load(saved: unknown, where: string): void;
  dispose(): void;
}
