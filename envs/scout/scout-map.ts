/**
 * A scout-mission map as the scene uses it: a waypoint graph in flat typed arrays (positions, cover, edges by
 * direction), line of sight between waypoints, and the scenario's places (spawns, objectives, patrol routes).
 * Built only by the JSON parser (scout-map-json.ts), which has validated everything this class trusts.
 *
 * Coordinates: x grows east, y grows north, in map units (the engagement bands are 50 / 150 / 300 units).
 */

/** Edge directions; a map with connectivity 4 uses the first four. Move action k (1..4) goes DIRECTIONS[k − 1]. */
export const DIRECTIONS = ['north', 'south', 'west', 'east', 'northeast', 'northwest', 'southeast', 'southwest'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** Unit steps of each direction (for checking that an edge points the way it says). */
export const DIRECTION_DX = [0, 0, -1, 1, 1, -1, 1, -1] as const;
export const DIRECTION_DY = [1, -1, 0, 0, 1, 1, -1, -1] as const;
/** The direction back along an edge: north ↔ south, west ↔ east, northeast ↔ southwest, northwest ↔ southeast. */
export const OPPOSITE = [1, 0, 3, 2, 7, 6, 5, 4] as const;
export const MAX_DIRECTIONS = DIRECTIONS.length;
/** The observation has room for this many objectives (scout-observation.ts). */
export const MAX_OBJECTIVES = 4;
/** Default line-of-sight range of a map and observation range of an objective, in map units. */
export const DEFAULT_LOS_RANGE = 300;
export const DEFAULT_OBJECTIVE_RANGE = 150;

export interface ScoutObjective {
  readonly name: string;
  readonly node: number;
  /** A red agent with line of sight to the node within this distance observes the objective. */
  readonly range: number;
}

/** The raster a map was sampled from (see terrain.ts); present on generated and built-in maps. */
export interface ScoutTerrainJson {
  readonly cellSize: number;
  /** Top row first (north); '.' open, '+' cover 0.5, '*' cover 0.8, '#' blocked. */
  readonly rows: readonly string[];
}

export interface ScoutMapData {
  readonly name: string;
  /** Where the map came from (a file path, or "generated:…"), for error messages. */
  readonly source: string;
  readonly connectivity: 4 | 8;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly elevation: Float64Array;
  readonly cover: Float64Array;
  /** nodeCount × MAX_DIRECTIONS: the neighbour in each direction, or −1. */
  readonly neighbors: Int32Array;
  /** Line of sight in compressed rows: the nodes visible from u are losNodes[losStart[u] .. losStart[u + 1]), sorted. */
  readonly losStart: Int32Array;
  readonly losNodes: Int32Array;
  readonly redSpawns: Int32Array;
  readonly blueSpawns: Int32Array;
  readonly civilianSpawns: Int32Array;
  readonly traineeSpawns: Int32Array;
  readonly objectives: readonly ScoutObjective[];
  readonly patrols: readonly Int32Array[];
  readonly terrain: ScoutTerrainJson | null;
}

export class ScoutMap implements ScoutMapData {
  readonly name: string;
  readonly source: string;
  readonly connectivity: 4 | 8;
  readonly nodeCount: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly elevation: Float64Array;
  readonly cover: Float64Array;
  readonly neighbors: Int32Array;
  readonly losStart: Int32Array;
  readonly losNodes: Int32Array;
  readonly redSpawns: Int32Array;
  readonly blueSpawns: Int32Array;
  readonly civilianSpawns: Int32Array;
  readonly traineeSpawns: Int32Array;
  readonly objectives: readonly ScoutObjective[];
  readonly patrols: readonly Int32Array[];
  readonly terrain: ScoutTerrainJson | null;
  /** Lower-left corner and the larger side of the bounding box: observations divide offsets by `extent`. */
  readonly minX: number;
  readonly minY: number;
  readonly extent: number;
  /**
   * Hop distances to a node, computed when first asked for. Targets are mostly few (objectives, patrol
   * waypoints), but enemies can stand anywhere, so the cache keeps the most recent ones within ~64 MB.
   */
  private readonly hopsTo = new Map<number, Int32Array>();
  private readonly maxCachedTargets: number;

  constructor(data: ScoutMapData) {
    this.name = data.name;
    this.source = data.source;
    this.connectivity = data.connectivity;
    this.nodeCount = data.x.length;
    this.x = data.x;
    this.y = data.y;
    this.elevation = data.elevation;
    this.cover = data.cover;
    this.neighbors = data.neighbors;
    this.losStart = data.losStart;
    this.losNodes = data.losNodes;
    this.redSpawns = data.redSpawns;
    this.blueSpawns = data.blueSpawns;
    this.civilianSpawns = data.civilianSpawns;
    this.traineeSpawns = data.traineeSpawns;
    this.objectives = data.objectives;
    this.patrols = data.patrols;
    this.terrain = data.terrain;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < this.nodeCount; i++) {
      minX = Math.min(minX, this.x[i]!);
      maxX = Math.max(maxX, this.x[i]!);
      minY = Math.min(minY, this.y[i]!);
      maxY = Math.max(maxY, this.y[i]!);
    }
    this.minX = minX;
    this.minY = minY;
    this.extent = Math.max(maxX - minX, maxY - minY, 1);
    this.maxCachedTargets = Math.max(64, Math.floor(2 ** 24 / Math.max(1, this.nodeCount)));
  }

  /** The neighbour of `node` in direction index `dir`, or −1. */
  neighbor(node: number, dir: number): number {
    return this.neighbors[node * MAX_DIRECTIONS + dir]!;
  }

  distance(a: number, b: number): number {
    return Math.hypot(this.x[b]! - this.x[a]!, this.y[b]! - this.y[a]!);
  }

  /** Whether b can be seen from a (a node always sees itself). */
  canSee(a: number, b: number): boolean {
    if (a === b) return true;
    let lo = this.losStart[a]!;
    let hi = this.losStart[a + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.losNodes[mid]!;
      if (v === b) return true;
      if (v < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Hops along edges from every node to `target` (−1 where unreachable). Cached per target. */
  hopsToward(target: number): Int32Array {
    let hops = this.hopsTo.get(target);
    if (hops) {
      // Most recently used last, so the oldest entry is the one dropped.
      this.hopsTo.delete(target);
      this.hopsTo.set(target, hops);
      return hops;
    }
    hops = new Int32Array(this.nodeCount).fill(-1);
    const queue = new Int32Array(this.nodeCount);
    let head = 0, tail = 0;
    hops[target] = 0;
    queue[tail++] = target;
    // Edges are symmetric (the parser checks it), so a search outward from the target gives hops toward it.
    while (head < tail) {
      const u = queue[head++]!;
      for (let d = 0; d < this.connectivity; d++) {
        const v = this.neighbors[u * MAX_DIRECTIONS + d]!;
        if (v >= 0 && hops[v] === -1) {
          hops[v] = hops[u]! + 1;
          queue[tail++] = v;
        }
      }
    }
    if (this.hopsTo.size >= this.maxCachedTargets) this.hopsTo.delete(this.hopsTo.keys().next().value!);
    this.hopsTo.set(target, hops);
    return hops;
  }

  /**
   * The first move of a shortest path from `from` to `to`: a direction index + 1 (the move action), or 0 when
   * already there or unreachable. Ties go to the first direction in DIRECTIONS order, so the choice is fixed.
   */
  firstMove(from: number, to: number): number {
    if (from === to) return 0;
    const hops = this.hopsToward(to);
    const here = hops[from]!;
    if (here <= 0) return 0;
    for (let d = 0; d < this.connectivity; d++) {
      const v = this.neighbors[from * MAX_DIRECTIONS + d]!;
      if (v >= 0 && hops[v] === here - 1) return d + 1;
    }
    return 0;
  }
}
