/**
 * The group λ-return against hand-computed values: a member that died after the first step is credited with
 * the group's later rewards and values, not an absorbing 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupLambdaReturns } from '../../../agents/poca/group-returns.js';

const close = (actual: ArrayLike<number>, expected: number[], what: string) => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-9, `${what}[${i}]: ${actual[i]} ≠ ${e}`));
};

// Three group steps, V = 1, 2, 3, group rewards r^g = 0, 0.5, 1, γ = 0.9.
// Member A acts at step 0 only (it dies then): reward 0.2 (individual 0.2 + group 0).
// Member B acts at steps 0, 1, 2: rewards 0.1, 0.5, 1.3 (individual 0.1, 0, 0.3 + group 0, 0.5, 1).
const segment = { values: [1, 2, 3], groupRewards: [0, 0.5, 1] };
const members = [
  { steps: [0], rewards: [0.2] },
  { steps: [0, 1, 2], rewards: [0.1, 0.5, 1.3] },
];

test('λ = 0.5, the last member ends by the task: X_3 = 0', () => {
  // X_2 = 0.5·3 + 0.5·(1 + 0.9·0)      = 2.0
  // X_1 = 0.5·2 + 0.5·(0.5 + 0.9·2.0)  = 2.15
  // X_0 = 0.5·1 + 0.5·(0 + 0.9·2.15)   = 1.4675
  // A:  G_0 = 0.2 + 0.9·X_1 = 2.135                      (not 0.2: the group went on)
  // B:  G_2 = 1.3 + 0.9·0 = 1.3
  //     G_1 = 0.5 + 0.9·(0.5·3 + 0.5·1.3)   = 2.435
  //     G_0 = 0.1 + 0.9·(0.5·2 + 0.5·2.435) = 2.09575
  const { returns, continuation } = groupLambdaReturns({ ...segment, bootstrap: 0 }, members, 0.9, 0.5);
  close(continuation, [1.4675, 2.15, 2.0, 0], 'X');
  close(returns[0]!, [2.135], 'A');
  close(returns[1]!, [2.09575, 2.435, 1.3], 'B');
});

test('λ = 1 is the discounted sum: own rewards, then the group rewards after the member left', () => {
  // A: 0.2 + 0.9·0.5 + 0.81·1 = 1.46      B: 0.1 + 0.9·0.5 + 0.81·1.3 = 1.603, 0.5 + 0.9·1.3 = 1.67, 1.3
  const { returns } = groupLambdaReturns({ ...segment, bootstrap: 0 }, members, 0.9, 1);
  close(returns[0]!, [1.46], 'A');
  close(returns[1]!, [1.603, 1.67, 1.3], 'B');
});

test('a truncated segment bootstraps every member, the dead one included, from the final group value', () => {
  // λ = 1, X_3 = V(final) = 2: A: 0.2 + 0.9·(0.5 + 0.9·(1 + 0.9·2)) = 2.918;  B_2 = 1.3 + 0.9·2 = 3.1
  const { returns } = groupLambdaReturns({ ...segment, bootstrap: 2 }, members, 0.9, 1);
  close(returns[0]!, [2.918], 'A');
  assert.ok(Math.abs(returns[1]![2]! - 3.1) < 1e-9);
});

test('λ = 0 is one-step TD on the group value, at a death too', () => {
  // A: 0.2 + 0.9·V_1 = 2.0;  B: 0.1 + 0.9·2 = 1.9, 0.5 + 0.9·3 = 3.2, 1.3 + 0 = 1.3
  const { returns } = groupLambdaReturns({ ...segment, bootstrap: 0 }, members, 0.9, 0);
  close(returns[0]!, [2.0], 'A');
  close(returns[1]!, [1.9, 3.2, 1.3], 'B');
});

test('malformed streams are refused', () => {
  assert.throws(() => groupLambdaReturns({ ...segment, bootstrap: 0 }, [{ steps: [1, 0], rewards: [0, 0] }], 0.9, 1), /out of order/);
  assert.throws(() => groupLambdaReturns({ ...segment, bootstrap: 0 }, [{ steps: [3], rewards: [0] }], 0.9, 1), /outside 0..2/);
});
