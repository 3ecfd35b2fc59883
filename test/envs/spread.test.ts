import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MPE_SPREAD, createSpreadWorld, observeSpread, spreadCollisions, spreadObservationSize, spreadReward, stepSpread } from '../../envs/spread/spread-dynamics.js';
import { SPREAD_BEHAVIOR, SPREAD_RETURN_STAT, SpreadScene, spreadSpec } from '../../envs/spread/spread-scene.js';
import type { SceneContext } from '../../src/core/env/scene.js';
import { isShivaError } from '../../src/core/errors.js';

function testContext(params: Record<string, number> = {}): SceneContext & { stats: { key: string; value: number }[] } {
  const stats: { key: string; value: number }[] = [];
  return { stats, parameter: (key, fallback) => params[key] ?? fallback, recordStat: (key, value) => stats.push({ key, value }) };
}

function closeTo(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}

test('one step without contact: force 5·u, v ← 0.75 v + 0.1 f, x ← x + 0.1 v; reward from the state after', () => {
  const w = createSpreadWorld(2);
  w.pos.set([0, 0, 1, 1]);
  w.vel.set([0, 0, 0.2, 0]);
  w.landmarks.set([0, 0, 1, 1]);
  const r = stepSpread(w, new Float64Array([1, -0.5, 0, 0]), MPE_SPREAD);
  // Agent 0: f = (5, −2.5) → v = (0.5, −0.25), x = (0.05, −0.025). Agent 1: v = 0.75·(0.2, 0) = (0.15, 0), x = (1.015, 1).
  assert.deepEqual(Array.from(w.vel), [0.5, -0.25, 0.15000000000000002, 0]);
  closeTo(w.pos[0]!, 0.05, 1e-15, 'x0');
  closeTo(w.pos[1]!, -0.025, 1e-15, 'y0');
  closeTo(w.pos[2]!, 1.015, 1e-15, 'x1');
  assert.equal(w.pos[3], 1);
  // Landmark 0's nearest agent is 0 at √(0.05² + 0.025²) = 0.05590169943749474; landmark 1's is agent 1 at 0.015.
  closeTo(r, -(0.05590169943749474 + 0.015), 1e-12, 'reward');
});

test('overlapping agents push apart with 100·k·softplus(−(d − 0.3)/k) along their axis, and a pair closer than 0.3 costs 1', () => {
  const w = createSpreadWorld(2);
  w.pos.set([0, 0, 0.2, 0]);
  w.landmarks.set([0, 1, 0, -1]);
  assert.equal(spreadCollisions(w, MPE_SPREAD), 1);
  // Before the step: nearest distances 1 and 1, one colliding pair: −3.
  closeTo(spreadReward(w, MPE_SPREAD), -3, 1e-15, 'static reward');
  const r = stepSpread(w, new Float64Array(4), MPE_SPREAD);
  // d = 0.2: penetration = 0.001·softplus(100) = 0.1 (+ 0.001·log1p(e⁻¹⁰⁰)); force on agent 0 = 100·(−0.2/0.2)·0.1 = −10.
  closeTo(w.vel[0]!, -1, 1e-12, 'v0');
  closeTo(w.vel[2]!, 1, 1e-12, 'v1');
  closeTo(w.pos[0]!, -0.1, 1e-12, 'x0');
  closeTo(w.pos[2]!, 0.3, 1e-12, 'x1');
  assert.equal(w.vel[1], 0);
  // Now 0.4 apart: no collision; both landmarks' nearest agent is agent 0 at √(0.01 + 1).
  assert.equal(spreadCollisions(w, MPE_SPREAD), 0);
  closeTo(r, -2 * Math.sqrt(1.01), 1e-12, 'reward after the step');
});

test('an agent observes its velocity, its position, the landmarks relative to it, then the other agents relative to it', () => {
  const w = createSpreadWorld(3);
  w.pos.set([0, 0, 1, 0, 0, 2]);
  w.vel.set([0.5, -0.5, 0, 0, 0, 0]);
  w.landmarks.set([1, 1, -1, 0, 0, -1]);
  assert.equal(spreadObservationSize(3), 14);
  const out = new Float32Array(15).fill(9);
  observeSpread(w, 1, out, 1);
  assert.deepEqual(Array.from(out), [9, 0, 0, 1, 0, 0, 1, -2, 0, -1, -1, -1, 0, -1, 2]);
  observeSpread(w, 0, out, 0);
  assert.deepEqual(Array.from(out.subarray(0, 14)), [0.5, -0.5, 0, 0, 1, 1, -1, 0, 0, -1, 1, 0, 0, 2]);
});

