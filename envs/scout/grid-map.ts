/**
 * A rectangular, fully 4-connected waypoint grid as a map file: the quickest way to write a small scenario by
 * hand (tests, tutorials). Node id = row × cols + column; row 0 is the south edge, 50 units apart by default.
 */
import type { ScoutMapJson, ScoutNodeJson } from './scout-map-json.js';
import type { Blocker } from './line-of-sight.js';

export interface GridMapOptions {
  readonly name?: string;
  readonly cols: number;
  readonly rows: number;
  readonly spacing?: number;
  /** Cover per node id. */
  readonly cover?: Readonly<Record<number, number>>;
  readonly blockers?: readonly Blocker[];
  readonly losRange?: number;
  readonly red: readonly number[];
  readonly blue: readonly number[];
  readonly civilians?: readonly number[];
  readonly trainee?: readonly number[];
  readonly objectives: readonly { readonly name: string; readonly node: number; readonly range?: number }[];
  readonly patrols?: readonly (readonly number[])[];
}

export function gridMapJson(o: GridMapOptions): ScoutMapJson {
  const spacing = o.spacing ?? 50;
  const nodes: ScoutNodeJson[] = [];
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      const id = r * o.cols + c;
      const edges: ScoutNodeJson['edges'] = {};
      if (r + 1 < o.rows) edges.north = id + o.cols;
      if (r > 0) edges.south = id - o.cols;
      if (c > 0) edges.west = id - 1;
      if (c + 1 < o.cols) edges.east = id + 1;
      const node: ScoutNodeJson = { id, x: c * spacing, y: r * spacing, edges };
      const cover = o.cover?.[id];
      if (cover !== undefined) node.cover = cover;
      nodes.push(node);
    }
  }
  const json: ScoutMapJson = {
    version: 1,
    name: o.name ?? `grid-${o.cols}x${o.rows}`,
    connectivity: 4,
    nodes,
    spawns: { red: [...o.red], blue: [...o.blue], civilians: [...(o.civilians ?? [])], trainee: [...(o.trainee ?? [])] },
    objectives: o.objectives.map((obj) => ({ ...obj })),
    patrols: (o.patrols ?? []).map((route) => [...route]),
  };
  if (o.blockers) json.blockers = o.blockers.map((b) => ({ ...b }));
  if (o.losRange !== undefined) json.losRange = o.losRange;
  return json;
}
