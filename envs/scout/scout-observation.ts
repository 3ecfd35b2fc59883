/**
 * What a scout-mission agent observes: one vector of SCOUT_OBS = 114 floats, the same layout for red and
 * blue (each from its own side), and its action mask. Positions are offsets in map units divided by the
 * map's extent (the larger side of its bounding box), so coarse and fine layers of one terrain read alike.
 *
 * | offset | size   | contents                                                                                 |
 * |--------|--------|------------------------------------------------------------------------------------------|
 * | 0      | 10     | self: x, y (from the map's south-west corner, / extent), health fraction, prone,         |
 * |        |        | look one-hot (N, S, W, E), cover at its waypoint, time (step / max steps)               |
 * | 10     | 4 × 3  | per move direction N, S, W, E: edge exists, neighbour's cover, neighbour exposed (a      |
 * |        |        | visible enemy could see it within 300)                                                  |
 * | 22     | 4 × 4  | per look direction N, S, W, E (what firing that way would do): target present, nearest   |
 * |        |        | target's distance / 300, civilian in a line of fire, trainee in a line of fire           |
 * | 38     | 5 + 5  | guidance one-hots over moves (NOOP, N, S, W, E): first step of a shortest path to the    |
 * |        |        | team's goal (red: nearest unobserved objective; blue: next patrol waypoint, or home),   |
 * |        |        | then to the nearest visible enemy (NOOP when none)                                       |
 * | 48     | 3 × 4  | teammates (the other slots of its team, in slot order): in play, dx, dy, health fraction |
 * | 60     | 4 × 5  | enemies (slot order): visible to its team, dx, dy, health fraction, prone (0s unless visible) |
 * | 80     | 4 × 3  | civilians: visible to its team, dx, dy                                                    |
 * | 92     | 3      | trainee: present, dx, dy (always perceived)                                              |
 * | 95     | 4 × 4  | objectives: present, dx, dy, observed                                                    |
 * | 111    | 3      | scenario: difficulty, aggressiveness, team (0 red, 1 blue)                               |
 *
 * Mask (1 = not allowed): move NOOP always allowed, a direction only where the waypoint has an edge; every
 * look and posture allowed.
 */
import { ENGAGE_RANGE } from './engagement.js';
import { MAX_DIRECTIONS, MAX_OBJECTIVES } from './scout-map.js';
import { BLUE, MAX_CIVILIANS, MAX_TEAM, RED, SLOTS_PER_AREA, teamOfSlot, type ScoutWorld } from './scout-world.js';

export const MOVE_NAMES = ['NOOP', 'north', 'south', 'west', 'east'] as const;
export const LOOK_NAMES = ['north', 'south', 'west', 'east'] as const;
export const POSTURE_NAMES = ['stand', 'prone'] as const;
export const MOVE_COUNT = MOVE_NAMES.length;
export const LOOK_COUNT = LOOK_NAMES.length;
export const POSTURE_COUNT = POSTURE_NAMES.length;
export const SCOUT_BRANCHES = [MOVE_COUNT, LOOK_COUNT, POSTURE_COUNT] as const;
export const SCOUT_MASK = MOVE_COUNT + LOOK_COUNT + POSTURE_COUNT;

export const OBS_SELF = 0;
export const OBS_NEIGHBOURS = 10;
export const OBS_CONES = 22;
export const OBS_GOAL_MOVE = 38;
export const OBS_ENEMY_MOVE = 43;
export const OBS_TEAMMATES = 48;
export const OBS_ENEMIES = 60;
export const OBS_CIVILIANS = 80;
export const OBS_TRAINEE = 92;
export const OBS_OBJECTIVES = 95;
export const OBS_SCENARIO = 111;
export const SCOUT_OBS = 114;
/** Floats per entry of the repeated groups. */
export const NEIGHBOUR_WIDTH = 3;
export const CONE_WIDTH = 4;
export const TEAMMATE_WIDTH = 4;
export const ENEMY_WIDTH = 5;
export const CIVILIAN_WIDTH = 3;
export const OBJECTIVE_WIDTH = 4;

/**
 * A name for each of the SCOUT_OBS values, in the table's order (`shiva explain` labels traced observations with
 * them): self_x, …, look_north_civilian_in_line (22 + 2), …, objective4_observed, team.
 */
