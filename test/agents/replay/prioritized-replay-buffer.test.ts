import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrioritizedReplayBuffer } from '../../../agents/replay/prioritized-replay-buffer.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { SMALL_SPEC, transitionWithId } from './fixtures.js';

function filled(capacity: number, count: number, alpha: number, epsilon: number): PrioritizedReplayBuffer {
  const buffer = new PrioritizedReplayBuffer(capacity, SMALL_SPEC, { alpha, epsilon });
  for (let id = 0; id < count; id++) buffer.add(transitionWithId(SMALL_SPEC, id));
  return buffer;
}

/** Slot counts over `batches` batches of `batchSize`. */
function counts(buffer: PrioritizedReplayBuffer, batches: number, batchSize: number, seed: number): number[] {
  const rng = new Rng(seed);
  const out = new Array<number>(buffer.capacity).fill(0);
  for (let b = 0; b < batches; b++) for (const slot of buffer.sample(batchSize, rng, 0.4).indices) out[slot]!++;
  return out;
}

function chiSquare(observed: number[], probabilities: number[]): number {
  const n = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((sum, o, i) => sum + (o - n * probabilities[i]!) ** 2 / (n * probabilities[i]!), 0);
}

// χ² with 7 degrees of freedom exceeds 24.32 with probability 0.001.
const CHI2_7DOF_P001 = 24.32;

test('sampling frequencies are proportional to (|δ| + ε)^α', () => {
  const alpha = 0.6;
  const epsilon = 0.01;
  const buffer = filled(8, 8, alpha, epsilon);
  const td = [0, 0.5, 1, -2, 3, 4, -6, 9];
  buffer.updatePriorities([0, 1, 2, 3, 4, 5, 6, 7], td);
  const p = td.map((d) => Math.fround((Math.abs(d) + epsilon) ** alpha));
  p.forEach((pi, i) => assert.equal(buffer.priority(i), pi, `p_${i}`));
  const total = p.reduce((a, b) => a + b, 0);
  const expected = p.map((pi) => pi / total);

  const observed = counts(buffer, 2000, 32, 21);
  const chi2 = chiSquare(observed, expected);
  assert.ok(chi2 < CHI2_7DOF_P001, `χ² = ${chi2.toFixed(2)} against P(i) = p_i/Σp; counts ${observed}`);
  assert.ok(chiSquare(observed, new Array<number>(8).fill(1 / 8)) > 1000, 'and far from uniform');
});

test('importance weights are (N·P(i))^−β / max_j (N·P(j))^−β, the lowest-priority slot weighing 1', () => {
  const alpha = 0.7;
  const epsilon = 0.05;
  const buffer = filled(10, 6, alpha, epsilon); // 6 of 10 slots stored: N = 6
  const td = [0.2, 1, 3, 0.05, 2, 5];
  buffer.updatePriorities([0, 1, 2, 3, 4, 5], td);
  const p = td.map((d) => Math.fround((Math.abs(d) + epsilon) ** alpha));
  const total = p.reduce((a, b) => a + b, 0);
  const N = 6;
  for (const beta of [0, 0.4, 1]) {
    const maxWeight = Math.max(...p.map((pi) => (N * (pi / total)) ** -beta));
    const batch = buffer.sample(200, new Rng(8), beta);
    const seen = new Set<number>();
    for (let i = 0; i < batch.size; i++) {
      const slot = batch.indices[i]!;
      seen.add(slot);
      const w = (N * (p[slot]! / total)) ** -beta / maxWeight;
      assert.ok(Math.abs(batch.weights[i]! - w) <= 1e-6 * w, `β ${beta}, slot ${slot}: weight ${batch.weights[i]} vs ${w}`);
    }
    assert.ok(seen.has(3), 'the lowest-priority slot is drawn too');
    assert.equal(batch.weights[batch.indices.indexOf(3)], 1, 'and weighs exactly 1');
    assert.ok(batch.indices.every((slot) => slot < N), 'empty slots are never drawn');
  }
});

test('updating priorities changes sampling; new transitions get the largest priority so far', () => {
  const buffer = filled(4, 4, 1, 1e-6);
  // All new: equal (max) priority 1, so sampling is uniform.
  for (let i = 0; i < 4; i++) assert.equal(buffer.priority(i), 1);
  const before = counts(buffer, 500, 8, 2);
  assert.ok(chiSquare(before, [0.25, 0.25, 0.25, 0.25]) < 16.27, `uniform at first: ${before}`); // 3 dof, p = 0.001

  buffer.updatePriorities([0, 1, 2, 3], [0.5, 0.5, 99, 0.5]);
  const p = [0.5, 0.5, 99, 0.5].map((d) => Math.fround(d + 1e-6));
  const total = p.reduce((a, b) => a + b, 0);
  const after = counts(buffer, 500, 8, 2);
  assert.ok(chiSquare(after, p.map((x) => x / total)) < 16.27, `after the update: ${after}`);
  assert.ok(after[2]! > 3900, `slot 2 now takes ~99/100.5 of 4000 draws: ${after}`);

  assert.equal(buffer.maxPriority, Math.fround(99 + 1e-6));
  const slot = buffer.add(transitionWithId(SMALL_SPEC, 9)); // overwrites slot 0
  assert.equal(slot, 0);
  assert.equal(buffer.priority(0), buffer.maxPriority, 'a new transition gets the largest priority so far');

  // Lowering a priority leaves the max where it was: it is the largest ever given.
  buffer.updatePriorities([2], [0]);
  assert.equal(buffer.priority(2), Math.fround(1e-6));
  assert.equal(buffer.maxPriority, Math.fround(99 + 1e-6));
});

test('alpha = 0 is uniform replay whatever the TD errors', () => {
  const buffer = filled(5, 5, 0, 1e-6);
  buffer.updatePriorities([0, 1, 2, 3, 4], [0, 1, 10, 100, 1000]);
  for (let i = 0; i < 5; i++) assert.equal(buffer.priority(i), 1);
  const batch = buffer.sample(10, new Rng(1), 1);
  assert.ok(batch.weights.every((w) => w === 1));
});

test('bad TD errors, slots, β and settings are refused before any priority changes', () => {
  const refused = (fn: () => unknown, what: RegExp) =>
    assert.throws(fn, (e: unknown) => isShivaError(e, 'SHIVA_ERR_REPLAY') && what.test((e as Error).message));
  const buffer = filled(6, 3, 0.6, 1e-6);
  refused(() => buffer.updatePriorities([0, 1], [5, NaN]), /tdErrors\[1\]: expected a finite number, got NaN/);
  assert.equal(buffer.priority(0), 1, 'the valid first entry was not applied either');
  refused(() => buffer.updatePriorities([0, 3], [1, 1]), /indices\[1\]: expected a stored slot in \[0, 3\)/);
  refused(() => buffer.updatePriorities([0], [1, 2]), /one per index/);
  refused(() => buffer.sample(2, new Rng(1), -1), /beta/);
  refused(() => new PrioritizedReplayBuffer(4, SMALL_SPEC, { epsilon: 0 }), /epsilon/);
  refused(() => new PrioritizedReplayBuffer(4, SMALL_SPEC, { alpha: -1 }), /alpha/);
  refused(() => new PrioritizedReplayBuffer(4, SMALL_SPEC).sample(1, new Rng(1), 0.4), /empty/);
});
