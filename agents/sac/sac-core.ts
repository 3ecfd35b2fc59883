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

export interface SacStepStats {
  readonly criticLoss: number;
  readonly actorLoss: number;
  /** Mean Q1(s, a) over the batch (discrete: over branches too). */
  readonly meanQ: number;
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
  /** Critic, actor and temperature steps, then the target critics; `rng` draws the reparameterisation noise. */
  gradientStep(batch: ReplayBatch, rng: Rng): SacStepStats;
  save(): unknown;
  load(saved: unknown, where: string): void;
  dispose(): void;
}
