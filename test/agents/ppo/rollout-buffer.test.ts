import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActOutput } from '../../../agents/networks/acting.js';
import { RolloutBuffer } from '../../../agents/ppo/rollout-buffer.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';

const ACTION_SPEC = { continuousSize: 0, discreteBranches: [2] };

function decisions(ids: number[], obs: number[], rewards: number[]): DecisionSteps {
  return {
    count: ids.length,
    agentIds: Int32Array.from(ids),
    observations: [Float32Array.from(obs)],
    rewards: Float32Array.from(rewards),
    groupIds: new Int32Array(ids.length),
    groupRewards: new Float32Array(ids.length),
    actionMasks: null,
  };
}

function terminals(ids: number[], rewards: number[], interrupted: number[]): TerminalSteps {
  return {
    count: ids.length,
    agentIds: Int32Array.from(ids),
    observations: [new Float32Array(ids.length)],
    rewards: Float32Array.from(rewards),
    interrupted: Uint8Array.from(interrupted),
    groupIds: new Int32Array(ids.length),
    groupRewards: new Float32Array(ids.length),
  };
}

/** What act() would return, reduced to the fields the buffer reads; log-prob = −value so rows can be told apart. */
function acted(values: number[], actions: number[], factors: number[] | null = null): ActOutput {
  return {
    count: values.length,
    continuous: new Float32Array(0),
    continuousRaw: new Float32Array(0),
    discrete: Int32Array.from(actions),
    logProbs: Float32Array.from(values, (v) => -v),
    values: Float32Array.from(values),
    probs: new Float32Array(values.length * 2),
    means: new Float32Array(0),
    logStd: new Float32Array(0),
    factors: factors ? Float32Array.from(factors) : null,
    path: 'fast',
  };
}

const closeAll = (actual: Float32Array, expected: number[], what: string) =>
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-5, `${what}[${i}]: ${actual[i]} ≠ ${e}`));

test('interleaved agents of two environments become separate trajectories, emitted at their episode ends', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 1000);
  // Step 0: env 0 has agents 7 and 9, env 1 has an agent also called 7.
  buffer.addDecisions(0, decisions([7, 9], [0.7, 0.9], [0, 0]), acted([1, 2], [0, 1]));
  buffer.addDecisions(1, decisions([7], [1.7], [0]), acted([3], [1]));
  // Step 1: env 0 reports its agents in the other order; env 1's agent ends its episode (true terminal), starts anew.
  buffer.addDecisions(0, decisions([9, 7], [0.91, 0.71], [0.5, 0.25]), acted([2.1, 1.1], [0, 0]));
  buffer.endEpisodes(1, terminals([7], [1], [0]), null);
  buffer.addDecisions(1, decisions([7], [1.8], [0]), acted([3.5], [0]));
  assert.equal(buffer.size, 1, "env 1's agent 7 emitted its one-step trajectory");
  // Step 2: env 0's agent 9 is interrupted at max step (V(final obs) = 10) and starts anew; agent 7 goes on.
  buffer.endEpisodes(0, terminals([9], [2], [1]), Float32Array.from([10]));
  buffer.addDecisions(0, decisions([7, 9], [0.72, 0.92], [0.75, 0]), acted([1.2, 2.5], [1, 1]));
  // env 0's agent 7 holds 2 steps of a trajectory not yet at time_horizon: not in the buffer (ML-Agents).
  assert.equal(buffer.size, 3);

  const batch = buffer.drain(0.5, 1);
  assert.equal(batch.size, 3);
  // Rows by emission: env1/7 (1 step), env0/9 (2 steps).
  closeAll(batch.observations[0]!, [1.7, 0.9, 0.91], 'obs');
  closeAll(batch.values, [3, 2, 2.1], 'values');
  closeAll(batch.logProbs, [-3, -2, -2.1], 'log-probs');
  assert.deepEqual(Array.from(batch.discreteActions), [1, 1, 0]);
  // env1/7 terminal: A0 = 1 − 3 = −2
  // env0/9 interrupted with V = 10 (γ = 0.5, λ = 1): A1 = 2 + 0.5·10 − 2.1 = 4.9;  A0 = 0.5 + 0.5·2.1 − 2 + 0.5·4.9 = 2.0
  closeAll(batch.advantages, [-2, 2.0, 4.9], 'advantages');
  closeAll(batch.returns, [1, 4.0, 7.0], 'returns');
  assert.equal(batch.factors, null);
  assert.equal(buffer.size, 0);

  // env0/7's trajectory is emitted whole at its episode end, its first two steps included.
  buffer.endEpisodes(0, terminals([7], [4], [0]), null);
  const next = buffer.drain(0.5, 1);
  closeAll(next.observations[0]!, [0.7, 0.71, 0.72], 'obs');
  // Terminal: A2 = 4 − 1.2 = 2.8; A1 = 0.75 + 0.5·1.2 − 1.1 + 0.5·2.8 = 1.65; A0 = 0.25 + 0.5·1.1 − 1 + 0.5·1.65 = 0.625
  closeAll(next.advantages, [0.625, 1.65, 2.8], 'advantages');
});

