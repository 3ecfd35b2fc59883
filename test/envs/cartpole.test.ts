import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARTPOLE_V1, THETA_THRESHOLD, X_THRESHOLD, cartPoleFailed, stepCartPole } from '../../envs/cartpole/cartpole-dynamics.js';
import { CARTPOLE_BEHAVIOR, CARTPOLE_RETURN_STAT, CARTPOLE_SPEC, CartPoleScene } from '../../envs/cartpole/cartpole-scene.js';
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
  return { continuous: new Float32Array(0), discrete: Int32Array.from(values) };
}

function closeTo(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}

/** Pushes toward the side the pole is falling to: a hand-tuned balancing policy. */
function balance(obs: Float32Array, row: number): number {
  return obs[row * 4 + 2]! + 0.5 * obs[row * 4 + 3]! > 0 ? 1 : 0;
}

test('one step from rest, pushed right, gives the closed-form accelerations', () => {
  // sin 0 = 0, cos 0 = 1: temp = 10/1.1 = 100/11; thetaacc = -temp / (0.5 (4/3 - 0.1/1.1)) = -(100/11)/(41/66) = -600/41;
  // xacc = temp - 0.05 thetaacc / 1.1 = 100/11 + 300/451 = 4400/451. Euler: positions keep their old (zero) values.
  const state = new Float64Array(4);
  stepCartPole(state, 0, 1, CARTPOLE_V1);
  closeTo(state[0]!, 0, 0, 'x');
  closeTo(state[1]!, (0.02 * 4400) / 451, 1e-15, 'x_dot');
  closeTo(state[2]!, 0, 0, 'theta');
  closeTo(state[3]!, (-0.02 * 600) / 41, 1e-15, 'theta_dot');
});

test('one step from a general state, pushed left, matches the equations worked through', () => {
  // state (0.01, 0.02, 0.03, 0.04), force -10: temp = (-10 + 0.05·0.04²·sin 0.03)/1.1 = -9.090906909418166;
  // thetaacc = (9.8 sin 0.03 - cos 0.03 · temp) / (0.5 (4/3 - 0.1 cos² 0.03 / 1.1)) = 15.099761188801962;
  // xacc = temp - 0.05 · thetaacc · cos 0.03 / 1.1 = -9.776950855139468.
  const state = new Float64Array([9, 9, 9, 9, 0.01, 0.02, 0.03, 0.04]);
  stepCartPole(state, 4, 0, CARTPOLE_V1);
  assert.deepEqual(Array.from(state.subarray(0, 4)), [9, 9, 9, 9], 'other rows untouched');
  closeTo(state[4]!, 0.01 + 0.02 * 0.02, 1e-15, 'x');
  closeTo(state[5]!, 0.02 + 0.02 * -9.776950855139468, 1e-12, 'x_dot');
  closeTo(state[6]!, 0.03 + 0.02 * 0.04, 1e-15, 'theta');
  closeTo(state[7]!, 0.04 + 0.02 * 15.099761188801962, 1e-12, 'theta_dot');
});

test('termination thresholds are ±2.4 and ±12 degrees, exclusive', () => {
  closeTo(THETA_THRESHOLD, 0.20943951023931953, 1e-15, 'theta threshold');
  assert.equal(cartPoleFailed(new Float64Array([X_THRESHOLD, 0, THETA_THRESHOLD, 0]), 0), false);
  assert.equal(cartPoleFailed(new Float64Array([-2.41, 0, 0, 0]), 0), true);
  assert.equal(cartPoleFailed(new Float64Array([0, 0, -0.21, 0]), 0), true);
});

test('the spec is CartPole?team=0 with 4 observations and one branch of 2, no masks', () => {
  const scene = new CartPoleScene(testContext(), { numAreas: 1, seed: 0 });
  assert.deepEqual(scene.behaviorSpecs, [CARTPOLE_SPEC]);
  assert.equal(CARTPOLE_SPEC.name, 'CartPole?team=0');
  assert.deepEqual(CARTPOLE_SPEC.observationSpecs[0]!.shape, [4]);
  assert.deepEqual(CARTPOLE_SPEC.actionSpec.discreteBranches, [2]);
  const batch = scene.collect(true).get(CARTPOLE_BEHAVIOR)!;
  assert.equal(batch.actionMasks, null);
  assert.equal(batch.count, 1);
  for (const v of batch.observations[0]!) assert.ok(Math.abs(v) <= 0.05, `initial component ${v} within ±0.05`);
});

