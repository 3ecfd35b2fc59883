/**
 * Property (seeded; fast-check is not a dependency of this project): through the reasoning layer, over many random
 * policies, observations and environment masks, a vetoed action is never chosen while another action stands, its
 * combined probability and stored factor are exactly 0, and the log-probability is that of the combined policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleFile } from '../../cognitive/index.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { CARTPOLE_SPEC, CARTPOLE_VETO_RULES, decisionSteps, discreteActOutput, vectorSpec } from './helpers.js';

/** A random distribution over n actions with some exactly-zero (masked) entries, and peaked ones now and then. */
function randomPolicy(rng: Rng, n: number, out: Float32Array, at: number, maskRate: number): void {
  let z = 0;
  const peak = rng.next() < 0.2 ? rng.int(n) : -1;
  for (let a = 0; a < n; a++) {
    const masked = rng.next() < maskRate;
    const w = masked ? 0 : a === peak ? 1e4 : rng.next() ** 3 + 1e-7;
    out[at + a] = w;
    z += w;
  }
  if (z === 0) {
    out[at + rng.int(n)] = 1;
    z = 1;
  }
  for (let a = 0; a < n; a++) out[at + a]! /= z;
}

test('CartPole veto: over 300 random batches of random policies and carts, push-left is never taken at x < -2.0', () => {
  const layer = new ReasoningLayer(parseRuleFile(CARTPOLE_VETO_RULES, 'veto.yaml'), CARTPOLE_SPEC, { rulesFile: 'veto.yaml', seed: 1 });
  const rng = new Rng(2024);
  let atEdge = 0;
  let leftElsewhere = 0;
  for (let k = 0; k < 300; k++) {
    const count = 1 + rng.int(64);
    const probs = new Float32Array(count * 2);
    for (let r = 0; r < count; r++) randomPolicy(rng, 2, probs, r * 2, 0);
    const obs = Float32Array.from({ length: count * 4 }, (_, i) => (i % 4 === 0 ? rng.uniform(-2.4, 2.4) : rng.normal()));
    const out = layer.apply(discreteActOutput(count, [2], probs), decisionSteps(obs, 4), { rows: [{ source: 0, offset: 0, count }], step: k });
    for (let r = 0; r < count; r++) {
      if (obs[r * 4]! < -2) {
        atEdge++;
        assert.equal(out.discrete[r], 1, `batch ${k}, agent ${r}: x = ${obs[r * 4]}, π = [${probs[r * 2]}, ${probs[r * 2 + 1]}]`);
        assert.equal(out.probs[r * 2], 0);
        assert.equal(out.factors![r * 2], 0);
        assert.equal(out.probs[r * 2 + 1], 1);
        assert.equal(out.logProbs[r], 0);
      } else {
        if (out.discrete[r] === 0) leftElsewhere++;
        // Away from the edge the rules change nothing: the combined policy is π.
        assert.ok(Math.abs(out.probs[r * 2]! - probs[r * 2]!) < 1e-6);
        assert.deepEqual([out.factors![r * 2], out.factors![r * 2 + 1]], [1, 1]);
        assert.ok(Math.abs(out.logProbs[r]! - Math.log(probs[r * 2 + out.discrete[r]!]!)) < 1e-5);
      }
    }
  }
  assert.ok(atEdge > 500 && leftElsewhere > 1000, `the property was exercised: ${atEdge} decisions at the edge, ${leftElsewhere} left pushes elsewhere`);
});

const FOUR_WAY = `
types: { op: [advance, hold, cover, retreat] }
predicates:
  civilians: {}
  hurt: {}
  selected: { args: { o: op! } }
perception:
  - { predicate: civilians, index: 0, above: 0.5 }
  - { predicate: hurt, index: 1, below: 0.3 }
branches: [selected]
fallback: { none: { action: hold } }
conditionals:
  - { name: no-advance-near-civilians, conditions: [civilians], reject: selected(o=advance) }
  - { name: no-retreat-unless-hurt, conditions: ["not hurt"], reject: selected(o=retreat) }
  - { name: cover-when-hurt, conditions: [hurt], best: selected(o=cover) }
`;

test('four actions, two vetoes, a best and environment masks: a vetoed or masked action is never chosen while another stands; when none stands the impasse falls back', () => {
  const spec = vectorSpec('Squad?team=0', 2, 0, [4]);
  const layer = new ReasoningLayer(parseRuleFile(FOUR_WAY, 'four.yaml'), spec, { rulesFile: 'four.yaml', seed: 7 });
  const rng = new Rng(77);
  let decisions = 0;
  let impasses = 0;
  for (let k = 0; k < 300; k++) {
    const count = 1 + rng.int(48);
    const probs = new Float32Array(count * 4);
    for (let r = 0; r < count; r++) randomPolicy(rng, 4, probs, r * 4, 0.3);
    const obs = Float32Array.from({ length: count * 2 }, () => rng.next());
    const out = layer.apply(discreteActOutput(count, [4], probs), decisionSteps(obs, 2), { rows: [{ source: 0, offset: 0, count }], step: k });
    for (let r = 0; r < count; r++) {
      decisions++;
      const vetoed = new Set<number>();
      if (obs[r * 2]! > 0.5) vetoed.add(0);
      if (!(obs[r * 2 + 1]! < 0.3)) vetoed.add(3);
      const standing = [0, 1, 2, 3].filter((a) => probs[r * 4 + a]! > 0 && !vetoed.has(a));
      const chosen = out.discrete[r]!;
      if (standing.length > 0) {
        assert.ok(standing.includes(chosen), `batch ${k}, agent ${r}: chose ${chosen}, standing [${standing}]`);
        for (const a of vetoed) assert.equal(out.factors![r * 4 + a], 0);
        for (const a of vetoed) assert.equal(out.probs[r * 4 + a], 0);
        assert.ok(Math.abs(out.logProbs[r]! - Math.log(out.probs[r * 4 + chosen]!)) < 1e-6);
      } else {
        impasses++;
        assert.equal(chosen, 1, 'the none impasse falls back to hold');
        assert.deepEqual([...out.probs.subarray(r * 4, r * 4 + 4)], [0, 1, 0, 0]);
      }
    }
  }
  assert.ok(impasses > 0 && impasses < decisions / 4, `${impasses} impasses in ${decisions} decisions`);
});
