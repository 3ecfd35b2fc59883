import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';

const rules = (decide: string): string => `
types: { op: [a, b, c, d] }
predicates:
  veto_d: {}
  sel: { args: { o: op! } }
perception: [{ predicate: veto_d, index: 0, above: 0.5 }]
branches: [sel]
decide: ${decide}
conditionals:
  - { name: no-d, conditions: [veto_d], reject: "sel(o=d)" }
`;
const POLICY = Float64Array.of(0.5, 0.3, 0.1, 0.1);
const OBS = Float32Array.of(1); // d vetoed: scores 0.5, 0.3, 0.1, 0

function frequencies(cycle: DecisionCycle, n: number): number[] {
  const counts = [0, 0, 0, 0];
  for (let k = 0; k < n; k++) counts[cycle.decide(POLICY, OBS, { trace: false }).action]!++;
  return counts.map((c) => c / n);
}

test('best takes the argmax; probability matching samples the combined policy', () => {
  assert.deepEqual(frequencies(DecisionCycle.fromText(rules('{ mode: best }')), 50), [1, 0, 0, 0]);
  const f = frequencies(DecisionCycle.fromText(rules('{ mode: probability-matching, seed: 4 }')), 6000);
  [0.5 / 0.9, 0.3 / 0.9, 0.1 / 0.9, 0].forEach((p, a) => assert.ok(Math.abs(f[a]! - p) < 0.02, `${a}: ${f[a]} vs ${p}`));
});

test('Boltzmann samples exp(score / T) over the standing candidates; a veto stays a veto at any temperature', () => {
  for (const t of [0.1, 1, 100]) {
    const f = frequencies(DecisionCycle.fromText(rules(`{ mode: boltzmann, temperature: ${t}, seed: 2 }`)), 6000);
    const w = [0.5, 0.3, 0.1].map((s) => Math.exp(s / t));
    const z = w.reduce((s, x) => s + x, 0);
    w.forEach((x, a) => assert.ok(Math.abs(f[a]! - x / z) < 0.025, `T ${t}, ${a}: ${f[a]} vs ${x / z}`));
    assert.equal(f[3], 0);
  }
});

test('the Boltzmann temperature anneals after each decision down to its floor, and the trace reports it', () => {
  const cycle = DecisionCycle.fromText(rules('{ mode: boltzmann, temperature: 1, anneal: 0.5, min_temperature: 0.1 }'));
  const seen: number[] = [];
  for (let k = 0; k < 5; k++) seen.push(cycle.decide(POLICY, OBS).trace!.branches[0]!.temperature!);
  assert.deepEqual(seen, [1, 0.5, 0.25, 0.125, 0.1]);
  assert.equal(cycle.temperature, 0.1);
  // a mode override at construction
  const best = DecisionCycle.fromText(rules('{ mode: boltzmann }'), 'x.yaml', { mode: 'best' });
  assert.equal(best.decide(POLICY, OBS).trace!.branches[0]!.mode, 'best');
});
