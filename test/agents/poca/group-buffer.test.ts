/**
 * The group buffer and the batch layout, from hand-made decision and terminal steps: a member that died early
 * stays in its group's segment until the last member finishes, the λ-returns of the batch equal the hand-computed
 * ones, and the critic's inputs are laid out as group-batch.ts says (the baseline: own observation without its
 * action, then every other member's observation ⧺ one-hot action).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActOutput } from '../../../agents/networks/acting.js';
import { buildPocaBatch, fillReturns, returnDiagnostics } from '../../../agents/poca/group-batch.js';
import { GroupBuffer } from '../../../agents/poca/group-buffer.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';

const A = 10; // member that dies after the first step
const B = 11;
const OBS = [2];
const BRANCHES = [3];

function decisions(rows: { id: number; obs: number[]; reward?: number; group?: number; groupId?: number }[]): DecisionSteps {
  return {
    count: rows.length,
    agentIds: Int32Array.from(rows, (r) => r.id),
    observations: [Float32Array.from(rows.flatMap((r) => r.obs))],
    rewards: Float32Array.from(rows, (r) => r.reward ?? 0),
    groupIds: Int32Array.from(rows, (r) => r.groupId ?? 1),
    groupRewards: Float32Array.from(rows, (r) => r.group ?? 0),
    actionMasks: null,
  };
}
function terminals(rows: { id: number; obs: number[]; reward?: number; group?: number; interrupted?: number }[]): TerminalSteps {
  return { ...decisions(rows), interrupted: Uint8Array.from(rows, (r) => r.interrupted ?? 0) };
}
function acted(actions: number[]): ActOutput {
  const n = actions.length;
  return {
    count: n,
    continuous: new Float32Array(0),
    continuousRaw: new Float32Array(0),
    discrete: Int32Array.from(actions),
    logProbs: Float32Array.from(actions, (a) => -1 - a),
    values: new Float32Array(n),
    probs: new Float32Array(n * 3),
    means: new Float32Array(0),
    logStd: new Float32Array(0),
    factors: null,
    path: 'fast',
  };
}
const identity = (obs: readonly Float32Array[]) => Float32Array.from(obs[0]!);
const close = (actual: ArrayLike<number>, expected: number[], what: string) =>
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-6, `${what}[${i}]: ${actual[i]} ≠ ${e}`));

/** The episode of group-returns.test.ts: A acts once and dies; B acts three times; rewards as there. */
function episode(buffer: GroupBuffer): void {
  buffer.addDecisions(0, decisions([{ id: A, obs: [1, 2] }, { id: B, obs: [3, 4] }]), acted([2, 1]));
  buffer.endEpisodes(0, terminals([{ id: A, obs: [5, 6], reward: 0.2 }]));
  buffer.addDecisions(0, decisions([{ id: B, obs: [7, 8], reward: 0.1 }]), acted([0]));
  assert.equal(buffer.size, 0, 'nothing closes while a member is still in');
  buffer.addDecisions(0, decisions([{ id: B, obs: [9, 10], group: 0.5 }]), acted([2]));
  buffer.endEpisodes(0, terminals([{ id: B, obs: [11, 12], reward: 0.3, group: 1 }]));
}

test('a dead member stays in the segment; returns and advantages as computed by hand', () => {
  const buffer = new GroupBuffer(OBS, 64);
  episode(buffer);
  assert.equal(buffer.size, 4);
  const segments = buffer.drain();
  assert.equal(buffer.size, 0);
  assert.equal(segments.length, 1);
  const [segment] = segments;
  assert.deepEqual(segment!.steps, [[0, 1], [2], [3]]);
  assert.deepEqual(segment!.streams, [[0], [1, 2, 3]]);
  assert.deepEqual(segment!.end, { terminal: true });

  const prepared = buildPocaBatch(segments, OBS, { continuousSize: 0, branches: BRANCHES }, identity);
  assert.equal(prepared.stepCount, 3);
  assert.deepEqual(Array.from(prepared.rowStep), [0, 0, 1, 2]);
  // V = 1, 2, 3 per group step; baselines per row.
  const baselines = [0.5, 0.25, 1, 2];
  const hp = { gamma: 0.9, lambda: 0.5 };
  fillReturns(prepared, segments, [1, 2, 3], baselines, hp.gamma, hp.lambda);
  const { batch } = prepared;
  // Rows: A0, B0, B1, B2 (group-returns.test.ts: A 2.135; B 2.09575, 2.435, 1.3).
  close(batch.returns, [2.135, 2.09575, 2.435, 1.3], 'G');
  close(batch.values, [1, 1, 2, 3], 'V');
  close(batch.advantages, [2.135 - 0.5, 2.09575 - 0.25, 2.435 - 1, 1.3 - 2], 'A');
  close(batch.logProbs, [-3, -2, -1, -3], 'log π');
  // Per-update diagnostics: means over the 4 rows; A = 1.635, 1.84575, 1.435, −0.7; no segment bootstraps.
  const d = returnDiagnostics(prepared, [1, 2, 3]);
  close([d.meanReturn, d.meanValue, d.meanBaseline, d.meanAdvantage], [7.96575 / 4, 7 / 4, 3.75 / 4, 4.21575 / 4], 'means');
  close([d.stdAdvantage], [1.0229988], 'std of A (population): √(Σ(A − 1.0539375)² / 4)');
  assert.equal(d.bootstraps, 0);
  assert.equal(d.meanBootstrap, 0);
});

