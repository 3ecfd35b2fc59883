/**
 * Duel: a tiny symmetric two-team game for self-play. In each area two runners, "Duel?team=0" (agent id 2·area)
 * and "Duel?team=1" (agent id 2·area + 1), start at the two ends of a line of 2K + 1 cells (K = parameter
 * `half_length`, default 3) and race to the flag on the middle cell. Every step both choose, at once, one of
 * back (0), stay (1) or forward (2); back at one's own end is a stay. Then:
 *   - one runner on the flag: it wins (+1) and the other loses (−1); both episodes end (done);
 *   - both on the flag in the same step: a draw, 0 each, both done;
 *   - otherwise, after `max_steps` steps (default 16): both are interrupted (done, max step reached), 0 each.
 * The area restarts at once. Each runner observes from its own side: [its distance to the flag / K, the other's
 * distance / K, steps taken / max_steps]. Both behaviors share this spec, so one policy can play either side.
 *
 * A runner that always steps forward reaches the flag in K steps; a uniformly random one needs K forwards in a
 * row to do as well, so against it the forward runner wins unless the random one draws (probability 3^−K).
 * Stat per finished area episode: "Duel/Episode Length".
 */
import { validateActions, type ActionTuple } from '../../src/core/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import type { ActionNames, DrawnEntity, SceneDrawing } from '../../src/core/env/scene-drawing.js';
import { ShivaError } from '../../src/core/errors.js';

export const DUEL_BEHAVIORS = [behaviorKey('Duel', 0), behaviorKey('Duel', 1)] as const;

const OBS = 3;
export const DUEL_ACTIONS = { back: 0, stay: 1, forward: 2 } as const;

function duelSpec(team: number): BehaviorSpec {
  return { name: DUEL_BEHAVIORS[team]!, observationSpecs: [vectorObservation(OBS)], actionSpec: { continuousSize: 0, discreteBranches: [3] } };
}

export const DUEL_SPECS: readonly BehaviorSpec[] = [duelSpec(0), duelSpec(1)];
export const DUEL_DEFAULTS = { halfLength: 3, maxSteps: 16 } as const;
export const DUEL_LENGTH_STAT = 'Duel/Episode Length';

