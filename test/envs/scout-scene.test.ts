import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridMapJson, type GridMapOptions } from '../../envs/scout/grid-map.js';
import { parseScoutMap } from '../../envs/scout/scout-map-json.js';
import { OBS_CONES, SCOUT_MASK, SCOUT_OBS } from '../../envs/scout/scout-observation.js';
import { BLUE_BEHAVIOR, BLUE_SPEC, RED_BEHAVIOR, RED_SPEC, SCOUT_STATS, ScoutScene, createScoutScene, scoutSceneFactory } from '../../envs/scout/scout-scene.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { EnvironmentParameter } from '../../src/core/env/environment-parameters.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { randomActions } from '../../src/core/env/random-policy.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';

type Params = Record<string, EnvironmentParameter>;
type Policy = (steps: DecisionSteps) => ActionTuple;

/** A scene over the built-in maps, or over hand-built grids when `grids` is given. */
function makeEnv(seed: number, params: Params = {}, grids?: GridMapOptions[], numAreas = 1): { env: LocalEnv; scene: () => ScoutScene } {
  const maps = grids?.map((g, i) => parseScoutMap(gridMapJson(g), `grid-${i}`));
  const env = new LocalEnv('builtin:scout', maps ? scoutSceneFactory({ maps }) : createScoutScene, { seed, numAreas });
  env.setEnvironmentParameters(params);
  return { env, scene: () => env.academy.scene as ScoutScene };
}

const rows = (...actions: number[][]): ActionTuple => ({ continuous: new Float32Array(0), discrete: Int32Array.from(actions.flat()) });
const fixed = (...action: number[]): Policy => (steps) => rows(...Array.from({ length: steps.count }, () => action));
const random = (rng: Rng): Policy => (steps) => randomActions(RED_SPEC.actionSpec, steps, rng);

async function stepWith(env: LocalEnv, red: Policy, blue: Policy | null): Promise<void> {
  const r = env.getSteps(RED_BEHAVIOR).decisionSteps;
  if (r.count > 0) env.setActions(RED_BEHAVIOR, red(r));
  if (blue && env.behaviorSpecs.has(BLUE_BEHAVIOR)) {
    const b = env.getSteps(BLUE_BEHAVIOR).decisionSteps;
    if (b.count > 0) env.setActions(BLUE_BEHAVIOR, blue(b));
  }
  await env.step();
}

const ids = (s: { agentIds: Int32Array }) => Array.from(s.agentIds);
const near = (a: number, b: number) => Math.abs(a - b) < 1e-5;
const quiet = { civilians: 0, trainee: 0, red_count: 1, blue_count: 1 };
// Moves: 0 NOOP, 1 N, 2 S, 3 W, 4 E. Looks: 0 N, 1 S, 2 W, 3 E. Postures: 0 stand, 1 prone.

test('specs and ids: Red?team=0 and Blue?team=1, branches [5, 4, 2], 114 observations, 8 slots per area, a group per team', async () => {
  assert.deepEqual(RED_SPEC.actionSpec.discreteBranches, [5, 4, 2]);
  assert.deepEqual(BLUE_SPEC.observationSpecs[0]!.shape, [114]);
  const { env } = makeEnv(1, {}, undefined, 2);
  await env.reset();
  assert.deepEqual([...env.behaviorSpecs.keys()], [RED_BEHAVIOR, BLUE_BEHAVIOR]);
  const red = env.getSteps(RED_BEHAVIOR).decisionSteps;
  const blue = env.getSteps(BLUE_BEHAVIOR).decisionSteps;
  assert.deepEqual([ids(red), Array.from(red.groupIds)], [[0, 1, 8, 9], [1, 1, 3, 3]]);
  assert.deepEqual([ids(blue), Array.from(blue.groupIds)], [[4, 5, 12, 13], [2, 2, 4, 4]]);
  assert.equal(red.observations[0]!.length, 4 * SCOUT_OBS);
  assert.equal(red.actionMasks!.length, 4 * SCOUT_MASK);
});

