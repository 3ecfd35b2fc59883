import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JointReplayBuffer } from '../../../agents/maddpg/joint-replay.js';
import { TeamCollector } from '../../../agents/maddpg/team-collector.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';
import { Rng } from '../../../src/core/runtime/rng.js';

function decisions(ids: number[], groups: number[], rewards: number[], obs: number[]): DecisionSteps {
  const n = ids.length;
  return { count: n, agentIds: Int32Array.from(ids), groupIds: Int32Array.from(groups), rewards: Float32Array.from(rewards), groupRewards: new Float32Array(n), observations: [Float32Array.from(obs)], actionMasks: null };
}

function terminals(ids: number[], groups: number[], rewards: number[], obs: number[], interrupted: number[]): TerminalSteps {
  const n = ids.length;
  return { count: n, agentIds: Int32Array.from(ids), groupIds: Int32Array.from(groups), rewards: Float32Array.from(rewards), groupRewards: new Float32Array(n), observations: [Float32Array.from(obs)], interrupted: Uint8Array.from(interrupted) };
}

test('members arriving in separate calls (two behaviors) fill their slots by agent id; a complete step stores the previous one', () => {
  const buffer = new JointReplayBuffer(10, 2, 1, 1);
  const c = new TeamCollector(buffer, 2, 1, 1, 'test');
  // Agent 7 (slot 1) and agent 3 (slot 0) of group 1, on two behaviors: two calls per step.
  c.register(0, Int32Array.from([7]), Int32Array.from([1]));
  c.register(0, Int32Array.from([3]), Int32Array.from([1]));
  assert.equal(c.slotOf(0, 1, 3), 0);
  assert.equal(c.slotOf(0, 1, 7), 1);
  c.addDecisions(0, decisions([7], [1], [0], [70]), Float32Array.from([70]), Float32Array.from([0.7]));
  c.addDecisions(0, decisions([3], [1], [0], [30]), Float32Array.from([30]), Float32Array.from([0.3]));
  assert.equal(buffer.size, 0, 'the first complete step has no next observation yet');
  c.addDecisions(0, decisions([3], [1], [1.5], [31]), Float32Array.from([31]), Float32Array.from([0.31]));
  c.addDecisions(0, decisions([7], [1], [2.5], [71]), Float32Array.from([71]), Float32Array.from([0.71]));
  assert.equal(buffer.size, 1);
  const b = buffer.gather(Int32Array.from([0]));
  assert.deepEqual(Array.from(b.obs), [30, 70]);
  assert.deepEqual(Array.from(b.actions), [Math.fround(0.3), Math.fround(0.7)]);
  assert.deepEqual(Array.from(b.rewards), [1.5, 2.5]);
  assert.deepEqual(Array.from(b.nextObs), [31, 71]);
  assert.deepEqual(Array.from(b.dones), [0, 0]);
  // The team ends: terminal records of both close the last transition; done only where the task ended it.
  c.addTerminal(0, terminals([3, 7], [1, 1], [-1, -2], [32, 72], [0, 1]), Float32Array.from([32, 72]));
  assert.equal(buffer.size, 2);
  const e = buffer.gather(Int32Array.from([1]));
  assert.deepEqual(Array.from(e.obs), [31, 71]);
  assert.deepEqual(Array.from(e.rewards), [-1, -2]);
  assert.deepEqual(Array.from(e.nextObs), [32, 72]);
  assert.deepEqual(Array.from(e.dones), [1, 0]);
  assert.equal(c.dropped, 0);
  // Sampling is seeded.
  assert.deepEqual(buffer.sample(5, new Rng(3)), buffer.sample(5, new Rng(3)));
});

test('a member acting twice before its teammate drops the open step; teams are per (source, group)', () => {
  const buffer = new JointReplayBuffer(10, 2, 1, 1);
  const c = new TeamCollector(buffer, 2, 1, 1, 'test');
  const both = decisions([0, 1], [1, 1], [0, 0], [0, 1]);
  c.register(0, both.agentIds, both.groupIds);
  c.register(1, both.agentIds, both.groupIds);
  c.addDecisions(0, decisions([0, 1], [1, 1], [0, 0], [0, 1]), Float32Array.from([0, 1]), Float32Array.from([0, 0]));
  c.addDecisions(1, decisions([0, 1], [1, 1], [0, 0], [5, 6]), Float32Array.from([5, 6]), Float32Array.from([0, 0]));
  c.addDecisions(0, decisions([0], [1], [0], [2]), Float32Array.from([2]), Float32Array.from([0]));
  c.addDecisions(0, decisions([0], [1], [0], [3]), Float32Array.from([3]), Float32Array.from([0]));
  assert.equal(buffer.size, 0);
  assert.equal(c.dropped, 1);
  // Source 1's team is whole and unaffected.
  c.addDecisions(1, decisions([0, 1], [1, 1], [1, 1], [7, 8]), Float32Array.from([7, 8]), Float32Array.from([0, 0]));
  assert.equal(buffer.size, 1);
  assert.deepEqual(Array.from(buffer.gather(Int32Array.from([0])).obs), [5, 6]);
});

test('a group with more deciding agents than team_size is refused, naming the group', () => {
  const c = new TeamCollector(new JointReplayBuffer(4, 2, 1, 1), 2, 1, 1, 'learner "x"');
  assert.throws(
    () => c.register(0, Int32Array.from([0, 1, 2]), Int32Array.from([1, 1, 1])),
    (e: unknown) => e instanceof Error && /learner "x": group 1 of environment 0: expected at most team_size = 2 agents deciding at once, got more \(agent 2\)/.test(e.message),
  );
});
