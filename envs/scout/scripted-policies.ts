/**
 * Scripted teams that act from observations and masks only (scout-observation.ts), so a trainer can run them
 * through the normal Environment API like any policy; the scene also runs the blue one internally when
 * `blue_scripted` is 1.
 *
 * Blue (the defenders): walks its patrol route; when an enemy is in a look cone it turns to the nearest one
 * (reacting with probability 0.5 + 0.5 × difficulty each step), and then either goes prone to hold and fire
 * (probability 1 − aggressiveness) or keeps standing; when the team sees an enemy it leaves the route to
 * close in with probability aggressiveness. Difficulty and aggressiveness are read from the observation.
 *
 * Red (the scouts): heads for the nearest unobserved objective along its guidance, fires at the nearest
 * target in any look cone, and otherwise looks where it walks. It stays standing (prone agents do not move).
 *
 * Both hold fire in look directions where a civilian or the trainee is in a line of fire, unless told
 * `respectRoe: false` (a policy that "wants to fire", for testing a reasoning layer).
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import {
  CONE_WIDTH,
  ENEMY_WIDTH,
  LOOK_COUNT,
  MOVE_COUNT,
  OBS_CONES,
  OBS_ENEMIES,
  OBS_ENEMY_MOVE,
  OBS_GOAL_MOVE,
  OBS_SCENARIO,
  OBS_SELF,
  SCOUT_MASK,
  SCOUT_OBS,
} from './scout-observation.js';
import { MAX_TEAM } from './scout-world.js';

export interface ScriptedOptions {
  /** Hold fire where a civilian or the trainee is in a line of fire (default true). */
  readonly respectRoe?: boolean;
}

type RowPolicy = (obs: Float32Array, o: number, mask: Uint8Array | null, m: number, rng: Rng, out: Int32Array, a: number, options: ScriptedOptions) => void;

/** One blue agent: reads `obs[o..o+SCOUT_OBS)` and `mask[m..m+SCOUT_MASK)`, writes [move, look, posture] at `out[a..]`. */
export const scriptedBlueRow: RowPolicy = (obs, o, mask, m, rng, out, a, options) => {
  const difficulty = obs[o + OBS_SCENARIO]!;
  const aggressiveness = obs[o + OBS_SCENARIO + 1]!;
  // The draws happen every step, used or not, so that a step's choices do not shift later draws.
  const react = rng.next() < 0.5 + 0.5 * difficulty;
  const chase = rng.next() < aggressiveness;
  const holdGround = rng.next() >= aggressiveness;
  const target = bestLook(obs, o, options);
  const enemySeen = anyEnemyVisible(obs, o);
  let move = chase && enemySeen ? oneHot(obs, o + OBS_ENEMY_MOVE, MOVE_COUNT) : oneHot(obs, o + OBS_GOAL_MOVE, MOVE_COUNT);
  if (masked(mask, m, move)) move = 0;
  let look = idleLook(obs, o, move, options);
  let posture = 0;
  if (target >= 0 && react) {
    look = target;
    if (holdGround) posture = 1;
  }
  out[a] = move;
  out[a + 1] = look;
  out[a + 2] = posture;
};

/** One red agent, as scriptedBlueRow. Red draws nothing from `rng`; it is there for a common signature. */
export const scriptedRedRow: RowPolicy = (obs, o, mask, m, _rng, out, a, options) => {
  let move = oneHot(obs, o + OBS_GOAL_MOVE, MOVE_COUNT);
  if (masked(mask, m, move)) move = 0;
  const target = bestLook(obs, o, options);
  out[a] = move;
  out[a + 1] = target >= 0 ? target : idleLook(obs, o, move, options);
  out[a + 2] = 0;
};

/** Scripted blue actions for every decision row of `steps` (behavior "Blue?team=1"). */
export function scriptedBlueActions(steps: DecisionSteps, rng: Rng, options: ScriptedOptions = {}): ActionTuple {
  return actionsFor(scriptedBlueRow, steps, rng, options);
}

/** Scripted red actions for every decision row of `steps` (behavior "Red?team=0"). */
export function scriptedRedActions(steps: DecisionSteps, rng: Rng, options: ScriptedOptions = {}): ActionTuple {
  return actionsFor(scriptedRedRow, steps, rng, options);
}

function actionsFor(row: RowPolicy, steps: DecisionSteps, rng: Rng, options: ScriptedOptions): ActionTuple {
  const discrete = new Int32Array(steps.count * 3);
  const obs = steps.observations[0]!;
  for (let i = 0; i < steps.count; i++) row(obs, i * SCOUT_OBS, steps.actionMasks, i * SCOUT_MASK, rng, discrete, i * 3, options);
  return { continuous: new Float32Array(0), discrete };
}

/** The look direction with the nearest target (allowed by the rules of engagement), or −1. */
function bestLook(obs: Float32Array, o: number, options: ScriptedOptions): number {
  const respect = options.respectRoe ?? true;
  let best = -1, bestD = Infinity;
  for (let look = 0; look < LOOK_COUNT; look++) {
    const c = o + OBS_CONES + look * CONE_WIDTH;
    if (obs[c] !== 1) continue;
    if (respect && hazard(obs, o, look)) continue;
    if (obs[c + 1]! < bestD) [best, bestD] = [look, obs[c + 1]!];
  }
  return best;
}

/**
 * Where to look when not firing on purpose: the way it walks, else where it already looks, else any direction.
 * Looking into a cone with a target fires, so with respectRoe a cone with someone in a line of fire is skipped.
 */
function idleLook(obs: Float32Array, o: number, move: number, options: ScriptedOptions): number {
  const current = currentLook(obs, o);
  const candidates = [move > 0 ? move - 1 : current, current, 0, 1, 2, 3];
  if (options.respectRoe === false) return candidates[0]!;
  return candidates.find((look) => !hazard(obs, o, look)) ?? candidates[0]!;
}

function hazard(obs: Float32Array, o: number, look: number): boolean {
  const c = o + OBS_CONES + look * CONE_WIDTH;
  return obs[c + 2] === 1 || obs[c + 3] === 1;
}

function anyEnemyVisible(obs: Float32Array, o: number): boolean {
  for (let k = 0; k < MAX_TEAM; k++) if (obs[o + OBS_ENEMIES + k * ENEMY_WIDTH] === 1) return true;
  return false;
}

function currentLook(obs: Float32Array, o: number): number {
  return Math.max(0, oneHot(obs, o + OBS_SELF + 4, LOOK_COUNT));
}

function oneHot(obs: Float32Array, at: number, size: number): number {
  for (let k = 0; k < size; k++) if (obs[at + k] === 1) return k;
  return 0;
}

function masked(mask: Uint8Array | null, m: number, move: number): boolean {
  return mask !== null && mask[m + move] === 1;
}
