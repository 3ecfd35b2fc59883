/**
 * Coop switch: a tiny cooperative task where one member must leave the episode for the group to succeed — the
 * case MA-POCA is made for (Cohen et al. 2021: a member's exit is not an absorbing state of zero value).
 *
 * Each area is a corridor of cells 0..4 with two members ("CoopSwitch?team=0", group id = area + 1) on distinct
 * random cells of 1..3. Cell 0 holds a switch; cell 4 is the exit, behind a door that starts closed.
 * One discrete branch: 0 stay, 1 left, 2 right, 3 press (masked unless on the switch with the door closed; left is
 * masked at cell 0, right at cell 3 while the door is closed). Every step, in this order:
 *   1. the members that do not press move (through the door only if it was open when the step began);
 *   2. a member that presses opens the door and leaves the episode (done) holding the switch: it earns nothing
 *      itself, ever, and the group's success comes at the earliest one step after it left;
 *   3. a member on the exit ends the area's episode: every member still in it gets GROUP reward +1 (done);
 *   4. otherwise after `max_steps` (16) steps every member still in is interrupted (done, max step reached).
 * There are no individual rewards at all. Independent learners see the presser's episode end at 0 and learn never
 * to press (PPO falls from ~30% to 0% success here); a group critic sees the door open and the exit reached. A
 * uniformly random policy succeeds in about 28% of the episodes (test/envs/coop-switch.test.ts measures it); the
 * best play takes 3–4 steps.
 * Observation per member (5): own cell / 4, mate's cell / 4 (0 when gone), mate present, door open, step / max_steps.
 * Stat per finished area episode: "CoopSwitch/Success" (1 or 0).
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import { validateActions } from '../../src/core/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';

export const COOP_SWITCH_BEHAVIOR = behaviorKey('CoopSwitch', 0);
export const MEMBERS = 2;
export const SWITCH_CELL = 0;
export const EXIT_CELL = 4;
export const OBS_SIZE = 5;
export const ACTIONS = 4;
export const Action = { STAY: 0, LEFT: 1, RIGHT: 2, PRESS: 3 } as const;
export const COOP_SWITCH_DEFAULTS = { maxSteps: 16 } as const;
export const SUCCESS_STAT = 'CoopSwitch/Success';

export const COOP_SWITCH_SPEC: BehaviorSpec = {
  name: COOP_SWITCH_BEHAVIOR,
  observationSpecs: [vectorObservation(OBS_SIZE)],
  actionSpec: { continuousSize: 0, discreteBranches: [ACTIONS] },
};

export class CoopSwitchScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [COOP_SWITCH_SPEC];
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  // Per area.
  private readonly door: Uint8Array;
  private readonly stepCount: Int32Array;
  private readonly maxSteps: Int32Array;
  // Per member (id = area × 2 + slot).
  private readonly cell: Int32Array;
  private readonly active: Uint8Array;
  private readonly held: Int32Array;
  private readonly groupReward: Float64Array;
  /** Terminal records queued since the last collect: interrupted flag, group reward, final observation. */
  private readonly pending: Uint8Array;
  private readonly pendingInterrupted: Uint8Array;
  private readonly pendingGroupReward: Float64Array;
  private readonly pendingObs: Float32Array;
  private pendingCount = 0;
  private readonly decisionIds: Int32Array;
  private decisionCount = 0;
  private readonly empty = emptyAgentInfoBatch(COOP_SWITCH_SPEC);

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    if (!Number.isInteger(options.numAreas) || options.numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `coop-switch: numAreas: expected an integer ≥ 1, got ${options.numAreas}`);
    }
    const n = (this.numAreas = options.numAreas);
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.door = new Uint8Array(n);
    this.stepCount = new Int32Array(n);
    this.maxSteps = new Int32Array(n);
    const members = n * MEMBERS;
    this.cell = new Int32Array(members);
    this.active = new Uint8Array(members);
    this.held = new Int32Array(members);
    this.groupReward = new Float64Array(members);
    this.pending = new Uint8Array(members);
    this.pendingInterrupted = new Uint8Array(members);
    this.pendingGroupReward = new Float64Array(members);
    this.pendingObs = new Float32Array(members * OBS_SIZE);
    this.decisionIds = new Int32Array(members);
    for (let a = 0; a < n; a++) this.beginArea(a);
  }

  reset(): void {
    this.pending.fill(0);
    this.pendingCount = 0;
    this.decisionCount = 0;
    for (let a = 0; a < this.numAreas; a++) this.beginArea(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    let decisions = 0;
    if (requestDecisions) for (let m = 0; m < this.numAreas * MEMBERS; m++) if (this.active[m]) this.decisionIds[decisions++] = m;
    this.decisionCount = decisions;
    if (this.pendingCount + decisions === 0) return new Map([[COOP_SWITCH_BEHAVIOR, this.empty]]);
    const batch = allocateAgentInfoBatch(COOP_SWITCH_SPEC, this.pendingCount + decisions, true);
    const obs = batch.observations[0]!;
    const masks = batch.actionMasks!;
    let row = 0;
    for (let m = 0; m < this.numAreas * MEMBERS && this.pendingCount > 0; m++) {
      if (!this.pending[m]) continue;
      this.pending[m] = 0;
      this.pendingCount--;
      batch.agentIds[row] = m;
      batch.groupIds[row] = ((m / MEMBERS) | 0) + 1;
      batch.groupRewards[row] = this.pendingGroupReward[m]!;
      batch.done[row] = 1;
      batch.maxStepReached[row] = this.pendingInterrupted[m]!;
      obs.set(this.pendingObs.subarray(m * OBS_SIZE, (m + 1) * OBS_SIZE), row * OBS_SIZE);
      row++;
    }
    for (let d = 0; d < decisions; d++, row++) {
      const m = this.decisionIds[d]!;
      batch.agentIds[row] = m;
      batch.groupIds[row] = ((m / MEMBERS) | 0) + 1;
      batch.groupRewards[row] = this.groupReward[m]!;
      this.groupReward[m] = 0;
      this.observe(m, obs, row * OBS_SIZE);
      for (let k = 0; k < ACTIONS; k++) masks[row * ACTIONS + k] = this.allowed(m, k) ? 0 : 1;
    }
    return new Map([[COOP_SWITCH_BEHAVIOR, batch]]);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    if (behavior !== COOP_SWITCH_BEHAVIOR) {
      throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `coop-switch: applyActions: expected "${COOP_SWITCH_BEHAVIOR}", got "${behavior}"`);
    }
    const where = `coop-switch: behavior "${behavior}"`;
    validateActions(where, COOP_SWITCH_SPEC.actionSpec, this.decisionCount, actions);
    for (let d = 0; d < this.decisionCount; d++) {
      const m = this.decisionIds[d]!;
      const a = actions.discrete[d]!;
      if (!this.allowed(m, a)) throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `${where} agent ${m}: action ${a} is masked at cell ${this.cell[m]} (door ${this.door[(m / MEMBERS) | 0] ? 'open' : 'closed'})`);
    }
    for (let d = 0; d < this.decisionCount; d++) this.held[this.decisionIds[d]!] = actions.discrete[d]!;
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) this.simulateArea(a);
  }

  private simulateArea(area: number): void {
    const first = area * MEMBERS;
    this.stepCount[area]!++;
    let exited = false;
    for (let m = first; m < first + MEMBERS; m++) {
      if (!this.active[m]) continue;
      const move = this.held[m]!;
      if ((move === Action.LEFT || move === Action.RIGHT) && this.allowed(m, move)) this.cell[m]! += move === Action.LEFT ? -1 : 1;
      if (this.cell[m] === EXIT_CELL) exited = true;
    }
    for (let m = first; m < first + MEMBERS; m++) {
      if (this.active[m] && this.held[m] === Action.PRESS && this.allowed(m, Action.PRESS)) {
        this.door[area] = 1;
        this.active[m] = 0;
        this.endMember(m, 0);
      }
    }
    const timeUp = this.stepCount[area]! >= this.maxSteps[area]!;
    if (exited || timeUp) {
      const live: number[] = [];
      for (let m = first; m < first + MEMBERS; m++) if (this.active[m]) live.push(m);
      for (const m of live) this.active[m] = 0;
      for (const m of live) {
        if (exited) this.groupReward[m]! += 1;
        this.endMember(m, exited ? 0 : 1);
      }
      this.context.recordStat(SUCCESS_STAT, exited ? 1 : 0);
      this.beginArea(area);
    }
  }

  private allowed(m: number, action: number): boolean {
    const door = this.door[(m / MEMBERS) | 0]!;
    const c = this.cell[m]!;
    switch (action) {
      case Action.LEFT:
        return c > 0;
      case Action.RIGHT:
        return c < (door ? EXIT_CELL : EXIT_CELL - 1);
      case Action.PRESS:
        return c === SWITCH_CELL && !door;
      default:
        return action === Action.STAY;
    }
  }

  private observe(m: number, out: Float32Array, at: number): void {
    const area = (m / MEMBERS) | 0;
    const mate = m % MEMBERS === 0 ? m + 1 : m - 1;
    out[at] = this.cell[m]! / EXIT_CELL;
    out[at + 1] = this.active[mate] ? this.cell[mate]! / EXIT_CELL : 0;
    out[at + 2] = this.active[mate]!;
    out[at + 3] = this.door[area]!;
    out[at + 4] = this.stepCount[area]! / this.maxSteps[area]!;
  }

  private endMember(m: number, interrupted: 0 | 1): void {
    if (this.pending[m]) throw new ShivaError('SHIVA_ERR_ENV', `coop-switch: agent ${m} ended a second episode before its first terminal record was collected; collect() must follow every simulate()`);
    this.pending[m] = 1;
    this.pendingCount++;
    this.pendingInterrupted[m] = interrupted;
    this.pendingGroupReward[m] = this.groupReward[m]!;
    this.groupReward[m] = 0;
    this.observe(m, this.pendingObs, m * OBS_SIZE);
  }

  /** A new episode for both members of `area`: distinct random cells of 1..3, door closed. */
  private beginArea(area: number): void {
    const maxSteps = Math.round(this.context.parameter('max_steps', COOP_SWITCH_DEFAULTS.maxSteps));
    if (!Number.isFinite(maxSteps) || maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `coop-switch: environment parameter "max_steps": expected a number ≥ 1, got ${maxSteps}`);
    const rng = this.rngs[area]!;
    const firstCell = 1 + rng.int(3);
    const secondCell = 1 + ((firstCell - 1 + 1 + rng.int(2)) % 3);
    const first = area * MEMBERS;
    this.cell[first] = firstCell;
    this.cell[first + 1] = secondCell;
    this.door[area] = 0;
    this.stepCount[area] = 0;
    this.maxSteps[area] = maxSteps;
    for (let m = first; m < first + MEMBERS; m++) {
      this.active[m] = 1;
      this.held[m] = Action.STAY;
      this.groupReward[m] = 0;
    }
  }
}

export const createCoopSwitchScene: SceneFactory = (context, options) => new CoopSwitchScene(context, options);
