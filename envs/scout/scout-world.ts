/**
 * The state of every scout-mission area in flat typed arrays, and what happens in one decision step:
 * engagement (4 sub-steps of fire), then movement, then objectives. Episode rules (rewards, outcomes,
 * records, parameters) live in scout-scene.ts; this file knows the board and the engagement model.
 *
 * Fire comes before movement within a step on purpose: everyone fires from the waypoints they were observed
 * at, so what an agent observed when it chose where to look (targets and who is in the line of fire in each
 * look cone) is exactly what its shots meet. That is what lets a reasoning layer guarantee zero violations
 * from observations alone.
 *
 * Agent slots: agent id = area × SLOTS_PER_AREA + slot; red slots 0..3, blue slots 4..7. A slot beyond the
 * episode's team size is not present.
 */
import type { Rng } from '../../src/core/runtime/rng.js';
import { ENGAGE_RANGE, blueAccuracy, hitProbability, inLineOfFire, inLookCone } from './engagement.js';
import { MAX_OBJECTIVES, type ScoutMap } from './scout-map.js';

export const MAX_TEAM = 4;
export const SLOTS_PER_AREA = 2 * MAX_TEAM;
export const MAX_CIVILIANS = 4;
export const SUB_STEPS = 4;
/** Enemies are seen by the whole team from any member with line of sight within this distance. */
export const SIGHT_RANGE = 300;
/** Chance per step that a civilian, or the trainee, walks to a random neighbouring waypoint. */
export const CIVILIAN_MOVE_CHANCE = 0.5;
export const TRAINEE_MOVE_CHANCE = 0.25;

export const RED = 0;
export const BLUE = 1;

export const teamOfSlot = (slot: number) => (slot < MAX_TEAM ? RED : BLUE);

/** What an area episode is set up with (read from environment parameters at its start). */
export interface AreaSetup {
  readonly map: ScoutMap;
  readonly redCount: number;
  readonly blueCount: number;
  readonly civilians: number;
  readonly trainee: boolean;
  readonly redHealth: number;
  readonly blueHealth: number;
  readonly damage: number;
  readonly difficulty: number;
  readonly aggressiveness: number;
}

export class ScoutWorld {
  readonly maps: ScoutMap[];
  readonly difficulty: Float64Array;
  readonly aggressiveness: Float64Array;
  readonly damage: Float64Array;
  /** Per area × team: the health an agent starts with. */
  readonly maxHealth: Float64Array;
  /** Per area × MAX_OBJECTIVES: 1 once observed. */
  readonly observed: Uint8Array;
  readonly traineePresent: Uint8Array;
  readonly traineeNode: Int32Array;
  /** Per area × MAX_CIVILIANS. */
  readonly civilianPresent: Uint8Array;
  readonly civilianNode: Int32Array;
  // Per agent.
  readonly present: Uint8Array;
  readonly node: Int32Array;
  readonly health: Float64Array;
  readonly prone: Uint8Array;
  readonly look: Int32Array;
  /** Blue: index of the patrol route (−1: hold at home) and of the waypoint it walks to. */
  readonly route: Int32Array;
  readonly waypoint: Int32Array;
  readonly home: Int32Array;
  // What the last step did, per agent.
  readonly hitsDealt: Int32Array;
  readonly hitsTaken: Int32Array;
  readonly fired: Uint8Array;
  /** Where the agent's last shot of the last step went: its waypoint then and its target's (−1 when it did not fire). */
  readonly fireFrom: Int32Array;
  readonly fireTo: Int32Array;
  readonly violatedCivilian: Uint8Array;
  readonly violatedTrainee: Uint8Array;
  readonly newlyObserved: Int32Array;
  /** Per area: whether the trainee saw any shot fired in the last step. */
  readonly traineeWitnessed: Uint8Array;
  private readonly pendingDamage = new Float64Array(SLOTS_PER_AREA);

