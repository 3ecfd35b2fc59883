import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunSeeds, deriveSeed } from '../../../src/core/runtime/seeding.js';
import { Rng } from '../../../src/core/runtime/rng.js';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

test('derived seeds depend on both the run seed and the label, and on nothing else', () => {
  assert.equal(deriveSeed(7, 'ppo'), deriveSeed(7, 'ppo'));
  const seeds = new Set([deriveSeed(7, 'ppo'), deriveSeed(8, 'ppo'), deriveSeed(7, 'init'), deriveSeed(7, 'act'), deriveSeed(0, ''), deriveSeed(1, '')]);
  assert.equal(seeds.size, 6);
  for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 32);
});

test('a stream is the same whatever other streams were drawn before it', () => {
  const a = new RunSeeds(42);
  const first = draws(a.rng('act'), 5);
  const b = new RunSeeds(42);
  draws(b.rng('init'), 100);
  assert.deepEqual(draws(b.rng('act'), 5), first);
  assert.notDeepEqual(draws(new RunSeeds(43).rng('act'), 5), first);
  // tfjs seeds are their own streams: the same label gives the same seed, distinct from the Rng stream's seed.
  assert.equal(a.tfSeed('x'), new RunSeeds(42).tfSeed('x'));
  assert.notEqual(a.tfSeed('x'), deriveSeed(42, 'x'));
});

test('Rng state round-trips through JSON, the spare normal included', () => {
  const rng = new Rng(5);
  draws(rng, 3);
  rng.normal(); // leaves a spare
  const saved = JSON.parse(JSON.stringify(rng.getState()));
  const expected = [rng.normal(), rng.normal(), rng.next(), rng.nextUint32()];
  const restored = new Rng(999);
  restored.setState(saved);
  assert.deepEqual([restored.normal(), restored.normal(), restored.next(), restored.nextUint32()], expected);
});