export class DuelScene implements Scene {
  readonly behaviorSpecs = DUEL_SPECS;
  private readonly numAreas: number;
  // Per area.
  private readonly halfLength: Int32Array;
  private readonly maxSteps: Int32Array;
  private readonly stepCount: Int32Array;
  // Per agent (id = 2·area + team).
  /** Cells between the runner and the flag. */
  private readonly distance: Int32Array;
  private readonly heldAction: Int32Array;
  private readonly reward: Float64Array;
  /** One terminal slot per agent: collect() follows every simulate(), and an agent ends once per simulate. */
  private readonly pending: Uint8Array;
  private readonly pendingInterrupted: Uint8Array;
  private readonly pendingReward: Float64Array;
  private readonly pendingObs: Float32Array;
  private pendingCount = 0;
  /** Decision rows sent by the last collect (every area, or none). */
  private decisionCount = 0;
  private readonly empty = DUEL_SPECS.map(emptyAgentInfoBatch);

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    if (!Number.isInteger(options.numAreas) || options.numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `duel: numAreas: expected an integer ≥ 1, got ${options.numAreas}`);
    }
    const n = (this.numAreas = options.numAreas);
    this.halfLength = new Int32Array(n);
    this.maxSteps = new Int32Array(n);
    this.stepCount = new Int32Array(n);
    this.distance = new Int32Array(2 * n);
    this.heldAction = new Int32Array(2 * n);
    this.reward = new Float64Array(2 * n);
    this.pending = new Uint8Array(2 * n);
    this.pendingInterrupted = new Uint8Array(2 * n);
    this.pendingReward = new Float64Array(2 * n);
    this.pendingObs = new Float32Array(2 * n * OBS);
    for (let a = 0; a < n; a++) this.beginEpisode(a);
  }

  reset(): void {
    this.pending.fill(0);
    this.pendingCount = 0;
    this.decisionCount = 0;
    for (let a = 0; a < this.numAreas; a++) this.beginEpisode(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    this.decisionCount = requestDecisions ? this.numAreas : 0;
    const out = new Map(DUEL_BEHAVIORS.map((name, team) => [name, this.collectTeam(team)]));
    this.pending.fill(0);
    this.pendingCount = 0;
    return out;
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    const team = DUEL_BEHAVIORS.indexOf(behavior as (typeof DUEL_BEHAVIORS)[number]);
    if (team < 0) throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `duel: applyActions: expected "${DUEL_BEHAVIORS[0]}" or "${DUEL_BEHAVIORS[1]}", got "${behavior}"`);
    validateActions(`duel: behavior "${behavior}"`, DUEL_SPECS[team]!.actionSpec, this.decisionCount, actions);
    // Decision rows are areas 0..decisionCount-1 in order.
    for (let a = 0; a < this.decisionCount; a++) this.heldAction[2 * a + team] = actions.discrete[a]!;
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) {
      const k = this.halfLength[a]!;
      for (let team = 0; team < 2; team++) {
        const agent = 2 * a + team;
        const action = this.heldAction[agent]!;
        if (action === DUEL_ACTIONS.forward) this.distance[agent]!--;
        else if (action === DUEL_ACTIONS.back) this.distance[agent] = Math.min(k, this.distance[agent]! + 1);
      }
      this.stepCount[a]!++;
      const at0 = this.distance[2 * a] === 0;
      const at1 = this.distance[2 * a + 1] === 0;
      if (at0 || at1) {
        const r0 = at0 === at1 ? 0 : at0 ? 1 : -1;
        this.reward[2 * a]! += r0;
        this.reward[2 * a + 1]! -= r0;
        this.endEpisode(a, 0);
      } else if (this.stepCount[a]! >= this.maxSteps[a]!) {
        this.endEpisode(a, 1);
      }
    }
  }

  /** The line of 2K + 1 cells of `area`, the flag in the middle, team 0 starting at the left end and team 1 at the right. */
  draw(area: number): SceneDrawing {
    const k = this.halfLength[area]!;
    const runner = (team: number): DrawnEntity => {
      const agent = 2 * area + team;
      return { id: `runner-${team}`, kind: 'agent', team, agentId: agent, x: team === 0 ? k - this.distance[agent]! : k + this.distance[agent]!, y: 0, label: `runner ${team} (agent ${agent})`, heading: team === 0 ? 0 : 180 };
    };
    return {
      scene: 'duel',
      step: this.stepCount[area]!,
      bounds: { minX: -0.5, minY: -1.5, maxX: 2 * k + 0.5, maxY: 1.5 },
      layers: [{ kind: 'terrain', label: 'track', cells: { x: -0.5, y: -0.5, size: 1, rows: ['.'.repeat(2 * k + 1)], legend: { '.': 'open' } } }],
      links: [],
      entities: [{ id: 'flag', kind: 'flag', x: k, y: 0, label: 'flag' }, runner(0), runner(1)],
      caption: `step ${this.stepCount[area]} of ${this.maxSteps[area]}`,
    };
  }

  actionNames(behavior: string): ActionNames | null {
    return DUEL_BEHAVIORS.includes(behavior as (typeof DUEL_BEHAVIORS)[number]) ? { branches: [{ name: 'run', options: ['back', 'stay', 'forward'] }] } : null;
  }

  /** Queues both runners' terminal records, then restarts the area. */
  private endEpisode(area: number, interrupted: 0 | 1): void {
    for (let team = 0; team < 2; team++) {
      const agent = 2 * area + team;
      this.pending[agent] = 1;
      this.pendingInterrupted[agent] = interrupted;
      this.pendingReward[agent] = this.reward[agent]!;
      this.reward[agent] = 0;
      this.observe(agent, this.pendingObs, agent * OBS);
    }
    this.pendingCount += 2;
    this.context.recordStat(DUEL_LENGTH_STAT, this.stepCount[area]!);
    this.beginEpisode(area);
  }

  private collectTeam(team: number): AgentInfoBatch {
    const terminals = this.pendingCount / 2;
    const count = terminals + this.decisionCount;
    if (count === 0) return this.empty[team]!;
    const batch = allocateAgentInfoBatch(DUEL_SPECS[team]!, count, false);
    const obs = batch.observations[0]!;
    let row = 0;
    for (let a = 0; a < this.numAreas && terminals > 0; a++) {
      const agent = 2 * a + team;
      if (!this.pending[agent]) continue;
      batch.agentIds[row] = agent;
      batch.rewards[row] = this.pendingReward[agent]!;
      batch.done[row] = 1;
      batch.maxStepReached[row] = this.pendingInterrupted[agent]!;
      obs.set(this.pendingObs.subarray(agent * OBS, agent * OBS + OBS), row * OBS);
      row++;
    }
    for (let a = 0; a < this.decisionCount; a++, row++) {
      const agent = 2 * a + team;
      batch.agentIds[row] = agent;
      batch.rewards[row] = this.reward[agent]!;
      this.reward[agent] = 0;
      this.observe(agent, obs, row * OBS);
    }
    return batch;
  }

  private observe(agent: number, out: Float32Array, offset: number): void {
    const area = agent >> 1;
    const k = this.halfLength[area]!;
    out[offset] = this.distance[agent]! / k;
    out[offset + 1] = this.distance[agent ^ 1]! / k;
    out[offset + 2] = this.stepCount[area]! / this.maxSteps[area]!;
  }

  private beginEpisode(area: number): void {
    const k = this.intParameter('half_length', DUEL_DEFAULTS.halfLength);
    this.halfLength[area] = k;
    this.maxSteps[area] = this.intParameter('max_steps', DUEL_DEFAULTS.maxSteps);
    this.stepCount[area] = 0;
    for (let team = 0; team < 2; team++) {
      const agent = 2 * area + team;
      this.distance[agent] = k;
      this.reward[agent] = 0;
      // Unity clears an agent's stored action when its episode begins.
      this.heldAction[agent] = DUEL_ACTIONS.stay;
    }
  }

  private intParameter(key: string, fallback: number): number {
    const value = this.context.parameter(key, fallback);
    if (!Number.isInteger(value) || value < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `duel: environment parameter "${key}": expected an integer ≥ 1, got ${value}`);
    }
    return value;
  }
}

export const createDuelScene: SceneFactory = (context, options) => new DuelScene(context, options);
