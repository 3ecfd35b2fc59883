/**
 * The scout mission (../shared/docs/scout-mission.md) as a Scene: red scouts must observe the objectives and
 * survive; blue defends them. Behaviors "Red?team=0" and "Blue?team=1", both with the observation of
 * scout-observation.ts and the branches move {NOOP, N, S, W, E} × look {N, S, W, E} × posture {stand, prone}.
 * Group ids: red agents of area a are group 2a + 1, blue ones 2a + 2. One simulate is one decision step
 * (4 sub-steps of fire, then movement: scout-world.ts); register it with decision period 1.
 *
 * Rewards (all × `reward_scale`), to each agent in its episode:
 *   - every step: +2 if it landed more hits than it took, −2 if it took more than it landed;
 *   - red: +10 for each objective it observes first (every red agent observing it that step);
 *   - −`violation_penalty` (2) for each rule it broke that step (firing with a civilian, or the trainee, in
 *     the line of fire);
 *   - at the end of the area's episode, to agents still alive: the health table on its team's remaining
 *     health (> 75%: +20, > 50%: +10, > 25%: +5, else +1); blue also gets the delay bonus 10 × (the step red
 *     completed its objectives, or max_steps when it did not) / max_steps;
 *   - group reward at the end, unscaled, to agents in the episode at that moment: +1 winners, −1 losers.
 * Endings: an agent whose health reaches 0 ends (done) and waits for the area to restart. The area ends
 * when red has observed every objective or blue is eliminated (red wins), red is eliminated (blue wins),
 * both fall in the same step (draw), or after `max_steps` (draw). The time limit is part of the mission, not a cut:
 * agents see the time left (observation: step / max_steps), and the draw is scored with the end rewards, so the
 * survivors' episodes end as terminal, not interrupted (a learner must not bootstrap past a scored ending).
 *
 * Environment parameters, read at each area episode start (scout-parameters.ts lists ranges and defaults):
 * map, map_size, map_seed, red_count, blue_count, civilians, trainee, difficulty, aggressiveness, max_steps,
 * red_health, blue_health, damage, blue_scripted, reward_scale, violation_penalty. With blue_scripted = 1 the
 * scene drives blue itself (scriptedBlueRow, from blue's own observations) and blue sends no records.
 *
 * Stats, one record per finished area episode (AVERAGE; SCOUT_STATS lists the keys): red win, loss and draw
 * (0/1), episode length, damage dealt and taken by each team, rules-of-engagement violations by team and rule,
 * the fraction of objectives observed, and how many steps of fire the trainee witnessed.
 */
import { validateActions, type ActionTuple } from '../../src/core/env/action-tuple.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch, type AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import type { ActionNames, SceneDrawing } from '../../src/core/env/scene-drawing.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { BUILTIN_MAP_NAMES, GENERATED_MAP, builtinMap, generatedMap } from './builtin-maps.js';
import { MOVE_NAMES, SCOUT_BRANCHES, SCOUT_MASK, SCOUT_OBS, writeMask, writeObservation } from './scout-observation.js';
import type { ScoutMap } from './scout-map.js';
import { BLUE, MAX_TEAM, RED, SLOTS_PER_AREA, ScoutWorld, teamOfSlot, type AreaSetup } from './scout-world.js';
import { SCOUT_PARAMETERS, readScoutParameter, type ScoutParameter } from './scout-parameters.js';
import { DELAY_BONUS, OBJECTIVE_REWARD, STEP_REWARD, healthReward } from './scout-rewards.js';
import { scriptedBlueRow } from './scripted-policies.js';
import { SCOUT_ACTION_NAMES, drawScout, scoutAgentActionNames } from './scout-drawing.js';

export const RED_BEHAVIOR = behaviorKey('Red', 0);
export const BLUE_BEHAVIOR = behaviorKey('Blue', 1);

const actionSpec = { continuousSize: 0, discreteBranches: [...SCOUT_BRANCHES] };
export const RED_SPEC: BehaviorSpec = { name: RED_BEHAVIOR, observationSpecs: [vectorObservation(SCOUT_OBS)], actionSpec };
export const BLUE_SPEC: BehaviorSpec = { name: BLUE_BEHAVIOR, observationSpecs: [vectorObservation(SCOUT_OBS)], actionSpec };

