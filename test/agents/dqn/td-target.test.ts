import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tdTargets } from '../../../agents/dqn/td-target.js';

const f32 = (xs: number[]) => Float32Array.from(xs);
const close = (got: Float32Array, want: number[]) => {
  assert.equal(got.length, want.length);
  want.forEach((w, i) => assert.ok(Math.abs(got[i]! - w) < 1e-5, `target ${i}: expected ${w}, got ${got[i]}`));
};

// Two transitions, one branch of 3. Row 0 continues (γᵏ = 0.9), row 1 ended (done): its target is its reward.
const oneBranch = {
  rows: 2,
  branches: [3],
  rewards: f32([1, 0.5]),
  dones: f32([0, 1]),
  discounts: f32([0.9, 0.81]),
  nextQTarget: f32([1, 5, 3, 2, 2, 2]),
  nextQOnline: f32([4, 0, 10, 9, 9, 9]),
};

test('plain DQN: y = r + γᵏ·max Q⁻(s′), and a terminal transition is its reward alone', () => {
  close(tdTargets({ ...oneBranch, nextMasks: null, double: false }), [1 + 0.9 * 5, 0.5]);
});

test('double DQN: the online network picks a*, the target network values it', () => {
  // online argmax is action 2 (10) → Q⁻ = 3.
  close(tdTargets({ ...oneBranch, nextMasks: null, double: true }), [1 + 0.9 * 3, 0.5]);
});

test('the max runs over the actions the next mask allows only', () => {
  // Action 2 masked in s′ of row 0: double picks action 0 (online 4 > 0) → Q⁻ = 1; plain still takes action 1 (5).
  const nextMasks = Uint8Array.from([0, 0, 1, 0, 0, 0]);
  close(tdTargets({ ...oneBranch, nextMasks, double: true }), [1 + 0.9 * 1, 0.5]);
  // Mask the target's best (action 1): plain takes max(1, ·) over {0} → 1.
  close(tdTargets({ ...oneBranch, nextMasks: Uint8Array.from([0, 1, 1, 0, 0, 0]), double: false }), [1 + 0.9 * 1, 0.5]);
});

test('multi-discrete: each branch has its own target from its own slice', () => {
  // Branches [2, 3]; reward 2, γᵏ 0.5; branch 0 action 0 masked.
  const x = {
    rows: 1,
    branches: [2, 3],
    rewards: f32([2]),
    dones: f32([0]),
    discounts: f32([0.5]),
    nextQTarget: f32([1, 4, 7, -1, 3]),
    nextQOnline: f32([9, 0, 0, 5, 1]),
    nextMasks: Uint8Array.from([1, 0, 0, 0, 0]),
  };
  close(tdTargets({ ...x, double: false }), [2 + 0.5 * 4, 2 + 0.5 * 7]);
  close(tdTargets({ ...x, double: true }), [2 + 0.5 * 4, 2 + 0.5 * -1]);
});
