/**
 * The on-policy buffer: transitions kept per agent, because agents of a behavior interleave in every env batch
 * (and several envs feed one buffer), then flattened with GAE into one training batch.
 *
 * The order of calls per environment step (as ML-Agents' AgentProcessor sees them):
 *   1. endEpisodes(source, terminalSteps, V(final observations)): closes each listed agent's open transition with
 *      its last reward; TERMINAL, or TRUNCATED with the bootstrap value where the episode was interrupted.
 *   2. addDecisions(source, decisionSteps, actOutput): closes each listed agent's open transition with the reward
 *      since its last decision, and opens a new one with the action just chosen.
 * A transition is "open" from its action until its reward arrives. drain() takes every closed transition and
 * leaves open ones for the next batch. An agent's last closed transition that did not end its episode is
 * bootstrapped from the value already computed for its open transition, which is V of the next observation.
 * Every `time_horizon` steps without an episode end the stream is cut and bootstrapped the same way.
 *
 * Reward signals beside the extrinsic one (agents/reward-signals) each have their own value head and gamma, as in
 * ML-Agents: with `keepNextObservations` every transition keeps the observation it led to (s'), the learner computes
 * each signal's rewards and values V_k(s), V_k(s') on closedTransitions(), and drain() runs GAE once per signal over
 * the same step ends (where ends are cut, V_k(s') bootstraps; a signal that ignores dones bootstraps through true
 * terminals too) and adds every signal's advantage to the extrinsic one.
 */
import type { ActionSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { ActOutput } from '../networks/acting.js';
import { StepEnd, computeGae } from './gae.js';

/** One reward signal beside the extrinsic one, row i being closed transition i (closedTransitions()' order). */
export interface SignalStream {
  /** strength-scaled rewards. */
  readonly rewards: Float32Array;
  /** V_k(s) and V_k(s') of the signal's value head. */
  readonly values: Float32Array;
  readonly nextValues: Float32Array;
  readonly gamma: number;
  /** Bootstrap through true terminals too (ML-Agents' ignore_done: curiosity, RND). */
  readonly ignoreDone: boolean;
}

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
  readonly values: Float32Array;
  /** The extrinsic advantage plus every reward signal's (drain()'s `signals`). */
  readonly advantages: Float32Array;
  /** The extrinsic value head's returns. */
  readonly returns: Float32Array;
  /** One per reward signal given to drain(), in its order; absent without. */
  readonly signals?: readonly SignalTargets[];
}

/** What closedTransitions() gives: row i of every field is closed transition i. */
export interface ClosedTransitions {
  readonly size: number;
  readonly observations: Float32Array[];
  /** size × continuousSize unclipped Gaussian samples. */
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly dones: Uint8Array;
  /** s' of each transition (the final observation at an episode end); empty unless the buffer keeps them. */
  readonly nextObservations: Float32Array[];
}

interface Transition {
  readonly observations: Float32Array[];
  readonly continuous: Float32Array;
  readonly discrete: Int32Array;
  readonly factors: Float32Array | null;
  readonly logProb: number;
  readonly value: number;
  reward: number;
  end: StepEnd;
  bootstrap: number;
  /** The observation this transition led to, set when it closes (with keepNextObservations only). */
  next: Float32Array[] | null;
}

interface AgentStream {
  closed: Transition[];
  open: Transition | null;
}

export class RolloutBuffer {
  private readonly streams = new Map<string, AgentStream>();
  private closedCount = 0;
  private readonly logitsSize: number;

  constructor(
    private readonly actionSpec: ActionSpec,
    private readonly observationSizes: readonly number[],
    private readonly timeHorizon: number,
    /** Keep each transition's next observation, for reward signals (see the file's note). */
    private readonly keepNextObservations = false,
  ) {
    this.logitsSize = actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  }

  /** Closed transitions ready for training. */
  get size(): number {
    return this.closedCount;
  }

