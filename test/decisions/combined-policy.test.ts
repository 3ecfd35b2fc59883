/**
 * The combined policy π·f/Z acts and is the one trained: the act output built from the reasoning layer's
 * decisions (hand-computed), and, through the real pieces (act(), the reasoning layer, the rollout buffer, the
 * tfjs evaluation PPO's update uses), the log-probability of each stored transition at update time equals the one
 * recorded when acting — for a hybrid action (continuous + two branches), with a veto, a positive and a negated
 * rule, environment masks, on both forward paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { act, type ActOutput } from '../../agents/networks/acting.js';
import { ActorCritic } from '../../agents/networks/actor-critic.js';
import { factorArrays, oneHotActions } from '../../agents/networks/distributions-tf.js';
import { RolloutBuffer } from '../../agents/ppo/rollout-buffer.js';
import { parseRuleFile } from '../../cognitive/index.js';
import { combinedActOutput, MAX_RULE_FACTOR } from '../../src/decisions/combined-output.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { decisionSteps, terminalSteps, vectorSpec } from './helpers.js';

await chooseBackend('wasm');

test('combinedActOutput: actions, probabilities and factors from the rules, log-probabilities under π·f/Z plus the Gaussian part (hand-computed)', () => {
  const out: ActOutput = {
    count: 2,
    continuous: Float32Array.from([0.5, -1]),
    continuousRaw: Float32Array.from([0.5, -1]),
    discrete: Int32Array.from([0, 0, 1, 1]),
    logProbs: Float32Array.from([-9, -9]),
    values: Float32Array.from([0.1, 0.2]),
    probs: new Float32Array(10),
    means: Float32Array.from([0, 1]),
    logStd: Float32Array.from([0]),
    factors: null,
    path: 'fast',
  };
  const combined = combinedActOutput(out, [2, 3], {
    actions: Int32Array.from([1, 2, 0, 0]),
    combined: [Float64Array.from([0, 1, 0.25, 0.75]), Float64Array.from([0.2, 0.3, 0.5, 1, 0, 0])],
    factors: [Float64Array.from([0, 1.25, 1, 1]), Float64Array.from([0.5, 1, 2, 1e40, 0, 0])],
  });
  assert.deepEqual([...combined.discrete], [1, 2, 0, 0]);
  assert.deepEqual([...combined.probs], [0, 1, 0.2, 0.3, 0.5, 0.25, 0.75, 1, 0, 0].map(Math.fround));
  assert.deepEqual([...combined.factors!], [0, 1.25, 0.5, 1, 2, 1, 1, MAX_RULE_FACTOR, 0, 0].map(Math.fround));
  // Row 0: ln 1 + ln 0.5 + ln N(0.5; 0, 1) = −0.6931472 − 0.125 − 0.9189385; row 1: ln 0.25 + ln 1 + ln N(−1; 1, 1).
  assert.ok(Math.abs(combined.logProbs[0]! - -1.7370857) < 1e-6, String(combined.logProbs[0]));
  assert.ok(Math.abs(combined.logProbs[1]! - -4.3052329) < 1e-6, String(combined.logProbs[1]));
  assert.equal(combined.values, out.values);
  assert.equal(combined.continuous, out.continuous);
});

const HYBRID_RULES = `
types: { push: [left, right], gear: [low, mid, high] }
predicates:
  near_left_edge: {}
  fast: {}
  move: { args: { dir: push! } }
  shift: { args: { g: gear! } }
perception:
  - { predicate: near_left_edge, index: 0, below: -2.0 }
  - { predicate: fast, index: 1, degree: true }
branches: [move, shift]
conditionals:
  - { name: veto-left, conditions: [near_left_edge], reject: move(dir=left) }
  - { name: high-when-fast, conditions: [fast], acceptable: shift(g=high), value: 0.6 }
  - { name: rarely-mid-when-fast, conditions: [fast], actions: ["not shift(g=mid)"] }
`;

test('the log-probability PPO evaluates at update time equals the one recorded at act time, transition by transition', (t) => {
  const spec = vectorSpec('Hybrid?team=0', 4, 1, [2, 3]);
  const policy = new ActorCritic(spec, { hiddenUnits: 16, numLayers: 2, normalize: false }, new Rng(5));
  const layer = new ReasoningLayer(parseRuleFile(HYBRID_RULES, 'hybrid.yaml'), spec, { rulesFile: 'hybrid.yaml', seed: 3 });
  const rng = new Rng(11);
  for (const count of [16, 256]) {
    // 16 agents take the plain-array forward, 256 the tfjs one.
    const obs = Float32Array.from({ length: count * 4 }, (_, i) => (i % 4 === 0 ? rng.uniform(-3, 3) : i % 4 === 1 ? rng.uniform(-0.5, 1.5) : rng.normal()));
    const masks = Uint8Array.from({ length: count * 5 }, (_, i) => (i % 5 >= 2 && rng.next() < 0.25 ? 1 : 0));
    for (let r = 0; r < count; r++) if (masks[r * 5 + 2] && masks[r * 5 + 3] && masks[r * 5 + 4]) masks[r * 5 + 2] = 0; // leave one gear open
    const steps = decisionSteps(obs, 4, undefined, masks);
    const out0 = act(policy, steps, rng);
    const out = layer.apply(out0, steps, { rows: [{ source: 0, offset: 0, count }], step: 0 });
    assert.equal(out0.path, count <= 32 ? 'fast' : 'tfjs');

    let vetoed = 0;
    for (let r = 0; r < count; r++) {
      if (obs[r * 4]! < -2) {
        vetoed++;
        assert.equal(out.discrete[r * 2], 1, 'a vetoed push-left is never taken');
        assert.equal(out.factors![r * 5], 0);
        assert.equal(out.probs[r * 5], 0);
      }
      for (let k = 2; k < 5; k++) if (masks[r * 5 + k]) assert.equal(out.factors![r * 5 + k], 0, 'a masked action has factor 0');
      assert.equal(masks[r * 5 + 2 + out.discrete[r * 2 + 1]!], 0, 'a masked gear is never taken');
    }
    assert.ok(vetoed > count / 10, `some agents stood near the edge (${vetoed})`);

    const buffer = new RolloutBuffer(spec.actionSpec, [4], 1000);
    buffer.addDecisions(0, steps, out);
    buffer.endEpisodes(0, terminalSteps(steps), null);
    const batch = buffer.drain(0.99, 0.95);
    assert.equal(batch.size, count);
    const evaluate = (factors: Float32Array | null): Float32Array =>
      tf.tidy(() => {
        const f = factors ? factorArrays(factors) : null;
        const evaluation = policy.evaluateTf({
          observations: [tf.tensor2d(batch.observations[0]!, [count, 4])],
          continuousActions: tf.tensor2d(batch.continuousActions, [count, 1]),
          oneHot: tf.tensor2d(oneHotActions(batch.discreteActions, count, [2, 3]), [count, 5]),
          allowed: f ? tf.tensor2d(f.allowed, [count, 5]) : null,
          offset: f ? tf.tensor2d(f.offset, [count, 5]) : null,
        });
        return evaluation.logProb.dataSync() as Float32Array;
      });
    const atUpdate = evaluate(batch.factors);
    let worst = 0;
    for (let r = 0; r < count; r++) worst = Math.max(worst, Math.abs(atUpdate[r]! - batch.logProbs[r]!));
    t.diagnostic(`${count} agents (${out0.path} forward): largest |log π'(update) − log π'(act)| = ${worst.toExponential(2)}`);
    assert.ok(worst < 1e-4, `largest |log π'(update) − log π'(act)| = ${worst} over ${count} transitions`);
    // Without the stored factors the update would evaluate another policy: the check above has teeth.
    const plain = evaluate(null);
    let apart = 0;
    for (let r = 0; r < count; r++) apart = Math.max(apart, Math.abs(plain[r]! - batch.logProbs[r]!));
    assert.ok(apart > 0.05, `the learned policy alone differs (${apart})`);
  }
  policy.dispose();
});
