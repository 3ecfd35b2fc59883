import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayBuffer } from '../../../agents/replay/replay-buffer.js';
import { ReplayCollector, type ChosenActions } from '../../../agents/replay/replay-collector.js';
import type { ReplaySink, ReplaySpec, Transition } from '../../../agents/replay/replay-types.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';

/** One observation float, one discrete branch of 3, masks stored. */
const SPEC: ReplaySpec = { observationSizes: [1], continuousSize: 0, discreteBranches: [3], actionMasks: true };

function decisions(ids: number[], obs: number[], rewards: number[], masks: number[] | null = null): DecisionSteps {
  return {
    count: ids.length,
    agentIds: Int32Array.from(ids),
    observations: [Float32Array.from(obs)],
    rewards: Float32Array.from(rewards),
    groupIds: new Int32Array(ids.length),
    groupRewards: new Float32Array(ids.length),
    actionMasks: masks ? Uint8Array.from(masks) : null,
  };
}

function terminals(ids: number[], obs: number[], rewards: number[], interrupted: number[]): TerminalSteps {
  return {
    count: ids.length,
    agentIds: Int32Array.from(ids),
    observations: [Float32Array.from(obs)],
    rewards: Float32Array.from(rewards),
    interrupted: Uint8Array.from(interrupted),
    groupIds: new Int32Array(ids.length),
    groupRewards: new Float32Array(ids.length),
  };
}

const actions = (discrete: number[]): ChosenActions => ({ continuous: new Float32Array(0), discrete: Int32Array.from(discrete) });

/** A sink that keeps what it is given, copied (the collector may reuse nothing, but a buffer would copy too). */
class Recorder implements ReplaySink {
  readonly spec = SPEC;
  readonly got: Transition[] = [];
  add(t: Transition): number {
    this.got.push({ ...t, observations: t.observations.map((o) => o.slice()), nextObservations: t.nextObservations.map((o) => o.slice()) });
    return this.got.length - 1;
  }
}

/** [obs, action, reward, next obs, done, discount] */
const summary = (t: Transition) => [t.observations[0]![0], t.discreteActions[0], t.reward, t.nextObservations[0]![0], t.done, t.discount];

test('agents interleaved across two sources with the same id keep separate n-step streams', () => {
  // n = 2, γ = 0.5. Observations encode source·100 + agent·10 + t. Source 0 has agents 0 and 1, source 1 an agent 0.
  const sink = new Recorder();
  const collector = new ReplayCollector(sink, { nSteps: 2, gamma: 0.5 });

  // t = 0
  collector.addDecisions(0, decisions([0, 1], [0, 10], [0, 0]), actions([1, 2]));
  collector.addDecisions(1, decisions([0], [100], [0]), actions([0]));
  // t = 1: source 0 lists its agents in the other order.
  collector.addDecisions(0, decisions([1, 0], [11, 1], [0.5, 1]), actions([1, 0]));
  collector.addDecisions(1, decisions([0], [101], [2]), actions([2]));
  assert.equal(sink.got.length, 0, 'n = 2: nothing is complete after one reward per agent');

  // t = 2: source 0's agent 0 ends its episode (the task ended it) with final obs 2 and starts a new one at obs 50;
  // agent 1 continues; source 1's agent 0 is interrupted (max steps) with final obs 102.
  collector.endEpisodes(0, terminals([0], [2], [3], [0]));
  collector.addDecisions(0, decisions([0, 1], [50, 12], [0, 4]), actions([2, 0]));
  collector.endEpisodes(1, terminals([0], [102], [5], [1]));

  assert.deepEqual(sink.got.map(summary), [
    // source 0, agent 0: R_0 = 1 + 0.5·3 = 2.5 (γ²), R_1 = 3 (γ); true terminal: done.
    [0, 1, 2.5, 2, true, 0.25],
    [1, 0, 3, 2, true, 0.5],
    // source 0, agent 1: a full window, R_0 = 0.5 + 0.5·4 = 2.5, next obs 12, not done.
    [10, 2, 2.5, 12, false, 0.25],
    // source 1, agent 0 (same id as above, other stream): R_0 = 2 + 0.5·5 = 4.5, R_1 = 5; truncated: not done.
    [100, 0, 4.5, 102, false, 0.25],
    [101, 2, 5, 102, false, 0.5],
  ]);
  assert.equal(collector.transitionsWritten, 5);
  // Open: source 0 agents 0 (new episode) and 1. Source 1's agent ended and was forgotten.
  assert.equal(collector.activeStreams, 2);

  // A forced reset of source 0: agent 1's pending start (obs 11, reward 4) is written bootstrapped from obs 12;
  // the open steps (no reward yet) are dropped.
  collector.dropOpen(0);
  assert.deepEqual(sink.got.slice(5).map(summary), [[11, 1, 4, 12, false, 0.5]]);
  assert.equal(collector.activeStreams, 0);
  // After the reset, agent 0's next decision opens a fresh stream: no transition spans the reset.
  collector.addDecisions(0, decisions([0], [60], [9]), actions([1]));
  assert.equal(sink.got.length, 6);
});