test('masks never allow leaving the graph, on the reference map, its coarse layer and a generated map', async () => {
  for (const map of [0, 1, 2]) {
    const { env, scene } = makeEnv(10 + map, { map, map_size: 9, map_seed: 4, red_count: 4, blue_count: 4 }, undefined, 3);
    const rng = new Rng(map);
    await env.reset();
    let checked = 0;
    let endings = 0;
    for (let step = 0; step < 400; step++) {
      const world = scene().world;
      const before = new Map<number, number>();
      for (const behavior of [RED_BEHAVIOR, BLUE_BEHAVIOR]) {
        const { decisionSteps: d, terminalSteps: t } = env.getSteps(behavior);
        endings += t.count;
        for (let i = 0; i < d.count; i++) {
          const agent = d.agentIds[i]!;
          const graph = world.maps[Math.floor(agent / 8)]!;
          const node = world.node[agent]!;
          const mask = Array.from(d.actionMasks!.subarray(i * SCOUT_MASK, (i + 1) * SCOUT_MASK));
          const expected = [0, ...[0, 1, 2, 3].map((dir) => (graph.neighbor(node, dir) < 0 ? 1 : 0)), 0, 0, 0, 0, 0, 0];
          assert.deepEqual(mask, expected, `map ${map} agent ${agent} at waypoint ${node}`);
          const o = d.observations[0]!.subarray(i * SCOUT_OBS, (i + 1) * SCOUT_OBS);
          assert.ok(near(o[0]!, (graph.x[node]! - graph.minX) / graph.extent) && near(o[1]!, (graph.y[node]! - graph.minY) / graph.extent), 'own position');
          before.set(agent, node);
          checked++;
        }
      }
      await stepWith(env, random(rng), random(rng));
      // Whoever is still in the same episode stands where it was or on a neighbouring waypoint.
      const after = scene().world;
      for (const [agent, node] of before) {
        const graph = after.maps[Math.floor(agent / 8)]!;
        const now = after.node[agent]!;
        if (!after.alive(agent) || env.getSteps(agent % 8 < 4 ? RED_BEHAVIOR : BLUE_BEHAVIOR).terminalSteps.agentIds.includes(agent)) continue;
        assert.ok(now === node || [0, 1, 2, 3].some((dir) => graph.neighbor(node, dir) === now), `agent ${agent}: ${node} → ${now}`);
      }
    }
    assert.ok(checked > 5000 && endings > 20, `map ${map}: ${checked} masks checked, ${endings} endings`);
  }
});

test('a masked move is refused with SHIVA_ERR_ACTION_VALUE naming agent, waypoint and map', async () => {
  const { env } = makeEnv(1, quiet, [{ cols: 1, rows: 3, red: [0], blue: [2], objectives: [{ name: 'o', node: 2, range: 1 }] }]);
  await env.reset();
  env.setActions(RED_BEHAVIOR, rows([2, 0, 0]));
  await assert.rejects(env.step(), (e) => isShivaError(e, 'SHIVA_ERR_ACTION_VALUE') && e.message === 'scout: behavior "Red?team=0" agent 0 branch 0: action 2 (south) is masked: waypoint 0 of map "grid-1x3" has no edge south');
});

