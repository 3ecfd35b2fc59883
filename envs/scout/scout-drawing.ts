/**
 * How a scout-mission area draws itself (src/core/env/scene-drawing.ts): the terrain raster and the waypoint
 * graph as layers; both teams, the civilians, the trainee and the objectives as entities; and, for the last step,
 * lines of sight between enemies that see each other within SIGHT_RANGE and a line of fire for every shot (from
 * the shooter's waypoint to its target's when it fired, labelled when it broke a rule). Action names for the human
 * seat: "move north (to waypoint 7)" comes from the agent's waypoint, so scoutActionNames gives the fixed words.
 */
import type { ActionNames, DrawnEntity, DrawnLayer, DrawnLink, SceneDrawing } from '../../src/core/env/scene-drawing.js';
import { MAX_DIRECTIONS, MAX_OBJECTIVES, type ScoutMap } from './scout-map.js';
import { LOOK_NAMES, MOVE_NAMES, POSTURE_NAMES } from './scout-observation.js';
import { BLUE, MAX_CIVILIANS, MAX_TEAM, RED, SIGHT_RANGE, SLOTS_PER_AREA, teamOfSlot, type ScoutWorld } from './scout-world.js';

const TEAM_NAMES = ['red', 'blue'] as const;
/** Headings in degrees (0 east, 90 north) of the look directions N, S, W, E. */
const LOOK_HEADING = [90, 270, 180, 0] as const;
const TERRAIN_LEGEND = { '.': 'open', '+': 'cover', '*': 'heavy cover', '#': 'blocked' } as const;

/** The backdrop of a map (terrain and waypoint graph), built once per map: it does not change within an episode. */
const backdrops = new WeakMap<ScoutMap, DrawnLayer[]>();

function backdrop(map: ScoutMap): DrawnLayer[] {
  let layers = backdrops.get(map);
  if (layers) return layers;
  layers = [];
  if (map.terrain) {
    const half = map.terrain.cellSize / 2;
    layers.push({ kind: 'terrain', label: 'terrain', cells: { x: -half, y: -half, size: map.terrain.cellSize, rows: [...map.terrain.rows], legend: TERRAIN_LEGEND } });
  }
  const lines: number[] = [];
  for (let u = 0; u < map.nodeCount; u++) {
    for (let d = 0; d < map.connectivity; d++) {
      const v = map.neighbors[u * MAX_DIRECTIONS + d]!;
      if (v > u) lines.push(map.x[u]!, map.y[u]!, map.x[v]!, map.y[v]!);
    }
  }
  const points = Array.from({ length: map.nodeCount }, (_, u) => ({ x: map.x[u]!, y: map.y[u]!, label: String(u) }));
  layers.push({ kind: 'graph', label: `waypoints of ${map.name}`, lines, points });
  backdrops.set(map, layers);
  return layers;
}