export const SCOUT_OBSERVATION_LABELS: readonly string[] = (() => {
  const dirs = LOOK_NAMES;
  const moves = MOVE_NAMES.map((m) => m.toLowerCase());
  const labels = ['self_x', 'self_y', 'self_health', 'self_prone', ...dirs.map((d) => `self_look_${d}`), 'self_cover', 'time'];
  for (const d of dirs) labels.push(`move_${d}_edge`, `move_${d}_cover`, `move_${d}_exposed`);
  for (const d of dirs) labels.push(`look_${d}_target`, `look_${d}_target_distance`, `look_${d}_civilian_in_line`, `look_${d}_trainee_in_line`);
  for (const m of moves) labels.push(`goal_move_${m}`);
  for (const m of moves) labels.push(`enemy_move_${m}`);
  for (let i = 1; i < MAX_TEAM; i++) labels.push(`teammate${i}_in_play`, `teammate${i}_dx`, `teammate${i}_dy`, `teammate${i}_health`);
  for (let i = 1; i <= MAX_TEAM; i++) labels.push(`enemy${i}_visible`, `enemy${i}_dx`, `enemy${i}_dy`, `enemy${i}_health`, `enemy${i}_prone`);
  for (let i = 1; i <= MAX_CIVILIANS; i++) labels.push(`civilian${i}_visible`, `civilian${i}_dx`, `civilian${i}_dy`);
  labels.push('trainee_present', 'trainee_dx', 'trainee_dy');
  for (let i = 1; i <= MAX_OBJECTIVES; i++) labels.push(`objective${i}_present`, `objective${i}_dx`, `objective${i}_dy`, `objective${i}_observed`);
  labels.push('difficulty', 'aggressiveness', 'team');
  return labels;
})();

/** Writes the observation of `agent` at `out[offset..]`; `time` is step / max steps. */
export function writeObservation(world: ScoutWorld, agent: number, time: number, out: Float32Array, offset: number): void {
  out.fill(0, offset, offset + SCOUT_OBS);
  const area = (agent / SLOTS_PER_AREA) | 0;
  const slot = agent % SLOTS_PER_AREA;
  const team = teamOfSlot(slot);
  const enemyTeam = team === RED ? BLUE : RED;
  const map = world.maps[area]!;
  const first = area * SLOTS_PER_AREA;
  const node = world.node[agent]!;
  const ext = map.extent;
  const rel = (other: number, at: number) => {
    out[at] = (map.x[other]! - map.x[node]!) / ext;
    out[at + 1] = (map.y[other]! - map.y[node]!) / ext;
  };

  let o = offset + OBS_SELF;
  out[o] = (map.x[node]! - map.minX) / ext;
  out[o + 1] = (map.y[node]! - map.minY) / ext;
  out[o + 2] = world.health[agent]! / world.maxHealth[area * 2 + team]!;
  out[o + 3] = world.prone[agent]!;
  out[o + 4 + world.look[agent]!] = 1;
  out[o + 8] = map.cover[node]!;
  out[o + 9] = time;

  const enemyFirst = first + enemyTeam * MAX_TEAM;
  const visible = [false, false, false, false];
  for (let k = 0; k < MAX_TEAM; k++) visible[k] = world.alive(enemyFirst + k) && world.teamSees(area, team, world.node[enemyFirst + k]!);

  o = offset + OBS_NEIGHBOURS;
  for (let d = 0; d < 4; d++, o += NEIGHBOUR_WIDTH) {
    const v = map.neighbor(node, d);
    if (v < 0) continue;
    out[o] = 1;
    out[o + 1] = map.cover[v]!;
    for (let k = 0; k < MAX_TEAM; k++) {
      const e = world.node[enemyFirst + k]!;
      if (visible[k] && map.distance(e, v) <= ENGAGE_RANGE && map.canSee(e, v)) out[o + 2] = 1;
    }
  }

  o = offset + OBS_CONES;
  for (let look = 0; look < 4; look++, o += CONE_WIDTH) {
    let nearest = Infinity;
    for (let e = enemyFirst; e < enemyFirst + MAX_TEAM; e++) {
      if (!world.engageable(agent, e, look)) continue;
      out[o] = 1;
      nearest = Math.min(nearest, map.distance(node, world.node[e]!));
      // Any target of the cone, not only the nearest: if the nearest falls mid-step the next one is fired at.
      if (world.civilianInLine(agent, e)) out[o + 2] = 1;
      if (world.traineeInLine(agent, e)) out[o + 3] = 1;
    }
    if (out[o] === 1) out[o + 1] = nearest / ENGAGE_RANGE;
  }

  out[offset + OBS_GOAL_MOVE + goalMove(world, agent)] = 1;
  out[offset + OBS_ENEMY_MOVE + enemyMove(world, agent, visible)] = 1;

  o = offset + OBS_TEAMMATES;
  const teamFirst = first + team * MAX_TEAM;
  for (let a = teamFirst; a < teamFirst + MAX_TEAM; a++) {
    if (a === agent) continue;
    if (world.alive(a)) {
      out[o] = 1;
      rel(world.node[a]!, o + 1);
      out[o + 3] = world.health[a]! / world.maxHealth[area * 2 + team]!;
    }
    o += TEAMMATE_WIDTH;
  }

  o = offset + OBS_ENEMIES;
  for (let k = 0; k < MAX_TEAM; k++, o += ENEMY_WIDTH) {
    if (!visible[k]) continue;
    const e = enemyFirst + k;
    out[o] = 1;
    rel(world.node[e]!, o + 1);
    out[o + 3] = world.health[e]! / world.maxHealth[area * 2 + enemyTeam]!;
    out[o + 4] = world.prone[e]!;
  }

  o = offset + OBS_CIVILIANS;
  for (let c = 0; c < MAX_CIVILIANS; c++, o += CIVILIAN_WIDTH) {
    const i = area * MAX_CIVILIANS + c;
    if (!world.civilianPresent[i] || !world.teamSees(area, team, world.civilianNode[i]!)) continue;
    out[o] = 1;
    rel(world.civilianNode[i]!, o + 1);
  }

  o = offset + OBS_TRAINEE;
  if (world.traineePresent[area]) {
    out[o] = 1;
    rel(world.traineeNode[area]!, o + 1);
  }

  o = offset + OBS_OBJECTIVES;
  for (let k = 0; k < map.objectives.length; k++, o += OBJECTIVE_WIDTH) {
    out[o] = 1;
    rel(map.objectives[k]!.node, o + 1);
    out[o + 3] = world.observed[area * MAX_OBJECTIVES + k]!;
  }

  o = offset + OBS_SCENARIO;
  out[o] = world.difficulty[area]!;
  out[o + 1] = world.aggressiveness[area]!;
  out[o + 2] = team;
}

