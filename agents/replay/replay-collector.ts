/**
 * Env batches → n-step transitions in a replay buffer. Agents of a behavior interleave in every batch and several
 * environments feed one buffer, so each (source, agent id) has its own stream: an open step (observation and the
 * action chosen for it, waiting for its reward) and an n-step accumulator.
 *
 * The order of calls per environment step is the rollout buffer's (ML-Agents' AgentProcessor):
 *   1. endEpisodes(source, terminalSteps): closes each listed agent's open step with its last reward and final
 *      observation, as a true terminal, or as a truncation where `interrupted` (bootstrapped, done = 0).
 *   2. addDecisions(source, decisionSteps, actions): closes each listed agent's open step with the reward since its
 *      last decision and the observation just received, and opens a new one with the action just chosen.
 *
 * With `trajectoryLength` (SAC's time_horizon), closed steps reach the replay as ML-Agents' off-policy trainer
 * receives them: an agent's steps are held until it holds trajectoryLength of them or its episode ends, then all
 * are written at once (agent_processor.py emits a trajectory at max_trajectory_length or done; sac/trainer.py
 * appends it whole to the replay). Held steps are discarded by a forced reset (dropOpen), as ML-Agents' end_episode
 * discards unemitted experience. `stepsReleased` counts the steps written this way, which is what ML-Agents'
 * trainer counts as its steps (for steps_per_update and buffer_init_steps). Where ML-Agents replaces an interrupted
 * last step's next observation by its own observation, Shiva keeps the true final observation (done = 0 either way).
 */
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import { NStepAccumulator, type SingleStep, type StepEnd } from './n-step.js';
import type { ReplaySink, Transition } from './replay-types.js';
import { maskLength } from './replay-types.js';

/** The actions chosen for a DecisionSteps batch, rows aligned with it (ActOutput has these fields). */
export interface ChosenActions {
  /** count × continuousSize: what is to be stored (the env action for TD3/DDPG; pass raw samples where wanted). */
  readonly continuous: Float32Array;
  /** count × branches. */
  readonly discrete: Int32Array;
  /** count × memory width: each agent's memory before this decision (a policy with memory; SequenceCollector reads it, this collector does not). */
  readonly memories?: Float32Array;
}

export interface NStepSettings {
  /** Steps summed into one transition's reward (1 = ordinary one-step TD). */
  readonly nSteps: number;
  /** Discount per step. */
  readonly gamma: number;
  /** Steps an agent holds before they are written together (ML-Agents' time_horizon); absent: each at once. */
  readonly trajectoryLength?: number;
}

interface OpenStep {
  readonly observations: Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly actionMask: Uint8Array | null;
}

interface AgentStream {
  open: OpenStep | null;
  /** Closed steps waiting for their trajectory to be emitted (with trajectoryLength only). */
  held: SingleStep[];
  readonly accumulator: NStepAccumulator;
}

export class ReplayCollector {
  private readonly streams = new Map<string, AgentStream>();
  private readonly emit: (t: Transition) => void;
  private readonly maskSize: number;
  private written = 0;
  private released = 0;

  constructor(
    private readonly sink: ReplaySink,
    private readonly settings: NStepSettings,
  ) {
    // Built once to check the settings now rather than at the first agent.
    new NStepAccumulator(settings.nSteps, settings.gamma);
    this.maskSize = maskLength(sink.spec);
    this.emit = (t) => {
      this.sink.add(t);
      this.written++;
    };
  }

  /** n-step transitions written to the buffer so far. */
  get transitionsWritten(): number {
    return this.written;
  }

  /** Closed steps handed on toward the replay (with trajectoryLength: at their trajectory's emission). */
  get stepsReleased(): number {
    return this.released;
  }

  /** Agents with an open step or pending n-step starts. */
  get activeStreams(): number {
    return this.streams.size;
  }