test('the observation, field by field, on a hand-built map', async () => {
  // 3 × 5 grid, 50 apart (extent 200). Red on 1 = (50, 0), blue on 10 = (50, 150), a civilian on 4 = (50, 50)
  // between them, the trainee on 0 = (0, 0); the objective on 14 = (100, 200).
  const { env } = makeEnv(3, { civilians: 1, trainee: 1, red_count: 1, blue_count: 1, difficulty: 0.25, aggressiveness: 0.75 }, [
    { cols: 3, rows: 5, red: [1], blue: [10], civilians: [4], trainee: [0], cover: { 1: 0.5 }, objectives: [{ name: 'o', node: 14, range: 50 }] },
  ]);
  await env.reset();
  const red = Array.from(env.getSteps(RED_BEHAVIOR).decisionSteps.observations[0]!);
  const expected = new Array(SCOUT_OBS).fill(0);
  const set = (at: number, values: number[]) => values.forEach((v, k) => (expected[at + k] = v));
  set(0, [0.25, 0, 1, 0, 1, 0, 0, 0, 0.5, 0]); // self: x, y, health, prone, looks north, cover 0.5, time 0
  set(10, [1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1]); // N (4): seen by blue; S: none; W (0), E (2): seen too
  set(22, [1, 0.5, 1, 0]); // north cone: blue 150 away, the civilian in the line of fire
  set(38, [0, 1, 0, 0, 0]); // goal: north
  set(43, [0, 1, 0, 0, 0]); // toward the enemy: north
  set(60, [1, 0, 0.75, 1, 0]); // enemy slot 0: visible, dx 0, dy 150/200, full health, standing
  set(80, [1, 0, 0.25]); // the civilian
  set(92, [1, -0.25, 0]); // the trainee
  set(95, [1, 0.25, 1, 0]); // the objective, not observed
  set(111, [0.25, 0.75, 0]);
  assert.deepEqual(red.map((v) => Math.round(v * 1e6) / 1e6), expected);
  const blue = env.getSteps(BLUE_BEHAVIOR).decisionSteps.observations[0]!;
  assert.deepEqual(Array.from(blue.subarray(OBS_CONES, OBS_CONES + 8)), [0, 0, 0, 0, 1, 0.5, 1, 0], 'blue: red in its south cone, civilian in the line');
  assert.deepEqual(Array.from(blue.subarray(4, 8)), [0, 1, 0, 0], 'blue starts looking south');
});

test('red observes the objective: red wins, with the stated rewards, and both sides restart under the same ids', async () => {
  // A column: red on 0, the objective on 4 (y = 200, range 100), blue far north on 13 (y = 650).
  const grid: GridMapOptions = { cols: 1, rows: 14, red: [0], blue: [13], objectives: [{ name: 'o', node: 4, range: 100 }] };
  for (const scale of [1, 0.5]) {
    const { env } = makeEnv(5, { ...quiet, reward_scale: scale }, [grid]);
    await env.reset();
    await stepWith(env, fixed(1, 0, 0), fixed(0, 1, 0)); // red to y = 50: 150 from the objective
    let r = env.getSteps(RED_BEHAVIOR);
    assert.deepEqual([r.terminalSteps.count, Array.from(r.decisionSteps.rewards)], [0, [0]]);
    await stepWith(env, fixed(1, 0, 0), fixed(0, 1, 0)); // y = 100: observed
    r = env.getSteps(RED_BEHAVIOR);
    const b = env.getSteps(BLUE_BEHAVIOR);
    assert.deepEqual(ids(r.terminalSteps), [0]);
    assert.deepEqual([r.terminalSteps.rewards[0], r.terminalSteps.groupRewards[0], r.terminalSteps.interrupted[0]], [30 * scale, 1, 0], 'objective 10 + health table 20; group +1');
    assert.ok(near(b.terminalSteps.rewards[0]!, (20 + (10 * 2) / 50) * scale), `blue: health 20 + delay 10 × 2/50, got ${b.terminalSteps.rewards[0]}`);
    assert.deepEqual([ids(b.terminalSteps), b.terminalSteps.groupRewards[0], b.terminalSteps.interrupted[0]], [[4], -1, 0]);
    assert.deepEqual([ids(r.decisionSteps), ids(b.decisionSteps)], [[0], [4]], 'the same ids decide at once in the new episode');
    assert.deepEqual([r.decisionSteps.rewards[0], r.decisionSteps.observations[0]![1], r.decisionSteps.observations[0]![9]], [0, 0, 0], 'back at the spawn, time 0');
    const stats = env.drainStats();
    assert.deepEqual([SCOUT_STATS.redWin, SCOUT_STATS.redLoss, SCOUT_STATS.draw, SCOUT_STATS.episodeLength, SCOUT_STATS.objectivesObserved].map((k) => stats.get(k)!.value), [1, 0, 0, 2, 1]);
  }
});

