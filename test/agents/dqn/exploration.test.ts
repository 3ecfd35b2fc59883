import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epsilonGreedy, linearEpsilon, maskedArgmax } from '../../../agents/dqn/exploration.js';
import { Rng } from '../../../src/core/runtime/rng.js';

test('ε falls linearly from initial to final over exploration_fraction × max_steps, then holds', () => {
  const eps = (step: number) => linearEpsilon(step, 1, 0.05, 0.1, 10_000);
  assert.equal(eps(0), 1);
  assert.ok(Math.abs(eps(500) - (0.05 + 0.95 * 0.5)) < 1e-12);
  assert.ok(Math.abs(eps(250) - (0.05 + 0.95 * 0.75)) < 1e-12);
  assert.equal(eps(1000), 0.05);
  assert.equal(eps(50_000), 0.05);
  assert.equal(linearEpsilon(0, 1, 0.1, 0, 10_000), 0.1, 'a zero fraction is the final ε from the start');
});

test('maskedArgmax skips masked actions; with all masked it falls back to the plain argmax', () => {
  const q = [3, 9, 5];
  assert.equal(maskedArgmax(q, null, 0, 3), 1);
  assert.equal(maskedArgmax(q, [0, 1, 0], 0, 3), 2);
  assert.equal(maskedArgmax(q, [1, 1, 1], 0, 3), 1);
  assert.equal(maskedArgmax([0, 0, 7, 1], [0, 0, 1, 0], 2, 2), 1, 'reads the slice at the offset');
});

test('masked actions are never chosen, exploring (ε = 1) or greedy (ε = 0), in every branch', () => {
  const branches = [3, 2];
  const rows = 2000;
  // The masked action has the highest Q in every branch, so greed alone would pick it.
  const rowQ = [1, 2, 9, 0, 5];
  const rowMask = [0, 0, 1, 1, 0];
  const q = new Float32Array(rows * 5);
  const masks = new Uint8Array(rows * 5);
  for (let r = 0; r < rows; r++) {
    q.set(rowQ, r * 5);
    masks.set(rowMask, r * 5);
  }
  const explore = epsilonGreedy(q, masks, rows, branches, 1, new Rng(5));
  const seen = [new Set<number>(), new Set<number>()];
  for (let r = 0; r < rows; r++) {
    seen[0]!.add(explore[2 * r]!);
    seen[1]!.add(explore[2 * r + 1]!);
  }
  assert.deepEqual([...seen[0]!].sort(), [0, 1], 'branch 0: only the allowed actions 0 and 1, both tried');
  assert.deepEqual([...seen[1]!], [1], 'branch 1: only action 1');
  const greedy = epsilonGreedy(q, masks, rows, branches, 0, new Rng(5));
  for (let r = 0; r < rows; r++) assert.deepEqual([greedy[2 * r], greedy[2 * r + 1]], [1, 1]);
});

test('ε-greedy explores about ε of the time per branch', () => {
  const rows = 4000;
  const q = new Float32Array(rows * 4);
  for (let r = 0; r < rows; r++) q.set([0, 0, 0, 1], r * 4);
  const out = epsilonGreedy(q, null, rows, [4], 0.4, new Rng(11));
  const nonGreedy = out.filter((a) => a !== 3).length / rows;
  // Exploring picks the greedy action 1 time in 4: P(non-greedy) = 0.4 · 3/4 = 0.3.
  assert.ok(Math.abs(nonGreedy - 0.3) < 0.03, `non-greedy share ${nonGreedy}`);
});
