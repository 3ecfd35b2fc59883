import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { EpisodeTracker } from '../../src/training/episode-tracker.js';

function decisions(ids: number[], rewards: number[], groupIds: number[], groupRewards: number[]): DecisionSteps {
  return { count: ids.length, agentIds: Int32Array.from(ids), observations: [], rewards: Float32Array.from(rewards), groupIds: Int32Array.from(groupIds), groupRewards: Float32Array.from(groupRewards), actionMasks: null };
}
function terminals(ids: number[], rewards: number[], groupIds: number[], groupRewards: number[], interrupted: number[]): TerminalSteps {
  return { count: ids.length, agentIds: Int32Array.from(ids), observations: [], rewards: Float32Array.from(rewards), interrupted: Uint8Array.from(interrupted), groupIds: Int32Array.from(groupIds), groupRewards: Float32Array.from(groupRewards) };
}
const none = decisions([], [], [], []);
const noEnd = terminals([], [], [], [], []);

test('individual and group rewards accrue apart; an agent in no group has no group return', () => {
  const tracker = new EpisodeTracker();
  // Agent 1 is in group 7, agent 2 in no group (id 0). Three decisions, then the terminal step.
  tracker.observe(0, 'B', decisions([1, 2], [0, 0], [7, 0], [0, 0]), noEnd);
  tracker.observe(0, 'B', decisions([1, 2], [0.5, 1], [7, 0], [2, 0]), noEnd);
  tracker.observe(0, 'B', decisions([1, 2], [0.25, 1], [7, 0], [-1, 0]), noEnd);
  tracker.observe(0, 'B', none, terminals([1, 2], [1, 2], [7, 0], [3, 0], [0, 1]));
  const [a, b] = tracker.drain();
  assert.deepEqual(a, { behavior: 'B', return: 1.75, length: 3, interrupted: false, groupReturn: 4 });
  assert.deepEqual(b, { behavior: 'B', return: 4, length: 3, interrupted: true, groupReturn: null });
  assert.equal(tracker.episodes, 2);
  assert.deepEqual(tracker.drain(), []);
});

test('a forgotten source\'s running episodes never close', () => {
  const tracker = new EpisodeTracker();
  tracker.observe(0, 'B', decisions([1], [0], [0], [0]), noEnd);
  tracker.observe(1, 'B', decisions([1], [0], [0], [0]), noEnd);
  tracker.forgetSource(0);
  tracker.observe(0, 'B', none, terminals([1], [5], [0], [0], [0]));
  tracker.observe(1, 'B', none, terminals([1], [5], [0], [0], [0]));
  const ended = tracker.drain();
  // Source 0's agent had no running episode: its terminal step alone is a 1-step episode; source 1's ran 1 step.
  assert.deepEqual(ended.map((e) => [e.return, e.length]), [[5, 1], [5, 1]]);
});
