/**
 * MA-POCA's experience buffer: transitions kept per GROUP (per environment and group id; an agent with group id 0
 * is a group of its own), in segments of group time, so that a member that finished early stays in its group's
 * segment until the group's episode ends and can be credited with what the group did after it left
 * (group-returns.ts).
 *
 * The order of calls per environment step (as the PPO buffer):
 *   1. endEpisodes(source, terminalSteps): closes each listed member's open transition with its last rewards and
 *      takes it out of the group. When the last member is out the segment closes: TERMINAL, or TRUNCATED with the
 *      final observations of the members that were interrupted (their group state bootstraps the return).
 *   2. addDecisions(source, decisionSteps, actOutput): closes the open transitions of the listed members with the
 *      rewards since their last decision, then adds one group step per group with the actions just chosen.
 * A segment that reaches `time_horizon` group steps is cut when every live member asks for its next decision:
 * it closes TRUNCATED with that step's observations as the bootstrap state, and the step opens the next segment.
 */
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { ActOutput } from '../networks/acting.js';
import type { MemberStream } from './group-returns.js';

export interface MemberRow {
  readonly agentId: number;
  /** Index of the member's stream in its segment (an agent that comes back after leaving gets a new stream). */
  readonly stream: number;
  /** Group step of this transition. */
  readonly step: number;
  /** Raw observations, one array per observation spec. */
  readonly observations: Float32Array[];
  /** Unclipped continuous samples. */
  readonly continuous: Float32Array;
  readonly discrete: Int32Array;
  readonly factors: Float32Array | null;
  readonly logProb: number;
  /** Individual and group reward of the transition (scaled), filled when the member's next record arrives. */
  reward: number;
  groupReward: number;
  /**
   * The observations the transition led to (the member's next decision, or its final observation), and whether it
   * ended the member's episode by the task: what reward signals read (s, a, s', done). Filled with the reward
   * (`next` only when the buffer keeps it).
   */
  next: Float32Array[] | null;
  done: boolean;
  /**
   * With network_settings.memory: the agent's memory before this decision (ActOutput.memoriesBefore's row, the
   * actor's LSTM state first): the memory a training sequence starting here replays the actor from.
   */
  readonly memory?: Float32Array;
}

/** How a segment ended: by the task (bootstrap 0), or cut with the group state to bootstrap from. */
export type SegmentEnd = { readonly terminal: true } | { readonly terminal: false; readonly count: number; readonly observations: Float32Array[] };

export interface GroupSegment {
  readonly rows: MemberRow[];
  /** Row indices per group step. */
  readonly steps: number[][];
  /** Row indices per member stream, in step order. */
  readonly streams: number[][];
  end: SegmentEnd;
  /** The group this segment is a part of (environment and group id), across its segments. */
  readonly group?: string;
  /**
   * Set at a time_horizon cut: the agents whose streams go on in the group's next segment (a recurrent critic carries
   * their memories over, agents/poca/critic-memories.ts). Absent when the group's episode ended.
   */
  continuing?: readonly number[];
}

interface OpenSegment {
  readonly segment: GroupSegment;
  /** Members still in the group's episode → their stream and their open row (awaiting its reward). */
  readonly live: Map<number, { stream: number; openRow: number | null }>;
}

export class GroupBuffer {
  private readonly open = new Map<string, OpenSegment>();
  private closed: GroupSegment[] = [];
  private closedRows = 0;

  constructor(
    private readonly observationSizes: readonly number[],
    private readonly timeHorizon: number,
    /** Keep each row's next observations (MemberRow.next): reward signals need them; otherwise not copied. */
    private readonly keepNext = false,
  ) {}

  /** Member transitions in closed segments, ready for training. */
  get size(): number {
    return this.closedRows;
  }

  endEpisodes(source: number, terminal: TerminalSteps): void {
    const touched = new Map<string, number[]>(); // group → rows of `terminal` that were interrupted
    for (let i = 0; i < terminal.count; i++) {
      const group = groupKey(source, terminal.groupIds[i]!, terminal.agentIds[i]!);
      const open = this.open.get(group);
      const member = open?.live.get(terminal.agentIds[i]!);
      if (!open || !member) continue;
      if (member.openRow !== null) {
        const row = open.segment.rows[member.openRow]!;
        row.reward = terminal.rewards[i]!;
        row.groupReward = terminal.groupRewards[i]!;
        if (this.keepNext) row.next = this.gather(terminal.observations, [i]);
        row.done = !terminal.interrupted[i];
      }
      open.live.delete(terminal.agentIds[i]!);
      const list = touched.get(group) ?? [];
      if (terminal.interrupted[i]) list.push(i);
      touched.set(group, list);
    }
    for (const [group, interrupted] of touched) {
      const open = this.open.get(group)!;
      if (open.live.size > 0) continue;
      open.segment.end = interrupted.length === 0 ? { terminal: true } : { terminal: false, count: interrupted.length, observations: this.gather(terminal.observations, interrupted) };
      this.close(group);
    }
  }

