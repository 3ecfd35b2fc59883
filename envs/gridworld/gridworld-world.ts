/**
 * The board of every gridworld area in flat typed arrays: where the two foragers, the guard and the two food
 * items are, which agents are still in their episode, and what each agent observes and may do. The episode
 * rules (rewards, endings, records) live in gridworld-scene.ts; this file only knows the board.
 *
 * Coordinates: x is the column (0 = left), y the row (0 = bottom); "up" increases y.
 */
import type { Rng } from '../../src/core/runtime/rng.js';

/** Agent slots within an area; agent id = area × AGENTS_PER_AREA + slot. */
export const FORAGER_SLOTS = 2;
export const GUARD_SLOT = 2;
export const AGENTS_PER_AREA = 3;
export const FOOD_PER_AREA = 2;

/** Move branch: stay, up, down, left, right. */
export const MOVE_NAMES = ['stay', 'up', 'down', 'left', 'right'] as const;
export const MOVE_COUNT = MOVE_NAMES.length;
const DX = [0, 0, 0, -1, 1] as const;
const DY = [0, 1, -1, 0, 0] as const;
/** Forager's second branch: no-op, pick up the food it stands on. */
export const PICK_COUNT = 2;

/**
 * [self x, self y, mate dx, dy, active, guard dx, dy, food0 dx, dy, present, food1 dx, dy, present, time]: positions
 * divided by (size − 1), time = step / max steps.
 */
export const FORAGER_OBS = 14;
/** [self x, self y, forager0 dx, dy, active, forager1 dx, dy, active, food0 dx, dy, present, food1 …, time]. */
export const GUARD_OBS = 15;

export class GridWorld {
  /** Side of each area's square grid. */
  readonly size: Int32Array;
  readonly x: Int32Array;
  readonly y: Int32Array;
  /** 1 while the agent is in its episode (a forager that ate or was caught waits for the area to restart). */
  readonly active: Uint8Array;
  readonly foodX: Int32Array;
  readonly foodY: Int32Array;
  readonly foodPresent: Uint8Array;

  constructor(readonly numAreas: number) {
    this.size = new Int32Array(numAreas);
    this.x = new Int32Array(numAreas * AGENTS_PER_AREA);
    this.y = new Int32Array(numAreas * AGENTS_PER_AREA);
    this.active = new Uint8Array(numAreas * AGENTS_PER_AREA);
    this.foodX = new Int32Array(numAreas * FOOD_PER_AREA);
    this.foodY = new Int32Array(numAreas * FOOD_PER_AREA);
    this.foodPresent = new Uint8Array(numAreas * FOOD_PER_AREA);
  }

  /** Puts the three agents and the two food items of `area` on distinct random cells of a `size`² grid. */
  place(area: number, size: number, rng: Rng): void {
    this.size[area] = size;
    const cells = size * size;
    // Five distinct cells by rejection: at most 5 of ≥ 9 cells are taken, so a few draws suffice.
    let taken0 = -1, taken1 = -1, taken2 = -1, taken3 = -1;
    for (let item = 0; item < AGENTS_PER_AREA + FOOD_PER_AREA; item++) {
      let cell = rng.int(cells);
      while (cell === taken0 || cell === taken1 || cell === taken2 || cell === taken3) cell = rng.int(cells);
      if (item === 0) taken0 = cell;
      else if (item === 1) taken1 = cell;
      else if (item === 2) taken2 = cell;
      else if (item === 3) taken3 = cell;
      const cx = cell % size;
      const cy = (cell - cx) / size;
      if (item < AGENTS_PER_AREA) {
        const agent = area * AGENTS_PER_AREA + item;
        this.x[agent] = cx;
        this.y[agent] = cy;
        this.active[agent] = 1;
      } else {
        const food = area * FOOD_PER_AREA + item - AGENTS_PER_AREA;
        this.foodX[food] = cx;
        this.foodY[food] = cy;
        this.foodPresent[food] = 1;
      }
    }
  }

