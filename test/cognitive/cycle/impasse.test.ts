import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';

const rules = (fallback: string, mode = 'best'): string => `
types: { op: [a, b, c] }
predicates:
  block_all: {}
  both_best: {}
  sel: { args: { o: op! } }
perception:
  - { predicate: block_all, index: 0, above: 0.5 }
  - { predicate: both_best, index: 1, above: 0.5 }
branches: [sel]
fallback: ${fallback}
decide: { mode: ${mode}, seed: 3 }
conditionals:
  - name: veto-all
    conditions: [block_all]
    reject: ["sel(o=a)", "sel(o=b)", "sel(o=c)"]
  - name: two-best
    conditions: [both_best]
    best: ["sel(o=a)", "sel(o=c)"]
`;

const obs = (block: number, best: number): Float32Array => Float32Array.of(block, best);

test('impasse none (everything vetoed) is resolved by the declared fallback and reported', () => {
  const declared = DecisionCycle.fromText(rules('{ none: { action: b } }'));
  const d = declared.decide(Float64Array.of(0.7, 0.2, 0.1), obs(1, 0));
  assert.deepEqual([d.action, d.impasses[0]], [1, 'none']);
  assert.deepEqual(Array.from(d.combined[0]!), [0, 1, 0]);
  assert.deepEqual(Array.from(d.factors[0]!), [0, 1, 0]);
  const b = d.trace!.branches[0]!;
  assert.deepEqual([b.impasse, b.fallback, b.chosenLabel, b.score], ['none', 'action:b', 'b', 0]);

  const policy = DecisionCycle.fromText(rules('{ none: policy }'));
  const p = policy.decide(Float64Array.of(0.2, 0.1, 0.7), obs(1, 0));
  assert.deepEqual([p.action, p.impasses[0], p.trace!.branches[0]!.fallback], [2, 'none', 'policy']);

  const random = DecisionCycle.fromText(rules('{ none: random }'));
  const seen = [0, 0, 0];
  for (let k = 0; k < 300; k++) {
    const r = random.decide(Float64Array.of(0.2, 0.1, 0.7), obs(1, 0), { trace: false });
    assert.equal(r.impasses[0], 'none');
    seen[r.action]!++;
  }
  assert.ok(seen.every((n) => n > 60), `${seen}`);
  // probability matching has the same none impasse
  const pm = DecisionCycle.fromText(rules('{ none: { action: c } }', 'probability-matching'));
  assert.deepEqual([pm.decide(Float64Array.of(0.5, 0.3, 0.2), obs(1, 0)).action, pm.decide(Float64Array.of(0.5, 0.3, 0.2), obs(1, 0)).impasses[0]], [2, 'none']);
});

test('impasse tie (several maxima below 1) goes to the fallback; ties at 1 are broken by the seeded RNG', () => {
  const tie = Float64Array.of(0.2, 0.4, 0.4);
  const pol = DecisionCycle.fromText(rules('{ tie: policy }'));
  const d = pol.decide(tie, obs(0, 0));
  assert.deepEqual([d.action, d.impasses[0], d.trace!.branches[0]!.fallback], [1, 'tie', 'policy']);
  // the combined distribution stays the scores' (the impasse changes the choice, not π·f/Z)
  assert.deepEqual(Array.from(d.combined[0]!), [0.2, 0.4, 0.4]);
  const act = DecisionCycle.fromText(rules('{ tie: { action: c } }'));
  assert.deepEqual([act.decide(tie, obs(0, 0)).action], [2]);
  const rnd = DecisionCycle.fromText(rules('{ tie: random }'));
  const seen = [0, 0, 0];
  for (let k = 0; k < 200; k++) seen[rnd.decide(tie, obs(0, 0), { trace: false }).action]!++;
  assert.equal(seen[0], 0);
  assert.ok(seen[1]! > 60 && seen[2]! > 60, `${seen}`);
  // two bests: both at 1, no impasse, a seeded coin between a and c
  const best = DecisionCycle.fromText(rules('{ tie: { action: b } }'));
  const counts = [0, 0, 0];
  for (let k = 0; k < 400; k++) {
    const r = best.decide(Float64Array.of(0.3, 0.5, 0.2), obs(0, 1), { trace: false });
    assert.equal(r.impasses[0], null);
    counts[r.action]!++;
  }
  assert.equal(counts[1], 0);
  assert.ok(counts[0]! > 140 && counts[2]! > 140, `${counts}`);
  // the same seed gives the same sequence
  const again = DecisionCycle.fromText(rules('{ tie: { action: b } }'));
  const seq = (c: DecisionCycle): number[] => Array.from({ length: 20 }, () => c.decide(Float64Array.of(0.3, 0.5, 0.2), obs(0, 1), { trace: false }).action);
  assert.deepEqual(seq(again), seq(DecisionCycle.fromText(rules('{ tie: { action: b } }'))));
  // sampling modes do not report ties
  const pm = DecisionCycle.fromText(rules('{ tie: { action: c } }', 'probability-matching'));
  assert.equal(pm.decide(tie, obs(0, 0)).impasses[0], null);
});

test('a policy zero is the environment mask: no rule brings the action back', () => {
  const cycle = DecisionCycle.fromText(rules('{ none: policy }'));
  const d = cycle.decide(Float64Array.of(0, 0.9, 0.1), obs(0, 1)); // best on a and c, but a is masked
  assert.equal(d.action, 2);
  assert.equal(d.factors[0]![0], 0);
  assert.equal(d.combined[0]![0], 0);
});