test('pushing left forever terminates (not interrupted) as soon as a threshold is crossed, +1 per step', async () => {
  const env = new LocalEnv('builtin:cartpole', (c, o) => new CartPoleScene(c, o), { seed: 3 });
  await env.reset();
  let previous = Float32Array.from(env.getSteps(CARTPOLE_BEHAVIOR).decisionSteps.observations[0]!);
  let total = 0;
  for (let step = 1; step <= 500; step++) {
    env.setActions(CARTPOLE_BEHAVIOR, actions([0]));
    await env.step();
    const { decisionSteps, terminalSteps } = env.getSteps(CARTPOLE_BEHAVIOR);
    if (terminalSteps.count === 0) {
      assert.equal(decisionSteps.rewards[0], 1, 'reward since the last decision');
      total += 1;
      previous = Float32Array.from(decisionSteps.observations[0]!);
      continue;
    }
    total += terminalSteps.rewards[0]!;
    assert.equal(terminalSteps.rewards[0], 1, 'the terminating step is rewarded too');
    assert.equal(terminalSteps.interrupted[0], 0);
    assert.equal(terminalSteps.agentIds[0], 0);
    const final = terminalSteps.observations[0]!;
    const past = (o: Float32Array) => Math.abs(o[0]!) > X_THRESHOLD || Math.abs(o[2]!) > THETA_THRESHOLD;
    assert.ok(past(final), `final observation ${Array.from(final)} past a threshold`);
    assert.ok(!past(previous), 'the step before was within bounds');
    assert.ok(final[2]! > THETA_THRESHOLD, 'pushed left, the pole falls right');
    assert.equal(total, step);
    assert.ok(step > 5 && step < 30, `fell after ${step} steps`);
    assert.deepEqual(env.drainStats().get(CARTPOLE_RETURN_STAT)?.value, step);
    return;
  }
  assert.fail('never terminated');
});

test('a balancing policy reaches the 500-step truncation, interrupted, with return 500', async () => {
  const env = new LocalEnv('builtin:cartpole', (c, o) => new CartPoleScene(c, o), { seed: 11, numAreas: 2 });
  await env.reset();
  for (let step = 1; step <= 500; step++) {
    const { decisionSteps } = env.getSteps(CARTPOLE_BEHAVIOR);
    const obs = decisionSteps.observations[0]!;
    env.setActions(CARTPOLE_BEHAVIOR, actions([balance(obs, 0), balance(obs, 1)]));
    await env.step();
    const { terminalSteps } = env.getSteps(CARTPOLE_BEHAVIOR);
    if (step < 500) {
      assert.equal(terminalSteps.count, 0, `no episode ends before 500 (step ${step})`);
      continue;
    }
    assert.deepEqual(Array.from(terminalSteps.agentIds), [0, 1]);
    assert.deepEqual(Array.from(terminalSteps.interrupted), [1, 1]);
    assert.deepEqual(Array.from(terminalSteps.rewards), [1, 1]);
    const stat = env.drainStats().get(CARTPOLE_RETURN_STAT)!;
    assert.equal(stat.value, 500);
    assert.equal(stat.count, 2);
  }
});

test('max_steps is read from the environment parameters at episode start', async () => {
  const env = new LocalEnv('builtin:cartpole', (c, o) => new CartPoleScene(c, o), { seed: 11 });
  env.setEnvironmentParameters({ max_steps: 20 });
  await env.reset();
  for (let step = 1; step <= 20; step++) {
    env.setActions(CARTPOLE_BEHAVIOR, actions([balance(env.getSteps(CARTPOLE_BEHAVIOR).decisionSteps.observations[0]!, 0)]));
    await env.step();
    assert.equal(env.getSteps(CARTPOLE_BEHAVIOR).terminalSteps.count, step === 20 ? 1 : 0, `step ${step}`);
  }
  assert.equal(env.getSteps(CARTPOLE_BEHAVIOR).terminalSteps.interrupted[0], 1);

  const bad = new LocalEnv('builtin:cartpole', (c, o) => new CartPoleScene(c, o));
  bad.setEnvironmentParameters({ masspole: -1 });
  await assert.rejects(bad.reset(), (e) => isShivaError(e, 'SHIVA_ERR_ENV') && /"masspole".*> 0, got -1/.test(e.message));
});

