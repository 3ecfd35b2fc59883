/**
 * What a replay buffer stores and what sampling returns. A transition here is already an n-step one (see
 * n-step.ts): its reward is the discounted sum over the steps it covers and its discount is γ^k for the k steps it
 * actually summed, so every learner forms its target the same way:
 *
 *   target = reward + discount · (1 − done) · V(nextObservation)
 *
 * `done` is 1 only for a true terminal (the task ended the episode); a truncated (interrupted) episode bootstraps.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';

/** The row layout of a buffer. */
export interface ReplaySpec {
  /** Floats per agent, one entry per observation spec. */
  readonly observationSizes: readonly number[];
  readonly continuousSize: number;
  /** Size of each discrete branch (one stored action per branch; Σ sizes is the mask length). */
  readonly discreteBranches: readonly number[];
  /**
   * Store the action mask of each transition's observation and of its next observation (1 = not allowed, as
   * DecisionSteps has them): DQN's masked max over next actions, discrete SAC's masked policy.
   */
  readonly actionMasks: boolean;
}

/** One transition to store. Arrays are copied into the buffer; they may be views. */
export interface Transition {
  readonly observations: readonly Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  /** Σ branches; null = nothing masked. Ignored when the spec stores no masks. */
  readonly actionMask: Uint8Array | null;
  /** Σ_{i<k} γ^i r_{t+i}. */
  readonly reward: number;
  /** obs_{t+k}. */
  readonly nextObservations: readonly Float32Array[];
  readonly nextActionMask: Uint8Array | null;
  /** A true terminal occurred within the k steps. */
  readonly done: boolean;
  /** γ^k. */
  readonly discount: number;
}

/** Anything transitions can be written into: both buffers. add() returns the slot written. */
export interface ReplaySink {
  readonly spec: ReplaySpec;
  add(transition: Transition): number;
}

/** A sampled batch; row i of every field is transition `indices[i]`. */
export interface ReplayBatch {
  readonly size: number;
  /** Buffer slots, for PrioritizedReplayBuffer.updatePriorities. */
  readonly indices: Int32Array;
  /** One size × obsSize array per observation spec. */
  readonly observations: Float32Array[];
  readonly nextObservations: Float32Array[];
  /** size × continuousSize. */
  readonly continuousActions: Float32Array;
  /** size × branches. */
  readonly discreteActions: Int32Array;
  /** size × Σ branches (1 = not allowed); null when the spec stores no masks. */
  readonly actionMasks: Uint8Array | null;
  readonly nextActionMasks: Uint8Array | null;
  /** n-step discounted reward sums. */
  readonly rewards: Float32Array;
  /** 1 = true terminal within the window. */
  readonly dones: Float32Array;
  /** γ^k for the k steps each reward summed. */
  readonly discounts: Float32Array;
  /** Importance weights (all 1 for uniform replay). */
  readonly weights: Float32Array;
}

/** The spec for a behavior. */
export function replaySpecOf(spec: BehaviorSpec, options: { actionMasks?: boolean } = {}): ReplaySpec {
  return {
    observationSizes: spec.observationSpecs.map(observationSize),
    continuousSize: spec.actionSpec.continuousSize,
    discreteBranches: [...spec.actionSpec.discreteBranches],
    actionMasks: options.actionMasks ?? false,
  };
}

export function maskLength(spec: ReplaySpec): number {
  return spec.actionMasks ? spec.discreteBranches.reduce((a, b) => a + b, 0) : 0;
}

/** Refuses a capacity or spec no buffer can be built with. */
export function checkReplaySettings(capacity: number, spec: ReplaySpec, where: string): void {
  const bad = (field: string, expected: string, got: unknown) =>
    new ShivaError('SHIVA_ERR_REPLAY', `${where}: ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw bad('capacity', 'a positive integer (transitions)', capacity);
  spec.observationSizes.forEach((size, o) => {
    if (!Number.isSafeInteger(size) || size < 0) throw bad(`observationSizes[${o}]`, 'a non-negative integer', size);
  });
  if (!Number.isSafeInteger(spec.continuousSize) || spec.continuousSize < 0) throw bad('continuousSize', 'a non-negative integer', spec.continuousSize);
  spec.discreteBranches.forEach((size, b) => {
    if (!Number.isSafeInteger(size) || size < 1) throw bad(`discreteBranches[${b}]`, 'a positive integer', size);
  });
}