test('blue eliminates red: a sure kill (p = 1) ends the episode for blue with the stated rewards', async () => {
  // Red on 0, blue prone on 1 (50 north) looking south at red, who looks west (unaware): at difficulty 1
  // p = 0.4 × 1.25 × 1.5 × 1.5 > 1, so the first shot kills red (health 10, damage 10).
  const { env } = makeEnv(6, { ...quiet, red_health: 10, difficulty: 1 }, [{ cols: 1, rows: 4, red: [0], blue: [1], objectives: [{ name: 'o', node: 3, range: 1 }] }]);
  await env.reset();
  await stepWith(env, fixed(0, 2, 0), fixed(0, 1, 1));
  const r = env.getSteps(RED_BEHAVIOR).terminalSteps;
  const b = env.getSteps(BLUE_BEHAVIOR).terminalSteps;
  assert.deepEqual([ids(r), r.rewards[0], r.groupRewards[0], r.interrupted[0]], [[0], -2, -1, 0], 'red: took more hits than it landed (−2), lost');
  assert.deepEqual([ids(b), b.rewards[0], b.groupRewards[0], b.interrupted[0]], [[4], 2 + 20 + 10, 1, 0], 'blue: +2, health table 20, full delay bonus 10, won');
  const stats = env.drainStats();
  assert.deepEqual(
    [SCOUT_STATS.redLoss, SCOUT_STATS.redDamageTaken, SCOUT_STATS.blueDamageDealt, SCOUT_STATS.redDamageDealt, SCOUT_STATS.episodeLength].map((k) => stats.get(k)!.value),
    [1, 10, 10, 0, 1],
  );
});

test('a red agent killed mid-episode ends alone; its mate plays on; after max_steps the rest end in a scored draw (terminal, not interrupted) and all restart', async () => {
  // Column 0..8; blue prone on 4 looking south; reds spawn on 3 (in blue's south cone, 50 away) and 6 (north).
  const { env, scene } = makeEnv(7, { ...quiet, red_count: 2, red_health: 10, difficulty: 1, max_steps: 3 }, [
    { cols: 1, rows: 9, red: [3, 6], blue: [4], objectives: [{ name: 'o', node: 8, range: 1 }] },
  ]);
  await env.reset();
  const world = scene().world;
  const doomed = world.node[0] === 3 ? 0 : 1;
  const mate = 1 - doomed;
  await stepWith(env, fixed(0, 2, 0), fixed(0, 1, 1));
  let r = env.getSteps(RED_BEHAVIOR);
  assert.deepEqual([ids(r.terminalSteps), r.terminalSteps.rewards[0], r.terminalSteps.groupRewards[0], r.terminalSteps.interrupted[0]], [[doomed], -2, 0, 0]);
  assert.deepEqual(ids(r.decisionSteps), [mate]);
  assert.deepEqual(Array.from(env.getSteps(BLUE_BEHAVIOR).decisionSteps.rewards), [2]);
  await stepWith(env, fixed(0, 2, 0), fixed(0, 1, 1));
  r = env.getSteps(RED_BEHAVIOR);
  assert.deepEqual([r.terminalSteps.count, ids(r.decisionSteps)], [0, [mate]]);
  await stepWith(env, fixed(0, 2, 0), fixed(0, 1, 1));
  r = env.getSteps(RED_BEHAVIOR);
  const b = env.getSteps(BLUE_BEHAVIOR);
  // Red keeps 10 of 20 health (not above 50%): +5; a draw gives no group reward. Blue: 20 + delay 10.
  assert.deepEqual([ids(r.terminalSteps), r.terminalSteps.rewards[0], r.terminalSteps.groupRewards[0], r.terminalSteps.interrupted[0]], [[mate], 5, 0, 0]);
  assert.deepEqual([ids(b.terminalSteps), b.terminalSteps.rewards[0], b.terminalSteps.interrupted[0]], [[4], 30, 0]);
  assert.deepEqual([ids(r.decisionSteps), ids(b.decisionSteps)], [[0, 1], [4]]);
  assert.equal(env.drainStats().get(SCOUT_STATS.draw)!.value, 1);
});