  /** Ends the episodes of `terminal`'s agents in environment `source`. */
  endEpisodes(source: number, terminal: TerminalSteps): void {
    for (let i = 0; i < terminal.count; i++) {
      const k = key(source, terminal.agentIds[i]!);
      const stream = this.streams.get(k);
      if (!stream?.open) continue; // an agent whose episode ended before it ever acted
      const end: StepEnd = terminal.interrupted[i] ? 'truncated' : 'terminal';
      this.close(stream, terminal.rewards[i]!, this.rows(terminal.observations, i), null, end);
      this.streams.delete(k);
    }
  }

  /** Records the actions chosen for `decisions`' agents in environment `source`. */
  addDecisions(source: number, decisions: DecisionSteps, actions: ChosenActions): void {
    const C = this.sink.spec.continuousSize;
    const nb = this.sink.spec.discreteBranches.length;
    if (actions.continuous.length !== decisions.count * C || actions.discrete.length !== decisions.count * nb) {
      throw new ShivaError(
        'SHIVA_ERR_REPLAY',
        `ReplayCollector.addDecisions (source ${source}): actions: expected ${decisions.count}×${C} continuous and ${decisions.count}×${nb} discrete values, ` +
          `got ${actions.continuous.length} and ${actions.discrete.length}`,
      );
    }
    for (let i = 0; i < decisions.count; i++) {
      const k = key(source, decisions.agentIds[i]!);
      let stream = this.streams.get(k);
      if (!stream) {
        stream = { open: null, held: [], accumulator: new NStepAccumulator(this.settings.nSteps, this.settings.gamma) };
        this.streams.set(k, stream);
      }
      // Copies: the env may reuse its batch arrays. The same copy is this step's next observation and the new
      // open step's observation.
      const observations = this.rows(decisions.observations, i);
      const mask = this.maskRow(decisions.actionMasks, i);
      if (stream.open) this.close(stream, decisions.rewards[i]!, observations, mask, 'continues');
      stream.open = {
        observations,
        continuousActions: actions.continuous.slice(i * C, (i + 1) * C),
        discreteActions: actions.discrete.slice(i * nb, (i + 1) * nb),
        actionMask: mask,
      };
    }
  }

  /**
   * After a forced reset (of one source, or all): the agents' open steps are dropped (the reward that would close
   * them belongs to another episode), so are steps held for a trajectory not yet emitted, and their pending n-step
   * starts are written bootstrapped from the last observation they reached.
   */
  dropOpen(source?: number): void {
    const prefix = source === undefined ? '' : `${source}:`;
    for (const [k, stream] of this.streams) {
      if (!k.startsWith(prefix)) continue;
      stream.held = [];
      stream.accumulator.flush(this.emit);
      this.streams.delete(k);
    }
  }

  private close(stream: AgentStream, reward: number, nextObservations: Float32Array[], nextActionMask: Uint8Array | null, end: StepEnd): void {
    const open = stream.open!;
    const step: SingleStep = { ...open, reward, nextObservations, nextActionMask, end };
    stream.open = null;
    const length = this.settings.trajectoryLength;
    if (length === undefined) {
      this.released++;
      stream.accumulator.push(step, this.emit);
      return;
    }
    stream.held.push(step);
    if (end === 'continues' && stream.held.length < length) return;
    this.released += stream.held.length;
    for (const held of stream.held) stream.accumulator.push(held, this.emit);
    stream.held = [];
  }

  private rows(observations: readonly Float32Array[], i: number): Float32Array[] {
    const sizes = this.sink.spec.observationSizes;
    return observations.map((obs, o) => obs.slice(i * sizes[o]!, (i + 1) * sizes[o]!));
  }

  private maskRow(masks: Uint8Array | null, i: number): Uint8Array | null {
    if (this.maskSize === 0 || !masks) return null;
    return masks.slice(i * this.maskSize, (i + 1) * this.maskSize);
  }
}

function key(source: number, agentId: number): string {
  return `${source}:${agentId}`;
}
