/**
 * Gridworld's top-down camera (environment parameter `camera: 1`): an 84×84 RGB image of the agent's area, as
 * ML-Agents' GridWorld example feeds its agent (a CameraSensor of 84×84×3, `vis_encode_type: simple`).
 *
 * Layout: [C, H, W] planes (red, green, blue), values in 0..1: the order of this project's observation contract
 * and of ML-Agents 2.x's visual observations (the visual encoders transpose to NHWC themselves). Row 0 is the top
 * of the image, i.e. the grid's highest y; column 0 its lowest x.
 *
 * What the camera shows is seen from the observing agent, so that it can tell itself from its mate:
 *   floor               grey (0.25, 0.25, 0.25), the whole area
 *   food still present  green (0, 1, 0), the whole cell
 *   an opponent         red (1, 0, 0)        } agents are inset squares (a quarter of the cell's side kept
 *   a team-mate         light blue (0, 0.5, 1)} as margin on every side), so food under an agent shows around it;
 *   the observer        blue (0, 0, 1)       } drawn in this order, the observer last (always on top)
 * Agents out of their episode are not drawn. Nothing is allocated per image: the caller gives the buffer.
 */
import { AGENTS_PER_AREA, FOOD_PER_AREA, GUARD_SLOT, type GridWorld } from './gridworld-world.js';

export const CAMERA_HEIGHT = 84;
export const CAMERA_WIDTH = 84;
export const CAMERA_CHANNELS = 3;
/** The observation's shape, [C, H, W]. */
export const CAMERA_SHAPE = [CAMERA_CHANNELS, CAMERA_HEIGHT, CAMERA_WIDTH] as const;
export const CAMERA_SIZE = CAMERA_CHANNELS * CAMERA_HEIGHT * CAMERA_WIDTH;
const PLANE = CAMERA_HEIGHT * CAMERA_WIDTH;

export type Rgb = readonly [number, number, number];
export const CAMERA_COLORS = {
  // Values exact in float32, so that pixels compare equal to these.
  floor: [0.25, 0.25, 0.25],
  food: [0, 1, 0],
  opponent: [1, 0, 0],
  mate: [0, 0.5, 1],
  self: [0, 0, 1],
} as const satisfies Record<string, Rgb>;

/** Pixel bounds [from, to) of cell `cell` of `size` along an axis of `pixels`. */
export function cellSpan(cell: number, size: number, pixels: number): [number, number] {
  return [Math.floor((cell * pixels) / size), Math.floor(((cell + 1) * pixels) / size)];
}

/** Writes the view of `agent` (a global agent index) at `out[offset .. offset + CAMERA_SIZE)`. */
export function renderGridworldCamera(world: GridWorld, agent: number, out: Float32Array, offset: number): void {
  const area = (agent / AGENTS_PER_AREA) | 0;
  const first = area * AGENTS_PER_AREA;
  const size = world.size[area]!;
  const floor = CAMERA_COLORS.floor;
  for (let c = 0; c < CAMERA_CHANNELS; c++) out.fill(floor[c]!, offset + c * PLANE, offset + (c + 1) * PLANE);
  for (let f = area * FOOD_PER_AREA; f < (area + 1) * FOOD_PER_AREA; f++) {
    if (world.foodPresent[f]) fillCell(out, offset, size, world.foodX[f]!, world.foodY[f]!, 0, CAMERA_COLORS.food);
  }
  const observerIsGuard = agent - first === GUARD_SLOT;
  for (let other = first; other < first + AGENTS_PER_AREA; other++) {
    if (other === agent || !world.active[other]) continue;
    const otherIsGuard = other - first === GUARD_SLOT;
    const color = otherIsGuard === observerIsGuard ? CAMERA_COLORS.mate : CAMERA_COLORS.opponent;
    fillCell(out, offset, size, world.x[other]!, world.y[other]!, AGENT_INSET, color);
  }
  if (world.active[agent]) fillCell(out, offset, size, world.x[agent]!, world.y[agent]!, AGENT_INSET, CAMERA_COLORS.self);
}

/** The share of a cell's side left as margin on each side of an agent's square. */
const AGENT_INSET = 0.25;

/** Fills cell (x, y) of a `size`² grid, less `inset` of its side on every side, with `color`. */
function fillCell(out: Float32Array, offset: number, size: number, x: number, y: number, inset: number, color: Rgb): void {
  const [x0, x1] = cellSpan(x, size, CAMERA_WIDTH);
  // Image rows grow downwards while y grows upwards.
  const [y0, y1] = cellSpan(size - 1 - y, size, CAMERA_HEIGHT);
  const mx = Math.round((x1 - x0) * inset);
  const my = Math.round((y1 - y0) * inset);
  for (let c = 0; c < CAMERA_CHANNELS; c++) {
    const value = color[c]!;
    const plane = offset + c * PLANE;
    for (let row = y0 + my; row < y1 - my; row++) out.fill(value, plane + row * CAMERA_WIDTH + x0 + mx, plane + row * CAMERA_WIDTH + x1 - mx);
  }
}
