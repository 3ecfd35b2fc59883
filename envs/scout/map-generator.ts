/**
 * Seeded scout maps of any size, for scale tests and variety: a random terrain (buildings and walls that
 * block movement and sight, woods that give cover) and a scenario laid over it in the shape of the
 * reference map: red enters from the south, the objectives lie in the north, blue patrols around them,
 * civilians and the trainee are in between. The same terrain gives a fine layer (a waypoint every 2 cells,
 * 50 units apart) and a coarse one (every 4 cells).
 */
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import type { ScoutMapJson } from './scout-map-json.js';
import { sampleWaypointLayer, type Cell, type ScenarioLayout, type Terrain } from './terrain.js';

export interface GeneratorOptions {
  /** Waypoints along the west–east side of the fine layer (≥ 4). */
  readonly width: number;
  /** Waypoints along the south–north side (≥ 4); defaults to width. */
  readonly height?: number;
  readonly seed: number;
  readonly connectivity?: 4 | 8;
  /** Fraction of cells under buildings and walls (default 0.12). */
  readonly buildingDensity?: number;
  /** Fraction of open cells in woods (default 0.12). */
  readonly coverDensity?: number;
  /** Map units per terrain cell (default 25: fine waypoints 50 apart, as on the reference map). */
  readonly cellSize?: number;
}

export const FINE_STRIDE = 2;
export const COARSE_STRIDE = 4;

export interface GeneratedScoutMaps {
  readonly terrain: Terrain;
  readonly layout: ScenarioLayout;
  /** The fine layer (stride 2) and the coarse one (stride 4) over the same terrain. */
  readonly fine: ScoutMapJson;
  readonly coarse: ScoutMapJson;
}

/** The fine layer of a generated map, as a map file. */
export function generateScoutMap(options: GeneratorOptions): ScoutMapJson {
  return generateScoutMapLayers(options).fine;
}

export function generateScoutMapLayers(options: GeneratorOptions): GeneratedScoutMaps {
  const width = options.width;
  const height = options.height ?? width;
  for (const [key, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 4 || v > 500) throw new ShivaError('SHIVA_ERR_MAP', `map generator: ${key}: expected an integer 4..500 (waypoints per side), got ${v}`);
  }
  const rng = new Rng(options.seed);
  const terrain = generateTerrain(width, height, rng, options);
  const layout = generateLayout(terrain, rng);
  const name = `generated-${width}x${height}-seed${options.seed}`;
  const common = { connectivity: options.connectivity ?? 4 } as const;
  return {
    terrain,
    layout,
    fine: sampleWaypointLayer(terrain, layout, { ...common, name, stride: FINE_STRIDE }),
    coarse: sampleWaypointLayer(terrain, layout, { ...common, name: `${name}-coarse`, stride: COARSE_STRIDE }),
  };
}

function generateTerrain(width: number, height: number, rng: Rng, options: GeneratorOptions): Terrain {
  const cols = (width - 1) * FINE_STRIDE + 1;
  const rows = (height - 1) * FINE_STRIDE + 1;
  const blocked = new Uint8Array(cols * rows);
  const cover = new Float64Array(cols * rows);
  const cells = cols * rows;
  // Red's entry strip (the two southern waypoint rows) and the northern edge stay open, so every map has a way in.
  const reserved = (r: number) => r <= FINE_STRIDE || r === rows - 1;
  const buildingCells = Math.floor(cells * (options.buildingDensity ?? 0.12));
  let placed = 0;
  for (let attempt = 0; placed < buildingCells && attempt < cells * 4; attempt++) {
    // Mostly thin walls (one cell thick, between waypoints) and some small blocks.
    const wall = rng.next() < 0.6;
    const horizontal = rng.next() < 0.5;
    const long = 2 + rng.int(4);
    const w = wall ? (horizontal ? long : 1) : 1 + rng.int(3);
    const h = wall ? (horizontal ? 1 : long) : 1 + rng.int(3);
    const c0 = rng.int(cols - w + 1);
    const r0 = rng.int(rows - h + 1);
    for (let r = r0; r < r0 + h; r++) {
      if (reserved(r)) continue;
      for (let c = c0; c < c0 + w; c++) {
        if (!blocked[r * cols + c]) {
          blocked[r * cols + c] = 1;
          placed++;
        }
      }
    }
  }
  const coverCells = Math.floor(cells * (options.coverDensity ?? 0.12));
  let woods = 0;
  for (let attempt = 0; woods < coverCells && attempt < cells * 4; attempt++) {
    const c0 = rng.int(cols), r0 = rng.int(rows);
    const size = 1 + rng.int(3);
    const value = rng.next() < 0.25 ? 0.8 : 0.5;
    for (let r = r0; r < Math.min(rows, r0 + size); r++) {
      for (let c = c0; c < Math.min(cols, c0 + size); c++) {
        const i = r * cols + c;
        if (!blocked[i] && cover[i] === 0) {
          cover[i] = value;
          woods++;
        }
      }
    }
  }
  return { cols, rows, cellSize: options.cellSize ?? 25, blocked, cover };
}

function generateLayout(terrain: Terrain, rng: Rng): ScenarioLayout {
  const { cols, rows } = terrain;
  // Waypoint cells only (multiples of the fine stride), so snapping moves little.
  const at = (fx: number, fy: number): Cell => [snapToStride(fx * (cols - 1)), snapToStride(fy * (rows - 1))];
  const randomIn = (fy0: number, fy1: number): Cell => at(rng.next(), fy0 + (fy1 - fy0) * rng.next());
  const objectiveCells = [at(0.25, 0.9), at(0.75, 0.9)];
  const loop = ([c, r]: Cell, half: number): Cell[] => {
    const k = half * FINE_STRIDE;
    const clampC = (v: number) => Math.min(cols - 1, Math.max(0, v));
    const clampR = (v: number) => Math.min(rows - 1, Math.max(0, v));
    return [[clampC(c - k), clampR(r - k)], [clampC(c + k), clampR(r - k)], [clampC(c + k), clampR(r)], [clampC(c - k), clampR(r)]];
  };
  const half = Math.max(1, Math.round((cols - 1) / FINE_STRIDE / 8));
  return {
    red: [at(0.2, 0), at(0.4, 0), at(0.6, 0), at(0.8, 0)],
    blue: objectiveCells.map(([c, r]) => [c, Math.max(0, r - 2 * FINE_STRIDE)] as const),
    civilians: Array.from({ length: 4 }, () => randomIn(0.3, 0.7)),
    trainee: Array.from({ length: 2 }, () => randomIn(0.2, 0.5)),
    objectives: objectiveCells.map((cell, i) => ({ name: `objective-${i + 1}`, cell })),
    patrols: [...objectiveCells.map((cell) => loop(cell, half)), [at(0.25, 0.6), at(0.75, 0.6)]],
  };
}

function snapToStride(v: number): number {
  return Math.round(v / FINE_STRIDE) * FINE_STRIDE;
}