  constructor(readonly numAreas: number, initialMap: ScoutMap) {
    const agents = numAreas * SLOTS_PER_AREA;
    this.maps = Array.from({ length: numAreas }, () => initialMap);
    this.difficulty = new Float64Array(numAreas);
    this.aggressiveness = new Float64Array(numAreas);
    this.damage = new Float64Array(numAreas);
    this.maxHealth = new Float64Array(numAreas * 2);
    this.observed = new Uint8Array(numAreas * MAX_OBJECTIVES);
    this.traineePresent = new Uint8Array(numAreas);
    this.traineeNode = new Int32Array(numAreas);
    this.civilianPresent = new Uint8Array(numAreas * MAX_CIVILIANS);
    this.civilianNode = new Int32Array(numAreas * MAX_CIVILIANS);
    this.present = new Uint8Array(agents);
    this.node = new Int32Array(agents);
    this.health = new Float64Array(agents);
    this.prone = new Uint8Array(agents);
    this.look = new Int32Array(agents);
    this.route = new Int32Array(agents);
    this.waypoint = new Int32Array(agents);
    this.home = new Int32Array(agents);
    this.hitsDealt = new Int32Array(agents);
    this.hitsTaken = new Int32Array(agents);
    this.fired = new Uint8Array(agents);
    this.fireFrom = new Int32Array(agents).fill(-1);
    this.fireTo = new Int32Array(agents).fill(-1);
    this.violatedCivilian = new Uint8Array(agents);
    this.violatedTrainee = new Uint8Array(agents);
    this.newlyObserved = new Int32Array(agents);
    this.traineeWitnessed = new Uint8Array(numAreas);
  }

  /** Whether the agent is present and has health left. */
  alive(agent: number): boolean {
    return this.present[agent] === 1 && this.health[agent]! > 0;
  }

  teamAlive(area: number, team: number): number {
    let n = 0;
    const first = area * SLOTS_PER_AREA + team * MAX_TEAM;
    for (let a = first; a < first + MAX_TEAM; a++) if (this.alive(a)) n++;
    return n;
  }

  /** Remaining health of a team as a fraction of what it started with. */
  teamHealthFraction(area: number, team: number): number {
    let sum = 0, max = 0;
    const first = area * SLOTS_PER_AREA + team * MAX_TEAM;
    for (let a = first; a < first + MAX_TEAM; a++) {
      if (!this.present[a]) continue;
      sum += Math.max(0, this.health[a]!);
      max += this.maxHealth[area * 2 + team]!;
    }
    return max > 0 ? sum / max : 0;
  }

  /** Places a new episode of `area`: teams at their spawns, civilians, trainee; nothing observed yet. */
  place(area: number, setup: AreaSetup, rng: Rng): void {
    const map = setup.map;
    this.maps[area] = map;
    this.difficulty[area] = setup.difficulty;
    this.aggressiveness[area] = setup.aggressiveness;
    this.damage[area] = setup.damage;
    this.maxHealth[area * 2 + RED] = setup.redHealth;
    this.maxHealth[area * 2 + BLUE] = setup.blueHealth;
    this.observed.fill(0, area * MAX_OBJECTIVES, (area + 1) * MAX_OBJECTIVES);
    const first = area * SLOTS_PER_AREA;
    const red = shuffled(map.redSpawns, rng);
    const blue = shuffled(map.blueSpawns, rng);
    for (let slot = 0; slot < SLOTS_PER_AREA; slot++) {
      const agent = first + slot;
      const team = teamOfSlot(slot);
      const k = slot - team * MAX_TEAM;
      const present = k < (team === RED ? setup.redCount : setup.blueCount);
      this.present[agent] = present ? 1 : 0;
      this.health[agent] = present ? (team === RED ? setup.redHealth : setup.blueHealth) : 0;
      this.prone[agent] = 0;
      // Red starts looking north (toward the objectives), blue south (toward red's approach).
      this.look[agent] = team === RED ? 0 : 1;
      const spawns = team === RED ? red : blue;
      this.node[agent] = this.home[agent] = spawns[k % spawns.length]!;
      this.route[agent] = team === BLUE && map.patrols.length > 0 ? k % map.patrols.length : -1;
      this.waypoint[agent] = 0;
      this.clearStepRecord(agent);
    }
    for (let c = 0; c < MAX_CIVILIANS; c++) {
      const i = area * MAX_CIVILIANS + c;
      this.civilianPresent[i] = c < setup.civilians ? 1 : 0;
      this.civilianNode[i] = c < setup.civilians ? randomSpawn(map, map.civilianSpawns, rng) : 0;
    }
    this.traineePresent[area] = setup.trainee ? 1 : 0;
    this.traineeNode[area] = setup.trainee ? randomSpawn(map, map.traineeSpawns, rng) : 0;
    this.traineeWitnessed[area] = 0;
  }

