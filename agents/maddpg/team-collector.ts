/**
 * Team transitions from per-agent steps: the agents of a step that share (source, group id) are one team, their
 * slots the order of their agent ids. A team's members may arrive in several calls (a team spread over several
 * behaviors of one learner): each member's record fills its slot, and once every slot holds a decision, the joint
 * step is complete. The previous complete step then becomes a stored transition, with the rewards each member
 * reported since (summed) and the new observations as next observations. When every slot holds a terminal
 * record instead, the transition ends there (done per slot: ended by the task, not interrupted).
 *
 * A team is stored only while whole: when a member reports twice before the others (it acts on its own while a
 * teammate is out of its episode), or the roster changes, the open step and the pending transition are dropped.
 * Agents with no group (group id 0) are teams of one, usable only with team_size 1.
 */
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { JointReplayBuffer } from './joint-replay.js';

interface Team {
  /** Member agent ids, ascending; full at n. */
  roster: number[];
  /** The step being gathered: per slot observation and action, and which slots reported. */
  readonly obs: Float32Array;
  readonly actions: Float32Array;
  readonly filled: Uint8Array;
  filledCount: number;
  /** The same for terminal records, and whether each ended by the task. */
  readonly endObs: Float32Array;
  readonly ended: Uint8Array;
  readonly terminated: Uint8Array;
  endedCount: number;
  /** The last complete joint step, waiting for its next observations. */
  readonly prevObs: Float32Array;
  readonly prevActions: Float32Array;
  hasPrev: boolean;
  /** Rewards per slot since the last complete step. */
  readonly rewards: Float64Array;
}

export class TeamCollector {
  private readonly teams = new Map<string, Team>();
  /** Joint steps dropped because a team was not whole (for stats). */
  dropped = 0;

  constructor(
    private readonly buffer: JointReplayBuffer,
    readonly n: number,
    private readonly obsSize: number,
    private readonly actSize: number,
    /** Names the learner in errors. */
    private readonly where: string,
  ) {}

  /** Adds the agents of `steps` to their teams' rosters (call for every part before acting on it). */
  register(source: number, agentIds: Int32Array, groupIds: Int32Array): void {
    const members = new Map<number, number>();
    for (let r = 0; r < agentIds.length; r++) {
      const group = groupIds[r]!;
      const count = (members.get(group) ?? 0) + 1;
      members.set(group, count);
      if (group !== 0 && count > this.n) {
        throw new ShivaError('SHIVA_ERR_CONFIG', `${this.where}: group ${group} of environment ${source}: expected at most team_size = ${this.n} agents deciding at once, got more (agent ${agentIds[r]}); set team_size to the size of a group`);
      }
      this.rosterSlot(this.team(source, group, agentIds[r]!), agentIds[r]!);
    }
  }

  /** The slot of `agentId` in its team (its rank among the team's ids). */
  slotOf(source: number, groupId: number, agentId: number): number {
    return this.rosterSlot(this.team(source, groupId, agentId), agentId);
  }

  /** Terminal records: rewards, final observations, and, once the whole team ended, the last transition. */
  addTerminal(source: number, t: TerminalSteps, flatObs: Float32Array): void {
    const { obsSize } = this;
    for (let r = 0; r < t.count; r++) {
      const id = t.agentIds[r]!;
      const team = this.team(source, t.groupIds[r]!, id);
      const slot = this.rosterSlot(team, id);
      team.rewards[slot]! += t.rewards[r]! + t.groupRewards[r]!;
      if (team.ended[slot]) {
        this.drop(team);
        continue;
      }
      team.ended[slot] = 1;
      team.endedCount++;
      team.terminated[slot] = t.interrupted[r] ? 0 : 1;
      team.endObs.set(flatObs.subarray(r * obsSize, (r + 1) * obsSize), slot * obsSize);
      if (team.endedCount === this.n) {
        if (team.hasPrev && team.filledCount === 0) this.buffer.add(team.prevObs, team.prevActions, team.rewards, team.endObs, team.terminated);
        else this.dropped++;
        this.clear(team);
      }
    }
  }

