/**
 * What the recurrent SAC learner (recurrent-sac-learner.ts) needs of either variant with memory (continuous,
 * recurrent-sac.ts; discrete, recurrent-discrete-sac.ts): acting one decision per agent from its memory, one
 * gradient step on sampled sequences, the acting network as export data, and its state for checkpoints.
 */
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import type { SequenceSample } from '../replay/sequence-replay.js';
import type { SacActions, SacStepStats } from './sac-core.js';

export interface RecurrentSacActions extends SacActions {
  /** rows × memoryWidth: each row's memory after this decision. */
  readonly memories: Float32Array;
  /** Discrete: rows × Σ branches masked log π (what rules combine); empty for continuous actions. */
  readonly logProbs: Float32Array;
}

export interface RecurrentSacCore {
  /** Floats of one agent's acting memory (the actor's [h | c]). */
  readonly memoryWidth: number;
  /**
   * Actions for `rows` agents from their memories before this decision (rows × memoryWidth): sampled, or the mode
   * when `deterministic` (which draws nothing from `rng`). `masks` (1 = not allowed) apply to discrete branches.
   */
  act(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number, memories: Float32Array, rng: Rng, deterministic: boolean): RecurrentSacActions;
  /** Critic, actor and temperature steps on whole sequences, then the target critics; `rng` draws the noise. */
  gradientStep(sample: SequenceSample, rng: Rng): SacStepStats;
  describePolicy(): ExportablePolicy;
  save(): unknown;
  load(saved: unknown, where: string): void;
  dispose(): void;
}

/** Each sequence's first row of every array of `rows` (sizes[i] floats per row): sequences × size each. */
export function firstRows(arrays: readonly Float32Array[], sizes: readonly number[], sequences: number, length: number): Float32Array[] {
  return arrays.map((data, o) => {
    const size = sizes[o]!;
    const out = new Float32Array(sequences * size);
    for (let s = 0; s < sequences; s++) out.set(data.subarray(s * length * size, (s * length + 1) * size), s * size);
    return out;
  });
}

/** A mask's real rows (at least 1: every stored sequence starts with a real step). */
export function realCount(mask: Float32Array): number {
  return Math.max(1, mask.reduce((a, b) => a + b, 0));
}
