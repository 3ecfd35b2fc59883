/**
 * Scripted experts by name, as `shiva record --expert scripted:NAME` names them: hand-written policies for the
 * built-in environments that act from what an agent observes and is allowed (its action masks), so that they run
 * through the Environment API like any policy, in-process or across the bridge.
 *
 * Each expert is meant for one behavior (its base name, "CartPole", "Red", "Blue"); a recording uses the expert of
 * every other behavior of the scene that has one (scout's blue team while red is recorded).
 */
import type { ActionTuple } from '../src/core/env/action-tuple.js';
import { parseBehaviorName, type BehaviorSpec } from '../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../src/core/env/steps.js';
import { nearest } from '../src/core/did-you-mean.js';
import { ShivaError } from '../src/core/errors.js';
import type { Rng } from '../src/core/runtime/rng.js';
import { scriptedBlueActions, scriptedRedActions } from './scout/scripted-policies.js';

/** Actions for every decision row of `steps`, within the masks. */
export type ScriptedPolicy = (spec: BehaviorSpec, steps: DecisionSteps, rng: Rng) => ActionTuple;

export interface ScriptedExpert {
  readonly name: string;
  readonly description: string;
  /** The behavior it is written for, without its team ("CartPole", "Red?team=0" → "Red"). */
  readonly behavior: string;
  readonly act: ScriptedPolicy;
}

/** Weight of θ̇ in the balance rule; with 0.5 the rule holds every CartPole-v1 start for the full 500 steps. */
const THETA_DOT_WEIGHT = 0.5;

/**
 * CartPole: push toward the side the pole is falling to, judged by where it will be shortly: θ + 0.5·θ̇ (radians,
 * radians per second; observation [x, ẋ, θ, θ̇]). Positive → push right (action 1), else left (0).
 */
const cartpoleBalance: ScriptedPolicy = (_spec, steps) => {
  const obs = steps.observations[0]!;
  const discrete = new Int32Array(steps.count);
  for (let i = 0; i < steps.count; i++) discrete[i] = obs[i * 4 + 2]! + THETA_DOT_WEIGHT * obs[i * 4 + 3]! > 0 ? 1 : 0;
  return { continuous: new Float32Array(0), discrete };
};

const EXPERTS: readonly ScriptedExpert[] = [
  {
    name: 'cartpole-balance',
    description: 'CartPole: push toward the side the pole is falling to (θ + 0.5·θ̇ > 0 → right); returns 500 on CartPole-v1.',
    behavior: 'CartPole',
    act: cartpoleBalance,
  },
  {
    name: 'scout-red',
    description: "The scout mission's scripted red team: head for the nearest unobserved objective, fire at the nearest target the rules of engagement allow.",
    behavior: 'Red',
    act: (_spec, steps, rng) => scriptedRedActions(steps, rng),
  },
  {
    name: 'scout-blue',
    description: "The scout mission's scripted blue team: patrol, turn to and engage enemies in sight (difficulty and aggressiveness from the observation).",
    behavior: 'Blue',
    act: (_spec, steps, rng) => scriptedBlueActions(steps, rng),
  },
];

export const scriptedExperts: ReadonlyMap<string, ScriptedExpert> = new Map(EXPERTS.map((e) => [e.name, e]));

/** The scripted expert called `name`; a ShivaError with the known names (and the nearest one) otherwise. */
export function getScriptedExpert(name: string): ScriptedExpert {
  const expert = scriptedExperts.get(name.trim().toLowerCase());
  if (expert) return expert;
  const known = [...scriptedExperts.keys()];
  const near = nearest(name, known);
  const hint = near ? `; did you mean "scripted:${near}"?` : '';
  throw new ShivaError('SHIVA_ERR_USAGE', `--expert: expected scripted:NAME with NAME one of [${known.join(', ')}], got "scripted:${name}"${hint}`);
}

/** The scripted expert written for `behavior` ("Name?team=N" or "Name"), or undefined. */
export function scriptedExpertFor(behavior: string): ScriptedExpert | undefined {
  const base = parseBehaviorName(behavior).name;
  return EXPERTS.find((e) => e.behavior === base);
}
