import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFactor } from '../../../cognitive/graph/factor.js';
import { createFactorGraph, isForest } from '../../../cognitive/graph/factor-graph.js';
import { chooseMethod, infer, InferenceEngine } from '../../../cognitive/graph/inference.js';
import { SummaryProductSolver } from '../../../cognitive/graph/summary-product.js';
import { SeededRandom } from '../../../cognitive/random.js';
import { argmax, bruteForce, grid, maxAbsDiff, randomTree } from '../helpers.js';

test('sum-product on random trees matches enumeration to 1e-9 (both schedules)', () => {
  const rng = new SeededRandom(11);
  for (let k = 0; k < 60; k++) {
    const g = randomTree(rng, 'unique', 2 + rng.int(7));
    assert.ok(isForest(g));
    const exact = bruteForce(g).beliefs;
    for (const schedule of ['flooding', 'sequential'] as const) {
      const r = infer(g, { method: 'summary-product', schedule });
      assert.equal(r.method, 'summary-product');
      assert.ok(r.converged && r.exact, `tree ${k} ${schedule}: converged ${r.converged}`);
      g.variables.forEach((_, i) => assert.ok(maxAbsDiff(r.beliefs[i]!, exact[i]!) < 1e-9, `tree ${k} ${schedule} var ${i}`));
    }
  }
});

test('max-product on random trees of universal variables gives the max-marginals and the MAP', () => {
  const rng = new SeededRandom(12);
  for (let k = 0; k < 60; k++) {
    const g = randomTree(rng, 'universal', 2 + rng.int(7));
    const { beliefs, map } = bruteForce(g);
    const r = infer(g, { method: 'summary-product' });
    g.variables.forEach((_, i) => {
      assert.ok(maxAbsDiff(r.beliefs[i]!, beliefs[i]!) < 1e-9, `tree ${k} var ${i}`);
      assert.equal(argmax(r.beliefs[i]!), map[i], `tree ${k} var ${i}: MAP value`);
      assert.ok(Math.abs(Math.max(...r.beliefs[i]!) - 1) < 1e-12, 'universal beliefs are max-normalised');
    });
  }
});

test('a single factor mixing kinds maxes universal variables inside and sums unique ones outside', () => {
  // f(u, w, t): u unique, w universal, t the target. m(t) = Σ_u max_w f(u, w, t)
  const f = makeFactor(['u', 'w', 't'], [2, 2, 2], [1, 5, 2, 3, 4, 0, 7, 1]);
  const g = createFactorGraph(
    [
      { name: 'u', size: 2, kind: 'unique' },
      { name: 'w', size: 2, kind: 'universal' },
      { name: 't', size: 2, kind: 'unique' },
    ],
    [f],
  );
  const solver = new SummaryProductSolver(g);
  solver.run();
  // t=0: max(1,2) + max(4,7) = 9; t=1: max(5,3) + max(0,1) = 6 → normalised 0.6, 0.4
  const b = solver.belief(2);
  assert.ok(maxAbsDiff(b, [0.6, 0.4]) < 1e-12, `${Array.from(b)}`);
  // exact elimination agrees (universal variables are eliminated first)
  const e = infer(g, { method: 'exact' });
  assert.ok(maxAbsDiff(e.beliefs[2]!, [0.6, 0.4]) < 1e-12);
});

// The bound we state: on 3×3 binary grids whose pairwise couplings favour agreement by a ratio of at most 2,
// damped (0.5) flooding summary-product converges within 100 rounds to residual < 1e-10 and every marginal
// is within 0.01 of the exact one.
const GRID_BOUND = 0.01;

test('loopy 3×3 grid: damped summary-product converges and stays within the stated bound', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const g = grid(new SeededRandom(seed), 3, 3, 1);
    assert.equal(isForest(g), false);
    const exact = bruteForce(g).beliefs;
    const r = infer(g, { method: 'summary-product', damping: 0.5, tolerance: 1e-10, maxIterations: 100 });
    assert.ok(r.converged, `seed ${seed}: residual ${r.residual} after ${r.iterations}`);
    assert.ok(r.residual < 1e-10);
    assert.equal(r.exact, false);
    let err = 0;
    g.variables.forEach((_, i) => (err = Math.max(err, maxAbsDiff(r.beliefs[i]!, exact[i]!))));
    assert.ok(err < GRID_BOUND, `seed ${seed}: error ${err}`);
  }
});