  /**
   * Ends the episodes of `terminal`'s agents in environment `source`. `bootstrapValues[i]` is V of agent i's final
   * observation, read where `interrupted[i]`; it may be null when no agent was interrupted.
   */
  endEpisodes(source: number, terminal: TerminalSteps, bootstrapValues: Float32Array | null): void {
    for (let i = 0; i < terminal.count; i++) {
      const stream = this.streams.get(key(source, terminal.agentIds[i]!));
      const open = stream?.open;
      if (!stream || !open) continue; // an agent whose episode ended before it ever acted
      open.reward = terminal.rewards[i]!;
      if (this.keepNextObservations) open.next = this.slices(terminal.observations, i);
      if (terminal.interrupted[i]) {
        if (!bootstrapValues) throw new Error('RolloutBuffer.endEpisodes: an interrupted agent needs a bootstrap value');
        open.end = StepEnd.TRUNCATED;
        open.bootstrap = bootstrapValues[i]!;
      } else {
        open.end = StepEnd.TERMINAL;
      }
      this.close(stream);
    }
  }

  /** Records the actions chosen for `decisions`' agents in environment `source` (rows of `acted` align with them). */
  addDecisions(source: number, decisions: DecisionSteps, acted: ActOutput): void {
    const C = this.actionSpec.continuousSize;
    const nb = this.actionSpec.discreteBranches.length;
    const S = this.logitsSize;
    for (let i = 0; i < decisions.count; i++) {
      const k = key(source, decisions.agentIds[i]!);
      let stream = this.streams.get(k);
      if (!stream) {
        stream = { closed: [], open: null };
        this.streams.set(k, stream);
      }
      const observations = this.slices(decisions.observations, i);
      if (stream.open) {
        stream.open.reward = decisions.rewards[i]!;
        if (this.keepNextObservations) stream.open.next = observations;
        this.close(stream);
      }
      stream.open = {
        observations,
        continuous: acted.continuousRaw.slice(i * C, (i + 1) * C),
        discrete: acted.discrete.slice(i * nb, (i + 1) * nb),
        factors: acted.factors ? acted.factors.slice(i * S, (i + 1) * S) : null,
        logProb: acted.logProbs[i]!,
        value: acted.values[i]!,
        reward: 0,
        end: StepEnd.CONTINUES,
        bootstrap: 0,
        next: null,
      };
    }
  }

  /**
   * Forgets open transitions (of one source, or all): after a forced reset their agents start over without a
   * terminal record, so the reward that would close them belongs to another episode.
   */
  dropOpen(source?: number): void {
    const prefix = source === undefined ? '' : `${source}:`;
    for (const [k, stream] of this.streams) {
      if (!k.startsWith(prefix) || !stream.open) continue;
      // The closed step before the dropped one no longer runs on into this stream's next steps: cut it there and
      // bootstrap from the value of the observation it led to (the dropped step's), as a time-horizon cut does.
      const last = stream.closed[stream.closed.length - 1];
      if (last && last.end === StepEnd.CONTINUES) {
        last.end = StepEnd.TRUNCATED;
        last.bootstrap = stream.open.value;
      }
      stream.open = null;
    }
  }

  /**
   * The closed transitions in the order drain() lays them out, for reward signals that read them before GAE
   * (agents/reward-signals): raw observations, actions, and done = 1 where the transition ended its episode.
   */
  closedTransitions(): ClosedTransitions {
    const n = this.closedCount;
    const C = this.actionSpec.continuousSize;
    const nb = this.actionSpec.discreteBranches.length;
    const observations = this.observationSizes.map((size) => new Float32Array(n * size));
    const continuousActions = new Float32Array(n * C);
    const discreteActions = new Int32Array(n * nb);
    const dones = new Uint8Array(n);
    const nextObservations = this.keepNextObservations ? this.observationSizes.map((size) => new Float32Array(n * size)) : [];
    let r = 0;
    for (const stream of this.streams.values()) {
      for (const t of stream.closed) {
        t.observations.forEach((obs, o) => observations[o]!.set(obs, r * this.observationSizes[o]!));
        t.next?.forEach((obs, o) => nextObservations[o]!.set(obs, r * this.observationSizes[o]!));
        continuousActions.set(t.continuous, r * C);
        discreteActions.set(t.discrete, r * nb);
        dones[r] = t.end === StepEnd.CONTINUES ? 0 : 1;
        r++;
      }
    }
    return { size: n, observations, continuousActions, discreteActions, dones, nextObservations };
  }

  /** Adds `extra[i]` to the reward of closed transition i (closedTransitions()' order), before drain(). */
  addRewards(extra: Float32Array): void {
    if (extra.length !== this.closedCount) throw new Error(`RolloutBuffer.addRewards: expected ${this.closedCount} rewards, got ${extra.length}`);
    let r = 0;
    for (const stream of this.streams.values()) for (const t of stream.closed) t.reward += extra[r++]!;
  }

