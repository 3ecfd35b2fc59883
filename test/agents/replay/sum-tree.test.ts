import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SumTree } from '../../../agents/replay/sum-tree.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';

/** The brute-force answer: the first slot whose running sum passes `prefix`; past the end, the last positive slot. */
function bruteFind(p: readonly number[], prefix: number): number {
  let cum = 0;
  for (let i = 0; i < p.length; i++) {
    cum += p[i]!;
    if (p[i]! > 0 && Math.max(0, prefix) < cum) return i;
  }
  for (let i = p.length - 1; i >= 0; i--) if (p[i]! > 0) return i;
  return -1;
}

test('totals, minima and find() match brute force over seeded integer updates, for several capacities', () => {
  const rng = new Rng(11);
  for (const capacity of [1, 2, 3, 5, 7, 64, 100]) {
    const tree = new SumTree(capacity);
    const p: number[] = new Array<number>(capacity).fill(0);
    const set = new Set<number>();
    assert.equal(tree.total, 0);
    assert.equal(tree.min, Infinity, 'nothing set: no minimum');
    for (let round = 0; round < 30; round++) {
      // Integer priorities: every sum is exact, so the tree must agree to the bit. Zeros included.
      for (let u = 0; u < 1 + rng.int(capacity); u++) {
        const i = rng.int(capacity);
        p[i] = rng.int(21);
        tree.update(i, p[i]!);
        set.add(i);
      }
      const total = p.reduce((a, b) => a + b, 0);
      assert.equal(tree.total, total, `capacity ${capacity}, round ${round}: total`);
      assert.equal(tree.min, Math.min(...[...set].map((i) => p[i]!)), `capacity ${capacity}, round ${round}: min over set slots`);
      for (let i = 0; i < capacity; i++) assert.equal(tree.get(i), p[i]);
      if (total === 0) continue;
      // Every boundary, just below every boundary, and random prefixes.
      const prefixes: number[] = [0, total, total + 3, -1];
      let cum = 0;
      for (const v of p) {
        cum += v;
        prefixes.push(cum, cum - 0.5);
      }
      for (let k = 0; k < 20; k++) prefixes.push(rng.next() * total);
      for (const prefix of prefixes) {
        assert.equal(tree.find(prefix), bruteFind(p, prefix), `capacity ${capacity}, round ${round}: find(${prefix}) over [${p.join(',')}]`);
      }
    }
  }
});

test('find() never returns a zero-priority slot, and prefixes at or past the total give the last positive one', () => {
  const tree = new SumTree(6);
  [0, 2, 0, 3, 0, 0].forEach((p, i) => tree.update(i, p));
  assert.equal(tree.find(0), 1);
  assert.equal(tree.find(1.999), 1);
  assert.equal(tree.find(2), 3);
  assert.equal(tree.find(4.999), 3);
  assert.equal(tree.find(5), 3, 'prefix = total: the last positive slot, not the empty ones after it');
  assert.equal(tree.find(1e9), 3);
  assert.equal(tree.find(-0.5), 1, 'a negative prefix: the first positive slot, not slot 0');
});

test('real-valued priorities: the total is the brute-force sum, and a tree rebuilt from its leaves is identical', () => {
  const rng = new Rng(5);
  const capacity = 37;
  const tree = new SumTree(capacity);
  const p = new Float64Array(capacity);
  for (let u = 0; u < 2000; u++) {
    const i = rng.int(capacity);
    p[i] = rng.next() * 10 + 1e-3;
    tree.update(i, p[i]!);
  }
  const brute = p.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(tree.total - brute) <= 1e-12 * brute, `total ${tree.total} vs ${brute}`);

  const rebuilt = new SumTree(capacity);
  rebuilt.load(p);
  assert.equal(rebuilt.total, tree.total, 'parents are recomputed from children, never adjusted by deltas: bitwise equal');
  assert.equal(rebuilt.min, tree.min);
  for (let k = 0; k < 500; k++) {
    const prefix = rng.next() * tree.total;
    assert.equal(rebuilt.find(prefix), tree.find(prefix));
    // Away from boundaries (float rounding may differ there) the answer is brute force's.
    let cum = 0;
    let nearBoundary = false;
    for (const v of p) {
      cum += v;
      if (Math.abs(cum - prefix) < 1e-9) nearBoundary = true;
    }
    if (!nearBoundary) assert.equal(tree.find(prefix), bruteFind([...p], prefix));
  }

  // load() with fewer leaves clears the rest.
  rebuilt.load([1, 2]);
  assert.equal(rebuilt.total, 3);
  assert.equal(rebuilt.min, 1);
  assert.equal(rebuilt.get(5), 0);
});

test('misuse is refused with SHIVA_ERR_REPLAY', () => {
  const refused = (fn: () => unknown, what: RegExp) =>
    assert.throws(fn, (e: unknown) => isShivaError(e, 'SHIVA_ERR_REPLAY') && what.test((e as Error).message));
  refused(() => new SumTree(0), /capacity/);
  refused(() => new SumTree(2.5), /capacity/);
  const tree = new SumTree(3);
  refused(() => tree.find(0), /total priority is 0/);
  refused(() => tree.update(3, 1), /\[0, 3\)/);
  refused(() => tree.update(0, -1), /priority of slot 0/);
  refused(() => tree.update(0, NaN), /priority of slot 0/);
  refused(() => tree.load([1, 2, 3, 4]), /at most 3/);
});
