/**
 * Terrain as a raster of square cells (open, cover, blocked), and waypoint layers sampled from it: a layer
 * puts a waypoint on every open cell whose column and row are multiples of its `stride`, joins waypoints
 * `stride` cells apart when the cells between are open, and turns blocked cells into line-of-sight blockers.
 * Several strides over one terrain give the coarse and fine graphs of scout-mission.md; because observations
 * are measured in map units (scout-observation.ts), a policy sees the same kind of numbers on every layer.
 *
 * Cells: column c grows east, row r grows north (row 0 is the south edge); the cell (c, r) is centred on
 * (c × cellSize, r × cellSize). Text rows (ScoutTerrainJson) list the north row first.
 */
import { ShivaError } from '../../src/core/errors.js';
import type { Blocker } from './line-of-sight.js';
import type { ScoutMapJson, ScoutNodeJson } from './scout-map-json.js';
import { DIRECTIONS, DIRECTION_DX, DIRECTION_DY, type ScoutMap, type ScoutTerrainJson } from './scout-map.js';

export interface Terrain {
  readonly cols: number;
  readonly rows: number;
  readonly cellSize: number;
  /** cols × rows, index r × cols + c: 1 where the cell blocks movement and sight. */
  readonly blocked: Uint8Array;
  /** Cover of each cell, 0..0.8. */
  readonly cover: Float64Array;
}

/** A cell as [column, row]. */
export type Cell = readonly [number, number];

/** Where the scenario's people and places are, in cells; each layer snaps them to its nearest waypoint. */
export interface ScenarioLayout {
  readonly red: readonly Cell[];
  readonly blue: readonly Cell[];
  readonly civilians: readonly Cell[];
  readonly trainee: readonly Cell[];
  readonly objectives: readonly { readonly name: string; readonly cell: Cell; readonly range?: number }[];
  readonly patrols: readonly (readonly Cell[])[];
}

const COVER_OF: Record<string, number> = { '.': 0, '+': 0.5, '*': 0.8, '#': 0 };

export function terrainFromJson(json: ScoutTerrainJson): Terrain {
  const rows = json.rows.length;
  const cols = json.rows[0]!.length;
  const blocked = new Uint8Array(cols * rows);
  const cover = new Float64Array(cols * rows);
  for (let t = 0; t < rows; t++) {
    const r = rows - 1 - t;
    for (let c = 0; c < cols; c++) {
      const ch = json.rows[t]![c]!;
      blocked[r * cols + c] = ch === '#' ? 1 : 0;
      cover[r * cols + c] = COVER_OF[ch] ?? 0;
    }
  }
  return { cols, rows, cellSize: json.cellSize, blocked, cover };
}

export function terrainToJson(terrain: Terrain): ScoutTerrainJson {
  const rows: string[] = [];
  for (let r = terrain.rows - 1; r >= 0; r--) {
    let line = '';
    for (let c = 0; c < terrain.cols; c++) {
      const i = r * terrain.cols + c;
      line += terrain.blocked[i] ? '#' : terrain.cover[i]! >= 0.8 ? '*' : terrain.cover[i]! >= 0.5 ? '+' : '.';
    }
    rows.push(line);
  }
  return { cellSize: terrain.cellSize, rows };
}

export interface LayerOptions {
  readonly name: string;
  /** Cells between neighbouring waypoints. */
  readonly stride: number;
  readonly connectivity?: 4 | 8;
  readonly losRange?: number;
}

/**
 * The waypoint graph of one layer, as a map file. Only the largest connected part of the graph is kept;
 * every feature of `layout` moves to the nearest kept waypoint.
 */