/** Area `area` of `world` after its last step (`step` of `maxSteps`). */
export function drawScout(world: ScoutWorld, area: number, step: number, maxSteps: number): SceneDrawing {
  const map = world.maps[area]!;
  const first = area * SLOTS_PER_AREA;
  const entities: DrawnEntity[] = [];
  const links: DrawnLink[] = [];
  const at = (node: number) => ({ x: map.x[node]!, y: map.y[node]! });
  let observed = 0;
  map.objectives.forEach((o, k) => {
    const seen = world.observed[area * MAX_OBJECTIVES + k] === 1;
    if (seen) observed++;
    entities.push({ id: `objective-${k}`, kind: 'objective', ...at(o.node), label: o.name, state: seen ? ['observed'] : [] });
  });
  for (let c = 0; c < MAX_CIVILIANS; c++) {
    const i = area * MAX_CIVILIANS + c;
    if (world.civilianPresent[i]) entities.push({ id: `civilian-${c}`, kind: 'civilian', ...at(world.civilianNode[i]!), label: `civilian ${c}` });
  }
  if (world.traineePresent[area]) entities.push({ id: 'trainee', kind: 'trainee', ...at(world.traineeNode[area]!), label: 'trainee', state: world.traineeWitnessed[area] ? ['witnessed fire'] : [] });
  for (let slot = 0; slot < SLOTS_PER_AREA; slot++) {
    const agent = first + slot;
    if (!world.present[agent]) continue;
    const team = teamOfSlot(slot);
    const state: string[] = [];
    if (!world.alive(agent)) state.push('dead');
    if (world.prone[agent]) state.push('prone');
    if (world.fired[agent]) state.push('fired');
    if (world.hitsTaken[agent]) state.push('hit');
    if (world.violatedCivilian[agent] || world.violatedTrainee[agent]) state.push('violation');
    entities.push({
      id: `${TEAM_NAMES[team]}-${slot - team * MAX_TEAM}`,
      kind: 'agent',
      team,
      agentId: agent,
      ...at(world.node[agent]!),
      label: `${TEAM_NAMES[team]} ${slot - team * MAX_TEAM} (agent ${agent}) at waypoint ${world.node[agent]}`,
      state,
      heading: LOOK_HEADING[world.look[agent]!]!,
      health: world.maxHealth[area * 2 + team]! > 0 ? Math.max(0, world.health[agent]!) / world.maxHealth[area * 2 + team]! : 0,
    });
    if (world.fireFrom[agent]! >= 0) {
      const violated = world.violatedCivilian[agent] ? 'civilian in the line of fire' : world.violatedTrainee[agent] ? 'trainee in the line of fire' : '';
      const from = at(world.fireFrom[agent]!), to = at(world.fireTo[agent]!);
      links.push({ kind: 'fire', team, from: [from.x, from.y], to: [to.x, to.y], label: violated || `${TEAM_NAMES[team]} ${slot - team * MAX_TEAM} fired` });
    }
  }
  // Lines of sight between living enemies within sight range.
  for (let r = first; r < first + MAX_TEAM; r++) {
    if (!world.alive(r)) continue;
    for (let b = first + MAX_TEAM; b < first + SLOTS_PER_AREA; b++) {
      if (!world.alive(b)) continue;
      const u = world.node[r]!, v = world.node[b]!;
      if (map.distance(u, v) <= SIGHT_RANGE && map.canSee(u, v)) links.push({ kind: 'sight', from: [map.x[u]!, map.y[u]!], to: [map.x[v]!, map.y[v]!] });
    }
  }
  const pad = map.terrain ? map.terrain.cellSize : map.extent * 0.05;
  return {
    scene: 'scout',
    step,
    bounds: { minX: map.minX - pad, minY: map.minY - pad, maxX: map.minX + map.extent + pad, maxY: map.minY + map.extent + pad },
    layers: backdrop(map),
    links,
    entities,
    caption: `${map.name} · step ${step} of ${maxSteps} · red ${world.teamAlive(area, RED)} alive · blue ${world.teamAlive(area, BLUE)} alive · objectives ${observed} of ${map.objectives.length}`,
  };
}

/** The branches of both scout behaviors by name. */
export const SCOUT_ACTION_NAMES: ActionNames = {
  branches: [
    { name: 'move', options: MOVE_NAMES.map((m) => (m === 'NOOP' ? 'stay' : `move ${m}`)) },
    { name: 'look', options: LOOK_NAMES.map((l) => `look ${l}`) },
    { name: 'posture', options: [...POSTURE_NAMES] },
  ],
};

/** The option names for one agent where it stands: moves name the waypoint they lead to. */
export function scoutAgentActionNames(world: ScoutWorld, agent: number): ActionNames {
  const map = world.maps[(agent / SLOTS_PER_AREA) | 0]!;
  const node = world.node[agent]!;
  const moves = MOVE_NAMES.map((m, k) => {
    if (k === 0) return `stay at waypoint ${node}`;
    const to = map.neighbor(node, k - 1);
    return to >= 0 ? `move ${m} to waypoint ${to}` : `move ${m} (no edge)`;
  });
  return { branches: [{ name: 'move', options: moves }, ...SCOUT_ACTION_NAMES.branches.slice(1)] };
}
