import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PENDULUM_V1, PENDULUM_V1_MAX_STEPS, angleNormalize, pendulumReward, stepPendulum } from '../../envs/pendulum/pendulum-dynamics.js';
import { PENDULUM_BEHAVIOR, PENDULUM_RETURN_STAT, PENDULUM_SPEC, PendulumScene } from '../../envs/pendulum/pendulum-scene.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { Academy } from '../../src/core/env/academy.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import type { SceneContext } from '../../src/core/env/scene.js';
import { isShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';

function testContext(params: Record<string, number> = {}): SceneContext & { stats: { key: string; value: number }[] } {
  const stats: { key: string; value: number }[] = [];
  return { stats, parameter: (key, fallback) => params[key] ?? fallback, recordStat: (key, value) => stats.push({ key, value }) };
}

function actions(values: number[]) {
  return { continuous: Float32Array.from(values), discrete: new Int32Array(0) };
}

function closeTo(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}

/**
 * The initial [θ, θ̇] of episodes 0..episodes-1 of area `area` for `seed`: the scene forks one stream per area from
 * the seed and draws θ, then θ̇, at each episode start (the constructor's episode is episode 0).
 */
function episodeStarts(seed: number, area: number, episodes: number): [number, number][] {
  const root = new Rng(seed);
  let rng = root.fork();
  for (let a = 0; a < area; a++) rng = root.fork();
  return Array.from({ length: episodes }, () => [rng.uniform(-Math.PI, Math.PI), rng.uniform(-1, 1)] as [number, number]);
}

function newEnv(seed: number, numAreas = 1): LocalEnv {
  return new LocalEnv('builtin:pendulum', (c, o) => new PendulumScene(c, o), { seed, numAreas });
}

test('angleNormalize wraps into [-π, π) as Python floored modulo does', () => {
  closeTo(angleNormalize(0), 0, 0, '0');
  closeTo(angleNormalize(Math.PI), -Math.PI, 1e-15, 'π wraps to -π');
  closeTo(angleNormalize(1.5 * Math.PI), -0.5 * Math.PI, 1e-15, '3π/2');
  closeTo(angleNormalize(-1.5 * Math.PI), 0.5 * Math.PI, 1e-15, '-3π/2');
  // -4 + 2π and 7 - 2π: one period up and one down.
  closeTo(angleNormalize(-4), 2.2831853071795862, 1e-15, '-4');
  closeTo(angleNormalize(7), 0.7168146928204138, 1e-15, '7');
  closeTo(angleNormalize(7 + 4 * Math.PI), 0.7168146928204138, 1e-14, 'two more periods');
});

test('the reward is -(θ² + 0.1 θ̇² + 0.001 u²) on the normalized angle', () => {
  // -(0.25 + 0.1·0.09 + 0.001·2.25) = -0.26125.
  closeTo(pendulumReward(0.5, -0.3, -1.5), -0.26125, 1e-15, 'general state');
  closeTo(pendulumReward(0.5 + 2 * Math.PI, -0.3, -1.5), -0.26125, 1e-14, 'a full turn later');
  assert.equal(pendulumReward(0, 0, 0), -0, 'upright and still is the best');
  // gym's documented minimum: -(π² + 0.1·8² + 0.001·2²) = -16.2736044.
  closeTo(pendulumReward(-Math.PI, 8, 2), -16.2736044, 1e-7, 'the worst');
});

test('one step from horizontal at full torque matches the closed form', () => {
  // θ = π/2, θ̇ = 0, u = 2: θ̇' = (15·sin(π/2) + 3·2)·0.05 = 1.05, θ' = π/2 + 1.05·0.05; reward -(π²/4 + 0.004).
  const state = new Float64Array([Math.PI / 2, 0]);
  const reward = stepPendulum(state, 0, 2, PENDULUM_V1);
  closeTo(state[1]!, 1.05, 1e-15, 'θ̇');
  closeTo(state[0]!, Math.PI / 2 + 0.0525, 1e-15, 'θ');
  closeTo(reward, -(2.4674011002723395 + 0.004), 1e-15, 'reward from the state before the step');
});

test('one step from a general state, at another offset, matches the equations worked through', () => {
  // θ = 0.5, θ̇ = -0.3, u = -1.5: θ̈ = 15 sin 0.5 - 4.5 = 7.191383079063045 - 4.5 = 2.691383079063045;
  // θ̇' = -0.3 + 0.05 θ̈ = -0.16543084604684775; θ' = 0.5 + 0.05 θ̇' = 0.4917284576976576.
  const state = new Float64Array([9, 9, 0.5, -0.3]);
  const reward = stepPendulum(state, 2, -1.5, PENDULUM_V1);
  assert.deepEqual(Array.from(state.subarray(0, 2)), [9, 9], 'other rows untouched');
  closeTo(state[3]!, -0.16543084604684775, 1e-15, 'θ̇');
  closeTo(state[2]!, 0.4917284576976576, 1e-15, 'θ');
  closeTo(reward, -0.26125, 1e-15, 'reward');
});

test('torque is clipped to ±2 before it acts and before it is charged; speed is clipped to ±8', () => {
  // u = 5 acts and costs as u = 2: the same result as the closed-form test.
  const state = new Float64Array([Math.PI / 2, 0]);
  closeTo(stepPendulum(state, 0, 5, PENDULUM_V1), -(2.4674011002723395 + 0.004), 1e-15, 'reward with u clipped');
  closeTo(state[1]!, 1.05, 1e-15, 'θ̇ with u clipped');
  // θ̇ = -7.9 pushed further down: -7.9 - 1.05 = -8.95 → -8, and θ moves by the clipped speed: -π/2 - 0.4.
  const fast = new Float64Array([-Math.PI / 2, -7.9]);
  const reward = stepPendulum(fast, 0, -2, PENDULUM_V1);
  assert.equal(fast[1], -8);
  closeTo(fast[0]!, -Math.PI / 2 - 0.4, 1e-15, 'θ');
  closeTo(reward, -(2.4674011002723395 + 0.1 * 62.41 + 0.004), 1e-12, 'reward charges the speed before clipping');
});

test('the spec is Pendulum?team=0 with 3 observations and one continuous action', () => {
  assert.equal(PENDULUM_SPEC.name, 'Pendulum?team=0');
  assert.deepEqual(PENDULUM_SPEC.observationSpecs[0]!.shape, [3]);
  assert.deepEqual(PENDULUM_SPEC.actionSpec, { continuousSize: 1, discreteBranches: [] });
  const scene = new PendulumScene(testContext(), { numAreas: 1, seed: 0 });
  assert.deepEqual(scene.behaviorSpecs, [PENDULUM_SPEC]);
  const batch = scene.collect(true).get(PENDULUM_BEHAVIOR)!;
  assert.equal(batch.count, 1);
  assert.equal(batch.actionMasks, null);
});

test('the scene starts from the seeded draw and steps it by the equations, the action scaled by 2', () => {
  const seed = 17;
  const [[theta, thetaDot], [theta0, thetaDot0]] = episodeStarts(seed, 0, 2);
  const scene = new PendulumScene(testContext(), { numAreas: 1, seed });
  const constructed = scene.collect(false);
  assert.equal(constructed.get(PENDULUM_BEHAVIOR)!.count, 0, 'no records without a decision request');
  assert.ok(Math.abs(theta) <= Math.PI && Math.abs(thetaDot) <= 1);
  scene.reset(); // the next episode of the same stream
  let batch = scene.collect(true).get(PENDULUM_BEHAVIOR)!;
  assert.deepEqual(Array.from(batch.observations[0]!), [Math.fround(Math.cos(theta0)), Math.fround(Math.sin(theta0)), Math.fround(thetaDot0)]);
  assert.equal(batch.rewards[0], 0);

  // Action 0.25 is torque 0.5.
  scene.applyActions(PENDULUM_BEHAVIOR, actions([0.25]));
  scene.simulate();
  batch = scene.collect(true).get(PENDULUM_BEHAVIOR)!;
  const newThetaDot = thetaDot0 + (15 * Math.sin(theta0) + 3 * 0.5) * 0.05;
  assert.ok(Math.abs(newThetaDot) < 8, 'no speed clipping for this draw');
  const newTheta = theta0 + newThetaDot * 0.05;
  const thn = angleNormalize(theta0);
  const reward = -(thn * thn + 0.1 * thetaDot0 * thetaDot0 + 0.001 * 0.25);
  assert.deepEqual(Array.from(batch.observations[0]!), [Math.fround(Math.cos(newTheta)), Math.fround(Math.sin(newTheta)), Math.fround(newThetaDot)]);
  closeTo(batch.rewards[0]!, reward, 1e-6, 'reward from the state before the step, u = 0.5');
  assert.deepEqual(Array.from(batch.done), [0]);

  // Actions beyond ±1 clip to ±2 N·m, and are charged as such.
  scene.applyActions(PENDULUM_BEHAVIOR, actions([-3]));
  scene.simulate();
  batch = scene.collect(true).get(PENDULUM_BEHAVIOR)!;
  const thetaDot2 = Math.max(-8, newThetaDot + (15 * Math.sin(newTheta) - 6) * 0.05);
  closeTo(batch.observations[0]![2]!, thetaDot2, 1e-6, 'θ̇ after a clipped -2 torque');
  const thn2 = angleNormalize(newTheta);
  closeTo(batch.rewards[0]!, -(thn2 * thn2 + 0.1 * newThetaDot * newThetaDot + 0.004), 1e-6, 'charged for u = -2');
});

test('the episode is interrupted at 200 steps, never terminated; the return stat is the sum of rewards', async () => {
  const env = newEnv(3);
  await env.reset();
  let total = 0;
  for (let step = 1; step <= PENDULUM_V1_MAX_STEPS; step++) {
    env.setActions(PENDULUM_BEHAVIOR, actions([0.3]));
    await env.step();
    const { decisionSteps, terminalSteps } = env.getSteps(PENDULUM_BEHAVIOR);
    if (step < PENDULUM_V1_MAX_STEPS) {
      assert.equal(terminalSteps.count, 0, `no ending before 200 (step ${step})`);
      const r = decisionSteps.rewards[0]!;
      assert.ok(r <= 0 && r >= -16.2736044, `reward ${r} within gym's range`);
      total += r;
      continue;
    }
    assert.deepEqual(Array.from(terminalSteps.agentIds), [0]);
    assert.deepEqual(Array.from(terminalSteps.interrupted), [1]);
    total += terminalSteps.rewards[0]!;
    // The new episode's first decision, same id, no reward yet, a fresh state within the initial bounds.
    assert.deepEqual(Array.from(decisionSteps.agentIds), [0]);
    assert.equal(decisionSteps.rewards[0], 0);
    const [c, s, w] = decisionSteps.observations[0]!;
    closeTo(c! * c! + s! * s!, 1, 1e-6, 'cos² + sin²');
    assert.ok(Math.abs(w!) <= 1, `initial θ̇ ${w} within ±1`);
    const stat = env.drainStats().get(PENDULUM_RETURN_STAT)!;
    assert.equal(stat.count, 1);
    closeTo(stat.value, total, 1e-3, 'episode return');
    assert.ok(total < -50, `a constant small push does not swing up (return ${total})`);
  }
});

test('a terminal record and the next decision share the agent id in one batch, terminal first', () => {
  const scene = new PendulumScene(testContext({ max_steps: 3 }), { numAreas: 2, seed: 5 });
  scene.reset();
  scene.collect(true);
  let batch: AgentInfoBatch | undefined;
  for (let step = 1; step <= 3; step++) {
    scene.applyActions(PENDULUM_BEHAVIOR, actions([1, -1]));
    scene.simulate();
    batch = scene.collect(true).get(PENDULUM_BEHAVIOR)!;
  }
  assert.deepEqual(Array.from(batch!.agentIds), [0, 1, 0, 1]);
  assert.deepEqual(Array.from(batch!.done), [1, 1, 0, 0]);
  assert.deepEqual(Array.from(batch!.maxStepReached), [1, 1, 0, 0]);
  assert.deepEqual(Array.from(batch!.rewards.subarray(2)), [0, 0], 'the new episodes start with reward 0');
  assert.ok(batch!.rewards[0]! < 0 && batch!.rewards[1]! < 0);
});

test('a new episode clears the held action: zero torque until the next decision', () => {
  const [, [theta1, thetaDot1]] = episodeStarts(8, 0, 2);
  const scene = new PendulumScene(testContext({ max_steps: 1 }), { numAreas: 1, seed: 8 });
  scene.collect(true);
  scene.applyActions(PENDULUM_BEHAVIOR, actions([1]));
  scene.simulate();
  assert.deepEqual(Array.from(scene.collect(false).get(PENDULUM_BEHAVIOR)!.done), [1]);
  scene.simulate(); // no decision in between
  const second = scene.collect(false).get(PENDULUM_BEHAVIOR)!;
  const thn = angleNormalize(theta1);
  closeTo(second.rewards[0]!, -(thn * thn + 0.1 * thetaDot1 * thetaDot1), 1e-6, 'no torque charged');
  const newThetaDot = thetaDot1 + 15 * Math.sin(theta1) * 0.05;
  closeTo(second.observations[0]![2]!, newThetaDot, 1e-6, 'θ̇ under gravity alone');
});

test('numAreas = 4 gives agents 0..3 in one batch, each from its own stream; bad actions are rejected', () => {
  const scene = new PendulumScene(testContext(), { numAreas: 4, seed: 1 });
  const batch = scene.collect(true).get(PENDULUM_BEHAVIOR)!;
  assert.deepEqual(Array.from(batch.agentIds), [0, 1, 2, 3]);
  for (let a = 0; a < 4; a++) {
    const [[theta, thetaDot]] = episodeStarts(1, a, 1);
    assert.deepEqual(Array.from(batch.observations[0]!.subarray(a * 3, a * 3 + 3)), [Math.fround(Math.cos(theta)), Math.fround(Math.sin(theta)), Math.fround(thetaDot)], `area ${a}`);
  }
  assert.throws(() => scene.applyActions(PENDULUM_BEHAVIOR, actions([0, 1])), (e) => isShivaError(e, 'SHIVA_ERR_ACTION_SHAPE'));
  assert.throws(() => scene.applyActions(PENDULUM_BEHAVIOR, actions([0, 1, Number.NaN, 0])), (e) => isShivaError(e, 'SHIVA_ERR_ACTION_VALUE'));
  assert.throws(() => scene.applyActions('Other?team=0', actions([0, 1, 0, 1])), (e) => isShivaError(e, 'SHIVA_ERR_UNKNOWN_BEHAVIOR'));
  assert.throws(() => new PendulumScene(testContext(), { numAreas: 0, seed: 1 }), (e) => isShivaError(e, 'SHIVA_ERR_ENV') && /numAreas.*got 0/.test(e.message));
});

test('g, m, l, max_torque and max_steps are read at episode start', async () => {
  // g = 0, torque 0: θ̇ keeps its value, θ advances by θ̇·dt.
  const still = new PendulumScene(testContext({ g: 0 }), { numAreas: 1, seed: 4 });
  const [[theta, thetaDot]] = episodeStarts(4, 0, 1);
  still.collect(true);
  still.applyActions(PENDULUM_BEHAVIOR, actions([0]));
  still.simulate();
  const obs = still.collect(true).get(PENDULUM_BEHAVIOR)!.observations[0]!;
  assert.deepEqual(Array.from(obs), [Math.fround(Math.cos(theta + thetaDot * 0.05)), Math.fround(Math.sin(theta + thetaDot * 0.05)), Math.fround(thetaDot)]);

  // g = 0, m = 2, l = 0.5, max_torque = 1, action 1: θ̈ = 3·1 / (2·0.25) = 6, so θ̇ grows by 0.3; cost 0.001·1².
  const pushed = new PendulumScene(testContext({ g: 0, m: 2, l: 0.5, max_torque: 1 }), { numAreas: 1, seed: 4 });
  pushed.collect(true);
  pushed.applyActions(PENDULUM_BEHAVIOR, actions([1]));
  pushed.simulate();
  const out = pushed.collect(true).get(PENDULUM_BEHAVIOR)!;
  closeTo(out.observations[0]![2]!, thetaDot + 0.3, 1e-6, 'θ̇');
  const thn = angleNormalize(theta);
  closeTo(out.rewards[0]!, -(thn * thn + 0.1 * thetaDot * thetaDot + 0.001), 1e-6, 'reward');

  const env = newEnv(11);
  env.setEnvironmentParameters({ max_steps: 20 });
  await env.reset();
  for (let step = 1; step <= 20; step++) {
    env.setActions(PENDULUM_BEHAVIOR, actions([0]));
    await env.step();
    assert.equal(env.getSteps(PENDULUM_BEHAVIOR).terminalSteps.count, step === 20 ? 1 : 0, `step ${step}`);
  }
  assert.equal(env.getSteps(PENDULUM_BEHAVIOR).terminalSteps.interrupted[0], 1);
});

test('bad parameters are SHIVA_ERR_ENV naming the parameter, what was expected and what came', async () => {
  const failure = async (params: Record<string, number>) => {
    const env = newEnv(1);
    env.setEnvironmentParameters(params);
    try {
      await env.reset();
    } catch (e) {
      assert.ok(isShivaError(e, 'SHIVA_ERR_ENV'), String(e));
      return e.message;
    }
    assert.fail(`${JSON.stringify(params)} was accepted`);
  };
  assert.equal(await failure({ m: -1 }), 'pendulum: environment parameter "m": expected a finite number > 0, got -1');
  assert.equal(await failure({ l: 0 }), 'pendulum: environment parameter "l": expected a finite number > 0, got 0');
  assert.equal(await failure({ g: Number.NaN }), 'pendulum: environment parameter "g": expected a finite number, got NaN');
  assert.equal(await failure({ max_torque: -2 }), 'pendulum: environment parameter "max_torque": expected a finite number > 0, got -2');
  assert.equal(await failure({ max_steps: 0.3 }), 'pendulum: environment parameter "max_steps": expected a number that rounds to ≥ 1, got 0.3');
  // A negative g is allowed: it hangs the pendulum the other way up.
  const env = newEnv(1);
  env.setEnvironmentParameters({ g: -10 });
  await env.reset();
  assert.equal(env.getSteps(PENDULUM_BEHAVIOR).decisionSteps.count, 1);
});

test('with a decision period of 5 each decision carries the 5 rewards since the last record', () => {
  const seed = 6;
  const academy = new Academy((c, o) => new PendulumScene(c, o), { decisionPeriod: 5, seed });
  let out = academy.reset();
  assert.deepEqual(Array.from(out.get(PENDULUM_BEHAVIOR)!.rewards), [0]);
  // Mirror the scene: the academy's reset draws the second episode of area 0's stream.
  const state = Float64Array.from(episodeStarts(seed, 0, 2)[1]!);
  for (const action of [0.5, -1, 0.2]) {
    let expected = 0;
    for (let k = 0; k < 5; k++) expected += stepPendulum(state, 0, 2 * action, PENDULUM_V1);
    out = academy.step(new Map([[PENDULUM_BEHAVIOR, actions([action])]]));
    const batch = out.get(PENDULUM_BEHAVIOR)!;
    closeTo(batch.rewards[0]!, expected, 1e-5, `reward over 5 steps at action ${action}`);
    closeTo(batch.observations[0]![2]!, state[1]!, 1e-6, 'θ̇ after 5 steps');
  }
});

test('an energy-pumping then PD controller swings the pendulum up and holds it', async () => {
  // Checks the sign conventions end to end: θ = 0 is upright, positive torque accelerates θ.
  // Energy per unit mass-length with I = m l²/3: E = θ̇²/6 + (g/2) cos θ, upright at rest E = 5; dE/dt ∝ θ̇ u.
  const env = newEnv(2);
  await env.reset();
  const rewards: number[] = [];
  for (let step = 1; step <= PENDULUM_V1_MAX_STEPS; step++) {
    const [c, s, w] = env.getSteps(PENDULUM_BEHAVIOR).decisionSteps.observations[0]!;
    const theta = Math.atan2(s!, c!);
    let torque: number;
    if (c! > 0.9) torque = -(10 * theta + 2 * w!);
    else torque = (5 - (w! * w!) / 6 - 5 * c! > 0 ? 2 : -2) * (w! >= 0 ? 1 : -1);
    env.setActions(PENDULUM_BEHAVIOR, actions([Math.max(-1, Math.min(1, torque / 2))]));
    await env.step();
    const { decisionSteps, terminalSteps } = env.getSteps(PENDULUM_BEHAVIOR);
    rewards.push(terminalSteps.count > 0 ? terminalSteps.rewards[0]! : decisionSteps.rewards[0]!);
  }
  const last = rewards.slice(-50);
  assert.ok(last.every((r) => r > -0.05), `held upright over the last 50 steps (worst ${Math.min(...last)})`);
});

test('the same seed replays the same episodes; another seed does not', async () => {
  const run = async (seed: number) => {
    const env = newEnv(seed, 3);
    env.setEnvironmentParameters({ max_steps: 30 });
    const policy = new Rng(99);
    const trace: number[] = [];
    await env.reset();
    for (let step = 0; step < 70; step++) {
      const { decisionSteps, terminalSteps } = env.getSteps(PENDULUM_BEHAVIOR);
      trace.push(...decisionSteps.observations[0]!, ...decisionSteps.rewards, ...terminalSteps.observations[0]!, ...terminalSteps.agentIds);
      env.setActions(PENDULUM_BEHAVIOR, actions([policy.uniform(-1, 1), policy.uniform(-1, 1), policy.uniform(-1, 1)]));
      await env.step();
    }
    return trace;
  };
  const a = await run(21);
  assert.deepEqual(await run(21), a);
  assert.notDeepEqual(await run(22), a);
});

test('the registry builds pendulum through LocalEnv with its defaults', async () => {
  const builtin = getBuiltinEnv('Pendulum');
  assert.equal(builtin.name, 'pendulum');
  const env = new LocalEnv('builtin:pendulum', builtin.factory, { numAreas: builtin.defaultNumAreas, decisionPeriod: builtin.decisionPeriod, seed: 1 });
  await env.reset();
  assert.deepEqual([...env.behaviorSpecs.keys()], ['Pendulum?team=0']);
  assert.equal(env.getSteps(PENDULUM_BEHAVIOR).decisionSteps.count, builtin.defaultNumAreas);
});