export function sampleWaypointLayer(terrain: Terrain, layout: ScenarioLayout, options: LayerOptions): ScoutMapJson {
  const { cols, rows, cellSize } = terrain;
  const s = options.stride;
  const connectivity = options.connectivity ?? 4;
  if (!Number.isInteger(s) || s < 1) throw new ShivaError('SHIVA_ERR_MAP', `layer "${options.name}": stride: expected an integer ≥ 1, got ${s}`);
  const open = (c: number, r: number) => c >= 0 && r >= 0 && c < cols && r < rows && !terrain.blocked[r * cols + c];
  // Candidate waypoints, numbered row by row from the south-west.
  const cellOf: number[] = [];
  const idAt = new Int32Array(cols * rows).fill(-1);
  for (let r = 0; r < rows; r += s) {
    for (let c = 0; c < cols; c += s) {
      if (!open(c, r)) continue;
      idAt[r * cols + c] = cellOf.length;
      cellOf.push(r * cols + c);
    }
  }
  const edgeTo = (c: number, r: number, d: number): number => {
    const dx = DIRECTION_DX[d]!, dy = DIRECTION_DY[d]!;
    for (let k = 1; k <= s; k++) {
      const cc = c + dx * k, rr = r + dy * k;
      if (!open(cc, rr)) return -1;
      // A diagonal step may not squeeze between two blocked cells.
      if (dx !== 0 && dy !== 0 && !open(cc - dx, rr) && !open(cc, rr - dy)) return -1;
    }
    return idAt[(r + dy * s) * cols + c + dx * s]!;
  };
  const candidates = cellOf.length;
  const links: Int32Array = new Int32Array(candidates * connectivity).fill(-1);
  for (let id = 0; id < candidates; id++) {
    const c = cellOf[id]! % cols, r = (cellOf[id]! / cols) | 0;
    for (let d = 0; d < connectivity; d++) links[id * connectivity + d] = edgeTo(c, r, d);
  }
  // Largest connected component (ties: the one found first).
  const component = new Int32Array(candidates).fill(-1);
  let best = -1, bestSize = 0;
  for (let start = 0, label = 0; start < candidates; start++) {
    if (component[start] !== -1) continue;
    const stack = [start];
    component[start] = label;
    let size = 0;
    while (stack.length > 0) {
      const u = stack.pop()!;
      size++;
      for (let d = 0; d < connectivity; d++) {
        const v = links[u * connectivity + d]!;
        if (v >= 0 && component[v] === -1) {
          component[v] = label;
          stack.push(v);
        }
      }
    }
    if (size > bestSize) [best, bestSize] = [label, size];
    label++;
  }
  if (bestSize === 0) throw new ShivaError('SHIVA_ERR_MAP', `layer "${options.name}": expected at least one open waypoint cell at stride ${s}, got none`);
  const newId = new Int32Array(candidates).fill(-1);
  const kept: number[] = [];
  for (let id = 0; id < candidates; id++) if (component[id] === best) newId[id] = kept.push(id) - 1;

  const nodes: ScoutNodeJson[] = kept.map((id, i) => {
    const cell = cellOf[id]!;
    const edges: ScoutNodeJson['edges'] = {};
    for (let d = 0; d < connectivity; d++) {
      const v = links[id * connectivity + d]!;
      if (v >= 0) edges[DIRECTIONS[d]!] = newId[v]!;
    }
    const node: ScoutNodeJson = { id: i, x: (cell % cols) * cellSize, y: ((cell / cols) | 0) * cellSize, edges };
    if (terrain.cover[cell]! > 0) node.cover = terrain.cover[cell]!;
    return node;
  });
  const snap = ([c, r]: Cell): number => {
    let bestNode = 0, bestD = Infinity;
    for (const node of nodes) {
      const d = (node.x - c * cellSize) ** 2 + (node.y - r * cellSize) ** 2;
      if (d < bestD) [bestNode, bestD] = [node.id, d];
    }
    return bestNode;
  };
  const snapAll = (cells: readonly Cell[]) => cells.map(snap);
  const patrols = layout.patrols
    .map((route) => snapAll(route).filter((node, i, all) => i === 0 || node !== all[i - 1]))
    .map((route) => (route.length > 1 && route[0] === route[route.length - 1] ? route.slice(0, -1) : route));
  const json: ScoutMapJson = {
    version: 1,
    name: options.name,
    connectivity,
    nodes,
    blockers: blockedRectangles(terrain),
    spawns: { red: dedupe(snapAll(layout.red)), blue: dedupe(snapAll(layout.blue)), civilians: dedupe(snapAll(layout.civilians)), trainee: dedupe(snapAll(layout.trainee)) },
    objectives: layout.objectives.map((o) => (o.range === undefined ? { name: o.name, node: snap(o.cell) } : { name: o.name, node: snap(o.cell), range: o.range })),
    patrols,
    terrain: terrainToJson(terrain),
  };
  if (options.losRange !== undefined) json.losRange = options.losRange;
  return json;
}