  /**
   * Decision records with the actions chosen for them (rows × actSize, stored as given): rewards, observations,
   * and, once every slot decided, the previous step's transition.
   */
  addDecisions(source: number, d: DecisionSteps, flatObs: Float32Array, actions: Float32Array): void {
    const { obsSize, actSize } = this;
    for (let r = 0; r < d.count; r++) {
      const id = d.agentIds[r]!;
      const team = this.team(source, d.groupIds[r]!, id);
      const slot = this.rosterSlot(team, id);
      if (team.filled[slot] || team.endedCount > 0) this.drop(team);
      team.rewards[slot]! += d.rewards[r]! + d.groupRewards[r]!;
      team.filled[slot] = 1;
      team.filledCount++;
      team.obs.set(flatObs.subarray(r * obsSize, (r + 1) * obsSize), slot * obsSize);
      team.actions.set(actions.subarray(r * actSize, (r + 1) * actSize), slot * actSize);
      if (team.filledCount === this.n) {
        if (team.hasPrev) this.buffer.add(team.prevObs, team.prevActions, team.rewards, team.obs, zeros(this.n));
        team.prevObs.set(team.obs);
        team.prevActions.set(team.actions);
        team.hasPrev = true;
        team.rewards.fill(0);
        team.filled.fill(0);
        team.filledCount = 0;
      }
    }
  }

  /** Forgets every team of `source` (its simulation was reset or restarted). */
  forgetSource(source: number): void {
    for (const key of [...this.teams.keys()]) if (key.startsWith(`${source}:`)) this.teams.delete(key);
  }

  private team(source: number, groupId: number, agentId: number): Team {
    if (groupId === 0 && this.n !== 1) {
      throw new ShivaError('SHIVA_ERR_CONFIG', `${this.where}: agent ${agentId} of environment ${source}: expected a group id (maddpg trains teams of ${this.n}; agents without a group are teams of one, for team_size 1), got group id 0`);
    }
    const key = groupId === 0 ? `${source}:agent:${agentId}` : `${source}:${groupId}`;
    let team = this.teams.get(key);
    if (!team) {
      const { n, obsSize, actSize } = this;
      team = {
        roster: [],
        obs: new Float32Array(n * obsSize),
        actions: new Float32Array(n * actSize),
        filled: new Uint8Array(n),
        filledCount: 0,
        endObs: new Float32Array(n * obsSize),
        ended: new Uint8Array(n),
        terminated: new Uint8Array(n),
        endedCount: 0,
        prevObs: new Float32Array(n * obsSize),
        prevActions: new Float32Array(n * actSize),
        hasPrev: false,
        rewards: new Float64Array(n),
      };
      this.teams.set(key, team);
    }
    return team;
  }

  /** The slot of `id`, adding it to the roster (a full roster meeting a new id starts over from it). */
  private rosterSlot(team: Team, id: number): number {
    const at = team.roster.indexOf(id);
    if (at >= 0) return at;
    if (team.roster.length >= this.n) team.roster = [];
    team.roster.push(id);
    team.roster.sort((a, b) => a - b);
    // Slots moved: what was gathered under the old ones is no longer in order.
    this.clear(team);
    return team.roster.indexOf(id);
  }

  private drop(team: Team): void {
    if (team.hasPrev || team.filledCount > 0 || team.endedCount > 0) this.dropped++;
    this.clear(team);
  }

  private clear(team: Team): void {
    team.filled.fill(0);
    team.filledCount = 0;
    team.ended.fill(0);
    team.terminated.fill(0);
    team.endedCount = 0;
    team.hasPrev = false;
    team.rewards.fill(0);
  }
}

const zeroCache = new Map<number, Uint8Array>();
function zeros(n: number): Uint8Array {
  let z = zeroCache.get(n);
  if (!z) zeroCache.set(n, (z = new Uint8Array(n)));
  return z;
}