test('firing with a civilian in the line of fire is a violation: penalised, counted, and flagged in the observation beforehand', async () => {
  const { env, scene } = makeEnv(8, { ...quiet, civilians: 1, max_steps: 2 }, [{ cols: 1, rows: 5, red: [0], blue: [3], civilians: [1], objectives: [{ name: 'o', node: 4, range: 1 }] }]);
  await env.reset();
  const o = env.getSteps(RED_BEHAVIOR).decisionSteps.observations[0]!;
  assert.deepEqual(Array.from(o.subarray(OBS_CONES, OBS_CONES + 4)), [1, 0.5, 1, 0], 'north: a target 150 away, a civilian in the line');
  await stepWith(env, fixed(0, 0, 0), fixed(0, 2, 0)); // red fires north; blue looks west and holds fire
  const world = scene().world;
  assert.deepEqual([world.fired[0], world.violatedCivilian[0], world.violatedTrainee[0]], [1, 1, 0]);
  // Step reward (+2 if it landed a hit, blue landed none) − 2 for the violation.
  assert.equal(env.getSteps(RED_BEHAVIOR).decisionSteps.rewards[0], (world.hitsDealt[0]! > 0 ? 2 : 0) - 2);
  await stepWith(env, fixed(0, 2, 0), fixed(0, 2, 0)); // nobody fires; the timeout ends the episode
  assert.equal(env.getSteps(RED_BEHAVIOR).terminalSteps.rewards[0], 20);
  const stats = env.drainStats();
  assert.deepEqual([SCOUT_STATS.redViolations, SCOUT_STATS.redCivilianViolations, SCOUT_STATS.redTraineeViolations, SCOUT_STATS.blueViolations].map((k) => stats.get(k)!.value), [1, 1, 0, 0]);
});

test('violations happen only where the observation flagged the look direction, so avoiding flagged looks gives zero', async () => {
  const run = async (avoid: boolean) => {
    const { env, scene } = makeEnv(9, { civilians: 4, trainee: 1 }, undefined, 4);
    const rng = new Rng(12);
    let flaggedLooks = 0;
    const red: Policy = (steps) => {
      const out = randomActions(RED_SPEC.actionSpec, steps, rng);
      for (let i = 0; i < steps.count; i++) {
        const o = steps.observations[0]!.subarray(i * SCOUT_OBS, (i + 1) * SCOUT_OBS);
        const flagged = (look: number) => o[OBS_CONES + look * 4 + 2] === 1 || o[OBS_CONES + look * 4 + 3] === 1;
        if (avoid) {
          const safe = [0, 1, 2, 3].filter((look) => !flagged(look));
          out.discrete[i * 3 + 1] = safe[rng.int(safe.length)]!;
        }
        if (flagged(out.discrete[i * 3 + 1]!)) flaggedLooks++;
      }
      return out;
    };
    await env.reset();
    let violations = 0;
    for (let step = 0; step < 600; step++) {
      const decided = ids(env.getSteps(RED_BEHAVIOR).decisionSteps);
      const flaggedBefore = flaggedLooks;
      await stepWith(env, red, random(rng));
      const world = scene().world;
      const now = decided.reduce((n, agent) => n + world.violatedCivilian[agent]! + world.violatedTrainee[agent]!, 0);
      if (now > 0) assert.ok(flaggedLooks > flaggedBefore, `step ${step}: a violation without a flagged look`);
      violations += now;
    }
    return { violations, flaggedLooks, stats: env.drainStats() };
  };
  const careless = await run(false);
  assert.ok(careless.violations > 10 && careless.flaggedLooks >= careless.violations, JSON.stringify({ v: careless.violations, f: careless.flaggedLooks }));
  const careful = await run(true);
  assert.deepEqual([careful.violations, careful.flaggedLooks, careful.stats.get(SCOUT_STATS.redViolations)!.value], [0, 0, 0]);
});

