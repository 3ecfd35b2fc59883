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

test('interleaved agents of two environments become separate trajectories with the right ends', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 1000);
  // Step 0: env 0 has agents 7 and 9, env 1 has an agent also called 7.
  buffer.addDecisions(0, decisions([7, 9], [0.7, 0.9], [0, 0]), acted([1, 2], [0, 1]));
  buffer.addDecisions(1, decisions([7], [1.7], [0]), acted([3], [1]));
  // Step 1: env 0 reports its agents in the other order; env 1's agent ends its episode (true terminal), starts anew.
  buffer.addDecisions(0, decisions([9, 7], [0.91, 0.71], [0.5, 0.25]), acted([2.1, 1.1], [0, 0]));
  buffer.endEpisodes(1, terminals([7], [1], [0]), null);
  buffer.addDecisions(1, decisions([7], [1.8], [0]), acted([3.5], [0]));
  // Step 2: env 0's agent 9 is interrupted at max step (V(final obs) = 10) and starts anew; agent 7 goes on.
  buffer.endEpisodes(0, terminals([9], [2], [1]), Float32Array.from([10]));
  buffer.addDecisions(0, decisions([7, 9], [0.72, 0.92], [0.75, 0]), acted([1.2, 2.5], [1, 1]));
  assert.equal(buffer.size, 5);

  const batch = buffer.drain(0.5, 1);
  assert.equal(batch.size, 5);
  // Rows by trajectory: env0/7 (2 steps), env0/9 (2 steps), env1/7 (1 step).
  closeAll(batch.observations[0]!, [0.7, 0.71, 0.9, 0.91, 1.7], 'obs');
  closeAll(batch.values, [1, 1.1, 2, 2.1, 3], 'values');
  closeAll(batch.logProbs, [-1, -1.1, -2, -2.1, -3], 'log-probs');
  assert.deepEqual(Array.from(batch.discreteActions), [0, 0, 1, 0, 1]);
  // env0/7 continues: bootstrap from its open step's value 1.2 (γ = 0.5, λ = 1):
  //   A1 = 0.75 + 0.5·1.2 − 1.1 = 0.25;  A0 = 0.25 + 0.5·1.1 − 1 + 0.5·0.25 = −0.075
  // env0/9 interrupted with V = 10: A1 = 2 + 0.5·10 − 2.1 = 4.9;  A0 = 0.5 + 0.5·2.1 − 2 + 0.5·4.9 = 2.0
  // env1/7 terminal: A0 = 1 − 3 = −2
  closeAll(batch.advantages, [-0.075, 0.25, 2.0, 4.9, -2], 'advantages');
  closeAll(batch.returns, [0.925, 1.35, 4.0, 7.0, 1], 'returns');
  assert.equal(batch.factors, null);

  // Open transitions (one per agent) stay for the next batch.
  assert.equal(buffer.size, 0);
  buffer.addDecisions(0, decisions([7], [0.73], [4]), acted([1.3], [0]));
  const next = buffer.drain(0.5, 1);
  assert.equal(next.size, 1);
  closeAll(next.observations[0]!, [0.72], 'obs');
  closeAll(next.advantages, [4 + 0.5 * 1.3 - 1.2], 'advantage');
});

test('time_horizon cuts a long stream and bootstraps each piece from the next value', () => {
  const run = (horizon: number) => {
    const buffer = new RolloutBuffer(ACTION_SPEC, [1], horizon);
    for (let t = 0; t <= 5; t++) buffer.addDecisions(0, decisions([1], [t], [t === 0 ? 0 : 1]), acted([t], [0]));
    return buffer.drain(1, 1).advantages;
  };
  // Values 0..4, open value 5, rewards 1, γ = λ = 1.
  // Horizon 2: [0,1] cut → A1 = 1 + 2 − 1 = 2, A0 = 1 + 1 − 0 + 2 = 4; [2,3] likewise; [4] → A4 = 1 + 5 − 4 = 2.
  closeAll(run(2), [4, 2, 4, 2, 2], 'horizon 2');
  // No cut: A4 = 2, A3 = 4, A2 = 6, A1 = 8, A0 = 10.
  closeAll(run(1000), [10, 8, 6, 4, 2], 'no horizon');
});

test('factors recorded when acting come back per transition; transitions without them get factor 1', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 100);
  buffer.addDecisions(0, decisions([1, 2], [0, 0], [0, 0]), acted([0, 0], [0, 1], [1, 0, 0.5, 1]));
  buffer.addDecisions(0, decisions([1], [0], [1]), acted([0], [0]));
  buffer.endEpisodes(0, terminals([2], [1], [0]), null);
  buffer.endEpisodes(0, terminals([1], [1], [0]), null);
  const batch = buffer.drain(0.9, 0.9);
  // Rows: agent 1 (2 steps), agent 2 (1 step).
  assert.deepEqual(Array.from(batch.factors!), [1, 0, 1, 1, 0.5, 1]);
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

