/** Shared builders for the replay tests: transitions whose every field encodes an id, so rows can be told apart. */
import type { ReplaySpec, Transition } from '../../../agents/replay/replay-types.js';

/** Two observation specs (3 and 2 floats), 2 continuous components, branches [3, 2], masks stored. */
export const RICH_SPEC: ReplaySpec = { observationSizes: [3, 2], continuousSize: 2, discreteBranches: [3, 2], actionMasks: true };

/** One observation of 2 floats, one discrete branch of 2, no masks. */
export const SMALL_SPEC: ReplaySpec = { observationSizes: [2], continuousSize: 0, discreteBranches: [2], actionMasks: false };

/** A transition for `spec` whose values are all derived from `id`. */
export function transitionWithId(spec: ReplaySpec, id: number): Transition {
  const maskLength = spec.discreteBranches.reduce((a, b) => a + b, 0);
  return {
    observations: spec.observationSizes.map((size, o) => Float32Array.from({ length: size }, (_, j) => id + 0.25 * o + 0.01 * j)),
    continuousActions: Float32Array.from({ length: spec.continuousSize }, (_, j) => -id - 0.5 * j),
    discreteActions: Int32Array.from(spec.discreteBranches, (size, b) => (id + b) % size),
    actionMask: spec.actionMasks ? Uint8Array.from({ length: maskLength }, (_, j) => (id + j) % 3 === 0 ? 1 : 0) : null,
    reward: id * 1.5,
    nextObservations: spec.observationSizes.map((size, o) => Float32Array.from({ length: size }, (_, j) => id + 1000 + 0.25 * o + 0.01 * j)),
    nextActionMask: spec.actionMasks ? Uint8Array.from({ length: maskLength }, (_, j) => (id + j) % 2) : null,
    done: id % 4 === 3,
    discount: 0.99 ** (1 + (id % 3)),
  };
}
