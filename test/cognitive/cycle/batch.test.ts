import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitiveError } from '../../../cognitive/errors.js';
import { DecisionCycle } from '../../../cognitive/cycle/decision-cycle.js';
import { SeededRandom } from '../../../cognitive/random.js';
import { MIXED_RULES } from './fixtures.js';

test('decideBatch gives what decide gives agent by agent, arrays in and arrays out', () => {
  const count = 64;
  const rng = new SeededRandom(31);
  const obsSize = 6; // wider than the rules need: extra entries are ignored
  const observations = Float32Array.from({ length: count * obsSize }, () => rng.next());
  const policy = [0, 1].map(() => {
    const p = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      const raw = [rng.next(), rng.next(), rng.next()];
      const z = raw[0]! + raw[1]! + raw[2]!;
      for (let a = 0; a < 3; a++) p[i * 3 + a] = raw[a]! / z;
    }
    return p;
  });
  const batched = DecisionCycle.fromText(MIXED_RULES);
  const single = DecisionCycle.fromText(MIXED_RULES);
  const out = batched.decideBatch({ count, policy, observations, observationSize: obsSize, traceAgents: [3, 40] });
  assert.equal(out.count, count);
  assert.deepEqual([...out.traces.keys()], [3, 40]);
  for (let i = 0; i < count; i++) {
    const d = single.decide(
      policy.map((p) => p.subarray(i * 3, i * 3 + 3)),
      observations.subarray(i * obsSize, (i + 1) * obsSize),
      { trace: i === 3 || i === 40 },
    );
    for (let b = 0; b < 2; b++) {
      assert.equal(out.actions[i * 2 + b], d.actions[b], `agent ${i} branch ${b}`);
      assert.equal(out.impasses[i * 2 + b], d.impasses[b] === null ? 0 : d.impasses[b] === 'none' ? 1 : 2);
      for (let a = 0; a < 3; a++) {
        assert.equal(out.combined[b]![i * 3 + a], Math.fround(d.combined[b]![a]!));
        assert.equal(out.factors[b]![i * 3 + a], Math.fround(d.factors[b]![a]!));
      }
    }
    if (d.trace !== null) {
      const t = out.traces.get(i)!;
      assert.deepEqual(t.branches.map((x) => [x.chosen, x.score, x.candidates.map((c) => c.contributions)]), d.trace.branches.map((x) => [x.chosen, x.score, x.candidates.map((c) => c.contributions)]));
    }
  }
  // the output block is reused when passed back
  const again = batched.decideBatch({ count: 10, policy, observations, observationSize: obsSize }, out);
  assert.equal(again, out);
  assert.equal(again.count, 10);
  assert.equal(again.traces.size, 0);
});

test('batch and single inputs are shape-checked', () => {
  const cycle = DecisionCycle.fromText(MIXED_RULES);
  const shape = (e: unknown): boolean => e instanceof CognitiveError && e.code === 'COG_INPUT_SHAPE';
  assert.throws(() => cycle.decide(Float64Array.of(0.5, 0.5), Float32Array.of(0, 0, 0, 0)), shape); // one branch given, two needed
  assert.throws(() => cycle.decide([Float64Array.of(0.5, 0.5), Float64Array.of(1, 0, 0)], Float32Array.of(0, 0, 0, 0)), /policy\[0\] \(selected\): expected 3 probabilities, got 2/);
  assert.throws(() => cycle.decide([Float64Array.of(1, 0, 0), Float64Array.of(1, 0, 0)], Float32Array.of(0, 0)), /observation: expected at least 4 values, got 2/);
  assert.throws(
    () => cycle.decideBatch({ count: 4, policy: [new Float32Array(12), new Float32Array(9)], observations: new Float32Array(16), observationSize: 4 }),
    /policy\[1\]: expected 4 × 3 values, got 9/,
  );
  assert.throws(() => cycle.decideBatch({ count: 4, policy: [new Float32Array(12), new Float32Array(12)], observations: new Float32Array(16), observationSize: 3 }), shape);
});
