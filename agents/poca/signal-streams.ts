/**
 * Reward signals beside the extrinsic one in MA-POCA (gail, curiosity, rnd), as ML-Agents' POCA trainer treats
 * them (poca/trainer.py _process_trajectory, poca/optimizer_torch.py): each signal k has its own head on the
 * centralised critic, read by both the value and the baseline pass (group-critic.ts), and for every member
 * transition
 *
 *   r_k   = strength_k · r_k(s, a, s')            the signal's reward, from its networks as they are
 *   G_k   = the group λ-return of r_k with the signal's own γ_k (group-returns.ts; a signal has no group reward)
 *   A_k   = G_k − b_k(o_i, a_−i)
 *   A     = mean over the streams (extrinsic and every signal) of A_k      (ML-Agents averages them)
 *
 * and the value and baseline losses are the means over the streams. A segment bootstraps each stream from the
 * value of its final group state when it was cut or interrupted; when the group's episode ended by the task its
 * streams bootstrap from 0 (curiosity and RND, which ignore dones in ML-Agents, included: Shiva's group segment
 * keeps no final group state to read their value from).
 */
import type { TransitionBatch } from '../reward-signals/reward-signal.js';
import type { PreparedBatch } from './group-batch.js';
import type { GroupSegment } from './group-buffer.js';
import { groupLambdaReturns } from './group-returns.js';

/** One signal's arrays over the batch's rows. */
export interface SignalStream {
  readonly rewards: Float32Array;
  readonly values: Float32Array;
  readonly baselines: Float32Array;
  readonly returns: Float32Array;
  readonly advantages: Float32Array;
}

/** The member transitions of `segments` in the batch's row order: (s, a, s', done) for the signals. */
export function memberTransitions(segments: readonly GroupSegment[], observationSizes: readonly number[], continuousSize: number, branches: number): TransitionBatch {
  const rows = segments.flatMap((s) => s.rows);
  const n = rows.length;
  const observations = observationSizes.map(() => new Float32Array(0));
  const next = observationSizes.map(() => new Float32Array(0));
  observationSizes.forEach((size, o) => {
    observations[o] = new Float32Array(n * size);
    next[o] = new Float32Array(n * size);
    rows.forEach((r, i) => {
      observations[o]!.set(r.observations[o]!, i * size);
      // Every row of a closed segment has its next observations (the buffer keeps them when signals are on).
      next[o]!.set((r.next ?? r.observations)[o]!, i * size);
    });
  });
  const continuousActions = new Float32Array(n * continuousSize);
  const discreteActions = new Int32Array(n * branches);
  rows.forEach((r, i) => {
    continuousActions.set(r.continuous, i * continuousSize);
    discreteActions.set(r.discrete, i * branches);
  });
  return { size: n, observations, nextObservations: next, continuousActions, discreteActions, dones: Uint8Array.from(rows, (r) => (r.done ? 1 : 0)) };
}

/**
 * One signal's stream: its per-row rewards, the head's V_k per group state (indexed as prepared.stepObs) and b_k per
 * row → returns and advantages (see the file's comment).
 */
export function signalStream(prepared: PreparedBatch, segments: readonly GroupSegment[], rewards: Float32Array, stepValues: ArrayLike<number>, baselines: ArrayLike<number>, gamma: number, lambda: number): SignalStream {
  const n = prepared.batch.size;
  const out: SignalStream = { rewards, values: new Float32Array(n), baselines: Float32Array.from(baselines), returns: new Float32Array(n), advantages: new Float32Array(n) };
  let rowBase = 0;
  segments.forEach((segment, s) => {
    const first = prepared.firstStep[s]!;
    const values = Float64Array.from(segment.steps, (_, k) => stepValues[first + k]!);
    const boot = prepared.bootstrapStep[s]!;
    const members = segment.streams.map((streamRows) => ({ steps: streamRows.map((r) => segment.rows[r]!.step), rewards: streamRows.map((r) => rewards[rowBase + r]!) }));
    const { returns } = groupLambdaReturns({ values, groupRewards: new Float64Array(segment.steps.length), bootstrap: boot < 0 ? 0 : stepValues[boot]! }, members, gamma, lambda);
    segment.streams.forEach((streamRows, m) => streamRows.forEach((r, j) => (out.returns[rowBase + r] = returns[m]![j]!)));
    rowBase += segment.rows.length;
  });
  for (let g = 0; g < n; g++) {
    out.values[g] = stepValues[prepared.rowStep[g]!]!;
    out.advantages[g] = out.returns[g]! - out.baselines[g]!;
  }
  return out;
}

/** A = the mean over the streams of A_k: the extrinsic advantages (in place) averaged with every signal's. */
export function averageAdvantages(extrinsic: Float32Array, signals: readonly SignalStream[]): void {
  if (signals.length === 0) return;
  const streams = signals.length + 1;
  for (let g = 0; g < extrinsic.length; g++) {
    let sum = extrinsic[g]!;
    for (const s of signals) sum += s.advantages[g]!;
    extrinsic[g] = sum / streams;
  }
}
