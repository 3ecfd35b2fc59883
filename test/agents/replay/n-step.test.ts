import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NStepAccumulator, type SingleStep, type StepEnd } from '../../../agents/replay/n-step.js';
import type { Transition } from '../../../agents/replay/replay-types.js';
import { isShivaError } from '../../../src/core/errors.js';

/** Step t of an episode: observation [t], action t, next observation [t + 1]. */
function step(t: number, reward: number, end: StepEnd = 'continues'): SingleStep {
  return {
    observations: [Float32Array.of(t)],
    continuousActions: new Float32Array(0),
    discreteActions: Int32Array.of(t),
    actionMask: null,
    reward,
    nextObservations: [Float32Array.of(t + 1)],
    nextActionMask: null,
    end,
  };
}

/** What a transition says, in numbers: [first obs, action, reward, next obs, done, discount]. */
type Summary = [number, number, number, number, boolean, number];

function run(n: number, gamma: number, steps: SingleStep[]): Summary[][] {
  const acc = new NStepAccumulator(n, gamma);
  return steps.map((s) => {
    const out: Transition[] = [];
    acc.push(s, (t) => out.push(t));
    return out.map((t) => [t.observations[0]![0]!, t.discreteActions[0]!, t.reward, t.nextObservations[0]![0]!, t.done, t.discount]);
  });
}

/** Equal, with rewards and discounts to 1e-12 (they are float64 sums). */
function assertSummaries(actual: Summary[][], expected: Summary[][]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((emitted, s) => {
    assert.equal(emitted.length, expected[s]!.length, `after step ${s}: ${JSON.stringify(emitted)} vs ${JSON.stringify(expected[s])}`);
    emitted.forEach((got, j) => {
      const want = expected[s]![j]!;
      const what = `after step ${s}, transition ${j}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`;
      assert.deepEqual([got[0], got[1], got[3], got[4]], [want[0], want[1], want[3], want[4]], what);
      assert.ok(Math.abs(got[2] - want[2]) < 1e-12, `${what}: reward`);
      assert.ok(Math.abs(got[5] - want[5]) < 1e-12, `${what}: discount`);
    });
  });
}

test('mid-episode: each transition sums n rewards, reaches n steps ahead and discounts by γ^n', () => {
  // n = 3, γ = 0.9, rewards 1..5:
  //   R_0 = 1 + 0.9·2 + 0.81·3 = 5.23     R_1 = 2 + 0.9·3 + 0.81·4 = 7.94     R_2 = 3 + 0.9·4 + 0.81·5 = 10.65
  const emitted = run(3, 0.9, [step(0, 1), step(1, 2), step(2, 3), step(3, 4), step(4, 5)]);
  assertSummaries(emitted, [
    [],
    [],
    [[0, 0, 5.23, 3, false, 0.729]],
    [[1, 1, 7.94, 4, false, 0.729]],
    [[2, 2, 10.65, 5, false, 0.729]],
  ]);
});

test('a true terminal inside the window: the tails are flushed shorter, done, with γ^k for the k steps summed', () => {
  // Rewards 1, 2, 3, 4, the episode ending (by the task) at step 3 with final observation [4]:
  //   R_1 = 2 + 0.9·3 + 0.81·4 = 7.94 (k = 3)   R_2 = 3 + 0.9·4 = 6.6 (k = 2)   R_3 = 4 (k = 1)
  const emitted = run(3, 0.9, [step(0, 1), step(1, 2), step(2, 3), step(3, 4, 'terminal')]);
  assertSummaries(emitted, [
    [],
    [],
    [[0, 0, 5.23, 3, false, 0.729]],
    [
      [1, 1, 7.94, 4, true, 0.729],
      [2, 2, 6.6, 4, true, 0.81],
      [3, 3, 4, 4, true, 0.9],
    ],
  ]);
});

test('a truncation inside the window: the same tails bootstrap from the final observation (done = 0)', () => {
  const emitted = run(3, 0.9, [step(0, 1), step(1, 2), step(2, 3), step(3, 4, 'truncated')]);
  assertSummaries(emitted, [
    [],
    [],
    [[0, 0, 5.23, 3, false, 0.729]],
    [
      [1, 1, 7.94, 4, false, 0.729],
      [2, 2, 6.6, 4, false, 0.81],
      [3, 3, 4, 4, false, 0.9],
    ],
  ]);
});

test('an episode shorter than n: every start is flushed at its end', () => {
  // n = 4, γ = 0.5, rewards 1, 2 then terminal: R_0 = 1 + 0.5·2 = 2 (γ² = 0.25), R_1 = 2 (γ = 0.5).
  assertSummaries(run(4, 0.5, [step(0, 1), step(1, 2, 'terminal')]), [
    [],
    [
      [0, 0, 2, 2, true, 0.25],
      [1, 1, 2, 2, true, 0.5],
    ],
  ]);
});

test('n = 1 is one-step TD: every step is a transition at once', () => {
  assertSummaries(run(1, 0.99, [step(0, 1), step(1, -2), step(2, 3, 'terminal')]), [
    [[0, 0, 1, 1, false, 0.99]],
    [[1, 1, -2, 2, false, 0.99]],
    [[2, 2, 3, 3, true, 0.99]],
  ]);
  assertSummaries(run(1, 0.99, [step(0, 1, 'truncated')]), [[[0, 0, 1, 1, false, 0.99]]]);
});

test('flush() writes the pending starts bootstrapped from the last observation reached', () => {
  const acc = new NStepAccumulator(3, 0.5);
  const out: Transition[] = [];
  acc.push(step(0, 4), (t) => out.push(t));
  acc.push(step(1, 8), (t) => out.push(t));
  assert.equal(acc.pending, 2);
  acc.flush((t) => out.push(t));
  assert.equal(acc.pending, 0);
  assert.deepEqual(
    out.map((t) => [t.observations[0]![0], t.reward, t.nextObservations[0]![0], t.done, t.discount]),
    [
      [0, 4 + 0.5 * 8, 2, false, 0.25],
      [1, 8, 2, false, 0.5],
    ],
  );
});

test('n and γ are checked', () => {
  for (const [n, gamma] of [[0, 0.9], [1.5, 0.9], [3, 1.1], [3, NaN]] as const) {
    assert.throws(() => new NStepAccumulator(n, gamma), (e: unknown) => isShivaError(e, 'SHIVA_ERR_REPLAY'));
  }
});