test('loopy 3×3 grid: auto picks exact elimination, which matches enumeration exactly', () => {
  const g = grid(new SeededRandom(5), 3, 3, 4);
  const choice = chooseMethod(g);
  assert.equal(choice.method, 'variable-elimination');
  assert.equal(choice.exact, true);
  assert.ok(choice.maxCliqueEntries <= 4096 && choice.maxCliqueEntries >= 8, `${choice.maxCliqueEntries}`);
  assert.match(choice.reason, /loops/);
  const r = infer(g);
  const exact = bruteForce(g).beliefs;
  g.variables.forEach((_, i) => assert.ok(maxAbsDiff(r.beliefs[i]!, exact[i]!) < 1e-13));
  // with a limit under the clique size, auto falls back to approximate summary-product and says so
  const small = chooseMethod(g, { exactLimit: 4 });
  assert.equal(small.method, 'summary-product');
  assert.equal(small.exact, false);
  assert.match(small.reason, /> 4 entries/);
  // a tree of one kind goes to summary-product, exact
  const t = chooseMethod(randomTree(new SeededRandom(3), 'unique', 6));
  assert.deepEqual([t.method, t.exact], ['summary-product', true]);
});

test('four-cell colouring (loop c1–c2–c4–c3–c1, neighbours differ, c1 observed blue)', () => {
  const colours = 2; // 0 red, 1 blue
  const vars = ['c1', 'c2', 'c3', 'c4'].map((name) => ({ name, size: colours, kind: 'unique' as const }));
  const differ = [0, 1, 1, 0];
  const edges = [['c1', 'c2'], ['c2', 'c4'], ['c4', 'c3'], ['c3', 'c1']];
  const g = createFactorGraph(vars, [makeFactor(['c1'], [2], [0, 1]), ...edges.map((e) => makeFactor(e, [2, 2], differ))]);
  const expected = [1, 0, 0, 1]; // c1 blue, c2 red, c3 red, c4 blue
  for (const method of ['auto', 'summary-product'] as const) {
    const r = infer(g, { method });
    if (method === 'auto') assert.equal(r.method, 'variable-elimination');
    r.beliefs.forEach((b, i) => {
      assert.equal(argmax(b), expected[i], `${method} ${vars[i]!.name}`);
      assert.ok(Math.abs(b[expected[i]!]! - 1) < 1e-9, `${method} ${vars[i]!.name}: ${Array.from(b)}`);
    });
  }
});

test('the message cap stops a run and reports it unconverged', () => {
  const g = grid(new SeededRandom(2), 3, 3, 1);
  const r = infer(g, { method: 'summary-product', damping: 0.5, maxIterations: 3 });
  assert.equal(r.iterations, 3);
  assert.equal(r.converged, false);
  assert.ok(r.residual > 1e-10);
  // a cap on messages: every round of flooding updates each factor→variable message once
  const edges = g.factors.reduce((s, f) => s + f.vars.length, 0);
  const m = infer(g, { method: 'summary-product', maxMessages: edges * 2 });
  assert.equal(m.messages, edges * 2);
  assert.equal(m.iterations, 2);
});

test('damping slows convergence but not the fixed point; the engine reruns with new evidence', () => {
  const g = randomTree(new SeededRandom(8), 'unique', 7);
  const plain = infer(g, { method: 'summary-product' });
  const damped = infer(g, { method: 'summary-product', damping: 0.7 });
  assert.ok(damped.iterations > plain.iterations, `${damped.iterations} vs ${plain.iterations}`);
  g.variables.forEach((_, i) => assert.ok(maxAbsDiff(damped.beliefs[i]!, plain.beliefs[i]!) < 1e-8));
  // the sequential schedule needs no more rounds than flooding on a tree
  const seq = infer(g, { method: 'summary-product', schedule: 'sequential' });
  assert.ok(seq.iterations <= plain.iterations, `${seq.iterations} vs ${plain.iterations}`);
  // new evidence on factor 0 (x0's unary): compare with enumeration of the updated graph
  const engine = new InferenceEngine(g);
  const size = g.variables[0]!.size;
  const evidence = new Float64Array(size);
  evidence[size - 1] = 1;
  engine.setFactorValues(0, evidence);
  engine.run();
  const updated = createFactorGraph(g.variables, g.factors.map((f, i) => (i === 0 ? makeFactor(f.vars, f.sizes, evidence) : f)));
  const exact = bruteForce(updated).beliefs;
  g.variables.forEach((_, i) => assert.ok(maxAbsDiff(engine.belief(i), exact[i]!) < 1e-9));
});
