import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFactor } from '../../../cognitive/graph/factor.js';
import { createFactorGraph } from '../../../cognitive/graph/factor-graph.js';
import { eliminate, eliminationPlan, exactMarginals } from '../../../cognitive/graph/elimination.js';
import { SeededRandom } from '../../../cognitive/random.js';
import { bruteForce, grid, maxAbsDiff } from '../helpers.js';

test('elimination plans: a chain keeps cliques of two variables; a 3×3 grid needs at most four', () => {
  const chain = createFactorGraph(
    ['a', 'b', 'c', 'd'].map((name) => ({ name, size: 3, kind: 'unique' as const })),
    [makeFactor(['a', 'b'], [3, 3]), makeFactor(['b', 'c'], [3, 3]), makeFactor(['c', 'd'], [3, 3])],
  );
  const plan = eliminationPlan(chain);
  assert.equal(plan.order.length, 4);
  assert.equal(plan.maxCliqueEntries, 9);
  const g = grid(new SeededRandom(1), 3, 3, 1);
  const gp = eliminationPlan(g);
  assert.ok(gp.maxCliqueEntries <= 16, `${gp.maxCliqueEntries}`);
});

test('exact marginals equal enumeration on loopy grids, and eliminate keeps the requested variables in order', () => {
  for (let seed = 1; seed <= 5; seed++) {
    const g = grid(new SeededRandom(seed), 3, 3, 3);
    const exact = bruteForce(g).beliefs;
    exactMarginals(g).forEach((m, i) => assert.ok(maxAbsDiff(m, exact[i]!) < 1e-13));
  }
  const g = grid(new SeededRandom(9), 2, 2, 1);
  const pair = eliminate(g, ['g1_1', 'g0_0']);
  assert.deepEqual(pair.vars, ['g1_1', 'g0_0']);
  // its marginal over g0_0 equals the single-variable marginal
  const z = pair.values.reduce((s, x) => s + x, 0);
  const m00 = [(pair.values[0]! + pair.values[2]!) / z, (pair.values[1]! + pair.values[3]!) / z];
  assert.ok(maxAbsDiff(m00, bruteForce(g).beliefs[0]!) < 1e-13);
});

test('mixed graphs: universal variables are maxed out before unique ones are summed', () => {
  // q(t) = Σ_u max_w f1(u, w) f2(w, t): hand-computed on 2×2×2 tables
  const f1 = makeFactor(['u', 'w'], [2, 2], [1, 2, 3, 1]);
  const f2 = makeFactor(['w', 't'], [2, 2], [1, 4, 2, 1]);
  const g = createFactorGraph(
    [
      { name: 'u', size: 2, kind: 'unique' },
      { name: 'w', size: 2, kind: 'universal' },
      { name: 't', size: 2, kind: 'unique' },
    ],
    [f1, f2],
  );
  // t=0: u=0 max(1·1, 2·2)=4; u=1 max(3·1, 1·2)=3 → 7.  t=1: u=0 max(1·4, 2·1)=4; u=1 max(3·4, 1·1)=12 → 16
  const q = eliminate(g, ['t']);
  assert.deepEqual(Array.from(q.values), [7, 16]);
  const m = exactMarginals(g);
  assert.ok(maxAbsDiff(m[2]!, [7 / 23, 16 / 23]) < 1e-15);
});