  addDecisions(source: number, decisions: DecisionSteps, out: ActOutput): void {
    const byGroup = new Map<string, number[]>();
    for (let i = 0; i < decisions.count; i++) {
      const group = groupKey(source, decisions.groupIds[i]!, decisions.agentIds[i]!);
      const list = byGroup.get(group);
      if (list) list.push(i);
      else byGroup.set(group, [i]);
    }
    const C = out.continuousRaw.length / Math.max(1, out.count);
    const nb = out.discrete.length / Math.max(1, out.count);
    const S = out.factors ? out.factors.length / out.count : 0;
    const W = out.memoriesBefore ? out.memoriesBefore.length / Math.max(1, out.count) : 0;
    for (const [group, members] of byGroup) {
      let open = this.open.get(group);
      if (open) {
        for (const i of members) {
          const member = open.live.get(decisions.agentIds[i]!);
          if (member?.openRow != null) {
            const row = open.segment.rows[member.openRow]!;
            row.reward = decisions.rewards[i]!;
            row.groupReward = decisions.groupRewards[i]!;
            if (this.keepNext) row.next = this.gather(decisions.observations, [i]);
            member.openRow = null;
          }
        }
        const allAsked = [...open.live.values()].every((m) => m.openRow === null);
        if (open.segment.steps.length >= this.timeHorizon && allAsked) {
          open.segment.end = { terminal: false, count: members.length, observations: this.gather(decisions.observations, members) };
          open.segment.continuing = members.map((i) => decisions.agentIds[i]!);
          this.close(group);
          open = undefined;
        }
      }
      if (!open) {
        open = { segment: { rows: [], steps: [], streams: [], end: { terminal: true }, group }, live: new Map() };
        this.open.set(group, open);
      }
      const { segment } = open;
      const step = segment.steps.length;
      const stepRows: number[] = [];
      for (const i of members) {
        const agentId = decisions.agentIds[i]!;
        let member = open.live.get(agentId);
        if (!member) {
          member = { stream: segment.streams.length, openRow: null };
          segment.streams.push([]);
          open.live.set(agentId, member);
        }
        const index = segment.rows.length;
        segment.rows.push({
          agentId,
          stream: member.stream,
          step,
          observations: decisions.observations.map((obs, o) => obs.slice(i * this.observationSizes[o]!, (i + 1) * this.observationSizes[o]!)),
          continuous: out.continuousRaw.slice(i * C, (i + 1) * C),
          discrete: out.discrete.slice(i * nb, (i + 1) * nb),
          factors: out.factors ? out.factors.slice(i * S, (i + 1) * S) : null,
          logProb: out.logProbs[i]!,
          reward: 0,
          groupReward: 0,
          next: null,
          done: false,
          ...(out.memoriesBefore ? { memory: out.memoriesBefore.slice(i * W, (i + 1) * W) } : {}),
        });
        member.openRow = index;
        segment.streams[member.stream]!.push(index);
        stepRows.push(index);
      }
      segment.steps.push(stepRows);
    }
  }

  /** Drops the open segments of `source` (its simulation was reset under us). */
  dropOpen(source: number): void {
    const prefix = `${source}:`;
    for (const group of [...this.open.keys()]) if (group.startsWith(prefix)) this.open.delete(group);
  }

  /** Takes every closed segment; open ones stay for the next batch. */
  drain(): GroupSegment[] {
    const out = this.closed;
    this.closed = [];
    this.closedRows = 0;
    return out;
  }

  private close(group: string): void {
    const open = this.open.get(group)!;
    this.open.delete(group);
    this.closed.push(open.segment);
    this.closedRows += open.segment.rows.length;
  }

  private gather(observations: readonly Float32Array[], rows: readonly number[]): Float32Array[] {
    return observations.map((obs, o) => {
      const size = this.observationSizes[o]!;
      const out = new Float32Array(rows.length * size);
      rows.forEach((r, k) => out.set(obs.subarray(r * size, (r + 1) * size), k * size));
      return out;
    });
  }
}

/** Group rows key on (environment, group id); an agent outside any group (id 0) is a group of its own. */
function groupKey(source: number, groupId: number, agentId: number): string {
  return groupId !== 0 ? `${source}:g${groupId}` : `${source}:a${agentId}`;
}

/** r^g_k per group step: the mean group reward of the members that acted at k. */
export function stepGroupRewards(segment: GroupSegment): Float64Array {
  return Float64Array.from(segment.steps, (rows) => rows.reduce((s, r) => s + segment.rows[r]!.groupReward, 0) / Math.max(1, rows.length));
}

/** Each member stream's steps and total rewards (individual + group), for groupLambdaReturns. */
export function memberStreams(segment: GroupSegment): MemberStream[] {
  return segment.streams.map((rows) => ({
    steps: rows.map((r) => segment.rows[r]!.step),
    rewards: rows.map((r) => segment.rows[r]!.reward + segment.rows[r]!.groupReward),
  }));
}
