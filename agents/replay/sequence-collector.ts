/**
 * Env batches → trajectories of one-step transitions, each with the memory its action was chosen under, into a
 * SequenceReplay: replay-collector.ts's trajectories (time_horizon) for a policy with memory. Per (source, agent):
 * an open step (observation, action, memory, waiting for its reward) and the closed steps held for its trajectory.
 *
 * The order of calls per environment step is ReplayCollector's:
 *   1. endEpisodes(source, terminalSteps): closes each listed agent's open step with its last reward and final
 *      observation (done = 1 at a true terminal, 0 where interrupted), and its trajectory goes to the replay;
 *   2. addDecisions(source, decisionSteps, actions): closes each listed agent's open step with the reward since its
 *      last decision and the observation just received, and opens a new one; once an agent holds trajectoryLength
 *      closed steps, they go to the replay together.
 * A forced reset (dropOpen) discards held steps, as ML-Agents' end_episode discards unemitted experience. One-step
 * transitions only (SAC's), discount γ.
 */
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { ChosenActions } from './replay-collector.js';
import { maskLength } from './replay-types.js';
import type { RecurrentTransition, SequenceReplay } from './sequence-replay.js';

interface OpenStep {
  readonly observations: Float32Array[];
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly actionMask: Uint8Array | null;
  readonly memory: Float32Array;
}

interface AgentStream {
  open: OpenStep | null;
  held: RecurrentTransition[];
}

export class SequenceCollector {
  private readonly streams = new Map<string, AgentStream>();
  private readonly maskSize: number;
  private released = 0;

  constructor(
    private readonly replay: SequenceReplay,
    private readonly gamma: number,
    private readonly trajectoryLength: number,
  ) {
    this.maskSize = maskLength(replay.rows.spec);
  }

  /** Closed steps written to the replay (what the trainer counts for steps_per_update and buffer_init_steps). */
  get stepsReleased(): number {
    return this.released;
  }

  endEpisodes(source: number, terminal: TerminalSteps): void {
    for (let i = 0; i < terminal.count; i++) {
      const k = key(source, terminal.agentIds[i]!);
      const stream = this.streams.get(k);
      if (!stream?.open) continue; // an agent whose episode ended before it ever acted
      this.close(stream, terminal.rewards[i]!, this.rows(terminal.observations, i), null, terminal.interrupted[i] ? 0 : 1);
      this.release(stream);
      this.streams.delete(k);
    }
  }

  /** `actions.memories` (count × memory width) must hold each agent's memory before this decision. */
  addDecisions(source: number, decisions: DecisionSteps, actions: ChosenActions): void {
    const spec = this.replay.rows.spec;
    const C = spec.continuousSize;
    const nb = spec.discreteBranches.length;
    const W = this.replay.memoryWidth;
    const memories = actions.memories;
    if (!memories || memories.length !== decisions.count * W) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `SequenceCollector.addDecisions (source ${source}): memories: expected ${decisions.count}×${W} values (each agent's memory before its decision), got ${memories ? memories.length : 'none'}`);
    }
    for (let i = 0; i < decisions.count; i++) {
      const k = key(source, decisions.agentIds[i]!);
      let stream = this.streams.get(k);
      if (!stream) this.streams.set(k, (stream = { open: null, held: [] }));
      const observations = this.rows(decisions.observations, i);
      const mask = this.maskSize > 0 && decisions.actionMasks ? decisions.actionMasks.slice(i * this.maskSize, (i + 1) * this.maskSize) : null;
      if (stream.open) {
        this.close(stream, decisions.rewards[i]!, observations, mask, 0);
        if (stream.held.length >= this.trajectoryLength) this.release(stream);
      }
      stream.open = {
        observations,
        continuousActions: actions.continuous.slice(i * C, (i + 1) * C),
        discreteActions: actions.discrete.slice(i * nb, (i + 1) * nb),
        actionMask: mask,
        memory: memories.slice(i * W, (i + 1) * W),
      };
    }
  }

  /** After a forced reset of `source` (or of all): open and held steps are discarded. */
  dropOpen(source?: number): void {
    const prefix = source === undefined ? '' : `${source}:`;
    for (const k of [...this.streams.keys()]) if (k.startsWith(prefix)) this.streams.delete(k);
  }

  private close(stream: AgentStream, reward: number, nextObservations: Float32Array[], nextActionMask: Uint8Array | null, done: 0 | 1): void {
    const open = stream.open!;
    stream.held.push({ ...open, reward, nextObservations, nextActionMask, done: done === 1, discount: this.gamma });
    stream.open = null;
  }

  private release(stream: AgentStream): void {
    if (stream.held.length === 0) return;
    this.replay.addTrajectory(stream.held);
    this.released += stream.held.length;
    stream.held = [];
  }

  private rows(observations: readonly Float32Array[], i: number): Float32Array[] {
    const sizes = this.replay.rows.spec.observationSizes;
    return observations.map((obs, o) => obs.slice(i * sizes[o]!, (i + 1) * sizes[o]!));
  }
}

function key(source: number, agentId: number): string {
  return `${source}:${agentId}`;
}