  /**
   * Every closed transition, with advantages and returns, as one flat batch; the buffer keeps only open ones.
   * `signals` (closedTransitions()' order) each get GAE with their own gamma, added to the extrinsic advantage.
   */
  drain(gamma: number, lambda: number, signals: readonly SignalStream[] = []): TrainingBatch {
    const n = this.closedCount;
    const C = this.actionSpec.continuousSize;
    const nb = this.actionSpec.discreteBranches.length;
    const S = this.logitsSize;
    const observations = this.observationSizes.map((size) => new Float32Array(n * size));
    const continuousActions = new Float32Array(n * C);
    const discreteActions = new Int32Array(n * nb);
    let factors: Float32Array | null = null;
    const logProbs = new Float32Array(n);
    const values = new Float32Array(n);
    const advantages = new Float32Array(n);
    const returns = new Float32Array(n);
    const ends = new Uint8Array(signals.length > 0 ? n : 0);

    let row = 0;
    for (const [k, stream] of this.streams) {
      const steps = stream.closed;
      if (steps.length > 0) {
        const gae = this.streamGae(steps, stream.open, gamma, lambda);
        steps.forEach((t, j) => {
          const r = row + j;
          t.observations.forEach((obs, o) => observations[o]!.set(obs, r * this.observationSizes[o]!));
          continuousActions.set(t.continuous, r * C);
          discreteActions.set(t.discrete, r * nb);
          if (t.factors) {
            factors ??= new Float32Array(n * S).fill(1);
            factors.set(t.factors, r * S);
          }
          logProbs[r] = t.logProb;
          values[r] = t.value;
        });
        advantages.set(gae.advantages, row);
        returns.set(gae.returns, row);
        if (signals.length > 0) ends.set(gae.ends, row);
        row += steps.length;
        stream.closed = [];
      }
      if (!stream.open) this.streams.delete(k);
    }
    this.closedCount = 0;
    if (signals.length === 0) return { size: n, observations, continuousActions, discreteActions, factors, logProbs, values, advantages, returns };
    const targets = signals.map((signal) => {
      const signalEnds = signal.ignoreDone ? ends.map((e) => (e === StepEnd.TERMINAL ? StepEnd.TRUNCATED : e)) : ends;
      const gae = computeGae(signal.rewards, signal.values, signalEnds, signal.nextValues, signal.gamma, lambda);
      for (let i = 0; i < n; i++) advantages[i] = advantages[i]! + gae.advantages[i]!;
      return { values: signal.values, returns: gae.returns };
    });
    return { size: n, observations, continuousActions, discreteActions, factors, logProbs, values, advantages, returns, signals: targets };
  }

  private close(stream: AgentStream): void {
    stream.closed.push(stream.open!);
    stream.open = null;
    this.closedCount++;
  }

  /** GAE over one agent's closed steps, with time-horizon cuts and the end-of-data bootstrap. */
  private streamGae(steps: readonly Transition[], open: Transition | null, gamma: number, lambda: number) {
    const n = steps.length;
    const rewards = new Float64Array(n);
    const values = new Float64Array(n);
    const ends = new Uint8Array(n);
    const bootstrap = new Float64Array(n);
    let sinceCut = 0;
    for (let t = 0; t < n; t++) {
      const s = steps[t]!;
      rewards[t] = s.reward;
      values[t] = s.value;
      ends[t] = s.end;
      bootstrap[t] = s.bootstrap;
      sinceCut++;
      if (s.end !== StepEnd.CONTINUES) {
        sinceCut = 0;
        continue;
      }
      const next = t + 1 < n ? steps[t + 1]! : open;
      if (t === n - 1 || sinceCut >= this.timeHorizon) {
        // Cut here: the value of the next observation is the value computed when acting on it.
        ends[t] = StepEnd.TRUNCATED;
        bootstrap[t] = next ? next.value : s.value;
        sinceCut = 0;
      }
    }
    return { ...computeGae(rewards, values, ends, bootstrap, gamma, lambda), ends };
  }

  /** Row `i` of each observation array, copied. */
  private slices(observations: readonly Float32Array[], i: number): Float32Array[] {
    return observations.map((obs, o) => obs.slice(i * this.observationSizes[o]!, (i + 1) * this.observationSizes[o]!));
  }
}

function key(source: number, agentId: number): string {
  return `${source}:${agentId}`;
}