/** Writes the action mask of `agent` (SCOUT_MASK bytes, 1 = not allowed) at `out[offset..]`. */
export function writeMask(world: ScoutWorld, agent: number, out: Uint8Array, offset: number): void {
  const map = world.maps[(agent / SLOTS_PER_AREA) | 0]!;
  const node = world.node[agent]!;
  out.fill(0, offset, offset + SCOUT_MASK);
  for (let d = 0; d < 4; d++) out[offset + 1 + d] = map.neighbors[node * MAX_DIRECTIONS + d]! < 0 ? 1 : 0;
}

/** Red: toward the nearest unobserved objective (by hops); blue: toward its next patrol waypoint, or home. */
export function goalMove(world: ScoutWorld, agent: number): number {
  const area = (agent / SLOTS_PER_AREA) | 0;
  const map = world.maps[area]!;
  const node = world.node[agent]!;
  if (teamOfSlot(agent % SLOTS_PER_AREA) === BLUE) {
    const route = world.route[agent]!;
    return map.firstMove(node, route < 0 ? world.home[agent]! : map.patrols[route]![world.waypoint[agent]!]!);
  }
  let best = -1, bestHops = Infinity;
  for (let k = 0; k < map.objectives.length; k++) {
    if (world.observed[area * MAX_OBJECTIVES + k]) continue;
    const target = map.objectives[k]!.node;
    const hops = map.hopsToward(target)[node]!;
    if (hops >= 0 && hops < bestHops) [best, bestHops] = [target, hops];
  }
  return best < 0 ? 0 : map.firstMove(node, best);
}

/** Toward the nearest enemy the team sees (by distance; ties: lower slot), or 0. */
function enemyMove(world: ScoutWorld, agent: number, visible: readonly boolean[]): number {
  const area = (agent / SLOTS_PER_AREA) | 0;
  const map = world.maps[area]!;
  const node = world.node[agent]!;
  const enemyFirst = area * SLOTS_PER_AREA + (teamOfSlot(agent % SLOTS_PER_AREA) === RED ? MAX_TEAM : 0);
  let best = -1, bestD = Infinity;
  for (let k = 0; k < MAX_TEAM; k++) {
    if (!visible[k]) continue;
    const d = map.distance(node, world.node[enemyFirst + k]!);
    if (d < bestD) [best, bestD] = [world.node[enemyFirst + k]!, d];
  }
  return best < 0 ? 0 : map.firstMove(node, best);
}

