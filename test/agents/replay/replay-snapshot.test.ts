import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrioritizedReplayBuffer } from '../../../agents/replay/prioritized-replay-buffer.js';
import { ReplayBuffer } from '../../../agents/replay/replay-buffer.js';
import { int32BitsAsFloat32, type ReplayBlob, type ReplaySnapshot } from '../../../agents/replay/replay-snapshot.js';
import type { ReplaySpec } from '../../../agents/replay/replay-types.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RICH_SPEC, SMALL_SPEC, transitionWithId } from './fixtures.js';

const bytes = (blob: ReplayBlob) => Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);

/** Every blob, byte for byte, and the header. */
function assertSameSnapshot(a: ReplaySnapshot, b: ReplaySnapshot): void {
  assert.deepEqual(b.header, a.header);
  assert.deepEqual(Object.keys(b.blobs), Object.keys(a.blobs));
  for (const name of Object.keys(a.blobs)) {
    assert.equal(b.blobs[name]!.constructor, a.blobs[name]!.constructor, name);
    assert.ok(bytes(a.blobs[name]!).equals(bytes(b.blobs[name]!)), `blob ${name} differs`);
  }
}

/** A prioritised buffer of capacity 5 that has wrapped (7 writes: cursor 2) with varied priorities. */
function wrappedPrioritized(): PrioritizedReplayBuffer {
  const buffer = new PrioritizedReplayBuffer(5, RICH_SPEC, { alpha: 0.6, epsilon: 1e-3 });
  for (let id = 0; id < 4; id++) buffer.add(transitionWithId(RICH_SPEC, id));
  buffer.updatePriorities([0, 1, 2, 3], [0.1, 2.7, -0.33, 5]);
  for (let id = 4; id < 7; id++) buffer.add(transitionWithId(RICH_SPEC, id));
  buffer.updatePriorities([4, 0], [1 / 3, 0.02]);
  return buffer;
}

test('a prioritised buffer round-trips bit-exactly: contents, cursor, priorities, max priority, and what it samples next', () => {
  const original = wrappedPrioritized();
  assert.equal(original.cursor, 2);
  const saved = original.save();
  // The header is JSON-safe: it survives a trip through text unchanged.
  const header: unknown = JSON.parse(JSON.stringify(saved.header));
  assert.deepEqual(header, saved.header);
  assert.deepEqual(Object.keys(saved.blobs), [
    'observations/0', 'observations/1', 'next_observations/0', 'next_observations/1', 'continuous_actions',
    'discrete_actions', 'action_masks', 'next_action_masks', 'rewards', 'dones', 'discounts', 'priorities',
  ]);
  assert.ok(saved.blobs.discrete_actions instanceof Int32Array && saved.blobs.action_masks instanceof Int32Array);
  assert.equal(saved.blobs.priorities!.length, 5);

  const restored = new PrioritizedReplayBuffer(5, RICH_SPEC, { alpha: 0.6, epsilon: 1e-3 });
  restored.load({ header, blobs: saved.blobs }, 'test snapshot');
  assert.equal(restored.size, 5);
  assert.equal(restored.cursor, 2);
  assert.equal(restored.maxPriority, original.maxPriority);
  for (let i = 0; i < 5; i++) assert.equal(restored.priority(i), original.priority(i), `priority of slot ${i}`);
  assertSameSnapshot(saved, restored.save());

  // The same seed samples the same batch, weights included (the rebuilt tree equals the saved one).
  assert.deepEqual(restored.sample(32, new Rng(77), 0.5), original.sample(32, new Rng(77), 0.5));
  // And both continue the ring at the same slot with the same priority.
  assert.equal(restored.add(transitionWithId(RICH_SPEC, 9)), original.add(transitionWithId(RICH_SPEC, 9)));
  assertSameSnapshot(original.save(), restored.save());
});

test('int32 blobs may come back as Float32Arrays over the same bytes (a float32-only checkpoint)', () => {
  const original = wrappedPrioritized();
  const saved = original.save();
  const asFloat = Object.fromEntries(Object.entries(saved.blobs).map(([name, blob]) => [name, int32BitsAsFloat32(blob)]));
  assert.ok(Object.values(asFloat).every((b) => b instanceof Float32Array));
  const restored = new PrioritizedReplayBuffer(5, RICH_SPEC, { alpha: 0.6, epsilon: 1e-3 });
  restored.load({ header: saved.header, blobs: asFloat });
  assertSameSnapshot(saved, restored.save());
});