  /**
   * One decision step of `area` with the agents' chosen moves (0 NOOP, 1..4 N S W E), looks (0..3 N S W E)
   * and postures (0 stand, 1 prone), indexed by agent id. Moves must be allowed (the scene checks masks).
   */
  step(area: number, moves: Int32Array, looks: Int32Array, postures: Int32Array, rng: Rng): void {
    const map = this.maps[area]!;
    const first = area * SLOTS_PER_AREA;
    const last = first + SLOTS_PER_AREA;
    for (let a = first; a < last; a++) {
      this.clearStepRecord(a);
      if (!this.alive(a)) continue;
      this.look[a] = looks[a]!;
      this.prone[a] = postures[a]! === 1 ? 1 : 0;
    }
    this.traineeWitnessed[area] = 0;
    for (let sub = 0; sub < SUB_STEPS; sub++) {
      // Everyone fires at once; damage lands after all shots of the sub-step.
      this.pendingDamage.fill(0);
      for (let a = first; a < last; a++) {
        if (!this.alive(a)) continue;
        const target = this.nearestTargetInCone(a, this.look[a]!);
        if (target < 0) continue;
        this.fired[a] = 1;
        this.fireFrom[a] = this.node[a]!;
        this.fireTo[a] = this.node[target]!;
        if (this.civilianInLine(a, target)) this.violatedCivilian[a] = 1;
        if (this.traineeInLine(a, target)) this.violatedTrainee[a] = 1;
        if (this.traineePresent[area] && (this.traineeSees(area, this.node[a]!) || this.traineeSees(area, this.node[target]!))) this.traineeWitnessed[area] = 1;
        if (rng.next() < this.hitChance(a, target)) {
          this.pendingDamage[target - first]! += this.damage[area]!;
          this.hitsDealt[a]!++;
          this.hitsTaken[target]!++;
        }
      }
      for (let s = 0; s < SLOTS_PER_AREA; s++) {
        if (this.pendingDamage[s]! > 0) this.health[first + s] = Math.max(0, this.health[first + s]! - this.pendingDamage[s]!);
      }
    }
    // Movement: prone agents stay down (getting up to move takes a standing step).
    for (let a = first; a < last; a++) {
      if (!this.alive(a) || this.prone[a] || moves[a]! === 0) continue;
      const next = map.neighbor(this.node[a]!, moves[a]! - 1);
      if (next >= 0) this.node[a] = next;
    }
    for (let c = area * MAX_CIVILIANS; c < (area + 1) * MAX_CIVILIANS; c++) {
      if (this.civilianPresent[c]) this.civilianNode[c] = wander(map, this.civilianNode[c]!, CIVILIAN_MOVE_CHANCE, rng);
    }
    if (this.traineePresent[area]) this.traineeNode[area] = wander(map, this.traineeNode[area]!, TRAINEE_MOVE_CHANCE, rng);
    for (let a = first + MAX_TEAM; a < last; a++) {
      const route = this.route[a]!;
      if (route < 0 || !this.alive(a)) continue;
      const waypoints = map.patrols[route]!;
      if (this.node[a] === waypoints[this.waypoint[a]!]) this.waypoint[a] = (this.waypoint[a]! + 1) % waypoints.length;
    }
    // Objectives: observed by a living red agent with line of sight within the objective's range.
    for (let o = 0; o < map.objectives.length; o++) {
      if (this.observed[area * MAX_OBJECTIVES + o]) continue;
      const objective = map.objectives[o]!;
      for (let a = first; a < first + MAX_TEAM; a++) {
        if (!this.alive(a)) continue;
        if (map.distance(this.node[a]!, objective.node) <= objective.range && map.canSee(this.node[a]!, objective.node)) {
          this.observed[area * MAX_OBJECTIVES + o] = 1;
          this.newlyObserved[a]!++;
        }
      }
    }
  }

  observedCount(area: number): number {
    let n = 0;
    for (let o = 0; o < MAX_OBJECTIVES; o++) n += this.observed[area * MAX_OBJECTIVES + o]!;
    return n;
  }

  /** Whether `target` is an enemy `shooter` could fire at when looking `look` (alive, in cone, in sight, in range). */
  engageable(shooter: number, target: number, look: number): boolean {
    if (!this.alive(target)) return false;
    const area = (shooter / SLOTS_PER_AREA) | 0;
    const map = this.maps[area]!;
    const u = this.node[shooter]!, v = this.node[target]!;
    if (map.distance(u, v) > ENGAGE_RANGE || !map.canSee(u, v)) return false;
    return inLookCone(map.x[v]! - map.x[u]!, map.y[v]! - map.y[u]!, look);
  }

