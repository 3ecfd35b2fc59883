/**
 * The on-policy buffer of a recurrent policy (network_settings.memory), in ML-Agents' trajectory terms: each
 * agent's steps gather until its episode ends or time_horizon steps are held; that trajectory then gets its
 * advantages (GAE, gae.ts) and is cut into sequences of sequence_length steps, the last one padded at its end
 * (ML-Agents' AgentBuffer.resequence_and_append with AgentBufferField.get_batch(sequential=True)). A mask marks the
 * real steps; every loss and statistic reads only those. Each sequence keeps the memory stored with its first
 * step, which is what the update starts its LSTMs from (ML-Agents' optimizer takes batch[MEMORY] every
 * sequence_length rows).
 *
 * The order of calls is RolloutBuffer's: endEpisodes (terminal steps, before the batch acts), then addDecisions
 * (each agent's reward since its last decision closes its open step, and its new action opens the next).
 * Departure: `size` counts real steps, not padding (ML-Agents counts padded rows against buffer_size).
 *
 * A finished trajectory's targets are GAE on the extrinsic rewards by default; a learner with reward signals gives
 * `targetsOf` (recurrent-ppo-learner.ts), which adds each signal's values and returns, and the buffer then keeps
 * each step's s' and done so the signals can train on the real steps' transitions.
 */