test('a partly filled uniform buffer round-trips, and only its stored rows are saved', () => {
  const original = new ReplayBuffer(10, SMALL_SPEC);
  for (let id = 0; id < 4; id++) original.add(transitionWithId(SMALL_SPEC, id));
  const saved = original.save();
  assert.equal(saved.header.size, 4);
  assert.equal(saved.header.cursor, 4);
  assert.equal(saved.header.prioritized, null);
  assert.equal(saved.blobs['observations/0']!.length, 4 * 2);
  assert.equal(saved.blobs.priorities, undefined);

  const restored = new ReplayBuffer(10, SMALL_SPEC);
  // Loading replaces whatever was there.
  for (let id = 50; id < 58; id++) restored.add(transitionWithId(SMALL_SPEC, id));
  restored.load(saved);
  assertSameSnapshot(saved, restored.save());
  assert.deepEqual(restored.sample(20, new Rng(5)), original.sample(20, new Rng(5)));
  assert.equal(restored.add(transitionWithId(SMALL_SPEC, 4)), 4);
});

test('loads into a buffer of another capacity, spec, kind or alpha, or with bad blobs, are refused naming what differs, and change nothing', () => {
  const saved = wrappedPrioritized().save();
  const refusedNaming = (load: () => void, what: RegExp) =>
    assert.throws(load, (e: unknown) => {
      assert.ok(isShivaError(e, 'SHIVA_ERR_REPLAY'), String(e));
      assert.match((e as Error).message, /^ckpt\/replay: cannot load replay buffer: /);
      assert.match((e as Error).message, what);
      return true;
    });
  const per = (capacity: number, spec: ReplaySpec, alpha = 0.6) => new PrioritizedReplayBuffer(capacity, spec, { alpha, epsilon: 1e-3 });

  refusedNaming(() => per(6, RICH_SPEC).load(saved, 'ckpt/replay'), /capacity: expected 6 \(this buffer's capacity in transitions\), got 5/);
  refusedNaming(() => per(5, { ...RICH_SPEC, observationSizes: [3, 3] }).load(saved, 'ckpt/replay'), /observationSizes: expected \[3,3\].*got \[3,2\]/);
  refusedNaming(() => per(5, { ...RICH_SPEC, continuousSize: 1 }).load(saved, 'ckpt/replay'), /continuousSize: expected 1.*got 2/);
  refusedNaming(() => per(5, { ...RICH_SPEC, discreteBranches: [3, 3] }).load(saved, 'ckpt/replay'), /discreteBranches: expected \[3,3\].*got \[3,2\]/);
  refusedNaming(() => per(5, { ...RICH_SPEC, actionMasks: false }).load(saved, 'ckpt/replay'), /actionMasks: expected false.*got true/);
  refusedNaming(() => per(5, RICH_SPEC, 0.7).load(saved, 'ckpt/replay'), /prioritized\.alpha: expected 0\.7.*got 0\.6/);
  refusedNaming(() => new ReplayBuffer(5, RICH_SPEC).load(saved, 'ckpt/replay'), /kind: expected "uniform".*got "prioritized"/);
  refusedNaming(() => per(5, RICH_SPEC).load({ header: { ...saved.header, format: 'other' }, blobs: saved.blobs }, 'ckpt/replay'), /format/);
  refusedNaming(() => per(5, RICH_SPEC).load({ header: { ...saved.header, cursor: 5 }, blobs: saved.blobs }, 'ckpt/replay'), /cursor: expected an integer in \[0, 5\)/);
  refusedNaming(() => per(5, RICH_SPEC).load({ header: null, blobs: saved.blobs }, 'ckpt/replay'), /header: expected an object, got null/);

  const { rewards: _dropped, ...withoutRewards } = saved.blobs;
  refusedNaming(() => per(5, RICH_SPEC).load({ header: saved.header, blobs: withoutRewards }, 'ckpt/replay'), /blob "rewards": expected a Float32Array of 5 values, got nothing/);
  refusedNaming(
    () => per(5, RICH_SPEC).load({ header: saved.header, blobs: { ...saved.blobs, 'observations/1': new Float32Array(9) } }, 'ckpt/replay'),
    /blob "observations\/1": expected 10 values, got 9/,
  );
  const badPriorities = saved.blobs.priorities!.slice();
  badPriorities[3] = NaN;
  refusedNaming(() => per(5, RICH_SPEC).load({ header: saved.header, blobs: { ...saved.blobs, priorities: badPriorities } }, 'ckpt/replay'), /blob "priorities"\[3\]: expected a finite number > 0, got NaN/);

  // A refused load leaves the buffer as it was.
  const target = per(5, RICH_SPEC);
  target.add(transitionWithId(RICH_SPEC, 42));
  const before = target.save();
  refusedNaming(() => target.load({ header: saved.header, blobs: { ...saved.blobs, priorities: badPriorities } }, 'ckpt/replay'), /priorities/);
  assertSameSnapshot(before, target.save());
});