  /** The nearest enemy `shooter` could fire at when looking `look`, or −1 (ties: the lower slot). */
  nearestTargetInCone(shooter: number, look: number): number {
    const area = (shooter / SLOTS_PER_AREA) | 0;
    const map = this.maps[area]!;
    const enemyFirst = area * SLOTS_PER_AREA + (teamOfSlot(shooter % SLOTS_PER_AREA) === RED ? MAX_TEAM : 0);
    let best = -1, bestD = Infinity;
    for (let e = enemyFirst; e < enemyFirst + MAX_TEAM; e++) {
      if (!this.engageable(shooter, e, look)) continue;
      const d = map.distance(this.node[shooter]!, this.node[e]!);
      if (d < bestD) [best, bestD] = [e, d];
    }
    return best;
  }

  hitChance(shooter: number, target: number): number {
    const area = (shooter / SLOTS_PER_AREA) | 0;
    const map = this.maps[area]!;
    const u = this.node[shooter]!, v = this.node[target]!;
    const team = teamOfSlot(shooter % SLOTS_PER_AREA);
    return hitProbability({
      distance: map.distance(u, v),
      shooterProne: this.prone[shooter] === 1,
      targetProne: this.prone[target] === 1,
      targetFacingShooter: inLookCone(map.x[u]! - map.x[v]!, map.y[u]! - map.y[v]!, this.look[target]!),
      targetCover: map.cover[v]!,
      shooterHealth: this.health[shooter]! / this.maxHealth[area * 2 + team]!,
      accuracy: team === RED ? 1 : blueAccuracy(this.difficulty[area]!),
    });
  }

  civilianInLine(shooter: number, target: number): boolean {
    const area = (shooter / SLOTS_PER_AREA) | 0;
    for (let c = area * MAX_CIVILIANS; c < (area + 1) * MAX_CIVILIANS; c++) {
      if (this.civilianPresent[c] && this.personInLine(area, shooter, target, this.civilianNode[c]!)) return true;
    }
    return false;
  }

  traineeInLine(shooter: number, target: number): boolean {
    const area = (shooter / SLOTS_PER_AREA) | 0;
    return this.traineePresent[area] === 1 && this.personInLine(area, shooter, target, this.traineeNode[area]!);
  }

  /** Whether any living member of `team` sees `node` within SIGHT_RANGE. */
  teamSees(area: number, team: number, node: number): boolean {
    const map = this.maps[area]!;
    const first = area * SLOTS_PER_AREA + team * MAX_TEAM;
    for (let a = first; a < first + MAX_TEAM; a++) {
      if (this.alive(a) && map.distance(this.node[a]!, node) <= SIGHT_RANGE && map.canSee(this.node[a]!, node)) return true;
    }
    return false;
  }

  private traineeSees(area: number, node: number): boolean {
    const map = this.maps[area]!;
    const t = this.traineeNode[area]!;
    return map.distance(t, node) <= SIGHT_RANGE && map.canSee(t, node);
  }

  private personInLine(area: number, shooter: number, target: number, person: number): boolean {
    const map = this.maps[area]!;
    const u = this.node[shooter]!, v = this.node[target]!;
    return inLineOfFire(map.x[u]!, map.y[u]!, map.x[v]!, map.y[v]!, map.x[person]!, map.y[person]!);
  }

  private clearStepRecord(agent: number): void {
    this.hitsDealt[agent] = 0;
    this.hitsTaken[agent] = 0;
    this.fired[agent] = 0;
    this.fireFrom[agent] = -1;
    this.fireTo[agent] = -1;
    this.violatedCivilian[agent] = 0;
    this.violatedTrainee[agent] = 0;
    this.newlyObserved[agent] = 0;
  }
}

function shuffled(ids: Int32Array, rng: Rng): Int32Array {
  const out = Int32Array.from(ids);
  rng.shuffle(out);
  return out;
}

/** A spawn from `list`, or any waypoint when the map lists none. */
function randomSpawn(map: ScoutMap, list: Int32Array, rng: Rng): number {
  return list.length > 0 ? list[rng.int(list.length)]! : rng.int(map.nodeCount);
}

/** With probability `chance`, a step to a random neighbour; the draws are the same whether or not it moves. */
function wander(map: ScoutMap, node: number, chance: number, rng: Rng): number {
  const go = rng.next() < chance;
  const pick = rng.next();
  if (!go) return node;
  let count = 0;
  for (let d = 0; d < map.connectivity; d++) if (map.neighbor(node, d) >= 0) count++;
  if (count === 0) return node;
  let k = Math.floor(pick * count);
  for (let d = 0; d < map.connectivity; d++) {
    const v = map.neighbor(node, d);
    if (v >= 0 && k-- === 0) return v;
  }
  return node;
}
