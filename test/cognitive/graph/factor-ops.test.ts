import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitiveError } from '../../../cognitive/errors.js';
import { makeFactor, valueAt } from '../../../cognitive/graph/factor.js';
import {
  invert,
  maxOut,
  normalise,
  normaliseOver,
  pointwiseMax,
  probabilisticOr,
  product,
  reorder,
  restrict,
  sumOut,
} from '../../../cognitive/graph/factor-ops.js';

const close = (a: ArrayLike<number>, b: readonly number[], eps = 1e-12): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= eps, `entry ${i}: ${a[i]} vs ${b[i]}`);
};

test('product broadcasts over the union of variables (left vars first, last varies fastest)', () => {
  const fx = makeFactor(['x'], [2], [2, 3]);
  const fxy = makeFactor(['x', 'y'], [2, 3], [1, 2, 3, 4, 5, 6]);
  const p = product(fx, fxy);
  assert.deepEqual(p.vars, ['x', 'y']);
  close(p.values, [2, 4, 6, 12, 15, 18]);
  // y first, then x: the right factor's variable order follows the left factor's
  const q = product(makeFactor(['y'], [3], [1, 10, 100]), fx);
  assert.deepEqual(q.vars, ['y', 'x']);
  close(q.values, [2, 3, 20, 30, 200, 300]);
  // shared variable in a different position
  const r = product(makeFactor(['y', 'x'], [3, 2], [1, 2, 3, 4, 5, 6]), fxy);
  assert.equal(valueAt(r, { x: 1, y: 2 }), 6 * 6);
  assert.equal(valueAt(r, { x: 0, y: 1 }), 3 * 2);
});

test('sum-out and max-out remove one variable', () => {
  const f = makeFactor(['x', 'y'], [2, 3], [1, 2, 3, 4, 5, 6]);
  close(sumOut(f, 'y').values, [6, 15]);
  close(sumOut(f, 'x').values, [5, 7, 9]);
  close(maxOut(f, 'y').values, [3, 6]);
  close(maxOut(f, 'x').values, [4, 5, 6]);
  // the middle of three variables
  const g = makeFactor(['a', 'b', 'c'], [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
  const s = sumOut(g, 'b');
  assert.deepEqual(s.vars, ['a', 'c']);
  close(s.values, [1 + 3, 2 + 4, 5 + 7, 6 + 8]);
  close(maxOut(g, 'b').values, [3, 4, 7, 8]);
});

test('normalise by sum or max; an all-zero factor stays zero', () => {
  close(normalise(makeFactor(['x'], [4], [1, 1, 2, 4])).values, [0.125, 0.125, 0.25, 0.5]);
  close(normalise(makeFactor(['x'], [3], [1, 2, 4]), 'max').values, [0.25, 0.5, 1]);
  close(normalise(makeFactor(['x'], [2], [0, 0])).values, [0, 0]);
  // over one variable: rows of x sum to 1 along y
  close(normaliseOver(makeFactor(['x', 'y'], [2, 2], [1, 3, 2, 2]), 'y').values, [0.25, 0.75, 0.5, 0.5]);
  close(normaliseOver(makeFactor(['x', 'y'], [2, 2], [1, 3, 2, 2]), 'x').values, [1 / 3, 0.6, 2 / 3, 0.4]);
});

test('invert gives 1 − f, probabilistic OR gives 1 − (1 − f)(1 − g) with broadcasting', () => {
  close(invert(makeFactor(['x'], [3], [0, 0.25, 1])).values, [1, 0.75, 0]);
  close(probabilisticOr(makeFactor([], [], [0.1]), makeFactor([], [], [1])).values, [1]);
  close(probabilisticOr(makeFactor([], [], [0.6]), makeFactor([], [], [0.5])).values, [0.8]);
  const o = probabilisticOr(makeFactor(['x'], [2], [0.5, 0]), makeFactor(['y'], [2], [0.5, 0.2]));
  assert.deepEqual(o.vars, ['x', 'y']);
  close(o.values, [0.75, 0.6, 0.5, 0.2]);
  close(pointwiseMax(makeFactor(['x'], [2], [0.5, 0]), makeFactor(['x'], [2], [0.2, 0.7])).values, [0.5, 0.7]);
});

test('restrict slices one value; reorder transposes', () => {
  const f = makeFactor(['x', 'y'], [2, 3], [1, 2, 3, 4, 5, 6]);
  close(restrict(f, 'x', 1).values, [4, 5, 6]);
  close(restrict(f, 'y', 2).values, [3, 6]);
  const t = reorder(f, ['y', 'x']);
  assert.deepEqual(t.vars, ['y', 'x']);
  close(t.values, [1, 4, 2, 5, 3, 6]);
});

test('inconsistent factors throw CognitiveError COG_GRAPH_INVALID', () => {
  assert.throws(() => makeFactor(['x'], [2], [1, 2, 3]), (e: unknown) => e instanceof CognitiveError && e.code === 'COG_GRAPH_INVALID' && /expected 2 values, got 3/.test(e.message));
  assert.throws(() => makeFactor(['x', 'x'], [2, 2]), /distinct/);
  assert.throws(() => product(makeFactor(['x'], [2]), makeFactor(['x'], [3])), /sizes disagree/);
  assert.throws(() => sumOut(makeFactor(['x'], [2]), 'z'), /not in/);
});
