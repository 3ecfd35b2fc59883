import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayBuffer } from '../../../agents/replay/replay-buffer.js';
import type { ReplayBatch, ReplaySpec } from '../../../agents/replay/replay-types.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RICH_SPEC, SMALL_SPEC, transitionWithId } from './fixtures.js';

/** Row i of the batch against the transition with `id`, every field. */
function assertRowIs(batch: ReplayBatch, i: number, spec: ReplaySpec, id: number): void {
  const t = transitionWithId(spec, id);
  const row = <T extends Float32Array | Int32Array | Uint8Array>(a: T, size: number) => [...a.subarray(i * size, (i + 1) * size)];
  spec.observationSizes.forEach((size, o) => {
    assert.deepEqual(row(batch.observations[o]!, size), [...t.observations[o]!], `row ${i} observations[${o}]`);
    assert.deepEqual(row(batch.nextObservations[o]!, size), [...t.nextObservations[o]!], `row ${i} nextObservations[${o}]`);
  });
  assert.deepEqual(row(batch.continuousActions, spec.continuousSize), [...t.continuousActions]);
  assert.deepEqual(row(batch.discreteActions, spec.discreteBranches.length), [...t.discreteActions]);
  const m = spec.discreteBranches.reduce((a, b) => a + b, 0);
  if (spec.actionMasks) {
    assert.deepEqual(row(batch.actionMasks!, m), [...t.actionMask!]);
    assert.deepEqual(row(batch.nextActionMasks!, m), [...t.nextActionMask!]);
  } else {
    assert.equal(batch.actionMasks, null);
    assert.equal(batch.nextActionMasks, null);
  }
  assert.equal(batch.rewards[i], Math.fround(t.reward));
  assert.equal(batch.dones[i], t.done ? 1 : 0);
  assert.equal(batch.discounts[i], Math.fround(t.discount));
  assert.equal(batch.weights[i], 1);
}

test('a sampled batch holds exactly the stored rows, every field, for the slots it names', () => {
  const buffer = new ReplayBuffer(10, RICH_SPEC);
  for (let id = 0; id < 6; id++) assert.equal(buffer.add(transitionWithId(RICH_SPEC, id)), id, 'slots fill in order');
  const batch = buffer.sample(64, new Rng(3));
  assert.equal(batch.size, 64);
  for (let i = 0; i < 64; i++) {
    assert.ok(batch.indices[i]! >= 0 && batch.indices[i]! < 6, 'only stored slots are drawn');
    assertRowIs(batch, i, RICH_SPEC, batch.indices[i]!);
  }
});

test('a full buffer overwrites its oldest transitions as a ring', () => {
  const buffer = new ReplayBuffer(3, SMALL_SPEC);
  for (let id = 0; id < 5; id++) buffer.add(transitionWithId(SMALL_SPEC, id));
  assert.equal(buffer.size, 3);
  assert.equal(buffer.cursor, 2, '5 writes into 3 slots: the next goes to slot 2');
  // Slots 0 and 1 were overwritten by ids 3 and 4; slot 2 still holds id 2.
  const slotToId = [3, 4, 2];
  const batch = buffer.sample(3000, new Rng(9));
  const counts = [0, 0, 0];
  for (let i = 0; i < batch.size; i++) {
    const slot = batch.indices[i]!;
    counts[slot]!++;
    assertRowIs(batch, i, SMALL_SPEC, slotToId[slot]!);
  }
  // Uniform: 1000 expected per slot; the binomial sd is ~26, so ±150 is beyond 5 sd.
  for (const c of counts) assert.ok(Math.abs(c - 1000) < 150, `uniform counts ${counts}`);
});

test('the same seed draws the same batch', () => {
  const buffer = new ReplayBuffer(50, SMALL_SPEC);
  for (let id = 0; id < 50; id++) buffer.add(transitionWithId(SMALL_SPEC, id));
  assert.deepEqual(buffer.sample(16, new Rng(4)).indices, buffer.sample(16, new Rng(4)).indices);
  assert.notDeepEqual(buffer.sample(16, new Rng(4)).indices, buffer.sample(16, new Rng(5)).indices);
});

test('missing masks are stored as nothing masked', () => {
  const buffer = new ReplayBuffer(2, RICH_SPEC);
  buffer.add({ ...transitionWithId(RICH_SPEC, 1), actionMask: null, nextActionMask: null });
  const batch = buffer.sample(1, new Rng(1));
  assert.deepEqual([...batch.actionMasks!], [0, 0, 0, 0, 0]);
  assert.deepEqual([...batch.nextActionMasks!], [0, 0, 0, 0, 0]);
});

test('transitions of the wrong shape, bad settings and empty sampling are refused with SHIVA_ERR_REPLAY', () => {
  const refused = (fn: () => unknown, what: RegExp) =>
    assert.throws(fn, (e: unknown) => isShivaError(e, 'SHIVA_ERR_REPLAY') && what.test((e as Error).message));
  refused(() => new ReplayBuffer(0, SMALL_SPEC), /capacity: expected a positive integer/);
  refused(() => new ReplayBuffer(4, { ...SMALL_SPEC, discreteBranches: [0] }), /discreteBranches\[0\]/);
  const buffer = new ReplayBuffer(4, RICH_SPEC);
  refused(() => buffer.sample(4, new Rng(1)), /empty/);
  const t = transitionWithId(RICH_SPEC, 1);
  refused(() => buffer.add({ ...t, observations: [t.observations[0]!, new Float32Array(1)] }), /observations\[1\]: expected 2 values, got 1/);
  refused(() => buffer.add({ ...t, nextObservations: [t.nextObservations[0]!] }), /nextObservations: expected 2 arrays/);
  refused(() => buffer.add({ ...t, discreteActions: new Int32Array(1) }), /discreteActions: expected 2 values/);
  refused(() => buffer.add({ ...t, nextActionMask: new Uint8Array(3) }), /nextActionMask: expected 5 values/);
  refused(() => buffer.add({ ...t, reward: NaN }), /reward: expected a finite number/);
  assert.equal(buffer.size, 0, 'nothing refused was stored');
  buffer.add(t);
  refused(() => buffer.sample(0, new Rng(1)), /batchSize/);
});
