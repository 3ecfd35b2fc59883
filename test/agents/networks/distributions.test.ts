import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { act } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import {
  MASKED_LOGIT,
  adjustLogit,
  combineFactors,
  entropyOfSegment,
  gaussianEntropy,
  gaussianLogProb,
  logSoftmaxSegment,
  sampleFromLogProbs,
} from '../../../agents/networks/distributions.js';
import { categoricalLogProbEntropy, factorArrays, gaussianLogProbEntropy, oneHotActions } from '../../../agents/networks/distributions-tf.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');
const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} ≠ ${b}`);

/** Log-probabilities of one branch after factors. */
function branchLogProbs(logits: number[], factors: number[] | null): Float64Array {
  const adjusted = logits.map((l, i) => (factors ? adjustLogit(l, factors[i]!) : l));
  const out = new Float64Array(logits.length);
  logSoftmaxSegment(adjusted, 0, logits.length, out);
  return out;
}

test('a masked action gets probability 0 and the others renormalise', () => {
  // logits [1, 2, 3], action 1 masked: log p = logit − ln(e¹ + e³); ln(e + e³) = 3.1269280110...
  const factors = combineFactors(1, 3, Uint8Array.from([0, 1, 0]), null)!;
  assert.deepEqual(Array.from(factors), [1, 0, 1]);
  const lp = branchLogProbs([1, 2, 3], Array.from(factors));
  close(lp[0]!, 1 - 3.126928011042972, 1e-12, 'log p(0)');
  close(lp[2]!, 3 - 3.126928011042972, 1e-12, 'log p(2)');
  assert.equal(Math.exp(lp[1]!), 0);
  close(Math.exp(lp[0]!) + Math.exp(lp[2]!), 1, 1e-12, 'Σ p');
});

test('rule factors multiply probabilities and renormalise: π·f/Z', () => {
  // p ∝ [2·e¹, 1·e², 0.5·e³] = [5.43656, 7.38906, 10.04277], Z = 22.86839.
  const lp = branchLogProbs([1, 2, 3], [2, 1, 0.5]);
  const expected = [2 * Math.E, Math.E ** 2, 0.5 * Math.E ** 3];
  const z = expected.reduce((a, b) => a + b, 0);
  expected.forEach((e, i) => close(Math.exp(lp[i]!), e / z, 1e-12, `p(${i})`));
  close(Math.exp(lp[0]!), 0.237732, 1e-6, 'p(0) by hand');
  // A mask wins over any factor.
  assert.deepEqual(Array.from(combineFactors(1, 3, Uint8Array.from([1, 0, 0]), Float32Array.from([3, 0.5, 0]))!), [0, 0.5, 0]);
  assert.equal(adjustLogit(4, 0), MASKED_LOGIT);
});

test('sampling never returns a masked action and follows the renormalised probabilities', () => {
  const lp = branchLogProbs([0.3, 5, -1, 0.3], [1, 0, 1, 1]);
  const rng = new Rng(11);
  const counts = [0, 0, 0, 0];
  const draws = 20000;
  for (let i = 0; i < draws; i++) counts[sampleFromLogProbs(lp, 0, 4, rng)]!++;
  assert.equal(counts[1], 0);
  for (const k of [0, 2, 3]) close(counts[k]! / draws, Math.exp(lp[k]!), 0.015, `frequency of ${k}`);
  // Even a uniform draw at the very top end cannot land on the masked last action.
  const top = { next: () => 0.9999999999 } as unknown as Rng;
  assert.equal(sampleFromLogProbs(branchLogProbs([0, 0, 9], [1, 1, 0]), 0, 3, top), 1);
});

test('tfjs categorical log-probs and entropies equal the plain ones, per branch summed, with masks and factors', () => {
  const branches = [3, 2];
  const rows = 4;
  const rng = new Rng(2);
  const logits = Float32Array.from({ length: rows * 5 }, () => rng.normal() * 2);
  const masks = Uint8Array.from([0, 1, 0, 0, 0, /**/ 0, 0, 0, 1, 0, /**/ 1, 1, 0, 0, 0, /**/ 0, 0, 0, 0, 0]);
  const rule = Float32Array.from([1, 1, 0.5, 2, 1, /**/ 1, 0, 1, 1, 1, /**/ 1, 1, 1, 0.25, 4, /**/ 1, 1, 1, 1, 1]);
  const factors = combineFactors(rows, 5, masks, rule)!;
  const actions = Int32Array.from([0, 1, /**/ 2, 1, /**/ 2, 0, /**/ 1, 0]);
  const { allowed, offset } = factorArrays(factors);
  const out = tf.tidy(() => {
    const r = categoricalLogProbEntropy(tf.tensor2d(logits, [rows, 5]), branches, tf.tensor2d(oneHotActions(actions, rows, branches), [rows, 5]), tf.tensor2d(allowed, [rows, 5]), tf.tensor2d(offset, [rows, 5]));
    return [r.logProb, r.entropy];
  });
  const [logProb, entropy] = out.map((t) => t.dataSync());
  tf.dispose(out);
  for (let r = 0; r < rows; r++) {
    let expectedLp = 0;
    let expectedH = 0;
    let start = 0;
    branches.forEach((size, b) => {
      const seg = Array.from(logits.subarray(r * 5 + start, r * 5 + start + size));
      const f = Array.from(factors.subarray(r * 5 + start, r * 5 + start + size));
      const lp = branchLogProbs(seg, f);
      expectedLp += lp[actions[r * 2 + b]!]!;
      expectedH += entropyOfSegment(lp, 0, size);
      start += size;
    });
    close(logProb![r]!, expectedLp, 1e-5, `row ${r} log-prob`);
    close(entropy![r]!, expectedH, 1e-5, `row ${r} entropy`);
  }
});

test('Gaussian log-prob and entropy follow the formula, in plain code and in tfjs', () => {
  // x = 0.5, μ = 0.2, σ = 0.5: −½(0.3/0.5)² − ln 0.5 − ½ ln 2π = −0.18 + 0.693147181 − 0.918938533 = −0.405791352.
  close(gaussianLogProb(0.5, 0.2, Math.log(0.5)), -0.405791352, 1e-8, 'log N');
  close(gaussianEntropy(Math.log(0.5)), 0.5 + 0.918938533 - 0.693147181, 1e-8, 'entropy');
  const out = tf.tidy(() => {
    const r = gaussianLogProbEntropy(tf.tensor2d([0.2, -1, 0, 3], [2, 2]), tf.tensor1d([Math.log(0.5), 0.3]), tf.tensor2d([0.5, -1.5, 0.1, 2], [2, 2]));
    return [r.logProb, r.entropy];
  });
  const [logProb, entropy] = out.map((t) => t.dataSync());
  tf.dispose(out);
  close(logProb![0]!, gaussianLogProb(0.5, 0.2, Math.log(0.5)) + gaussianLogProb(-1.5, -1, 0.3), 1e-5, 'row 0');
  close(logProb![1]!, gaussianLogProb(0.1, 0, Math.log(0.5)) + gaussianLogProb(2, 3, 0.3), 1e-5, 'row 1');
  close(entropy![0]!, gaussianEntropy(Math.log(0.5)) + gaussianEntropy(0.3), 1e-5, 'entropy');
});

test('acting: the environment gets clip(a, −1, 1) while the log-prob is of the unclipped sample', () => {
  const spec: BehaviorSpec = { name: 'Reach?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
  const policy = new ActorCritic(spec, { hiddenUnits: 8 }, new Rng(1));
  const count = 200;
  const obs = Float32Array.from({ length: count * 3 }, (_, i) => Math.sin(i));
  const out = act(policy, { count, observations: [obs] }, new Rng(9));
  let clipped = 0;
  for (let r = 0; r < count; r++) {
    let lp = 0;
    for (let c = 0; c < 2; c++) {
      const raw = out.continuousRaw[r * 2 + c]!;
      assert.equal(out.continuous[r * 2 + c], Math.fround(Math.min(1, Math.max(-1, raw))));
      if (Math.abs(raw) > 1) clipped++;
      lp += gaussianLogProb(raw, out.means[r * 2 + c]!, out.logStd[c]!);
    }
    close(out.logProbs[r]!, lp, 1e-5, `row ${r}`);
  }
  assert.ok(clipped > 50, `σ starts at 1, so many samples fall outside [−1, 1] (${clipped})`);
  policy.dispose();
});

test('acting: a masked or vetoed discrete action is never chosen, over many agents', () => {
  const spec: BehaviorSpec = { name: 'Grid?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 0, discreteBranches: [4, 3] } };
  const policy = new ActorCritic(spec, { hiddenUnits: 8 }, new Rng(2));
  const count = 500;
  const masks = new Uint8Array(count * 7);
  const rule = new Float32Array(count * 7).fill(1);
  for (let r = 0; r < count; r++) {
    masks[r * 7 + (r % 4)] = 1; // one action of branch 0 masked, varying
    rule[r * 7 + 4 + (r % 3)] = 0; // one action of branch 1 vetoed by a rule
  }
  const out = act(policy, { count, observations: [new Float32Array(count * 2).fill(0.3)], actionMasks: masks, ruleFactors: rule }, new Rng(3));
  for (let r = 0; r < count; r++) {
    assert.notEqual(out.discrete[r * 2], r % 4);
    assert.notEqual(out.discrete[r * 2 + 1], r % 3);
    assert.equal(out.probs[r * 7 + (r % 4)], 0);
    close(out.probs.subarray(r * 7, r * 7 + 4).reduce((a, b) => a + b, 0), 1, 1e-6, 'branch 0 Σ p');
  }
  policy.dispose();
});
