/**
 * Per-agent trajectories, emitted whole as ML-Agents' AgentProcessor emits them (release 21,
 * agent_processor.py `_process_step`), for the on-policy learners (PPO here; the rules are the same for POCA).
 *
 * Agents of a behavior interleave in every environment batch and several environments feed one learner, so each
 * (environment, agent id) keeps its own list of steps. The order of calls per environment step:
 *   1. endEpisodes(source, terminalSteps): each listed agent's open step (its last action) is closed with its last
 *      reward and appended; the trajectory is emitted at once, done, with `interrupted` from the step (max_step
 *      reached) and the final observation as `nextObservations`. The agent's stream is forgotten.
 *   2. addDecisions(source, decisionSteps, actOutput): each listed agent's open step is closed with the reward since
 *      its last decision and appended; when the agent then holds `time_horizon` steps (ML-Agents'
 *      max_trajectory_length) they are emitted as one trajectory, not done, whose `nextObservations` is the
 *      observation just received (and `nextValue` the value computed when acting on it). A new step is opened with
 *      the action just chosen. An agent's first decision closes nothing (ML-Agents skips an agent without a
 *      previous step), and an agent whose episode ends before it ever acted emits nothing.
 * A trajectory is bootstrapped from V(nextObservations) unless it is done and not interrupted (ML-Agents:
 * `done_reached and not interrupted` → value_next = 0); the learner decides what to do with it (ppo-learner.ts).
 *
 * After a forced reset (dropOpen), the agents' steps not yet emitted are discarded, as ML-Agents' AgentProcessor
 * end_episode() deletes its experience buffers without emitting them.
 *
 * Each step records the learner's policy version when it was acted: a trajectory acted across an update has values
 * from an older network, which the learner re-estimates (ML-Agents re-estimates every trajectory's values with the
 * current critic; for steps acted under the current weights the acting value is that estimate already).
 */
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { ActOutput } from '../networks/acting.js';

/** One agent step: what was observed and done, and the reward that followed it. */
export interface TrajectoryStep {
  /** One row per observation spec (copies). */
  readonly observations: Float32Array[];
  /** Unclipped Gaussian samples (continuousSize). */
  readonly continuous: Float32Array;
  /** Branches. */
  readonly discrete: Int32Array;
  /** Σ branches combined factors (1 − mask)·f used when acting; null when none were given. */
  readonly factors: Float32Array | null;
  /** log π'(a|s) when acting. */
  readonly logProb: number;
  /** V(s) when acting, under policy version `version`. */
  readonly value: number;
  readonly version: number;
  reward: number;
}

/** A trajectory as emitted: an agent's consecutive steps, and how it ended. */
export interface Trajectory {
  readonly source: number;
  readonly agentId: number;
  readonly steps: readonly TrajectoryStep[];
  /** The observation after the last step (the final observation when the episode ended). */
  readonly nextObservations: Float32Array[];
  /** V(nextObservations) when the agent acted on it (time_horizon emissions), under `nextVersion`; else null. */
  readonly nextValue: number | null;
  readonly nextVersion: number;
  /** The last step ended the agent's episode (ML-Agents' done_reached). */
  readonly done: boolean;
  /** The episode was ended by max_step, not by the task. */
  readonly interrupted: boolean;
}

/** Whether a trajectory's return is cut at its end (V_next = 0) rather than bootstrapped. */
export function isTerminal(t: Trajectory): boolean {
  return t.done && !t.interrupted;
}

interface AgentStream {
  steps: TrajectoryStep[];
  open: TrajectoryStep | null;
}

export class TrajectoryCollector {
  private readonly streams = new Map<string, AgentStream>();
  private held = 0;

  constructor(
    private readonly observationSizes: readonly number[],
    private readonly continuousSize: number,
    private readonly branches: number,
    private readonly logitsSize: number,
    /** ML-Agents' time_horizon: the most steps a trajectory holds. */
    private readonly timeHorizon: number,
  ) {}

  /** Closed steps held in trajectories not yet emitted. */
  get heldSteps(): number {
    return this.held;
  }

  /** Ends the episodes of `terminal`'s agents in environment `source`; returns the trajectories emitted. */
  endEpisodes(source: number, terminal: TerminalSteps): Trajectory[] {
    const out: Trajectory[] = [];
    for (let i = 0; i < terminal.count; i++) {
      const agentId = terminal.agentIds[i]!;
      const k = key(source, agentId);
      const stream = this.streams.get(k);
      if (!stream?.open) continue;
      stream.open.reward = terminal.rewards[i]!;
      stream.steps.push(stream.open);
      this.held -= stream.steps.length - 1;
      this.streams.delete(k);
      out.push({ source, agentId, steps: stream.steps, nextObservations: this.row(terminal.observations, i), nextValue: null, nextVersion: -1, done: true, interrupted: terminal.interrupted[i] === 1 });
    }
    return out;
  }

  /** Records the actions chosen for `decisions`' agents (rows of `acted` align with them); returns the trajectories emitted. */
  addDecisions(source: number, decisions: DecisionSteps, acted: ActOutput, version: number): Trajectory[] {
    const C = this.continuousSize;
    const nb = this.branches;
    const S = this.logitsSize;
    let out: Trajectory[] | null = null;
    for (let i = 0; i < decisions.count; i++) {
      const agentId = decisions.agentIds[i]!;
      const k = key(source, agentId);
      let stream = this.streams.get(k);
      if (!stream) {
        stream = { steps: [], open: null };
        this.streams.set(k, stream);
      }
      const observations = this.row(decisions.observations, i);
      if (stream.open) {
        stream.open.reward = decisions.rewards[i]!;
        stream.steps.push(stream.open);
        this.held++;
        if (stream.steps.length >= this.timeHorizon) {
          (out ??= []).push({ source, agentId, steps: stream.steps, nextObservations: observations, nextValue: acted.values[i]!, nextVersion: version, done: false, interrupted: false });
          this.held -= stream.steps.length;
          stream.steps = [];
        }
      }
      stream.open = {
        observations,
        continuous: acted.continuousRaw.slice(i * C, (i + 1) * C),
        discrete: acted.discrete.slice(i * nb, (i + 1) * nb),
        factors: acted.factors ? acted.factors.slice(i * S, (i + 1) * S) : null,
        logProb: acted.logProbs[i]!,
        value: acted.values[i]!,
        version,
        reward: 0,
      };
    }
    return out ?? NONE;
  }

  /** After a forced reset (of one source, or all): the agents' unemitted steps and open actions are discarded. */
  dropOpen(source?: number): void {
    const prefix = source === undefined ? '' : `${source}:`;
    for (const [k, stream] of this.streams) {
      if (!k.startsWith(prefix)) continue;
      this.held -= stream.steps.length;
      this.streams.delete(k);
    }
  }

  /** Row `i` of each observation array, copied. */
  private row(observations: readonly Float32Array[], i: number): Float32Array[] {
    return observations.map((obs, o) => obs.slice(i * this.observationSizes[o]!, (i + 1) * this.observationSizes[o]!));
  }
}

const NONE: Trajectory[] = [];

function key(source: number, agentId: number): string {
  return `${source}:${agentId}`;
}
