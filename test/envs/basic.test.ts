/**
 * The Basic scene against ML-Agents' BasicController: start at 10, one-hot of 20, −0.01 a step, +0.1 at 7 and +1 at
 * 17 ending the episode, back at 10 after; the optimum is 0.93 in seven steps right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASIC_BEHAVIOR, BASIC_OPTIMAL_RETURN, BASIC_OPTIMAL_STEPS, createBasicScene } from '../../envs/basic/basic-scene.js';
import { LocalEnv } from '../../src/core/env/local-env.js';

async function basic(): Promise<LocalEnv> {
  const env = new LocalEnv('builtin:basic', createBasicScene, { numAreas: 1, decisionPeriod: 1, seed: 1 });
  await env.reset();
  return env;
}

const position = (obs: Float32Array): number => obs.indexOf(1);

/** Plays `actions` and returns what the terminal record said (or null) and the position seen after each. */
async function play(env: LocalEnv, actions: number[]): Promise<{ positions: number[]; terminal: { reward: number; interrupted: number } | null; rewards: number[] }> {
  const positions: number[] = [];
  const rewards: number[] = [];
  let terminal: { reward: number; interrupted: number } | null = null;
  for (const a of actions) {
    env.setActions(BASIC_BEHAVIOR, { continuous: new Float32Array(0), discrete: Int32Array.of(a) });
    await env.step();
    const { decisionSteps, terminalSteps } = env.getSteps(BASIC_BEHAVIOR);
    if (terminalSteps.count > 0) terminal = { reward: terminalSteps.rewards[0]!, interrupted: terminalSteps.interrupted[0]! };
    else rewards.push(decisionSteps.rewards[0]!);
    positions.push(position(decisionSteps.observations[0]!));
  }
  return { positions, terminal, rewards };
}

test('the agent starts at 10, observed as a one-hot of 20 values', async () => {
  const env = await basic();
  const { decisionSteps } = env.getSteps(BASIC_BEHAVIOR);
  assert.equal(decisionSteps.observations[0]!.length, 20);
  assert.equal(position(decisionSteps.observations[0]!), 10);
  assert.equal(decisionSteps.observations[0]!.reduce((a, b) => a + b, 0), 1);
});

test('seven steps right reach the large goal: +1 − 7 × 0.01 = 0.93 over the episode, then back at 10', async () => {
  assert.equal(BASIC_OPTIMAL_STEPS, 7);
  assert.ok(Math.abs(BASIC_OPTIMAL_RETURN - 0.93) < 1e-12);
  const env = await basic();
  const run = await play(env, [2, 2, 2, 2, 2, 2, 2]);
  assert.deepEqual(run.positions, [11, 12, 13, 14, 15, 16, 10]);
  assert.ok(run.terminal);
  assert.equal(run.terminal.interrupted, 0);
  const total = run.rewards.reduce((a, b) => a + b, 0) + run.terminal.reward;
  assert.ok(Math.abs(total - 0.93) < 1e-6, `return ${total}`);
});

test('three steps left reach the small goal: +0.1 − 3 × 0.01 = 0.07; staying costs 0.01 and ends nothing', async () => {
  const env = await basic();
  const stay = await play(env, [0, 0]);
  assert.deepEqual(stay.positions, [10, 10]);
  assert.equal(stay.terminal, null);
  assert.ok(stay.rewards.every((r) => Math.abs(r + 0.01) < 1e-7));
  const left = await play(env, [1, 1, 1]);
  assert.deepEqual(left.positions, [9, 8, 10]);
  assert.ok(left.terminal);
  assert.ok(Math.abs(left.rewards.reduce((a, b) => a + b, 0) + left.terminal.reward - 0.07) < 1e-6);
});
