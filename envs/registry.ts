/**
 * The built-in environments by name, as `--env cartpole` and `shiva unity-standin --env gridworld` name them,
 * with the academy settings each is meant to run under.
 */
import type { SceneFactory } from '../src/core/env/scene.js';
import { editDistance } from '../src/core/did-you-mean.js';
import { ShivaError } from '../src/core/errors.js';
import { createCartPoleScene } from './cartpole/cartpole-scene.js';
import { createCoopSwitchScene } from './coop-switch/coop-switch-scene.js';
import { createDuelScene } from './duel/duel-scene.js';
import { createGridworldScene } from './gridworld/gridworld-scene.js';
import { createPendulumScene } from './pendulum/pendulum-scene.js';
import { createScoutScene } from './scout/scout-scene.js';
import { createSpreadScene } from './spread/spread-scene.js';

export interface BuiltinEnv {
  name: string;
  description: string;
  factory: SceneFactory;
  /** Academy steps between two decisions of an agent (Unity's DecisionRequester.DecisionPeriod). */
  decisionPeriod: number;
  /** Copies of the task in one scene when the user does not say (ML-Agents' num_areas). */
  defaultNumAreas: number;
}

const ENVS: readonly BuiltinEnv[] = [
  {
    name: 'cartpole',
    description: "gym's CartPole-v1: balance a pole on a cart for 500 steps; behavior CartPole?team=0, 4 observations, one discrete branch of 2.",
    factory: createCartPoleScene,
    decisionPeriod: 1,
    defaultNumAreas: 8,
  },
  {
    name: 'coop-switch',
    description: 'Two members of a group (CoopSwitch?team=0) in a corridor: one must press a switch and leave the episode so that the other can reach the exit; group reward only (an MA-POCA test bed).',
    factory: createCoopSwitchScene,
    decisionPeriod: 1,
    defaultNumAreas: 8,
  },
  {
    name: 'duel',
    description: 'A symmetric self-play race: two runners (Duel?team=0, Duel?team=1, one spec) start at the ends of a line of 7 cells; the first on the middle flag wins (+1, the other −1); back, stay or forward; 3 observations.',
    factory: createDuelScene,
    decisionPeriod: 1,
    defaultNumAreas: 8,
  },
  {
    name: 'gridworld',
    description: 'Two foragers (Forager?team=0, one group per area) race a guard (Guard?team=1) to two food items on a masked 5×5 grid.',
    factory: createGridworldScene,
    decisionPeriod: 1,
    defaultNumAreas: 4,
  },
  {
    name: 'pendulum',
    description: "gym's Pendulum-v1: swing a pendulum up and hold it for 200 steps; behavior Pendulum?team=0, 3 observations, one continuous action (torque / 2).",
    factory: createPendulumScene,
    decisionPeriod: 1,
    defaultNumAreas: 8,
  },
  {
    name: 'scout',
    description:
      'The scout mission: red scouts (Red?team=0, 2 per area) must observe the objectives of a waypoint map that blue (Blue?team=1, 2 per area) defends, among civilians and a trainee; move × look × posture, masked; parameter blue_scripted: 1 makes blue scripted.',
    factory: createScoutScene,
    decisionPeriod: 1,
    defaultNumAreas: 4,
  },
  {
    name: 'spread',
    description:
      "MPE's simple spread: N agents (parameter agents, default 3; one group per area) cover N landmarks in 25 steps; behavior Spread?team=0, 4N+2 observations, a 2-D force (or discrete: 1, one branch of 5); shared reward.",
    factory: createSpreadScene,
    decisionPeriod: 1,
    defaultNumAreas: 8,
  },
];

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
