/**
 * The duel scene: specs and agent ids, the three endings (win/loss, draw, time-out) with scripted runners, and the
 * outcome rates of random runners against the exact rates enumerated from the runner's Markov chain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getBuiltinEnv } from '../../envs/registry.js';
import { DUEL_ACTIONS, DUEL_BEHAVIORS, DUEL_DEFAULTS } from '../../envs/duel/duel-scene.js';
import { exactOutcomes } from '../../envs/duel/duel-outcomes.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { Rng } from '../../src/core/runtime/rng.js';

const [TEAM0, TEAM1] = DUEL_BEHAVIORS;

function duel(numAreas: number, seed = 0): LocalEnv {
  return new LocalEnv('builtin:duel#0', getBuiltinEnv('duel').factory, { numAreas, seed });
}

function act(env: LocalEnv, behavior: string, action: number): void {
  const n = env.getSteps(behavior).decisionSteps.count;
  env.setActions(behavior, { continuous: new Float32Array(0), discrete: new Int32Array(n).fill(action) });
}

/** Steps both teams with fixed actions until an episode ends; returns the step and both terminal records. */
async function playOut(env: LocalEnv, a0: number, a1: number) {
  for (let step = 1; step <= 100; step++) {
    act(env, TEAM0, a0);
    act(env, TEAM1, a1);
    await env.step();
    const t0 = env.getSteps(TEAM0).terminalSteps;
    const t1 = env.getSteps(TEAM1).terminalSteps;
    if (t0.count > 0) return { step, t0, t1 };
  }
  throw new Error('no episode ended');
}

test('two behaviors with one spec; ids 2·area + team; each runner starts a full half-line from the flag', async () => {
  const env = duel(3);
  await env.reset();
  assert.deepEqual([...env.behaviorSpecs.keys()], ['Duel?team=0', 'Duel?team=1']);
  const [s0, s1] = [env.behaviorSpecs.get(TEAM0)!, env.behaviorSpecs.get(TEAM1)!];
  assert.deepEqual(s0.actionSpec, { continuousSize: 0, discreteBranches: [3] });
  assert.deepEqual(s0.actionSpec, s1.actionSpec);
  assert.deepEqual(s0.observationSpecs[0]!.shape, [3]);
  assert.deepEqual([...env.getSteps(TEAM0).decisionSteps.agentIds], [0, 2, 4]);
  assert.deepEqual([...env.getSteps(TEAM1).decisionSteps.agentIds], [1, 3, 5]);
  assert.deepEqual([...env.getSteps(TEAM0).decisionSteps.observations[0]!.subarray(0, 3)], [1, 1, 0]);
});

test('forward against stay: the forward runner wins in half_length (3) steps, +1 and −1, not interrupted', async () => {
  const env = duel(2);
  await env.reset();
  // One step in: team 0 is 2 cells away (2/3), team 1 still 3 (1), 1 of 16 steps taken.
  act(env, TEAM0, DUEL_ACTIONS.forward);
  act(env, TEAM1, DUEL_ACTIONS.stay);
  await env.step();
  assert.deepEqual([...env.getSteps(TEAM0).decisionSteps.observations[0]!.subarray(0, 3)], [Math.fround(2 / 3), 1, Math.fround(1 / 16)]);
  assert.deepEqual([...env.getSteps(TEAM1).decisionSteps.observations[0]!.subarray(0, 3)], [1, Math.fround(2 / 3), Math.fround(1 / 16)]);
  const { step, t0, t1 } = await playOut(env, DUEL_ACTIONS.forward, DUEL_ACTIONS.stay);
  assert.equal(step + 1, DUEL_DEFAULTS.halfLength);
  assert.deepEqual([...t0.agentIds], [0, 2]);
  assert.deepEqual([...t0.rewards], [1, 1]);
  assert.deepEqual([...t1.rewards], [-1, -1]);
  assert.deepEqual([...t0.interrupted, ...t1.interrupted], [0, 0, 0, 0]);
  assert.deepEqual([...t0.observations[0]!.subarray(0, 3)], [0, 1, Math.fround(3 / 16)]);
  // The area restarted: the next decisions are at the start again.
  assert.deepEqual([...env.getSteps(TEAM1).decisionSteps.observations[0]!.subarray(0, 3)], [1, 1, 0]);
});

test('both forward: a draw at step 3, 0 each; both staying (or backing off at their end): interrupted at max_steps', async () => {
  const env = duel(1);
  await env.reset();
  const draw = await playOut(env, DUEL_ACTIONS.forward, DUEL_ACTIONS.forward);
  assert.equal(draw.step, 3);
  assert.deepEqual([draw.t0.rewards[0], draw.t1.rewards[0], draw.t0.interrupted[0], draw.t1.interrupted[0]], [0, 0, 0, 0]);
  const timeout = await playOut(env, DUEL_ACTIONS.back, DUEL_ACTIONS.stay);
  assert.equal(timeout.step, DUEL_DEFAULTS.maxSteps);
  assert.deepEqual([timeout.t0.rewards[0], timeout.t1.rewards[0], timeout.t0.interrupted[0], timeout.t1.interrupted[0]], [0, 0, 1, 1]);
  assert.deepEqual([...timeout.t0.observations[0]!], [1, 1, 1], 'backing off at one’s own end stays there');
});

test('random against random: outcome rates match the enumerated ones (win 0.403 each, draw 0.026, time-out 0.167)', async () => {
  const uniform = [1 / 3, 1 / 3, 1 / 3];
  const exact = exactOutcomes(uniform, uniform);
  // Enumerated for K = 3, max_steps 16 (the defaults): 0.4034 / 0.4034 / 0.0259 / 0.1674.
  assert.ok(Math.abs(exact.win0 - 0.4034) < 5e-4 && Math.abs(exact.win1 - 0.4034) < 5e-4 && Math.abs(exact.draw - 0.0259) < 5e-4 && Math.abs(exact.timeout - 0.1674) < 5e-4, JSON.stringify(exact));
  // A forward runner against a random one wins unless the random one draws: 1 − 3^−3.
  const forward = exactOutcomes([0, 0, 1], uniform);
  assert.ok(Math.abs(forward.win0 - 26 / 27) < 1e-12 && Math.abs(forward.draw - 1 / 27) < 1e-12);

  const env = duel(64, 1);
  await env.reset();
  const rng = new Rng(7);
  const counts = { win0: 0, win1: 0, draw: 0, timeout: 0 };
  let episodes = 0;
  while (episodes < 4000) {
    for (const b of DUEL_BEHAVIORS) {
      const n = env.getSteps(b).decisionSteps.count;
      env.setActions(b, { continuous: new Float32Array(0), discrete: Int32Array.from({ length: n }, () => rng.int(3)) });
    }
    await env.step();
    const t0 = env.getSteps(TEAM0).terminalSteps;
    for (let i = 0; i < t0.count; i++, episodes++) {
      if (t0.interrupted[i]) counts.timeout++;
      else if (t0.rewards[i]! > 0) counts.win0++;
      else if (t0.rewards[i]! < 0) counts.win1++;
      else counts.draw++;
    }
  }
  for (const key of ['win0', 'win1', 'draw', 'timeout'] as const) {
    // 4000 episodes: a standard error below 0.008, so 0.03 is nearly four of them.
    assert.ok(Math.abs(counts[key] / episodes - exact[key]) < 0.03, `${key}: ${counts[key] / episodes} against exact ${exact[key]}`);
  }
});