import type { ActionSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { ActOutput } from '../networks/acting.js';
import { trajectoryGae } from './gae.js';
import type { ClosedTransitions, SignalTargets, TrajectoryTargets } from './update-buffer.js';

/** Whole padded sequences: row s·length + t is step t of sequence s; `mask` is 1 on real steps, 0 on padding. */
export interface SequenceBatch {
  readonly sequences: number;
  readonly length: number;
  /** sequences × length: the rows, padding included. */
  readonly rows: number;
  /** Real (unpadded) steps. */
  readonly size: number;
  readonly mask: Uint8Array;
  /** sequences × memoryWidth: the memory stored with each sequence's first step. */
  readonly memories: Float32Array;
  readonly observations: Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  /** rows × Σ branches; null when no step had factors. Padding rows hold 1. */
  readonly factors: Float32Array | null;
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  /** One per reward signal beside the extrinsic one (rows long, padding 0); absent without. */
  readonly signals?: readonly SignalTargets[];
  /** The real steps as (s, a, s', done), in row order; kept with reward signals only. */
  readonly transitions?: ClosedTransitions;
}

/** One step as the buffer holds it. */
export interface SequenceStep {
  readonly observations: Float32Array[];
  readonly continuous: Float32Array;
  readonly discrete: Int32Array;
  readonly factors: Float32Array | null;
  readonly logProb: number;
  readonly value: number;
  /** The memory the action was chosen under, and the one after it (for the bootstrap value of the next observation). */
  readonly memoryBefore: Float32Array;
  readonly memoryAfter: Float32Array;
  reward: number;
}

interface AgentTrajectory {
  steps: SequenceStep[];
  open: SequenceStep | null;
}

/** A trajectory as it finishes, for the learner's targets. */
export interface FinishedTrajectory {
  readonly steps: readonly SequenceStep[];
  /** The observation after the last step (the final one at an episode end). */
  readonly next: Float32Array[];
  /** The last step ended the episode (by the task or by max step). */
  readonly done: boolean;
  /** The episode truly ended (done, not interrupted): the return is cut there. */
  readonly terminal: boolean;
  /** V(next) from the acting critic (unread where terminal). */
  readonly bootstrap: number;
}

/** A trajectory's step, with its targets (and s' and done where transitions are kept). */
interface Done {
  readonly step: SequenceStep;
  readonly advantage: number;
  readonly ret: number;
  readonly signals: readonly { readonly value: number; readonly ret: number }[];
  readonly next: Float32Array[] | null;
  readonly done: boolean;
}

export class SequenceBuffer {
  private readonly agents = new Map<string, AgentTrajectory>();
  /** Finished trajectories, already cut into sequences (each at most `length` steps; padded when drained). */
  private sequences: Done[][] = [];
  private realSteps = 0;
  private readonly logitsSize: number;

  constructor(
    private readonly actionSpec: ActionSpec,
    private readonly observationSizes: readonly number[],
    private readonly timeHorizon: number,
    readonly length: number,
    readonly memoryWidth: number,
    private readonly gamma: number,
    private readonly lambda: number,
    /** With reward signals: a finished trajectory's targets (signals included); the buffer then keeps transitions. */
    private readonly targetsOf: ((trajectory: FinishedTrajectory) => TrajectoryTargets) | null = null,
  ) {
    this.logitsSize = actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
  }

  /** Real steps of finished trajectories, ready for an update. */
  get size(): number {
    return this.realSteps;
  }

  /** For each of `agentIds` in `source`: the memory after its open step (zeros without one), count × memoryWidth. */
  memoriesAfter(source: number, agentIds: Int32Array): Float32Array {
    const out = new Float32Array(agentIds.length * this.memoryWidth);
    agentIds.forEach((id, i) => {
      const open = this.agents.get(key(source, id))?.open;
      if (open) out.set(open.memoryAfter, i * this.memoryWidth);
    });
    return out;
  }

  /** Ends the listed agents' episodes; `bootstrapValues[i]` (V of the final observation) is read where interrupted. */
  endEpisodes(source: number, terminal: TerminalSteps, bootstrapValues: Float32Array | null): void {
    for (let i = 0; i < terminal.count; i++) {
      const k = key(source, terminal.agentIds[i]!);
      const agent = this.agents.get(k);
      if (!agent?.open) continue; // an agent whose episode ended before it ever acted
      agent.open.reward = terminal.rewards[i]!;
      agent.steps.push(agent.open);
      agent.open = null;
      const next = this.observationSizes.map((size, o) => terminal.observations[o]!.slice(i * size, (i + 1) * size));
      if (terminal.interrupted[i]) {
        if (!bootstrapValues) throw new Error('SequenceBuffer.endEpisodes: an interrupted agent needs a bootstrap value');
        this.finish({ steps: agent.steps, next, done: true, terminal: false, bootstrap: bootstrapValues[i]! });
      } else {
        this.finish({ steps: agent.steps, next, done: true, terminal: true, bootstrap: 0 });
      }
      this.agents.delete(k);
    }
  }

  /** Records the actions chosen for `decisions`' agents in `source`; `acted` must carry the memories (acting.ts). */
  addDecisions(source: number, decisions: DecisionSteps, acted: ActOutput): void {
    const C = this.actionSpec.continuousSize;
    const nb = this.actionSpec.discreteBranches.length;
    const S = this.logitsSize;
    const W = this.memoryWidth;
    if (!acted.memoriesBefore || !acted.memories) throw new Error('SequenceBuffer.addDecisions: the acting output carries no memories (a policy without memory acted)');
    for (let i = 0; i < decisions.count; i++) {
      const k = key(source, decisions.agentIds[i]!);
      let agent = this.agents.get(k);
      if (!agent) this.agents.set(k, (agent = { steps: [], open: null }));
      if (agent.open) {
        agent.open.reward = decisions.rewards[i]!;
        agent.steps.push(agent.open);
      }
      agent.open = {
        observations: this.observationSizes.map((size, o) => decisions.observations[o]!.slice(i * size, (i + 1) * size)),
        continuous: acted.continuousRaw.slice(i * C, (i + 1) * C),
        discrete: acted.discrete.slice(i * nb, (i + 1) * nb),
        factors: acted.factors ? acted.factors.slice(i * S, (i + 1) * S) : null,
        logProb: acted.logProbs[i]!,
        value: acted.values[i]!,
        memoryBefore: acted.memoriesBefore.slice(i * W, (i + 1) * W),
        memoryAfter: acted.memories.slice(i * W, (i + 1) * W),
        reward: 0,
      };
      // time_horizon steps held: the trajectory goes, bootstrapped from the value of the observation just acted on.
      if (agent.steps.length >= this.timeHorizon) {
        this.finish({ steps: agent.steps, next: agent.open.observations, done: false, terminal: false, bootstrap: agent.open.value });
        agent.steps = [];
      }
    }
  }

  /**
   * Forgets the agents of `source` (its simulation was reset under us): their steps not yet emitted are discarded,
   * as ML-Agents' AgentProcessor.end_episode() deletes its experience buffers (trajectory.ts does the same).
   */
  dropOpen(source: number): void {
    const prefix = `${source}:`;
    for (const k of [...this.agents.keys()]) if (k.startsWith(prefix)) this.agents.delete(k);
  }

  /** Every finished sequence, padded to `length`, as one batch; the buffer keeps only unfinished trajectories. */
  drain(): SequenceBatch {
    const L = this.length;
    const sequences = this.sequences.length;
    const rows = sequences * L;
    const C = this.actionSpec.continuousSize;
    const nb = this.actionSpec.discreteBranches.length;
    const S = this.logitsSize;
    const W = this.memoryWidth;
    const observations = this.observationSizes.map((size) => new Float32Array(rows * size));
    const continuousActions = new Float32Array(rows * C);
    const discreteActions = new Int32Array(rows * nb);
    const withFactors = this.sequences.some((seq) => seq.some((d) => d.step.factors !== null));
    const factors = withFactors ? new Float32Array(rows * S).fill(1) : null;
    const logProbs = new Float32Array(rows);
    const values = new Float32Array(rows);
    const advantages = new Float32Array(rows);
    const returns = new Float32Array(rows);
    const mask = new Uint8Array(rows);
    const memories = new Float32Array(sequences * W);
    const signalCount = this.sequences[0]?.[0]?.signals.length ?? 0;
    const signals = Array.from({ length: signalCount }, () => ({ values: new Float32Array(rows), returns: new Float32Array(rows) }));
    const keep = this.targetsOf !== null;
    const size = this.realSteps;
    const closed = keep ? { observations: this.observationSizes.map((w) => new Float32Array(size * w)), next: this.observationSizes.map((w) => new Float32Array(size * w)), continuous: new Float32Array(size * C), discrete: new Int32Array(size * nb), dones: new Uint8Array(size) } : null;
    let real = 0;
    this.sequences.forEach((seq, s) => {
      memories.set(seq[0]!.step.memoryBefore, s * W);
      seq.forEach(({ step, advantage, ret, signals: targets, next, done }, t) => {
        const r = s * L + t;
        step.observations.forEach((obs, o) => observations[o]!.set(obs, r * this.observationSizes[o]!));
        continuousActions.set(step.continuous, r * C);
        discreteActions.set(step.discrete, r * nb);
        if (factors && step.factors) factors.set(step.factors, r * S);
        logProbs[r] = step.logProb;
        values[r] = step.value;
        advantages[r] = advantage;
        returns[r] = ret;
        mask[r] = 1;
        targets.forEach((k, j) => {
          signals[j]!.values[r] = k.value;
          signals[j]!.returns[r] = k.ret;
        });
        if (closed) {
          step.observations.forEach((obs, o) => closed.observations[o]!.set(obs, real * this.observationSizes[o]!));
          next!.forEach((obs, o) => closed.next[o]!.set(obs, real * this.observationSizes[o]!));
          closed.continuous.set(step.continuous, real * C);
          closed.discrete.set(step.discrete, real * nb);
          closed.dones[real] = done ? 1 : 0;
        }
        real++;
      });
    });
    this.sequences = [];
    this.realSteps = 0;
    return {
      sequences, length: L, rows, size, mask, memories, observations, continuousActions, discreteActions, factors, logProbs, values, advantages, returns,
      ...(signalCount > 0 ? { signals } : {}),
      ...(closed ? { transitions: { size, observations: closed.observations, nextObservations: closed.next, continuousActions: closed.continuous, discreteActions: closed.discrete, dones: closed.dones } } : {}),
    };
  }

  /** The targets of one finished trajectory (GAE, or the learner's), then its sequences. */
  private finish(trajectory: FinishedTrajectory): void {
    const { steps } = trajectory;
    const n = steps.length;
    if (n === 0) return;
    const targets: Pick<TrajectoryTargets, 'advantages' | 'returns' | 'signals'> = this.targetsOf
      ? this.targetsOf(trajectory)
      : trajectoryGae(steps.map((s) => s.reward), steps.map((s) => s.value), trajectory.bootstrap, trajectory.terminal, this.gamma, this.lambda);
    const keep = this.targetsOf !== null;
    for (let start = 0; start < n; start += this.length) {
      const seq: Done[] = [];
      for (let t = start; t < Math.min(n, start + this.length); t++) {
        seq.push({
          step: steps[t]!,
          advantage: targets.advantages[t]!,
          ret: targets.returns[t]!,
          signals: (targets.signals ?? []).map((k) => ({ value: k.values[t]!, ret: k.returns[t]! })),
          next: keep ? (t + 1 < n ? steps[t + 1]!.observations : trajectory.next) : null,
          done: trajectory.done && t === n - 1,
        });
      }
      this.sequences.push(seq);
    }
    this.realSteps += n;
  }
}

function key(source: number, agentId: number): string {
  return `${source}:${agentId}`;
}
