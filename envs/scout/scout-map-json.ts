/**
 * The scout-mission map file (JSON) and its validation. A file names its waypoints, the edges of each by
 * direction, what blocks line of sight, and the scenario's places:
 *
 * ```json
 * { "version": 1, "name": "scout-116", "connectivity": 4,
 *   "nodes": [ { "id": 0, "x": 0, "y": 0, "cover": 0.5, "elevation": 0, "edges": { "north": 12, "east": 1 } }, … ],
 *   "blockers": [ { "x0": 60, "y0": 40, "x1": 90, "y1": 110 } ],
 *   "losRange": 300,
 *   "spawns": { "red": [3, 4], "blue": [80, 85], "civilians": [40, 41], "trainee": [52] },
 *   "objectives": [ { "name": "bridge", "node": 110, "range": 150 } ],
 *   "patrols": [ [70, 74, 98, 94] ],
 *   "terrain": { "cellSize": 25, "rows": ["..#..", …] } }
 * ```
 *
 * - `id` must equal the node's index; `x` grows east and `y` north. `cover` is in [0, 0.9] (default 0);
 *   `elevation` is informative (default 0).
 * - `edges` keys are north, south, west, east (and northeast, northwest, southeast, southwest when
 *   `connectivity` is 8). Every edge must point roughly its way (within 45°) and be returned by the neighbour
 *   in the opposite direction.
 * - Line of sight: either every node lists `visible` (symmetric lists of node ids), or none does and it is
 *   computed from `blockers` (axis-aligned rectangles) and `losRange` (default 300).
 * - `objectives` (1 to 4) must be reachable from a red spawn; `range` defaults to 150. `patrols` are routes
 *   of waypoints for the blue team (consecutive waypoints need not be adjacent: blue walks shortest paths).
 * - `terrain` is the raster the graph was sampled from (terrain.ts), kept so other layers can be derived.
 *
 * Every error is SHIVA_ERR_MAP naming the file, the field (e.g. `nodes[3].edges.north`), what was expected
 * and what came.
 */
import { readFileSync } from 'node:fs';
import { ShivaError } from '../../src/core/errors.js';
import { computeLineOfSight, toCompressedRows, type Blocker } from './line-of-sight.js';
import {
  DEFAULT_LOS_RANGE,
  DEFAULT_OBJECTIVE_RANGE,
  DIRECTION_DX,
  DIRECTION_DY,
  DIRECTIONS,
  MAX_DIRECTIONS,
  MAX_OBJECTIVES,
  OPPOSITE,
  ScoutMap,
  type ScoutObjective,
  type ScoutTerrainJson,
} from './scout-map.js';

export interface ScoutNodeJson {
  id: number;
  x: number;
  y: number;
  elevation?: number;
  cover?: number;
  edges: Partial<Record<(typeof DIRECTIONS)[number], number>>;
  visible?: number[];
}

export interface ScoutMapJson {
  version: 1;
  name: string;
  connectivity?: 4 | 8;
  nodes: ScoutNodeJson[];
  blockers?: Blocker[];
  losRange?: number;
  spawns: { red: number[]; blue: number[]; civilians?: number[]; trainee?: number[] };
  objectives: { name: string; node: number; range?: number }[];
  patrols?: number[][];
  terrain?: ScoutTerrainJson;
}

