/**
 * The on-policy update buffer (ML-Agents' update_buffer): emitted trajectories, each with its values, advantages
 * and returns already computed, appended whole; take() lays them out as one flat training batch and empties the
 * buffer (ML-Agents clears it after every update). The learner updates once the buffer holds more than
 * buffer_size steps, on all of them (ppo-learner.ts).
 *
 * With `keepTransitions` (reward signals) the buffer also keeps each row's s' and done, so the signals' own
 * networks can train on the same transitions (ClosedTransitions).
 */
import type { ActionSpec } from '../../src/core/env/behavior-spec.js';
import type { Trajectory } from './trajectory.js';

/** A signal's value targets for the update: the values it was computed with and its GAE returns. */
export interface SignalTargets {
  readonly values: Float32Array;
  readonly returns: Float32Array;
}

/** The flat batch an update trains on; row i of every field is one transition. */
export interface TrainingBatch {
  readonly size: number;
  /** Raw (unnormalised) observations, one size × obsSize array per observation spec. */
  readonly observations: Float32Array[];
  /** size × continuousSize unclipped Gaussian samples. */
  readonly continuousActions: Float32Array;
  /** size × branches. */
  readonly discreteActions: Int32Array;
  /** size × Σ branches combined factors (1 − mask)·f used when acting; null when none were given. */
  readonly factors: Float32Array | null;
  /** log π'(a|s) when acting (the behaviour policy's log-probability). */
  readonly logProbs: Float32Array;
  /** V(s) the advantages were computed with (and the value loss clips around). */
  readonly values: Float32Array;
  /** The advantage every signal's GAE averages to (the extrinsic one alone without signals). */
  readonly advantages: Float32Array;
  /** The extrinsic value head's returns. */
  readonly returns: Float32Array;
  /** One per reward signal, in the learner's order; absent without. */
  readonly signals?: readonly SignalTargets[];
}

/** The transitions of a batch with s' and done, row i being row i of the TrainingBatch taken with them. */
export interface ClosedTransitions {
  readonly size: number;
  readonly observations: Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  /** 1 where the transition ended its agent's episode (by the task or by max step). */
  readonly dones: Uint8Array;
  /** s' of each transition (the final observation at an episode end). */
  readonly nextObservations: Float32Array[];
}

/** What the learner computed for one trajectory, a row per step. */
export interface TrajectoryTargets {
  readonly values: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  readonly signals?: readonly SignalTargets[];
}

export class UpdateBuffer {
  private trajectories: Trajectory[] = [];
  private targets: TrajectoryTargets[] = [];
  private rows = 0;
  private readonly logitsSize: number;

  constructor(
    private readonly actionSpec: ActionSpec,
    private readonly observationSizes: readonly number[],
    private readonly keepTransitions = false,
  ) {
    this.logitsSize = actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  }

  /** Steps held (ML-Agents' update_buffer.num_experiences). */
  get size(): number {
    return this.rows;
  }

  append(trajectory: Trajectory, targets: TrajectoryTargets): void {
    this.trajectories.push(trajectory);
    this.targets.push(targets);
    this.rows += trajectory.steps.length;
  }

  /** Every held step as one batch (trajectories in the order they were emitted), and the transitions with s' when kept; empties the buffer. */
  take(): { batch: TrainingBatch; transitions: ClosedTransitions | null } {
    const n = this.rows;
    const C = this.actionSpec.continuousSize;
    const nb = this.actionSpec.discreteBranches.length;
    const S = this.logitsSize;
    const sizes = this.observationSizes;
    const observations = sizes.map((size) => new Float32Array(n * size));
    const continuousActions = new Float32Array(n * C);
    const discreteActions = new Int32Array(n * nb);
    let factors: Float32Array | null = null;
    const logProbs = new Float32Array(n);
    const values = new Float32Array(n);
    const advantages = new Float32Array(n);
    const returns = new Float32Array(n);
    const signalCount = this.targets[0]?.signals?.length ?? 0;
    const signals = Array.from({ length: signalCount }, () => ({ values: new Float32Array(n), returns: new Float32Array(n) }));
    const dones = this.keepTransitions ? new Uint8Array(n) : null;
    const nextObservations = this.keepTransitions ? sizes.map((size) => new Float32Array(n * size)) : [];

    let row = 0;
    this.trajectories.forEach((trajectory, j) => {
      const target = this.targets[j]!;
      const steps = trajectory.steps;
      steps.forEach((step, t) => {
        const r = row + t;
        step.observations.forEach((obs, o) => observations[o]!.set(obs, r * sizes[o]!));
        continuousActions.set(step.continuous, r * C);
        discreteActions.set(step.discrete, r * nb);
        if (step.factors) {
          factors ??= new Float32Array(n * S).fill(1);
          factors.set(step.factors, r * S);
        }
        logProbs[r] = step.logProb;
        if (dones) {
          const next = t + 1 < steps.length ? steps[t + 1]!.observations : trajectory.nextObservations;
          next.forEach((obs, o) => nextObservations[o]!.set(obs, r * sizes[o]!));
        }
      });
      values.set(target.values, row);
      advantages.set(target.advantages, row);
      returns.set(target.returns, row);
      target.signals?.forEach((s, k) => {
        signals[k]!.values.set(s.values, row);
        signals[k]!.returns.set(s.returns, row);
      });
      row += steps.length;
      if (dones && trajectory.done) dones[row - 1] = 1;
    });
    this.trajectories = [];
    this.targets = [];
    this.rows = 0;
    const batch: TrainingBatch = { size: n, observations, continuousActions, discreteActions, factors, logProbs, values, advantages, returns, ...(signalCount > 0 ? { signals } : {}) };
    const transitions = dones ? { size: n, observations, continuousActions, discreteActions, dones, nextObservations } : null;
    return { batch, transitions };
  }
}
