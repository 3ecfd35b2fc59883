/**
 * n-step returns for one agent's stream of steps. Each step t arrives once its reward and next observation are
 * known; the transition starting at t is emitted once n steps from t are in, or the episode ends first:
 *
 *   R_t = Σ_{i<k} γ^i r_{t+i},   next observation obs_{t+k},   discount γ^k,   done = a true terminal at t+k−1
 *
 * with k = n inside an episode. When an episode ends every pending start is flushed with the shorter k it has:
 * after a true terminal with done = 1 (nothing to bootstrap from); after a truncation (`interrupted`: max steps,
 * not the task) with done = 0, bootstrapping from the final observation with γ^k, the power actually summed.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Transition } from './replay-types.js';

/** How a step left its episode. */
export type StepEnd = 'continues' | 'terminal' | 'truncated';

/** One environment step of one agent: obs_t, a_t, r_t, obs_{t+1}. */
export interface SingleStep {
  readonly observations: readonly Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly actionMask: Uint8Array | null;
  readonly reward: number;
  readonly nextObservations: readonly Float32Array[];
  readonly nextActionMask: Uint8Array | null;
  readonly end: StepEnd;
}

export class NStepAccumulator {
  /** Steps whose n-step transition is not out yet, oldest first; never more than n − 1 between pushes. */
  private readonly window: SingleStep[] = [];

  constructor(
    readonly n: number,
    readonly gamma: number,
  ) {
    if (!Number.isSafeInteger(n) || n < 1) throw new ShivaError('SHIVA_ERR_REPLAY', `NStepAccumulator: n: expected a positive integer, got ${n}`);
    if (!Number.isFinite(gamma) || gamma < 0 || gamma > 1) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `NStepAccumulator: gamma: expected a number in [0, 1], got ${gamma}`);
    }
  }

  /** Steps waiting for later rewards. */
  get pending(): number {
    return this.window.length;
  }

  /** Adds the agent's next step and emits every transition it completes, oldest first. */
  push(step: SingleStep, emit: (t: Transition) => void): void {
    this.window.push(step);
    if (step.end !== 'continues') {
      this.flushAll(step.end === 'terminal', emit);
    } else if (this.window.length === this.n) {
      emit(this.transitionFrom(0, false));
      this.window.shift();
    }
  }

  /**
   * Emits every pending start as a shorter transition bootstrapped from the last next observation seen (done = 0),
   * e.g. when the environment is reset under the agent: those steps did happen, only their continuation is lost.
   */
  flush(emit: (t: Transition) => void): void {
    this.flushAll(false, emit);
  }

  private flushAll(done: boolean, emit: (t: Transition) => void): void {
    for (let start = 0; start < this.window.length; start++) emit(this.transitionFrom(start, done));
    this.window.length = 0;
  }

  /** The transition from window[start] through the newest step. */
  private transitionFrom(start: number, done: boolean): Transition {
    const first = this.window[start]!;
    const last = this.window[this.window.length - 1]!;
    let reward = 0;
    let discount = 1;
    for (let i = start; i < this.window.length; i++) {
      reward += discount * this.window[i]!.reward;
      discount *= this.gamma;
    }
    return {
      observations: first.observations,
      continuousActions: first.continuousActions,
      discreteActions: first.discreteActions,
      actionMask: first.actionMask,
      reward,
      nextObservations: last.nextObservations,
      nextActionMask: last.nextActionMask,
      done,
      discount,
    };
  }
}
