import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';
import { formatTrace, rebuildCombined, rebuildScore, type Trace } from '../../../cognitive/cycle/trace.js';
import { SeededRandom } from '../../../cognitive/random.js';
import { MIXED_RULES } from './fixtures.js';


function randomPolicy(rng: SeededRandom, n: number): Float64Array {
  const p = Float64Array.from({ length: n }, () => 0.05 + rng.next());
  const z = p.reduce((s, x) => s + x, 0);
  return p.map((x) => x / z);
}

test('the chosen score is rebuilt bit for bit from the trace alone, also after a JSON round trip', () => {
  const cycle = DecisionCycle.fromText(MIXED_RULES, 'mixed.yaml');
  const rng = new SeededRandom(77);
  const kinds = new Set<string>();
  for (let k = 0; k < 300; k++) {
    const obs = Float32Array.from({ length: 4 }, () => rng.next());
    const d = cycle.decide([randomPolicy(rng, 3), randomPolicy(rng, 3)], obs);
    const trace = JSON.parse(JSON.stringify(d.trace)) as Trace;
    for (let b = 0; b < 2; b++) {
      const br = trace.branches[b]!;
      assert.equal(rebuildScore(trace, b), br.score, `decision ${k} branch ${b}`);
      assert.equal(br.chosen, d.actions[b]);
      const combined = rebuildCombined(trace, b);
      combined.forEach((p, a) => assert.ok(Math.abs(p - d.combined[b]![a]!) < 1e-12));
      for (const c of br.candidates) for (const x of c.contributions) kinds.add(x.kind);
    }
  }
  assert.deepEqual([...kinds].sort(), ['acceptable', 'action', 'best', 'negated-action', 'policy', 'reject', 'worse']);
});

test('a trace holds contributions, the mode, the impasse and elaboration figures', () => {
  const cycle = DecisionCycle.fromText(MIXED_RULES, 'mixed.yaml');
  // a, b and c hold; threat high
  const d = cycle.decide([Float64Array.of(0.5, 0.3, 0.2), Float64Array.of(0.2, 0.3, 0.5)], Float32Array.of(1, 1, 1, 1));
  const t = d.trace!;
  assert.equal(t.version, 1);
  assert.equal(t.rules, 'mixed');
  assert.deepEqual(t.elaboration, { inference: null, rulePasses: 1, ruleResidual: 0, ruleConverged: true });
  const sel = t.branches[0]!;
  assert.equal(sel.mode, 'probability-matching');
  assert.equal(sel.temperature, null);
  // fire: policy 0.5, r5's function at (high, fire) = 0.6, then r1's reject
  assert.deepEqual(sel.candidates[0]!.contributions, [
    { conditional: '(policy)', kind: 'policy', value: 0.5 },
    { conditional: 'r5', kind: 'action', value: 0.6 },
    { conditional: 'r1', kind: 'reject', value: 1 },
  ]);
  // cover: 0.2 ⊕ 1 (best) ⊕ 0.2 (r5) = 1, then r4 caps it at 0.4 × hold's score
  const hold = 0.3 + 0.1 - 0.3 * 0.1;
  const cover = sel.candidates[2]!;
  assert.equal(cover.contributions.at(-1)!.kind, 'worse');
  assert.ok(Math.abs(cover.score - 0.4 * hold) < 1e-12, `${cover.score}`);
  assert.ok(Math.abs(sel.candidates[1]!.score - hold) < 1e-12);
  // moving: r5's negated action on stay sums over the unique ?x: 0.6 + 0.1 + 0.2 = 0.9; c holds so r3 is silent
  const stay = t.branches[1]!.candidates[0]!;
  assert.deepEqual(stay.contributions.map((c) => [c.kind, Math.round(c.value * 1e12) / 1e12]), [['policy', 0.2], ['negated-action', 0.9]]);
  assert.deepEqual(t.fired.map((f) => f.conditional), ['r1', 'r2', 'r4', 'r5']);
  const text = formatTrace(t);
  assert.match(text, /branch 0 \(selected, probability-matching\): chose /);
  assert.match(text, /reject 1 from r1/);
});