test('dropping an open step cuts the closed step before it, bootstrapped from the dropped step\'s value', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 100);
  // Agent 1: step A (V 0) closes with reward 1 when step B (V 5) begins; B is dropped (a forced reset or a
  // self-play team change). Later the agent's new steps C (V 0, reward 2 on close) and D (V 0) follow.
  buffer.addDecisions(0, decisions([1], [0], [0]), acted([0], [0]));
  buffer.addDecisions(0, decisions([1], [0], [1]), acted([5], [0]));
  buffer.dropOpen(0);
  buffer.addDecisions(0, decisions([1], [0], [0]), acted([0], [0]));
  buffer.endEpisodes(0, terminals([1], [2], [0]), null);
  const batch = buffer.drain(1, 1);
  // γ = λ = 1. A: r 1 + V(B) 5 − V(A) 0 = 6 (cut, not running on into C); C: terminal r 2 − 0 = 2.
  assert.deepEqual(Array.from(batch.advantages), [6, 2]);
  assert.deepEqual(Array.from(batch.returns), [6, 2]);
});

test('reward signals: next observations are kept, and each signal gets GAE with its own gamma and value head, summed into the advantage', () => {
  const buffer = new RolloutBuffer(ACTION_SPEC, [1], 1000, true);
  // One agent: obs 1 → 2 → 3 → terminal (final observation 4).
  buffer.addDecisions(0, decisions([0], [1], [0]), acted([0.5], [0]));
  buffer.addDecisions(0, decisions([0], [2], [0]), acted([0.5], [1]));
  buffer.addDecisions(0, decisions([0], [3], [0]), acted([0.5], [0]));
  const final = terminals([0], [1], [0]);
  final.observations[0]![0] = 4;
  buffer.endEpisodes(0, final, null);
  const closed = buffer.closedTransitions();
  assert.deepEqual([...closed.nextObservations[0]!], [2, 3, 4]);
  const lambda = 0.9;
  // A signal that ignores dones bootstraps through the terminal from V_k(final), with its own gamma 0.5.
  const values = Float32Array.from([0.1, 0.2, 0.3]);
  const nextValues = Float32Array.from([0.2, 0.3, 0.8]);
  const rewards = Float32Array.from([1, 0, 2]);
  const g = 0.5;
  const batch = buffer.drain(0.99, lambda, [
    { rewards, values, nextValues, gamma: g, ignoreDone: true },
    { rewards, values, nextValues, gamma: g, ignoreDone: false },
  ]);
  const d2 = 2 + g * 0.8 - 0.3;
  const d1 = 0 + g * 0.3 - 0.2;
  const d0 = 1 + g * 0.2 - 0.1;
  const a2 = d2;
  const a1 = d1 + g * lambda * a2;
  const a0 = d0 + g * lambda * a1;
  const t2 = 2 - 0.3; // a terminal that counts: V_k(next) = 0
  const t1 = d1 + g * lambda * t2;
  const t0 = d0 + g * lambda * t1;
  closeAll(batch.signals![0]!.returns, [a0 + 0.1, a1 + 0.2, a2 + 0.3], 'ignore-done returns');
  closeAll(batch.signals![1]!.returns, [t0 + 0.1, t1 + 0.2, t2 + 0.3], 'done returns');
  // The extrinsic stream: reward 1 at the terminal, values 0.5, gamma 0.99.
  const e2 = 1 - 0.5;
  const e1 = 0.99 * 0.5 - 0.5 + 0.99 * lambda * e2;
  const e0 = 0.99 * 0.5 - 0.5 + 0.99 * lambda * e1;
  closeAll(batch.returns, [e0 + 0.5, e1 + 0.5, e2 + 0.5], 'extrinsic returns');
  closeAll(batch.advantages, [e0 + a0 + t0, e1 + a1 + t1, e2 + a2 + t2], 'summed advantages');
  // Without signals the batch has none, and no next observations are kept.
  const plain = new RolloutBuffer(ACTION_SPEC, [1], 1000);
  plain.addDecisions(0, decisions([0], [1], [0]), acted([0.5], [0]));
  plain.endEpisodes(0, terminals([0], [1], [0]), null);
  assert.deepEqual(plain.closedTransitions().nextObservations, []);
  assert.equal(plain.drain(0.99, lambda).signals, undefined);
});
