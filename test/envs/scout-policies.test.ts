import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OBS_CONES,
  OBS_ENEMIES,
  OBS_ENEMY_MOVE,
  OBS_GOAL_MOVE,
  OBS_SCENARIO,
  OBS_SELF,
  SCOUT_MASK,
  SCOUT_OBS,
} from '../../envs/scout/scout-observation.js';
import { BLUE_BEHAVIOR, RED_BEHAVIOR, RED_SPEC, SCOUT_STATS, createScoutScene } from '../../envs/scout/scout-scene.js';
import { scriptedBlueActions, scriptedRedActions, type ScriptedOptions } from '../../envs/scout/scripted-policies.js';
import type { EnvironmentParameter } from '../../src/core/env/environment-parameters.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import type { AggregatedStat } from '../../src/core/env/stats.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { Rng } from '../../src/core/runtime/rng.js';

/** One decision row built by hand: an observation with the given fields set, and a mask. */
function row(fields: Record<number, number>, mask: number[] = new Array(SCOUT_MASK).fill(0)): DecisionSteps {
  const obs = new Float32Array(SCOUT_OBS);
  for (const [at, v] of Object.entries(fields)) obs[Number(at)] = v;
  return { count: 1, agentIds: Int32Array.of(4), observations: [obs], rewards: new Float32Array(1), groupIds: Int32Array.of(2), groupRewards: new Float32Array(1), actionMasks: Uint8Array.from(mask) };
}

const cone = (look: number, present: number, distance: number, civilian = 0, trainee = 0) => ({
  [OBS_CONES + look * 4]: present,
  [OBS_CONES + look * 4 + 1]: distance,
  [OBS_CONES + look * 4 + 2]: civilian,
  [OBS_CONES + look * 4 + 3]: trainee,
});

test('scripted blue from one observation: turns to the nearest allowed target, holds ground or chases as aggressiveness says', () => {
  const rng = new Rng(1);
  const act = (fields: Record<number, number>, options?: ScriptedOptions, mask?: number[]) => Array.from(scriptedBlueActions(row(fields, mask), rng, options).discrete);
  const base = { [OBS_SELF + 4]: 1, [OBS_GOAL_MOVE + 3]: 1, [OBS_ENEMY_MOVE + 2]: 1, [OBS_SCENARIO]: 1 }; // looks N; goal west; enemy south; difficulty 1
  // Aggressiveness 0: never chases, always holds ground (prone) when it fires.
  assert.deepEqual(act({ ...base, ...cone(1, 1, 0.5), ...cone(3, 1, 0.2), [OBS_ENEMIES]: 1, [OBS_SCENARIO + 1]: 0 }), [3, 3, 1], 'walks west, fires east (the nearer), prone');
  // The nearer target has a civilian in the line: it fires at the other one.
  assert.deepEqual(act({ ...base, ...cone(1, 1, 0.5), ...cone(3, 1, 0.2, 1), [OBS_ENEMIES]: 1, [OBS_SCENARIO + 1]: 0 }), [3, 1, 1]);
  // ... unless told to ignore the rules of engagement.
  assert.deepEqual(act({ ...base, ...cone(1, 1, 0.5), ...cone(3, 1, 0.2, 0, 1), [OBS_ENEMIES]: 1, [OBS_SCENARIO + 1]: 0 }, { respectRoe: false }), [3, 3, 1]);
  // Aggressiveness 1: closes in on the enemy its team sees, standing.
  assert.deepEqual(act({ ...base, ...cone(1, 1, 0.5), [OBS_ENEMIES]: 1, [OBS_SCENARIO + 1]: 1 }), [2, 1, 0]);
  // No target: looks where it walks; a flagged cone there is avoided (west flagged → keeps looking north).
  assert.deepEqual(act({ ...base, [OBS_SCENARIO + 1]: 0 }), [3, 2, 0]);
  assert.deepEqual(act({ ...base, ...cone(2, 1, 0.9, 1), [OBS_SCENARIO + 1]: 0 }), [3, 0, 0]);
  // A masked guidance move becomes NOOP.
  assert.deepEqual(act({ ...base, [OBS_SCENARIO + 1]: 0 }, {}, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]), [0, 0, 0]);
});

test('scripted red from one observation: follows its guidance and fires at the nearest allowed target, standing', () => {
  const rng = new Rng(1);
  const act = (fields: Record<number, number>, options?: ScriptedOptions) => Array.from(scriptedRedActions(row(fields), rng, options).discrete);
  const base = { [OBS_SELF + 5]: 1, [OBS_GOAL_MOVE + 1]: 1 }; // looks south; goal north
  assert.deepEqual(act(base), [1, 0, 0], 'walks north looking north');
  assert.deepEqual(act({ ...base, ...cone(2, 1, 0.3) }), [1, 2, 0], 'fires west while walking');
  assert.deepEqual(act({ ...base, ...cone(2, 1, 0.3, 1), ...cone(0, 1, 0.9, 0, 1) }), [1, 1, 0], 'both targets flagged: looks where nobody is (south)');
  assert.deepEqual(act({ ...base, ...cone(2, 1, 0.3, 1) }, { respectRoe: false }), [1, 2, 0]);
});

