/**
 * PPO's reward signals beside the extrinsic one (gail, curiosity, rnd), shared by the plain learner
 * (ppo-learner.ts) and the recurrent one (recurrent-ppo-learner.ts), as ML-Agents' PPO trainer treats them
 * (ppo/trainer.py `_process_trajectory`, optimizer_torch.py). For each emitted trajectory and each signal k:
 *
 *   r_k = strength_k · r_k(s, a, s')     from the signal's networks as they are (feed-forward, per step, with or
 *                                        without the policy's memory, as in ML-Agents)
 *   V_k(s), V_k(s')                      from the signal's value head (value-heads.ts), the caller's values;
 *                                        V_k(s') = 0 at a true terminal unless the signal ignores dones
 *   A_k, G_k = GAE with γ_k and λ        (gae.ts trajectoryGae)
 *   A = mean over the extrinsic and every signal's A_k     (ML-Agents' global advantage)
 *
 * and each head regresses on its own G_k. At the update each signal trains its networks on the buffer's
 * transitions (num_epoch passes, minibatches of batch_size). The signals' reward and value statistics are kept as
 * row-weighted sums between updates and reported as means with each update.
 */
import type { ActionSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { SavedParameter } from '../networks/parameters.js';
import { SIGNAL_TITLES } from '../plugin/create-reward-signals.js';
import type { LearnerState } from '../plugin/learner.js';
import type { RewardSignal, TransitionBatch } from '../reward-signals/reward-signal.js';
import { trajectoryGae, type GaeResult } from './gae.js';
import type { SignalTargets } from './update-buffer.js';
import type { SignalValueHeads } from './value-heads.js';

/** A step as the signals read it. */
export interface SignalStep {
  readonly observations: readonly Float32Array[];
  readonly continuous: Float32Array;
  readonly discrete: Int32Array;
}

/** One trajectory's steps as (s, a, s', done) transitions: s' is the next step's observation, then `next`. */
export function trajectoryTransitions(steps: readonly SignalStep[], next: readonly Float32Array[], done: boolean, actionSpec: ActionSpec): TransitionBatch {
  const n = steps.length;
  const observations = stackRows(steps.map((s) => s.observations));
  const nextObservations = stackRows([...steps.slice(1).map((s) => s.observations), next]);
  const C = actionSpec.continuousSize;
  const nb = actionSpec.discreteBranches.length;
  const continuousActions = new Float32Array(n * C);
  const discreteActions = new Int32Array(n * nb);
  steps.forEach((s, t) => {
    continuousActions.set(s.continuous, t * C);
    discreteActions.set(s.discrete, t * nb);
  });
  const dones = new Uint8Array(n);
  if (done && n > 0) dones[n - 1] = 1;
  return { size: n, observations, continuousActions, discreteActions, dones, nextObservations };
}

export class PpoSignalStreams {
  /** The signals' reward and value stats since the last update, row-weighted sums. */
  private stats: Record<string, { sum: number; rows: number }> = {};

  constructor(
    /** In the learner's fixed order (gail, curiosity, rnd). */
    readonly signals: readonly RewardSignal[],
    readonly heads: SignalValueHeads,
    private readonly lambda: number,
  ) {}

  /**
   * Each signal's targets on one trajectory and the global advantage. `values[k]` is V_k over its steps and
   * `nextValues[k]` V_k(s') (read unless the return is cut there); `terminal` the episode truly ended.
   */
  targets(transitions: TransitionBatch, values: readonly Float32Array[], nextValues: readonly number[], terminal: boolean, extrinsic: GaeResult): { advantages: Float32Array; signals: SignalTargets[] } {
    const n = transitions.size;
    const advantages = Float32Array.from(extrinsic.advantages);
    const signals = this.signals.map((signal, k) => {
      const { rewards, stats } = signal.rewards(transitions);
      for (const [key, value] of Object.entries(stats)) this.note(key, value, n);
      let sum = 0;
      for (const v of values[k]!) sum += v;
      this.note(`Policy/${SIGNAL_TITLES[signal.name]} Value Estimate`, n > 0 ? sum / n : 0, n);
      const cut = terminal && !signal.ignoreDone;
      const gae = trajectoryGae(rewards, values[k]!, cut ? 0 : nextValues[k]!, cut, signal.gamma, this.lambda);
      for (let t = 0; t < n; t++) advantages[t] = advantages[t]! + gae.advantages[t]!;
      return { values: values[k]!, returns: gae.returns };
    });
    for (let t = 0; t < n; t++) advantages[t] = advantages[t]! / (this.signals.length + 1);
    return { advantages, signals };
  }

  /** The stats noted since the last call, as means; starts over. */
  takeStats(): Record<string, number> {
    const out = Object.fromEntries(Object.entries(this.stats).map(([key, { sum, rows }]) => [key, rows > 0 ? sum / rows : 0]));
    this.stats = {};
    return out;
  }

  /** Each signal trains its networks on the update's transitions; their loss stats. */
  train(transitions: TransitionBatch, numEpoch: number, batchSize: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const signal of this.signals) Object.assign(out, signal.train(transitions, numEpoch, batchSize));
    return out;
  }

  save(): Record<string, unknown> {
    return { valueHeads: this.heads.params.save(), ...Object.fromEntries(this.signals.map((s) => [s.name, s.save()])) };
  }

  load(state: LearnerState, where: string): void {
    if (!Array.isArray(state['valueHeads'])) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: valueHeads: expected the value heads of reward signals [${this.heads.names.join(', ')}], got ${state['valueHeads'] === undefined ? 'nothing (saved without those signals)' : typeof state['valueHeads']}`);
    this.heads.params.load(state['valueHeads'] as SavedParameter[], `${where}: valueHeads`);
    for (const signal of this.signals) signal.load(state[signal.name], `${where}: ${signal.name}`);
  }

  dispose(): void {
    for (const signal of this.signals) signal.dispose();
    this.heads.dispose();
  }

  private note(key: string, mean: number, rows: number): void {
    const s = (this.stats[key] ??= { sum: 0, rows: 0 });
    s.sum += mean * rows;
    s.rows += rows;
  }
}

/** Rows (one list of per-spec observation rows each) stacked into one array per observation spec. */
export function stackRows(rows: readonly (readonly Float32Array[])[]): Float32Array[] {
  if (rows.length === 0) return [];
  return rows[0]!.map((_, o) => {
    const width = rows[0]![o]!.length;
    const out = new Float32Array(rows.length * width);
    rows.forEach((r, i) => out.set(r[o]!, i * width));
    return out;
  });
}