test('time_horizon emits a trajectory every time_horizon steps, bootstrapped from the value of the next observation', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 2);
  for (let t = 0; t <= 5; t++) buffer.addDecisions(0, decisions([1], [t], [t === 0 ? 0 : 1]), acted([t], [0]));
  // Values 0..5, rewards 1, γ = λ = 1. Steps 0–1 are emitted at t = 2 (next value 2), steps 2–3 at t = 4 (next
  // value 4); step 4, closed at t = 5, waits for its trajectory to fill.
  assert.equal(buffer.size, 4);
  // [0,1]: A1 = 1 + 2 − 1 = 2, A0 = 1 + 1 − 0 + 2 = 4; [2,3] likewise.
  closeAll(buffer.drain(1, 1).advantages, [4, 2, 4, 2], 'horizon 2');
});

test('factors recorded when acting come back per transition; transitions without them get factor 1', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 100);
  buffer.addDecisions(0, decisions([1, 2], [0, 0], [0, 0]), acted([0, 0], [0, 1], [1, 0, 0.5, 1]));
  buffer.addDecisions(0, decisions([1], [0], [1]), acted([0], [0]));
  buffer.endEpisodes(0, terminals([2], [1], [0]), null);
  buffer.endEpisodes(0, terminals([1], [1], [0]), null);
  const batch = buffer.drain(0.9, 0.9);
  // Rows by emission: agent 2 (1 step), agent 1 (2 steps).
  assert.deepEqual(Array.from(batch.factors!), [0.5, 1, 1, 0, 1, 1]);
});

test('an agent whose episode ends before it ever acted, and forced resets, leave nothing behind', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 100);
  buffer.endEpisodes(0, terminals([5], [1], [0]), null);
  assert.equal(buffer.size, 0);
  buffer.addDecisions(0, decisions([5], [0], [0]), acted([0], [0]));
  buffer.dropOpen(0);
  buffer.addDecisions(0, decisions([5], [0], [3]), acted([0], [0]));
  assert.equal(buffer.size, 0, 'the reward after a forced reset does not close a transition of the old episode');
});

test("a forced reset discards the agent's steps not yet emitted (ML-Agents' end_episode)", () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 100);
  // Agent 1: step A (V 0) closes with reward 1 when step B (V 5) begins; then a forced reset (or a self-play team
  // change) drops both. Later the agent's new steps C (V 0, reward 2 on close) and D (V 0) follow.
  buffer.addDecisions(0, decisions([1], [0], [0]), acted([0], [0]));
  buffer.addDecisions(0, decisions([1], [0], [1]), acted([5], [0]));
  buffer.dropOpen(0);
  buffer.addDecisions(0, decisions([1], [0], [0]), acted([0], [0]));
  buffer.endEpisodes(0, terminals([1], [2], [0]), null);
  const batch = buffer.drain(1, 1);
  // Only C, terminal: r 2 − 0 = 2.
  assert.deepEqual(Array.from(batch.advantages), [2]);
  assert.deepEqual(Array.from(batch.returns), [2]);
});