test('parameters are read at each episode start: team sizes, people, map, difficulty, max_steps; bad values are refused', async () => {
  const { env, scene } = makeEnv(2, { red_count: 3, blue_count: 1, civilians: 0, trainee: 0, map: 1, max_steps: 3, difficulty: 0.5 }, undefined, 2);
  await env.reset();
  assert.deepEqual([ids(env.getSteps(RED_BEHAVIOR).decisionSteps), ids(env.getSteps(BLUE_BEHAVIOR).decisionSteps)], [[0, 1, 2, 8, 9, 10], [4, 12]]);
  assert.equal(scene().world.maps[0]!.name, 'scout-116-coarse');
  const o = env.getSteps(RED_BEHAVIOR).decisionSteps.observations[0]!;
  assert.deepEqual([...o.subarray(80, 95)], new Array(15).fill(0), 'no civilians, no trainee');
  env.setEnvironmentParameters({ difficulty: 0.9, map: 2, map_size: 8, map_seed: 5 });
  for (let step = 1; step <= 3; step++) {
    await stepWith(env, fixed(0, 0, 0), fixed(0, 0, 0));
    const d = env.getSteps(RED_BEHAVIOR).decisionSteps.observations[0]!;
    assert.ok(near(d[111]!, step < 3 ? 0.5 : 0.9), `step ${step}: difficulty ${d[111]}`);
  }
  assert.equal(scene().world.maps[1]!.name, 'generated-8x8-seed5');
  assert.equal(env.getSteps(RED_BEHAVIOR).terminalSteps.count, 6, 'max_steps 3: all end at step 3');

  const bad = async (params: Params, message: string) => {
    const { env: e } = makeEnv(1, params);
    await assert.rejects(e.reset(), (err) => isShivaError(err, 'SHIVA_ERR_ENV') && err.message === message);
  };
  await bad({ red_count: 7 }, 'scout: environment parameter "red_count": expected an integer in 1..4, got 7');
  await bad({ difficulty: 1.5 }, 'scout: environment parameter "difficulty": expected a number in 0..1, got 1.5');
  await bad({ map: 3 }, 'scout: environment parameter "map": expected an integer in 0..2, got 3');
  // Over a scene's own maps, `map` indexes them.
  const grid = { cols: 1, rows: 3, red: [0], blue: [2], objectives: [{ name: 'o', node: 2 }] };
  const { env: custom } = makeEnv(1, { map: 1 }, [grid, grid]);
  await custom.reset();
  const { env: beyond } = makeEnv(1, { map: 2 }, [grid, grid]);
  await assert.rejects(beyond.reset(), (err) => isShivaError(err, 'SHIVA_ERR_ENV') && err.message === 'scout: environment parameter "map": expected an integer in 0..1, got 2');
  const { env: three } = makeEnv(1, { map: 3 }, [grid, grid, grid, grid]);
  await three.reset();
});

test('blue_scripted: 1 lets the scene drive blue: only Red?team=0 is announced and decides, and blue still patrols', async () => {
  const { env, scene } = makeEnv(4, { blue_scripted: 1 }, undefined, 2);
  await env.reset();
  assert.deepEqual([...env.behaviorSpecs.keys()], [RED_BEHAVIOR]);
  const start = [4, 5, 12, 13].map((a) => scene().world.node[a]);
  for (let step = 0; step < 5; step++) await stepWith(env, fixed(0, 0, 0), null);
  assert.deepEqual([...env.behaviorSpecs.keys()], [RED_BEHAVIOR]);
  assert.notDeepEqual([4, 5, 12, 13].map((a) => scene().world.node[a]), start, 'blue walked its routes');
  const option = new LocalEnv('scout', scoutSceneFactory({ blueScripted: true }), { seed: 4 });
  await option.reset();
  assert.deepEqual([...option.behaviorSpecs.keys()], [RED_BEHAVIOR], 'the scene option sets the default');
});

test('the same seed replays the same episodes; another seed does not', async () => {
  const run = async (seed: number) => {
    const { env } = makeEnv(seed, {}, undefined, 2);
    const rng = new Rng(3);
    const trace: number[] = [];
    await env.reset();
    for (let step = 0; step < 150; step++) {
      for (const behavior of [RED_BEHAVIOR, BLUE_BEHAVIOR]) {
        const { decisionSteps: d, terminalSteps: t } = env.getSteps(behavior);
        trace.push(...d.agentIds, ...d.observations[0]!, ...d.rewards, ...t.agentIds, ...t.rewards, ...t.groupRewards);
      }
      await stepWith(env, random(rng), random(rng));
    }
    return trace;
  };
  const a = await run(21);
  assert.deepEqual(await run(21), a);
  assert.notDeepEqual(await run(22), a);
});