export const SCOUT_STATS = {
  redWin: 'Scout/Red/Win',
  redLoss: 'Scout/Red/Loss',
  draw: 'Scout/Red/Draw',
  episodeLength: 'Scout/Episode Length',
  redDamageDealt: 'Scout/Red/Damage Dealt',
  redDamageTaken: 'Scout/Red/Damage Taken',
  blueDamageDealt: 'Scout/Blue/Damage Dealt',
  blueDamageTaken: 'Scout/Blue/Damage Taken',
  redViolations: 'Scout/Red/ROE Violations',
  redCivilianViolations: 'Scout/Red/ROE Violations/Civilian in line of fire',
  redTraineeViolations: 'Scout/Red/ROE Violations/Trainee in line of fire',
  blueViolations: 'Scout/Blue/ROE Violations',
  blueCivilianViolations: 'Scout/Blue/ROE Violations/Civilian in line of fire',
  blueTraineeViolations: 'Scout/Blue/ROE Violations/Trainee in line of fire',
  objectivesObserved: 'Scout/Red/Objectives Observed',
  traineeWitnessed: 'Scout/Trainee/Steps of Fire Witnessed',
} as const;

export interface ScoutSceneConfig {
  /** Maps the `map` parameter picks from (index); default: the built-in maps, then a generated one. */
  readonly maps?: readonly ScoutMap[];
  /** Default of the `blue_scripted` parameter. */
  readonly blueScripted?: boolean;
}

const OUTCOME_RED = 0;
const OUTCOME_BLUE = 1;
const OUTCOME_DRAW = 2;