  /** Whether `move` keeps `agent` (a global agent index) on its area's grid. */
  moveAllowed(agent: number, move: number): boolean {
    const size = this.size[(agent / AGENTS_PER_AREA) | 0]!;
    const nx = this.x[agent]! + DX[move]!;
    const ny = this.y[agent]! + DY[move]!;
    return nx >= 0 && ny >= 0 && nx < size && ny < size;
  }

  /** Moves `agent` one cell; a move off the grid (a held action gone stale) leaves it in place. */
  move(agent: number, move: number): void {
    if (!this.moveAllowed(agent, move)) return;
    this.x[agent]! += DX[move]!;
    this.y[agent]! += DY[move]!;
  }

  /** The index of present food under `agent`, or -1. */
  foodUnder(agent: number): number {
    const area = (agent / AGENTS_PER_AREA) | 0;
    for (let f = area * FOOD_PER_AREA; f < (area + 1) * FOOD_PER_AREA; f++) {
      if (this.foodPresent[f] && this.foodX[f] === this.x[agent] && this.foodY[f] === this.y[agent]) return f;
    }
    return -1;
  }

  /** Writes the move-branch mask of `agent` (1 = not allowed) at `out[offset .. offset+5]`. */
  writeMoveMask(agent: number, out: Uint8Array, offset: number): void {
    for (let m = 0; m < MOVE_COUNT; m++) out[offset + m] = this.moveAllowed(agent, m) ? 0 : 1;
  }

  writeForagerObservation(agent: number, time: number, out: Float32Array, offset: number): void {
    const area = (agent / AGENTS_PER_AREA) | 0;
    const first = area * AGENTS_PER_AREA;
    const mate = agent === first ? first + 1 : first;
    const scale = 1 / (this.size[area]! - 1);
    out[offset] = this.x[agent]! * scale;
    out[offset + 1] = this.y[agent]! * scale;
    this.writeAgent(agent, mate, scale, out, offset + 2);
    this.writeRelative(agent, first + GUARD_SLOT, scale, out, offset + 5);
    this.writeFood(agent, area, scale, out, offset + 7);
    out[offset + 13] = time;
  }

  writeGuardObservation(agent: number, time: number, out: Float32Array, offset: number): void {
    const area = (agent / AGENTS_PER_AREA) | 0;
    const first = area * AGENTS_PER_AREA;
    const scale = 1 / (this.size[area]! - 1);
    out[offset] = this.x[agent]! * scale;
    out[offset + 1] = this.y[agent]! * scale;
    for (let s = 0; s < FORAGER_SLOTS; s++) this.writeAgent(agent, first + s, scale, out, offset + 2 + 3 * s);
    this.writeFood(agent, area, scale, out, offset + 8);
    out[offset + 14] = time;
  }

  /** [dx, dy, active] of `to` seen from `from`; an agent out of its episode reads [0, 0, 0]. */
  private writeAgent(from: number, to: number, scale: number, out: Float32Array, at: number): void {
    if (this.active[to]) this.writeRelative(from, to, scale, out, at);
    else out[at] = out[at + 1] = 0;
    out[at + 2] = this.active[to]!;
  }

  private writeRelative(from: number, to: number, scale: number, out: Float32Array, at: number): void {
    out[at] = (this.x[to]! - this.x[from]!) * scale;
    out[at + 1] = (this.y[to]! - this.y[from]!) * scale;
  }

  /** Two food entries of [dx, dy, present]; an eaten item reads [0, 0, 0]. */
  private writeFood(agent: number, area: number, scale: number, out: Float32Array, at: number): void {
    for (let k = 0; k < FOOD_PER_AREA; k++) {
      const f = area * FOOD_PER_AREA + k;
      const present = this.foodPresent[f]!;
      out[at + 3 * k] = present ? (this.foodX[f]! - this.x[agent]!) * scale : 0;
      out[at + 3 * k + 1] = present ? (this.foodY[f]! - this.y[agent]!) * scale : 0;
      out[at + 3 * k + 2] = present;
    }
  }
}
