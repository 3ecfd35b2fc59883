/**
 * What the SAC learner needs of either variant (continuous, sac.ts; discrete, discrete-sac.ts): acting on the host
 * copies, one gradient step on a replay batch, and its state for checkpoints.
 */
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ReplayBatch } from '../replay/replay-types.js';

export interface SacActions {
  /** rows × C, in [-1, 1] (empty for discrete). */
  readonly continuous: Float32Array;
  /** rows × branches (empty for continuous). */
  readonly discrete: Int32Array;
}

/**
 * One reward signal's share of a gradient step (beside the extrinsic one, which the batch's rewards carry): its
 * strength-scaled rewards for the batch's rows, its discount, and whether its target ignores dones (curiosity and
 * RND, as ML-Agents' `use_dones_in_backup` is 0 for them).
 */
export interface SignalRewards {
  readonly rewards: Float32Array;
  readonly gamma: number;
  readonly ignoreDone: boolean;
}

export interface SacStepStats {
  readonly criticLoss: number;
  readonly actorLoss: number;
  /** Mean Q1(s, a) over the batch (discrete: over branches too), of the extrinsic head. */
  readonly meanQ: number;
  /** Mean Q1_k(s, a) of each signal's head, in the order the signals were given. */
  readonly signalMeanQ: readonly number[];
  /** The batch's policy entropy estimate per α component, before the temperature step. */
  readonly entropies: readonly number[];
  /** α per component after the temperature step. */
  readonly alphas: readonly number[];
}

export interface SacCore {
  readonly alphas: readonly number[];
  readonly gradientSteps: number;
  /**
   * Actions for `rows` agents: sampled (the tanh-squashed Gaussian, or each branch's categorical over its allowed
   * actions), or the mode when `deterministic`. `masks` (1 = not allowed) apply to discrete branches.
   */
  act(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number, rng: Rng, deterministic: boolean): SacActions;
  /**
   * Critic, actor and temperature steps, then the target critics; `rng` draws the reparameterisation noise.
   * `signals` (one per Q head of the core's SignalQHeads, in order; empty without them) give each head its targets.
   */
  gradientStep(batch: ReplayBatch, rng: Rng, signals?: readonly SignalRewards[]): SacStepStats;
  save(): unknown;
  load(saved: unknown, where: string): void;
  dispose(): void;
}
