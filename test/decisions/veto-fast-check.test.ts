/**
 * Property test with fast-check (seeded, so a failure replays): over arbitrary policies and observations, the
 * reasoning layer never chooses a vetoed action — CartPole's "no push left when x < −2.0" — and gives it exactly
 * zero combined probability, while away from the edge it leaves the policy untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRuleFile } from '../../cognitive/index.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import { CARTPOLE_SPEC, CARTPOLE_VETO_RULES, decisionSteps, discreteActOutput } from './helpers.js';

const agent = fc.record({
  // π(left); π(right) = 1 − π(left). Includes the extremes a near-deterministic policy reaches.
  left: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-9, 1 - 1e-9)),
  x: fc.double({ min: -2.4, max: 2.4, noNaN: true }),
  rest: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
});

test('fast-check: a vetoed action is never chosen, and the combined policy is π·f/Z', () => {
  const layer = new ReasoningLayer(parseRuleFile(CARTPOLE_VETO_RULES, 'veto.yaml'), CARTPOLE_SPEC, { rulesFile: 'veto.yaml', seed: 3 });
  let step = 0;
  fc.assert(
    fc.property(fc.array(agent, { minLength: 1, maxLength: 48 }), (agents) => {
      const count = agents.length;
      const probs = new Float32Array(count * 2);
      const obs = new Float32Array(count * 4);
      agents.forEach((a, r) => {
        probs[r * 2] = a.left;
        probs[r * 2 + 1] = 1 - Math.fround(a.left);
        obs.set([a.x, ...a.rest], r * 4);
      });
      const out = layer.apply(discreteActOutput(count, [2], probs), decisionSteps(obs, 4), { rows: [{ source: 0, offset: 0, count }], step: step++ });
      agents.forEach((a, r) => {
        const atEdge = Math.fround(a.x) < -2;
        if (atEdge && probs[r * 2 + 1]! > 0) {
          assert.equal(out.discrete[r], 1, `x=${a.x} π(left)=${a.left}: the veto must hold`);
          assert.equal(out.probs[r * 2], 0);
          assert.equal(out.factors![r * 2], 0);
        } else if (!atEdge) {
          assert.ok(Math.abs(out.probs[r * 2]! - probs[r * 2]!) < 1e-6, 'away from the edge the rules change nothing');
        }
        assert.ok(out.probs[r * 2 + out.discrete[r]!]! > 0, 'the chosen action has positive combined probability');
      });
    }),
    { seed: 20261126, numRuns: 300 },
  );
});
