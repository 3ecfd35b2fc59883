/**
 * The built-in environments by name, as `--env cartpole` and `shiva unity-standin --env gridworld` name them,
 * with the academy settings each is meant to run under.
 */
import type { SceneFactory } from '../src/core/env/scene.js';
import { BUILTIN_ENV_CATALOG, type BuiltinEnvEntry } from './catalog.js';
import { editDistance } from '../src/core/did-you-mean.js';
import { ShivaError } from '../src/core/errors.js';
import { createBasicScene } from './basic/basic-scene.js';
import { createCartPoleScene } from './cartpole/cartpole-scene.js';
import { createCoopSwitchScene } from './coop-switch/coop-switch-scene.js';
import { createCorridorScene } from './corridor/corridor-scene.js';
import { createDuelScene } from './duel/duel-scene.js';
import { createGoalLineScene } from './goal-line/goal-line-scene.js';
import { createGridworldScene } from './gridworld/gridworld-scene.js';
import { createPendulumScene } from './pendulum/pendulum-scene.js';
import { SCOUT_OBSERVATION_LABELS } from './scout/scout-observation.js';
import { createScoutScene } from './scout/scout-scene.js';
import { createSpreadScene } from './spread/spread-scene.js';
import { createTMazeScene } from './tmaze/tmaze-scene.js';

export interface BuiltinEnv extends BuiltinEnvEntry {
  factory: SceneFactory;
  /**
   * Optional: a name for each observation value of `behavior` (its observations concatenated in spec order), or
   * null where the scene names none; `shiva explain` labels traced observations with them.
   */
  observationLabels?: (behavior: string) => readonly string[] | null;
}

const FACTORIES: Readonly<Record<string, SceneFactory>> = {
  'basic': createBasicScene,
  'cartpole': createCartPoleScene,
  'coop-switch': createCoopSwitchScene,
  'corridor': createCorridorScene,
  'duel': createDuelScene,
  'goal-line': createGoalLineScene,
  'gridworld': createGridworldScene,
  'pendulum': createPendulumScene,
  'scout': createScoutScene,
  'spread': createSpreadScene,
  'tmaze': createTMazeScene,
};

/** Scenes that name their observation values (red and blue scouts share one layout). */
const OBSERVATION_LABELS: Readonly<Record<string, BuiltinEnv['observationLabels']>> = {
  'scout': () => SCOUT_OBSERVATION_LABELS,
};

const ENVS: readonly BuiltinEnv[] = BUILTIN_ENV_CATALOG.map((entry) => {
  const labels = OBSERVATION_LABELS[entry.name];
  return { ...entry, factory: FACTORIES[entry.name]!, ...(labels ? { observationLabels: labels } : {}) };
});

export const builtinEnvs: ReadonlyMap<string, BuiltinEnv> = new Map(ENVS.map((env) => [env.name, env]));

/** The built-in environment called `name` (case and surrounding spaces ignored). */
export function getBuiltinEnv(name: string): BuiltinEnv {
  const key = name.trim().toLowerCase();
  const env = builtinEnvs.get(key);
  if (env) return env;
  const known = [...builtinEnvs.keys()];
  const near = known.filter((k) => editDistance(k, key) <= Math.max(1, Math.floor(k.length / 4)) || (key.length >= 3 && k.startsWith(key)));
  const hint = near.length > 0 ? `; did you mean ${near.map((k) => `"${k}"`).join(' or ')}?` : '';
  throw new ShivaError('SHIVA_ERR_ENV', `builtin environments: name: expected one of [${known.join(', ')}], got "${name}"${hint}`);
}
