/**
 * The scout mission's environment parameters (set through the environment-parameters side channel, or a run
 * configuration's `environment_parameters`), with defaults and allowed ranges. Each area reads them when an
 * episode begins, so a change takes effect from the next episode of each area, as in Unity.
 */
import type { SceneContext } from '../../src/core/env/scene.js';
import { ShivaError } from '../../src/core/errors.js';
import { GENERATED_MAP } from './builtin-maps.js';
import { MAX_CIVILIANS, MAX_TEAM } from './scout-world.js';

/**
 * Each parameter's default and allowed range; `integer` ones are rounded. map: 0 scout-116, 1 its coarse
 * layer, 2 generated (map_size × map_size waypoints from map_seed); or an index into the scene's own maps.
 * difficulty scales blue's accuracy (0.5 + difficulty) and the scripted blue's reactions; aggressiveness is
 * how readily scripted teams close in rather than hold ground. blue_scripted: 1 lets the scene drive blue.
 */
export const SCOUT_PARAMETERS = {
  map: { fallback: 0, min: 0, max: GENERATED_MAP, integer: true },
  map_size: { fallback: 12, min: 4, max: 200, integer: true },
  map_seed: { fallback: 0, min: 0, max: 2 ** 31 - 1, integer: true },
  red_count: { fallback: 2, min: 1, max: MAX_TEAM, integer: true },
  blue_count: { fallback: 2, min: 1, max: MAX_TEAM, integer: true },
  civilians: { fallback: 2, min: 0, max: MAX_CIVILIANS, integer: true },
  trainee: { fallback: 1, min: 0, max: 1, integer: true },
  difficulty: { fallback: 0.5, min: 0, max: 1, integer: false },
  aggressiveness: { fallback: 0.5, min: 0, max: 1, integer: false },
  max_steps: { fallback: 50, min: 1, max: 100_000, integer: true },
  red_health: { fallback: 150, min: 1, max: 1e9, integer: false },
  blue_health: { fallback: 200, min: 1, max: 1e9, integer: false },
  damage: { fallback: 10, min: 0, max: 1e9, integer: false },
  blue_scripted: { fallback: 0, min: 0, max: 1, integer: true },
  reward_scale: { fallback: 1, min: 0, max: 1e6, integer: false },
  violation_penalty: { fallback: 2, min: 0, max: 1e6, integer: false },
} as const;
export type ScoutParameter = keyof typeof SCOUT_PARAMETERS;

/**
 * Reads `key` (falling back to `fallback`) and checks it against its range (`max` overrides the table's, as
 * for `map` over a scene's own maps); SHIVA_ERR_ENV names it otherwise.
 */
export function readScoutParameter(context: SceneContext, key: ScoutParameter, fallback: number, max: number = SCOUT_PARAMETERS[key].max): number {
  const spec = SCOUT_PARAMETERS[key];
  const raw = context.parameter(key, fallback);
  const value = spec.integer ? Math.round(raw) : raw;
  if (!Number.isFinite(value) || value < spec.min || value > max) {
    throw new ShivaError('SHIVA_ERR_ENV', `scout: environment parameter "${key}": expected ${spec.integer ? 'an integer' : 'a number'} in ${spec.min}..${max}, got ${raw}`);
  }
  return value;
}