test('masks travel with their observations; a terminal observation has none (nothing masked)', () => {
  const sink = new Recorder();
  const collector = new ReplayCollector(sink, { nSteps: 1, gamma: 0.9 });
  collector.addDecisions(0, decisions([7], [0], [0], [1, 0, 0]), actions([1]));
  collector.addDecisions(0, decisions([7], [1], [1], [0, 0, 1]), actions([0]));
  collector.endEpisodes(0, terminals([7], [2], [1], [0]));
  assert.deepEqual(
    sink.got.map((t) => [[...t.actionMask!], t.nextActionMask ? [...t.nextActionMask] : null]),
    [
      [[1, 0, 0], [0, 0, 1]],
      [[0, 0, 1], null],
    ],
  );
});

test('into a buffer: stored n-step rewards and discounts are the hand-computed values in float32', () => {
  const buffer = new ReplayBuffer(16, SPEC);
  const collector = new ReplayCollector(buffer, { nSteps: 3, gamma: 0.9 });
  // One agent, rewards 1, 2, 3, 4 then a true terminal: as in the n-step test, R = 5.23, 7.94, 6.6, 4.
  collector.addDecisions(0, decisions([3], [0], [0]), actions([0]));
  for (let t = 1; t <= 3; t++) collector.addDecisions(0, decisions([3], [t], [t]), actions([t % 3]));
  collector.endEpisodes(0, terminals([3], [4], [4], [0]));
  assert.equal(buffer.size, 4);
  const batch = buffer.sample(64, new Rng(2));
  const bySlot = new Map<number, number[]>();
  for (let i = 0; i < batch.size; i++) {
    bySlot.set(batch.indices[i]!, [batch.observations[0]![i]!, batch.rewards[i]!, batch.nextObservations[0]![i]!, batch.dones[i]!, batch.discounts[i]!]);
  }
  const f = Math.fround;
  assert.deepEqual([...bySlot.entries()].sort((a, b) => a[0] - b[0]), [
    [0, [0, f(5.23), 3, 0, f(0.729)]],
    [1, [1, f(7.94), 4, 1, f(0.729)]],
    [2, [2, f(6.6), 4, 1, f(0.81)]],
    [3, [3, f(4), 4, 1, f(0.9)]],
  ]);
});

test('actions of the wrong size are refused', () => {
  const collector = new ReplayCollector(new Recorder(), { nSteps: 1, gamma: 0.9 });
  assert.throws(
    () => collector.addDecisions(2, decisions([0, 1], [0, 1], [0, 0]), actions([1])),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_REPLAY') && /source 2.*2×1 discrete.*got 0 and 1/.test((e as Error).message),
  );
  assert.throws(() => new ReplayCollector(new Recorder(), { nSteps: 0, gamma: 0.9 }), (e: unknown) => isShivaError(e, 'SHIVA_ERR_REPLAY'));
});