test('a terminal record and the next decision share the agent id in one batch, terminal first', () => {
  const scene = new CartPoleScene(testContext(), { numAreas: 2, seed: 5 });
  scene.reset();
  let batch: AgentInfoBatch = scene.collect(true).get(CARTPOLE_BEHAVIOR)!;
  for (let step = 0; step < 100; step++) {
    // Area 0 pushes left always (falls fast); area 1 balances.
    scene.applyActions(CARTPOLE_BEHAVIOR, actions([0, balance(batch.observations[0]!, batch.count - 1)]));
    scene.simulate();
    batch = scene.collect(true).get(CARTPOLE_BEHAVIOR)!;
    if (batch.count === 2) continue;
    assert.equal(batch.count, 3);
    assert.deepEqual(Array.from(batch.agentIds), [0, 0, 1]);
    assert.deepEqual(Array.from(batch.done), [1, 0, 0]);
    assert.deepEqual(Array.from(batch.maxStepReached), [0, 0, 0]);
    assert.deepEqual(Array.from(batch.rewards), [1, 0, 1], 'the new episode starts with reward 0');
    const fresh = batch.observations[0]!.subarray(4, 8);
    for (const v of fresh) assert.ok(Math.abs(v) <= 0.05, 'the decision row holds the new episode');
    assert.ok(Math.abs(batch.observations[0]![2]!) > THETA_THRESHOLD, 'the terminal row holds the final state');
    // The next exchange has the two decisions again, only.
    scene.applyActions(CARTPOLE_BEHAVIOR, actions([0, 0]));
    scene.simulate();
    assert.deepEqual(Array.from(scene.collect(true).get(CARTPOLE_BEHAVIOR)!.done), [0, 0]);
    return;
  }
  assert.fail('area 0 never fell');
});

test('numAreas = 4 gives agents 0..3 in one batch, each with its own initial state', () => {
  const scene = new CartPoleScene(testContext(), { numAreas: 4, seed: 1 });
  scene.reset();
  const batch = scene.collect(true).get(CARTPOLE_BEHAVIOR)!;
  assert.deepEqual(Array.from(batch.agentIds), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(batch.done), [0, 0, 0, 0]);
  const rows = [0, 1, 2, 3].map((r) => Array.from(batch.observations[0]!.subarray(r * 4, r * 4 + 4)).join());
  assert.equal(new Set(rows).size, 4);
  assert.throws(() => scene.applyActions(CARTPOLE_BEHAVIOR, actions([0, 1])), (e) => isShivaError(e, 'SHIVA_ERR_ACTION_SHAPE'));
  assert.throws(() => scene.applyActions('Other?team=0', actions([0, 1, 0, 1])), (e) => isShivaError(e, 'SHIVA_ERR_UNKNOWN_BEHAVIOR'));
});

test('reset restarts every agent without terminal records', () => {
  const scene = new CartPoleScene(testContext(), { numAreas: 2, seed: 2 });
  scene.collect(true);
  scene.applyActions(CARTPOLE_BEHAVIOR, actions([1, 1]));
  for (let i = 0; i < 3; i++) {
    scene.simulate();
    scene.collect(false);
  }
  scene.reset();
  const batch = scene.collect(true).get(CARTPOLE_BEHAVIOR)!;
  assert.deepEqual(Array.from(batch.done), [0, 0]);
  assert.deepEqual(Array.from(batch.rewards), [0, 0]);
  for (const v of batch.observations[0]!) assert.ok(Math.abs(v) <= 0.05);
});

test('with a decision period of 5 each decision carries the 5 rewards since the last record', () => {
  const academy = new Academy((c, o) => new CartPoleScene(c, o), { decisionPeriod: 5, seed: 4 });
  let out = academy.reset();
  assert.deepEqual(Array.from(out.get(CARTPOLE_BEHAVIOR)!.rewards), [0]);
  for (let i = 0; i < 3; i++) {
    const obs = out.get(CARTPOLE_BEHAVIOR)!.observations[0]!;
    out = academy.step(new Map([[CARTPOLE_BEHAVIOR, actions([balance(obs, 0)])]]));
    assert.deepEqual(Array.from(out.get(CARTPOLE_BEHAVIOR)!.rewards), [5]);
  }
});

test('the same seed replays the same episodes; another seed does not', async () => {
  const run = async (seed: number) => {
    const env = new LocalEnv('builtin:cartpole', (c, o) => new CartPoleScene(c, o), { seed, numAreas: 3 });
    const policy = new Rng(99);
    const trace: number[] = [];
    await env.reset();
    for (let step = 0; step < 200; step++) {
      const { decisionSteps, terminalSteps } = env.getSteps(CARTPOLE_BEHAVIOR);
      trace.push(...decisionSteps.observations[0]!, ...terminalSteps.observations[0]!, ...terminalSteps.agentIds);
      env.setActions(CARTPOLE_BEHAVIOR, actions([policy.int(2), policy.int(2), policy.int(2)]));
      await env.step();
    }
    return trace;
  };
  const a = await run(21);
  assert.deepEqual(await run(21), a);
  assert.notDeepEqual(await run(22), a);
});