type Params = Record<string, EnvironmentParameter>;

/** Plays `steps` steps with the given red policy against scripted blue (through the API, or inside the scene). */
async function play(seed: number, params: Params, red: 'scripted' | 'trigger' | 'random', steps: number): Promise<Map<string, AggregatedStat>> {
  const env = new LocalEnv('builtin:scout', createScoutScene, { seed, numAreas: 4 });
  env.setEnvironmentParameters(params);
  const rng = new Rng(seed + 1);
  await env.reset();
  for (let step = 0; step < steps; step++) {
    const r = env.getSteps(RED_BEHAVIOR).decisionSteps;
    if (r.count > 0) {
      const actions = red === 'random' ? randomActions(RED_SPEC.actionSpec, r, rng) : scriptedRedActions(r, rng, { respectRoe: red === 'scripted' });
      for (let i = 0; i < r.count; i++) assert.equal(r.actionMasks![i * SCOUT_MASK + actions.discrete[i * 3]!], 0, 'the chosen move is allowed');
      env.setActions(RED_BEHAVIOR, actions);
    }
    if (env.behaviorSpecs.has(BLUE_BEHAVIOR)) {
      const b = env.getSteps(BLUE_BEHAVIOR).decisionSteps;
      if (b.count > 0) env.setActions(BLUE_BEHAVIOR, scriptedBlueActions(b, rng));
    }
    await env.step();
  }
  return env.drainStats();
}

const value = (stats: Map<string, AggregatedStat>, key: string) => stats.get(key)!.value;

test('scripted red against scripted blue: wins and losses, reported through the stats with damage and zero violations', async () => {
  const stats = await play(31, { difficulty: 1, aggressiveness: 1 }, 'scripted', 500);
  const episodes = stats.get(SCOUT_STATS.redWin)!.count;
  const [win, loss, draw] = [SCOUT_STATS.redWin, SCOUT_STATS.redLoss, SCOUT_STATS.draw].map((k) => value(stats, k));
  assert.ok(episodes > 100, `${episodes} episodes`);
  assert.ok(win * episodes >= 20 && loss * episodes >= 10, `wins ${win * episodes}, losses ${loss * episodes} of ${episodes}`);
  assert.ok(Math.abs(win + loss + draw - 1) < 1e-9);
  assert.ok(Math.abs(value(stats, SCOUT_STATS.redDamageDealt) - value(stats, SCOUT_STATS.blueDamageTaken)) < 1e-9);
  assert.ok(Math.abs(value(stats, SCOUT_STATS.redDamageTaken) - value(stats, SCOUT_STATS.blueDamageDealt)) < 1e-9);
  assert.ok(value(stats, SCOUT_STATS.redDamageDealt) > 50 && value(stats, SCOUT_STATS.redDamageTaken) > 50, 'both sides fight');
  assert.deepEqual([SCOUT_STATS.redViolations, SCOUT_STATS.blueViolations].map((k) => value(stats, k)), [0, 0], 'both scripted teams keep the rules');
  assert.equal(value(stats, SCOUT_STATS.objectivesObserved) >= win, true);
});

test('at the default difficulty scripted red mostly wins and random red almost never; a trigger-happy red breaks the rules', async () => {
  const scripted = await play(41, {}, 'scripted', 300);
  const randomRed = await play(41, {}, 'random', 300);
  assert.ok(value(scripted, SCOUT_STATS.redWin) > 0.9, `scripted win rate ${value(scripted, SCOUT_STATS.redWin)}`);
  assert.ok(value(randomRed, SCOUT_STATS.redWin) < 0.05, `random win rate ${value(randomRed, SCOUT_STATS.redWin)}`);
  assert.ok(value(randomRed, SCOUT_STATS.draw) > 0.8, 'random red mostly runs out of time');
  const trigger = await play(41, { civilians: 4 }, 'trigger', 300);
  const [all, civilian, trainee] = [SCOUT_STATS.redViolations, SCOUT_STATS.redCivilianViolations, SCOUT_STATS.redTraineeViolations].map((k) => value(trigger, k));
  assert.ok(all > 0.3, `violations per episode ${all}`);
  assert.ok(Math.abs(all - civilian - trainee) < 1e-9);
});

test('blue_scripted: 1 runs the same scripted blue inside the scene; red alone decides and still wins and loses', async () => {
  const stats = await play(51, { blue_scripted: 1, difficulty: 1, aggressiveness: 1 }, 'scripted', 500);
  const episodes = stats.get(SCOUT_STATS.redWin)!.count;
  const [win, loss] = [SCOUT_STATS.redWin, SCOUT_STATS.redLoss].map((k) => value(stats, k) * episodes);
  assert.ok(win >= 20 && loss >= 10, `wins ${win}, losses ${loss} of ${episodes}`);
  assert.equal(value(stats, SCOUT_STATS.blueViolations), 0);
});