/**
 * The layout of an existing map in cells of its terrain (its places read back from node positions), so that
 * another layer of the same terrain can be sampled with the same scenario.
 */
export function layoutOfMap(map: ScoutMap): ScenarioLayout {
  if (!map.terrain) throw new ShivaError('SHIVA_ERR_MAP', `${map.source}: terrain: expected the raster the map was sampled from (needed to derive another layer), got nothing`);
  const cs = map.terrain.cellSize;
  const cell = (node: number): Cell => [Math.round(map.x[node]! / cs), Math.round(map.y[node]! / cs)];
  return {
    red: [...map.redSpawns].map(cell),
    blue: [...map.blueSpawns].map(cell),
    civilians: [...map.civilianSpawns].map(cell),
    trainee: [...map.traineeSpawns].map(cell),
    objectives: map.objectives.map((o) => ({ name: o.name, cell: cell(o.node), range: o.range })),
    patrols: map.patrols.map((route) => [...route].map(cell)),
  };
}

/** Another layer of the terrain under `map` (e.g. a coarse graph at twice the stride), with the same scenario. */
export function deriveLayer(map: ScoutMap, options: LayerOptions): ScoutMapJson {
  const layout = layoutOfMap(map);
  return sampleWaypointLayer(terrainFromJson(map.terrain!), layout, options);
}

/** For each node of `fine`, the nearest node of `coarse` (layers over the same terrain share coordinates). */
export function layerCorrespondence(fine: ScoutMap, coarse: ScoutMap): Int32Array {
  const out = new Int32Array(fine.nodeCount);
  for (let i = 0; i < fine.nodeCount; i++) {
    let best = 0, bestD = Infinity;
    for (let j = 0; j < coarse.nodeCount; j++) {
      const d = (coarse.x[j]! - fine.x[i]!) ** 2 + (coarse.y[j]! - fine.y[i]!) ** 2;
      if (d < bestD) [best, bestD] = [j, d];
    }
    out[i] = best;
  }
  return out;
}

/** Blocked cells merged into few rectangles: runs along each row, then runs stacked over equal runs above. */
export function blockedRectangles(terrain: Terrain): Blocker[] {
  const { cols, rows, cellSize: cs } = terrain;
  const open: Map<string, { c0: number; c1: number; r0: number; r1: number }> = new Map();
  const done: { c0: number; c1: number; r0: number; r1: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const runs: { c0: number; c1: number }[] = [];
    for (let c = 0; c < cols; c++) {
      if (!terrain.blocked[r * cols + c]) continue;
      const last = runs[runs.length - 1];
      if (last && last.c1 === c - 1) last.c1 = c;
      else runs.push({ c0: c, c1: c });
    }
    const next = new Map<string, { c0: number; c1: number; r0: number; r1: number }>();
    for (const run of runs) {
      const key = `${run.c0}:${run.c1}`;
      const rect = open.get(key);
      if (rect) {
        rect.r1 = r;
        open.delete(key);
        next.set(key, rect);
      } else next.set(key, { ...run, r0: r, r1: r });
    }
    done.push(...open.values());
    open.clear();
    for (const [k, v] of next) open.set(k, v);
  }
  done.push(...open.values());
  const h = cs / 2;
  return done
    .sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)
    .map((b) => ({ x0: b.c0 * cs - h, y0: b.r0 * cs - h, x1: b.c1 * cs + h, y1: b.r1 * cs + h }));
}

function dedupe(ids: number[]): number[] {
  return [...new Set(ids)];
}