export class ScoutScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [RED_SPEC, BLUE_SPEC];
  readonly world: ScoutWorld;
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  // Per area.
  private readonly stepCount: Int32Array;
  private readonly maxSteps: Int32Array;
  private readonly blueScripted: Uint8Array;
  private readonly rewardScale: Float64Array;
  private readonly violationPenalty: Float64Array;
  /** Per area × team: damage dealt, damage taken, civilian and trainee violations this episode. */
  private readonly damageDealt: Float64Array;
  private readonly damageTaken: Float64Array;
  private readonly civilianViolations: Int32Array;
  private readonly traineeViolations: Int32Array;
  private readonly witnessed: Int32Array;
  /** Set by a collect that asked for decisions: the scene's own blue decides at the next simulate. */
  private readonly decideInternally: Uint8Array;
  // Per agent.
  private readonly reward: Float64Array;
  private readonly groupReward: Float64Array;
  private readonly heldMove: Int32Array;
  private readonly heldLook: Int32Array;
  private readonly heldPosture: Int32Array;
  private readonly wasAlive: Uint8Array;
  private readonly pending: Uint8Array;
  private readonly pendingReward: Float64Array;
  private readonly pendingGroupReward: Float64Array;
  private readonly pendingObs: Float32Array;
  private readonly pendingCount = new Int32Array(2);
  /** Agent ids of the decision rows of the last collect, per team. */
  private readonly decisionIds: [Int32Array, Int32Array];
  private readonly decisionCount = new Int32Array(2);
  private readonly scratchObs = new Float32Array(SCOUT_OBS);
  private readonly scratchMask = new Uint8Array(SCOUT_MASK);
  private readonly scratchAction = new Int32Array(3);
  private readonly emptyBatches = [emptyAgentInfoBatch(RED_SPEC), emptyAgentInfoBatch(BLUE_SPEC)] as const;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
    private readonly config: ScoutSceneConfig = {},
  ) {
    if (!Number.isInteger(options.numAreas) || options.numAreas < 1) {
      throw new ShivaError('SHIVA_ERR_ENV', `scout: numAreas: expected an integer ≥ 1, got ${options.numAreas}`);
    }
    if (config.maps !== undefined && config.maps.length === 0) throw new ShivaError('SHIVA_ERR_ENV', 'scout: maps: expected at least one map, got none');
    const n = (this.numAreas = options.numAreas);
    const agents = n * SLOTS_PER_AREA;
    this.world = new ScoutWorld(n, config.maps?.[0] ?? builtinMap(BUILTIN_MAP_NAMES[0]));
    // One stream per area, so that an area's episodes do not depend on how the other areas play.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.stepCount = new Int32Array(n);
    this.maxSteps = new Int32Array(n);
    this.blueScripted = new Uint8Array(n);
    this.rewardScale = new Float64Array(n);
    this.violationPenalty = new Float64Array(n);
    this.damageDealt = new Float64Array(n * 2);
    this.damageTaken = new Float64Array(n * 2);
    this.civilianViolations = new Int32Array(n * 2);
    this.traineeViolations = new Int32Array(n * 2);
    this.witnessed = new Int32Array(n);
    this.decideInternally = new Uint8Array(n);
    this.reward = new Float64Array(agents);
    this.groupReward = new Float64Array(agents);
    this.heldMove = new Int32Array(agents);
    this.heldLook = new Int32Array(agents);
    this.heldPosture = new Int32Array(agents);
    this.wasAlive = new Uint8Array(agents);
    this.pending = new Uint8Array(agents);
    this.pendingReward = new Float64Array(agents);
    this.pendingGroupReward = new Float64Array(agents);
    this.pendingObs = new Float32Array(agents * SCOUT_OBS);
    this.decisionIds = [new Int32Array(n * MAX_TEAM), new Int32Array(n * MAX_TEAM)];
    for (let a = 0; a < n; a++) this.beginArea(a);
  }

  reset(): void {
    this.pending.fill(0);
    this.pendingCount.fill(0);
    this.decisionCount.fill(0);
    this.decideInternally.fill(0);
    for (let a = 0; a < this.numAreas; a++) this.beginArea(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    if (requestDecisions) for (let a = 0; a < this.numAreas; a++) this.decideInternally[a] = this.blueScripted[a]!;
    return new Map([
      [RED_BEHAVIOR, this.collectTeam(RED, requestDecisions)],
      [BLUE_BEHAVIOR, this.collectTeam(BLUE, requestDecisions)],
    ]);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    const team: number = behavior === RED_BEHAVIOR ? RED : behavior === BLUE_BEHAVIOR ? BLUE : -1;
    if (team !== RED && team !== BLUE) throw new ShivaError('SHIVA_ERR_UNKNOWN_BEHAVIOR', `scout: applyActions: expected "${RED_BEHAVIOR}" or "${BLUE_BEHAVIOR}", got "${behavior}"`);
    const ids = this.decisionIds[team === RED ? 0 : 1];
    const count = this.decisionCount[team]!;
    const where = `scout: behavior "${behavior}"`;
    validateActions(where, actionSpec, count, actions);
    // Nothing has moved since the collect that sent the masks; every row is checked before any is applied.
    for (let i = 0; i < count; i++) {
      const agent = ids[i]!;
      const move = actions.discrete[i * 3]!;
      const map = this.world.maps[(agent / SLOTS_PER_AREA) | 0]!;
      if (move > 0 && map.neighbor(this.world.node[agent]!, move - 1) < 0) {
        throw new ShivaError('SHIVA_ERR_ACTION_VALUE', `${where} agent ${agent} branch 0: action ${move} (${MOVE_NAMES[move]}) is masked: waypoint ${this.world.node[agent]} of map "${map.name}" has no edge ${MOVE_NAMES[move]}`);
      }
    }
    for (let i = 0; i < count; i++) {
      const agent = ids[i]!;
      this.heldMove[agent] = actions.discrete[i * 3]!;
      this.heldLook[agent] = actions.discrete[i * 3 + 1]!;
      this.heldPosture[agent] = actions.discrete[i * 3 + 2]!;
    }
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) this.simulateArea(a);
  }

  draw(area: number): SceneDrawing {
    return drawScout(this.world, area, this.stepCount[area]!, this.maxSteps[area]!);
  }

  actionNames(behavior: string, agentId?: number): ActionNames | null {
    if (behavior !== RED_BEHAVIOR && behavior !== BLUE_BEHAVIOR) return null;
    return agentId !== undefined && agentId >= 0 && agentId < this.numAreas * SLOTS_PER_AREA ? scoutAgentActionNames(this.world, agentId) : SCOUT_ACTION_NAMES;
  }

  private simulateArea(area: number): void {
    const world = this.world;
    const first = area * SLOTS_PER_AREA;
    const last = first + SLOTS_PER_AREA;
    const rng = this.rngs[area]!;
    const time = this.stepCount[area]! / this.maxSteps[area]!;
    if (this.decideInternally[area]) {
      this.decideInternally[area] = 0;
      for (let agent = first + MAX_TEAM; agent < last; agent++) {
        if (!world.alive(agent)) continue;
        writeObservation(world, agent, time, this.scratchObs, 0);
        writeMask(world, agent, this.scratchMask, 0);
        scriptedBlueRow(this.scratchObs, 0, this.scratchMask, 0, rng, this.scratchAction, 0, {});
        this.heldMove[agent] = this.scratchAction[0]!;
        this.heldLook[agent] = this.scratchAction[1]!;
        this.heldPosture[agent] = this.scratchAction[2]!;
      }
    }
    for (let agent = first; agent < last; agent++) this.wasAlive[agent] = world.alive(agent) ? 1 : 0;
    world.step(area, this.heldMove, this.heldLook, this.heldPosture, rng);
    this.stepCount[area]!++;

    const scale = this.rewardScale[area]!;
    for (let agent = first; agent < last; agent++) {
      if (!this.wasAlive[agent]) continue;
      const team = teamOfSlot(agent - first);
      const dealt = world.hitsDealt[agent]!, taken = world.hitsTaken[agent]!;
      let r = dealt > taken ? STEP_REWARD : taken > dealt ? -STEP_REWARD : 0;
      r += OBJECTIVE_REWARD * world.newlyObserved[agent]!;
      r -= this.violationPenalty[area]! * (world.violatedCivilian[agent]! + world.violatedTrainee[agent]!);
      this.reward[agent]! += r * scale;
      this.damageDealt[area * 2 + team]! += dealt * world.damage[area]!;
      this.damageTaken[area * 2 + team]! += taken * world.damage[area]!;
      this.civilianViolations[area * 2 + team]! += world.violatedCivilian[agent]!;
      this.traineeViolations[area * 2 + team]! += world.violatedTrainee[agent]!;
    }
    this.witnessed[area]! += world.traineeWitnessed[area]!;

    const redAlive = world.teamAlive(area, RED);
    const blueAlive = world.teamAlive(area, BLUE);
    const allObserved = world.observedCount(area) === world.maps[area]!.objectives.length;
    let outcome = -1;
    if (redAlive === 0) outcome = blueAlive === 0 ? OUTCOME_DRAW : OUTCOME_BLUE;
    else if (allObserved || blueAlive === 0) outcome = OUTCOME_RED;
    else if (this.stepCount[area]! >= this.maxSteps[area]!) outcome = OUTCOME_DRAW;
    if (outcome < 0) {
      for (let agent = first; agent < last; agent++) if (this.wasAlive[agent] && !world.alive(agent)) this.endAgent(agent);
      return;
    }
    // The delay bonus: how long blue kept red from completing (the whole episode unless red completed).
    const delay = outcome === OUTCOME_RED && allObserved ? this.stepCount[area]! / this.maxSteps[area]! : 1;
    for (let agent = first; agent < last; agent++) {
      if (!this.wasAlive[agent]) continue;
      const team = teamOfSlot(agent - first);
      // Outcome codes equal the winning team's index (OUTCOME_RED = RED, OUTCOME_BLUE = BLUE).
      if (outcome !== OUTCOME_DRAW) this.groupReward[agent]! += outcome === team ? 1 : -1;
      if (world.alive(agent)) {
        this.reward[agent]! += healthReward(world.teamHealthFraction(area, team)) * scale;
        if (team === BLUE) this.reward[agent]! += DELAY_BONUS * delay * scale;
      }
      this.endAgent(agent);
    }
    this.finishArea(area, outcome);
  }

  private collectTeam(team: number, requestDecisions: boolean): AgentInfoBatch {
    const world = this.world;
    const spec = team === RED ? RED_SPEC : BLUE_SPEC;
    const ids = this.decisionIds[team]!;
    const slotFrom = team * MAX_TEAM;
    const pendingCount = this.pendingCount[team]!;
    let decisions = 0;
    if (requestDecisions) {
      for (let area = 0; area < this.numAreas; area++) {
        if (team === BLUE && this.blueScripted[area]) continue;
        for (let s = slotFrom; s < slotFrom + MAX_TEAM; s++) {
          const agent = area * SLOTS_PER_AREA + s;
          if (world.alive(agent)) ids[decisions++] = agent;
        }
      }
    }
    this.decisionCount[team] = decisions;
    if (pendingCount + decisions === 0) return this.emptyBatches[team]!;

    const batch = allocateAgentInfoBatch(spec, pendingCount + decisions, true);
    const obs = batch.observations[0]!;
    const masks = batch.actionMasks!;
    let row = 0;
    for (let area = 0; area < this.numAreas && row < pendingCount; area++) {
      for (let s = slotFrom; s < slotFrom + MAX_TEAM; s++) {
        const agent = area * SLOTS_PER_AREA + s;
        if (!this.pending[agent]) continue;
        this.pending[agent] = 0;
        batch.agentIds[row] = agent;
        batch.rewards[row] = this.pendingReward[agent]!;
        batch.groupRewards[row] = this.pendingGroupReward[agent]!;
        batch.groupIds[row] = 2 * area + 1 + team;
        batch.done[row] = 1;
        batch.maxStepReached[row] = 0; // every scout ending is scored, none a cut (see the header)
        obs.set(this.pendingObs.subarray(agent * SCOUT_OBS, (agent + 1) * SCOUT_OBS), row * SCOUT_OBS);
        row++;
      }
    }
    this.pendingCount[team] = 0;
    for (let d = 0; d < decisions; d++, row++) {
      const agent = ids[d]!;
      const area = (agent / SLOTS_PER_AREA) | 0;
      batch.agentIds[row] = agent;
      batch.rewards[row] = this.reward[agent]!;
      batch.groupRewards[row] = this.groupReward[agent]!;
      batch.groupIds[row] = 2 * area + 1 + team;
      this.reward[agent] = this.groupReward[agent] = 0;
      writeObservation(world, agent, this.stepCount[area]! / this.maxSteps[area]!, obs, row * SCOUT_OBS);
      writeMask(world, agent, masks, row * SCOUT_MASK);
    }
    return batch;
  }

  /** Queues the terminal record of `agent` (none for a blue agent the scene drives itself). */
  private endAgent(agent: number): void {
    const area = (agent / SLOTS_PER_AREA) | 0;
    const team = teamOfSlot(agent % SLOTS_PER_AREA);
    if (team === BLUE && this.blueScripted[area]) {
      this.reward[agent] = this.groupReward[agent] = 0;
      return;
    }
    if (this.pending[agent]) {
      throw new ShivaError('SHIVA_ERR_ENV', `scout: agent ${agent} ended a second episode before its first terminal record was collected; collect() must follow every simulate()`);
    }
    this.pending[agent] = 1;
    this.pendingCount[team]!++;
    this.pendingReward[agent] = this.reward[agent]!;
    this.pendingGroupReward[agent] = this.groupReward[agent]!;
    this.reward[agent] = this.groupReward[agent] = 0;
    writeObservation(this.world, agent, this.stepCount[area]! / this.maxSteps[area]!, this.pendingObs, agent * SCOUT_OBS);
  }

  private finishArea(area: number, outcome: number): void {
    const stat = (key: string, value: number) => this.context.recordStat(key, value);
    const world = this.world;
    stat(SCOUT_STATS.redWin, outcome === OUTCOME_RED ? 1 : 0);
    stat(SCOUT_STATS.redLoss, outcome === OUTCOME_BLUE ? 1 : 0);
    stat(SCOUT_STATS.draw, outcome === OUTCOME_DRAW ? 1 : 0);
    stat(SCOUT_STATS.episodeLength, this.stepCount[area]!);
    stat(SCOUT_STATS.redDamageDealt, this.damageDealt[area * 2 + RED]!);
    stat(SCOUT_STATS.redDamageTaken, this.damageTaken[area * 2 + RED]!);
    stat(SCOUT_STATS.blueDamageDealt, this.damageDealt[area * 2 + BLUE]!);
    stat(SCOUT_STATS.blueDamageTaken, this.damageTaken[area * 2 + BLUE]!);
    const civ = this.civilianViolations, tr = this.traineeViolations;
    stat(SCOUT_STATS.redViolations, civ[area * 2 + RED]! + tr[area * 2 + RED]!);
    stat(SCOUT_STATS.redCivilianViolations, civ[area * 2 + RED]!);
    stat(SCOUT_STATS.redTraineeViolations, tr[area * 2 + RED]!);
    stat(SCOUT_STATS.blueViolations, civ[area * 2 + BLUE]! + tr[area * 2 + BLUE]!);
    stat(SCOUT_STATS.blueCivilianViolations, civ[area * 2 + BLUE]!);
    stat(SCOUT_STATS.blueTraineeViolations, tr[area * 2 + BLUE]!);
    stat(SCOUT_STATS.objectivesObserved, world.observedCount(area) / world.maps[area]!.objectives.length);
    if (world.traineePresent[area]) stat(SCOUT_STATS.traineeWitnessed, this.witnessed[area]!);
    this.beginArea(area);
  }

  /** A new episode of `area`: parameters read anew, teams placed, actions and tallies cleared. */
  private beginArea(area: number): void {
    const p = (key: ScoutParameter) => this.readParameter(key);
    const setup: AreaSetup = {
      map: this.chooseMap(p('map'), p('map_size'), p('map_seed')),
      redCount: p('red_count'),
      blueCount: p('blue_count'),
      civilians: p('civilians'),
      trainee: p('trainee') === 1,
      redHealth: p('red_health'),
      blueHealth: p('blue_health'),
      damage: p('damage'),
      difficulty: p('difficulty'),
      aggressiveness: p('aggressiveness'),
    };
    this.maxSteps[area] = p('max_steps');
    this.blueScripted[area] = p('blue_scripted');
    this.rewardScale[area] = p('reward_scale');
    this.violationPenalty[area] = p('violation_penalty');
    this.stepCount[area] = 0;
    for (const arr of [this.damageDealt, this.damageTaken, this.civilianViolations, this.traineeViolations]) arr.fill(0, area * 2, area * 2 + 2);
    this.witnessed[area] = 0;
    this.world.place(area, setup, this.rngs[area]!);
    for (let agent = area * SLOTS_PER_AREA; agent < (area + 1) * SLOTS_PER_AREA; agent++) {
      this.reward[agent] = this.groupReward[agent] = 0;
      // Unity clears an agent's stored action when its episode begins; here it keeps looking where it was placed.
      this.heldMove[agent] = 0;
      this.heldLook[agent] = this.world.look[agent]!;
      this.heldPosture[agent] = 0;
    }
  }

  private chooseMap(index: number, size: number, seed: number): ScoutMap {
    let map: ScoutMap;
    if (this.config.maps) {
      map = this.config.maps[index]!;
    } else {
      map = index === GENERATED_MAP ? generatedMap(size, seed) : builtinMap(BUILTIN_MAP_NAMES[index]!);
    }
    if (map.connectivity !== 4) {
      throw new ShivaError('SHIVA_ERR_ENV', `scout: map "${map.name}" (${map.source}): connectivity: expected 4 (the move branch is NOOP, N, S, W, E), got ${map.connectivity}`);
    }
    return map;
  }

  private readParameter(key: ScoutParameter): number {
    const fallback = key === 'blue_scripted' && this.config.blueScripted !== undefined ? Number(this.config.blueScripted) : SCOUT_PARAMETERS[key].fallback;
    const maps = this.config.maps;
    return key === 'map' && maps ? readScoutParameter(this.context, key, fallback, maps.length - 1) : readScoutParameter(this.context, key, fallback);
  }
}

/** A scene factory with maps or defaults of one's own (the registry uses createScoutScene). */
export function scoutSceneFactory(config: ScoutSceneConfig = {}): SceneFactory {
  return (context, options) => new ScoutScene(context, options, config);
}

export const createScoutScene: SceneFactory = scoutSceneFactory();