test('the scene: one group per area, ids area × n + slot, 25-step episodes interrupted, terminal records before the next decisions', () => {
  const context = testContext({ agents: 2 });
  const scene = new SpreadScene(context, { numAreas: 2, seed: 5 });
  assert.deepEqual(scene.behaviorSpecs, [spreadSpec(2, false)]);
  assert.equal(SPREAD_BEHAVIOR, 'Spread?team=0');
  scene.reset();
  let batch = scene.collect(true).get(SPREAD_BEHAVIOR)!;
  assert.deepEqual(Array.from(batch.agentIds), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(batch.groupIds), [1, 1, 2, 2]);
  // Every agent of an area gets the area's shared reward.
  const zero = { continuous: new Float32Array(8), discrete: new Int32Array(0) };
  for (let step = 1; step <= 25; step++) {
    scene.applyActions(SPREAD_BEHAVIOR, zero);
    scene.simulate();
    batch = scene.collect(true).get(SPREAD_BEHAVIOR)!;
    if (step < 25) {
      assert.equal(batch.count, 4);
      assert.equal(batch.rewards[0], batch.rewards[1]);
      // Agents that never move: the reward is minus the (fixed) nearest distances.
      closeTo(batch.rewards[0]!, spreadReward(scene.world(0), MPE_SPREAD), 1e-6, 'shared reward');
    }
  }
  assert.equal(batch.count, 8, '4 terminal records, then 4 decisions');
  assert.deepEqual(Array.from(batch.done), [1, 1, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(batch.maxStepReached.subarray(0, 4)), [1, 1, 1, 1]);
  assert.deepEqual(Array.from(batch.agentIds), [0, 1, 2, 3, 0, 1, 2, 3]);
  assert.equal(batch.rewards[4], 0, 'a new episode starts with no reward');
  assert.equal(context.stats.filter((s) => s.key === SPREAD_RETURN_STAT).length, 2);
});

test('discrete: 1 gives one branch of 5 (no-op, −x, +x, −y, +y), each a unit force; agents and discrete are read at reset', () => {
  const params: Record<string, number> = {};
  const scene = new SpreadScene(testContext(params), { numAreas: 1, seed: 1 });
  assert.deepEqual(scene.behaviorSpecs[0]!.actionSpec, { continuousSize: 2, discreteBranches: [] });
  assert.equal(scene.agentsPerArea, 3);
  params.discrete = 1;
  params.agents = 2;
  scene.reset();
  assert.deepEqual(scene.behaviorSpecs[0], spreadSpec(2, true));
  scene.collect(true);
  const before = Array.from(scene.world(0).pos);
  scene.applyActions(SPREAD_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.from([2, 3]) });
  scene.simulate();
  const after = scene.world(0).pos;
  // Far enough apart not to touch (checked): +x for agent 0 moves it 0.05, −y for agent 1 moves it −0.05.
  if (Math.hypot(before[0]! - before[2]!, before[1]! - before[3]!) > 0.4) {
    closeTo(after[0]! - before[0]!, 0.05, 1e-12, 'agent 0 x');
    closeTo(after[1]! - before[1]!, 0, 1e-12, 'agent 0 y');
    closeTo(after[3]! - before[3]!, -0.05, 1e-12, 'agent 1 y');
  }
  params.discrete = 2;
  assert.throws(() => scene.reset(), (e: unknown) => isShivaError(e) && /"discrete": expected 0 or 1, got 2/.test(e.message));
});

test('the same seed gives the same episodes; areas draw from their own streams', () => {
  const a = new SpreadScene(testContext(), { numAreas: 2, seed: 9 });
  const b = new SpreadScene(testContext(), { numAreas: 2, seed: 9 });
  const c = new SpreadScene(testContext(), { numAreas: 2, seed: 10 });
  const obs = (s: SpreadScene) => Array.from(s.collect(true).get(SPREAD_BEHAVIOR)!.observations[0]!);
  assert.deepEqual(obs(a), obs(b));
  assert.notDeepEqual(obs(a), obs(c));
  for (const k of [0, 1, 2, 3]) assert.ok(Math.abs(a.world(0).pos[k]!) <= 1 && Math.abs(a.world(0).landmarks[k]!) <= 1);
});