export const MAX_COVER = 0.9;
const TERRAIN_CHARS = /^[.+*#]*$/;

/** Reads and validates a map file. */
export function loadScoutMap(path: string): ScoutMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ShivaError('SHIVA_ERR_MAP', `${path}: expected a readable scout map file, got ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ShivaError('SHIVA_ERR_MAP', `${path}: expected JSON, got a syntax error: ${(e as Error).message}`, { cause: e });
  }
  return parseScoutMap(value, path);
}

/** Validates a decoded map; `source` names it in errors (a file path, or "generated:…"). */
export function parseScoutMap(value: unknown, source: string): ScoutMap {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ShivaError('SHIVA_ERR_MAP', `${source}: ${field}: expected ${expected}, got ${describe(got)}`);
  };
  const root = asObject(value, '(root)', fail);
  if (root.version !== 1) fail('version', '1', root.version);
  if (typeof root.name !== 'string' || root.name.length === 0) fail('name', 'a non-empty string', root.name);
  const connectivity = root.connectivity ?? 4;
  if (connectivity !== 4 && connectivity !== 8) fail('connectivity', '4 or 8', connectivity);
  const dirs = connectivity as 4 | 8;
  if (!Array.isArray(root.nodes) || root.nodes.length === 0) fail('nodes', 'a non-empty array', root.nodes);
  const nodesJson = root.nodes as unknown[];
  const n = nodesJson.length;
  const nodeId = (v: unknown, field: string): number => {
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= n) fail(field, `a node id 0..${n - 1}`, v);
    return v as number;
  };
  const idList = (v: unknown, field: string, nonEmpty: boolean): Int32Array => {
    if (!Array.isArray(v) || (nonEmpty && v.length === 0)) fail(field, nonEmpty ? 'a non-empty array of node ids' : 'an array of node ids', v);
    return Int32Array.from(v as unknown[], (id, i) => nodeId(id, `${field}[${i}]`));
  };

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const elevation = new Float64Array(n);
  const cover = new Float64Array(n);
  const neighbors = new Int32Array(n * MAX_DIRECTIONS).fill(-1);
  const allowed = DIRECTIONS.slice(0, dirs);
  let explicitLos: number[][] | null = null;
  for (let i = 0; i < n; i++) {
    const at = `nodes[${i}]`;
    const node = asObject(nodesJson[i], at, fail);
    if (node.id !== i) fail(`${at}.id`, `${i} (its index in nodes)`, node.id);
    x[i] = finite(node.x, `${at}.x`, fail);
    y[i] = finite(node.y, `${at}.y`, fail);
    if (node.elevation !== undefined) elevation[i] = finite(node.elevation, `${at}.elevation`, fail);
    if (node.cover !== undefined) {
      const c = finite(node.cover, `${at}.cover`, fail);
      if (c < 0 || c > MAX_COVER) fail(`${at}.cover`, `a number in [0, ${MAX_COVER}]`, c);
      cover[i] = c;
    }
    const edges = asObject(node.edges ?? {}, `${at}.edges`, fail);
    for (const [key, target] of Object.entries(edges)) {
      const d = (allowed as readonly string[]).indexOf(key);
      if (d < 0) fail(`${at}.edges.${key}`, `a direction of a ${dirs}-connected map (${allowed.join(', ')})`, key);
      const t = nodeId(target, `${at}.edges.${key}`);
      if (t === i) fail(`${at}.edges.${key}`, 'another node (an edge to itself)', t);
      neighbors[i * MAX_DIRECTIONS + d] = t;
    }
    if (node.visible !== undefined) {
      if (i > 0 && explicitLos === null) fail(`${at}.visible`, 'nothing (nodes[0] has no visible list, so line of sight is computed from blockers)', node.visible);
      explicitLos ??= [];
      explicitLos.push([...idList(node.visible, `${at}.visible`, false)]);
    } else if (explicitLos !== null) {
      fail(`${at}.visible`, 'an array of node ids (nodes[0] lists its visible nodes, so every node must)', undefined);
    }
  }
  // Positions are known only now, so edges are checked for direction and symmetry in a second pass.
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dirs; d++) {
      const t = neighbors[i * MAX_DIRECTIONS + d]!;
      if (t < 0) continue;
      const field = `nodes[${i}].edges.${DIRECTIONS[d]}`;
      const dx = x[t]! - x[i]!;
      const dy = y[t]! - y[i]!;
      const len = Math.hypot(dx, dy);
      const ux = DIRECTION_DX[d]!, uy = DIRECTION_DY[d]!;
      const cos = len === 0 ? -1 : (dx * ux + dy * uy) / (len * Math.hypot(ux, uy));
      if (cos < Math.SQRT1_2 - 1e-9) {
        fail(field, `a node within 45° ${DIRECTIONS[d]} of (${x[i]}, ${y[i]})`, raw(`node ${t} at (${x[t]}, ${y[t]})`));
      }
      const back = neighbors[t * MAX_DIRECTIONS + OPPOSITE[d]!]!;
      if (back !== i) {
        fail(field, `a node whose edges.${DIRECTIONS[OPPOSITE[d]!]} is ${i} (edges go both ways)`, raw(`node ${t}, whose edges.${DIRECTIONS[OPPOSITE[d]!]} is ${back < 0 ? 'missing' : back}`));
      }
    }
  }

  let los: { losStart: Int32Array; losNodes: Int32Array };
  if (explicitLos) {
    const sets = explicitLos.map((row) => new Set(row));
    explicitLos.forEach((row, i) =>
      row.forEach((j, k) => {
        if (j === i) fail(`nodes[${i}].visible[${k}]`, 'another node (a node always sees itself)', j);
        if (!sets[j]!.has(i)) fail(`nodes[${i}].visible[${k}]`, `a node whose visible list holds ${i} (sight goes both ways)`, raw(`node ${j}, whose list does not`));
      }),
    );
    los = toCompressedRows(sets.map((s) => [...s]));
  } else {
    const blockers: Blocker[] = [];
    if (root.blockers !== undefined) {
      if (!Array.isArray(root.blockers)) fail('blockers', 'an array of rectangles {x0, y0, x1, y1}', root.blockers);
      (root.blockers as unknown[]).forEach((b, k) => {
        const o = asObject(b, `blockers[${k}]`, fail);
        const r = { x0: finite(o.x0, `blockers[${k}].x0`, fail), y0: finite(o.y0, `blockers[${k}].y0`, fail), x1: finite(o.x1, `blockers[${k}].x1`, fail), y1: finite(o.y1, `blockers[${k}].y1`, fail) };
        if (r.x1 <= r.x0) fail(`blockers[${k}].x1`, `a number above x0 = ${r.x0}`, r.x1);
        if (r.y1 <= r.y0) fail(`blockers[${k}].y1`, `a number above y0 = ${r.y0}`, r.y1);
        blockers.push(r);
      });
    }
    const range = root.losRange === undefined ? DEFAULT_LOS_RANGE : finite(root.losRange, 'losRange', fail);
    if (range <= 0) fail('losRange', 'a positive number', range);
    los = computeLineOfSight(x, y, blockers, range);
  }

  const spawns = asObject(root.spawns, 'spawns', fail);
  const redSpawns = idList(spawns.red, 'spawns.red', true);
  const blueSpawns = idList(spawns.blue, 'spawns.blue', true);
  const civilianSpawns = spawns.civilians === undefined ? new Int32Array(0) : idList(spawns.civilians, 'spawns.civilians', false);
  const traineeSpawns = spawns.trainee === undefined ? new Int32Array(0) : idList(spawns.trainee, 'spawns.trainee', false);

  if (!Array.isArray(root.objectives) || root.objectives.length === 0 || root.objectives.length > MAX_OBJECTIVES) {
    fail('objectives', `an array of 1 to ${MAX_OBJECTIVES} objectives`, root.objectives);
  }
  const patrols: Int32Array[] = [];
  if (root.patrols !== undefined) {
    if (!Array.isArray(root.patrols)) fail('patrols', 'an array of routes (arrays of node ids)', root.patrols);
    (root.patrols as unknown[]).forEach((route, k) => patrols.push(idList(route, `patrols[${k}]`, true)));
  }
  let terrain: ScoutTerrainJson | null = null;
  if (root.terrain !== undefined) {
    const t = asObject(root.terrain, 'terrain', fail);
    const cellSize = finite(t.cellSize, 'terrain.cellSize', fail);
    if (cellSize <= 0) fail('terrain.cellSize', 'a positive number', cellSize);
    if (!Array.isArray(t.rows) || t.rows.length === 0) fail('terrain.rows', 'a non-empty array of strings', t.rows);
    const rows = t.rows as unknown[];
    rows.forEach((row, r) => {
      if (typeof row !== 'string' || !TERRAIN_CHARS.test(row) || row.length !== (rows[0] as string).length || row.length === 0) {
        fail(`terrain.rows[${r}]`, `a string of ${(rows[0] as string).length || 'one or more'} characters from ". + * #"`, row);
      }
    });
    terrain = { cellSize, rows: rows as string[] };
  }

  const objectives: ScoutObjective[] = (root.objectives as unknown[]).map((o, k) => {
    const at = `objectives[${k}]`;
    const obj = asObject(o, at, fail);
    if (typeof obj.name !== 'string' || obj.name.length === 0) fail(`${at}.name`, 'a non-empty string', obj.name);
    const node = nodeId(obj.node, `${at}.node`);
    const range = obj.range === undefined ? DEFAULT_OBJECTIVE_RANGE : finite(obj.range, `${at}.range`, fail);
    if (range <= 0) fail(`${at}.range`, 'a positive number', range);
    return { name: obj.name as string, node, range };
  });
  const map = new ScoutMap({
    name: root.name as string,
    source,
    connectivity: dirs,
    x,
    y,
    elevation,
    cover,
    neighbors,
    ...los,
    redSpawns,
    blueSpawns,
    civilianSpawns,
    traineeSpawns,
    objectives,
    patrols,
    terrain,
  });
  objectives.forEach(({ node }, k) => {
    const hops = map.hopsToward(node);
    if (!redSpawns.some((s) => hops[s]! >= 0)) fail(`objectives[${k}].node`, `a node reachable along edges from a red spawn (${[...redSpawns].join(', ')})`, raw(`${node}, which is not`));
  });
  return map;
}

type Fail = (field: string, expected: string, got: unknown) => never;

function asObject(v: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, 'an object', v);
  return v as Record<string, unknown>;
}

function finite(v: unknown, field: string, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, 'a finite number', v);
  return v as number;
}

/** A description of what came, printed as is. */
class Raw {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new Raw(text);

function describe(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return v.length > 60 ? `"${v.slice(0, 57)}..."` : `"${v}"`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