test('the baseline input layout: self without action, others with observation ⧺ one-hot action, masks', () => {
  const buffer = new GroupBuffer(OBS, 64);
  episode(buffer);
  const { batch } = buildPocaBatch(buffer.drain(), OBS, { continuousSize: 0, branches: BRANCHES }, identity);
  assert.equal(batch.members, 2);
  assert.equal(batch.others, 1);
  assert.equal(batch.entitySize, 2);
  assert.equal(batch.actionSize, 3);
  // Value input per row: every member present at the row's step.
  assert.deepEqual(Array.from(batch.groupObs), [1, 2, 3, 4, /* A0 */ 1, 2, 3, 4, /* B0 */ 7, 8, 0, 0, /* B1 */ 9, 10, 0, 0 /* B2 */]);
  assert.deepEqual(Array.from(batch.groupMask), [0, 0, 0, 0, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(batch.selfObs), [1, 2, 3, 4, 7, 8, 9, 10]);
  // A0 sees B (obs 3, 4; action 1); B0 sees A (obs 1, 2; action 2); B alone afterwards: one masked empty slot.
  assert.deepEqual(Array.from(batch.othersObsActions), [3, 4, 0, 1, 0, /**/ 1, 2, 0, 0, 1, /**/ 0, 0, 0, 0, 0, /**/ 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(batch.othersMask), [0, 0, 1, 1]);
  assert.deepEqual(Array.from(batch.discreteActions), [2, 1, 0, 2]);
  assert.deepEqual(Array.from(batch.observations[0]!), [1, 2, 3, 4, 7, 8, 9, 10]);
});

test('interrupted last members: the segment bootstraps from their final observations', () => {
  const buffer = new GroupBuffer(OBS, 64);
  buffer.addDecisions(0, decisions([{ id: A, obs: [1, 2] }, { id: B, obs: [3, 4] }]), acted([0, 0]));
  buffer.endEpisodes(0, terminals([{ id: A, obs: [5, 6], interrupted: 1 }, { id: B, obs: [7, 8], interrupted: 1 }]));
  const segments = buffer.drain();
  assert.deepEqual(segments[0]!.end, { terminal: false, count: 2, observations: [Float32Array.from([5, 6, 7, 8])] });
  const prepared = buildPocaBatch(segments, OBS, { continuousSize: 0, branches: BRANCHES }, identity);
  assert.equal(prepared.stepCount, 2);
  assert.deepEqual(prepared.bootstrapStep, [1]);
  assert.deepEqual(Array.from(prepared.stepObs.subarray(4, 8)), [5, 6, 7, 8]);
  // γ = 0.5, λ = 1, V(final) = 4: G = 0 + 0.5·4 for both.
  fillReturns(prepared, segments, [1, 4], [0, 0], 0.5, 1);
  close(prepared.batch.returns, [2, 2], 'G');
  // The one bootstrapping segment: its final group state's V = 4.
  const d = returnDiagnostics(prepared, [1, 4]);
  assert.equal(d.bootstraps, 1);
  close([d.meanBootstrap, d.meanAdvantage, d.stdAdvantage], [4, 2, 0], 'bootstrap diagnostics');
});

test('time_horizon cuts a segment when every live member asks again; ungrouped agents are groups of one', () => {
  const buffer = new GroupBuffer(OBS, 2);
  for (let k = 0; k < 3; k++) {
    buffer.addDecisions(0, decisions([{ id: A, obs: [k, 0], reward: 1 }, { id: B, obs: [k, 1], reward: 1 }, { id: 7, obs: [k, 2], groupId: 0 }]), acted([0, 0, 0]));
  }
  // Group 1 cut after 2 steps (4 rows), bootstrapping from the third step's observations; agent 7 likewise (2 rows).
  assert.equal(buffer.size, 6);
  const segments = buffer.drain();
  assert.equal(segments.length, 2);
  assert.deepEqual(segments[0]!.end, { terminal: false, count: 2, observations: [Float32Array.from([2, 0, 2, 1])] });
  assert.deepEqual(segments[0]!.rows.map((r) => r.reward), [1, 1, 1, 1]);
  assert.deepEqual(segments[1]!.rows.map((r) => r.agentId), [7, 7]);
  buffer.dropOpen(0);
  buffer.endEpisodes(0, terminals([{ id: A, obs: [0, 0] }, { id: B, obs: [0, 0] }]));
  assert.equal(buffer.size, 0, 'dropped segments never close');
});
