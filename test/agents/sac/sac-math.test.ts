/**
 * SAC's math against hand-computed and numeric values: the tanh log-probability correction (host and tfjs), the
 * soft targets (continuous with α and log π, discrete with masks), and the temperature moving α toward the
 * target entropy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { logTanhDerivative, squashedLogProbs, squashedLogProbsTf } from '../../../agents/sac/squashed-gaussian.js';
import { continuousSoftTargets, discreteSoftTargets } from '../../../agents/sac/soft-target.js';
import { discreteTargetEntropies, Temperature } from '../../../agents/sac/temperature.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';

await chooseBackend('wasm');

test('log(1 − tanh²u) matches the numeric derivative of tanh, and stays finite where the naive form is −∞', () => {
  for (const u of [-3, -0.7, 0, 0.4, 2.5]) {
    const h = 1e-5;
    const numeric = Math.log((Math.tanh(u + h) - Math.tanh(u - h)) / (2 * h));
    assert.ok(Math.abs(logTanhDerivative(u) - numeric) < 1e-6, `u = ${u}: ${logTanhDerivative(u)} vs ${numeric}`);
  }
  assert.equal(Math.log(1 - Math.tanh(20) ** 2), -Infinity, 'the naive form underflows');
  // 1 − tanh²(20) = 4e^{−40}/(1 + e^{−40})² ⇒ log = log 4 − 40 (to double precision).
  assert.ok(Math.abs(logTanhDerivative(20) - (Math.log(4) - 40)) < 1e-9);
});

test('squashed log π(a) is the density of a = tanh(u): log N(u; μ, σ) − log|da/du|, checked by the change of variables numerically', () => {
  // Two components: the density of a is the product; compare with the probability mass of a small box in a-space
  // mapped back through atanh, under the Gaussian's CDF (numerical integration by the midpoint rule).
  const u = Float32Array.from([0.3, -1.2]);
  const mean = Float32Array.from([0.1, -0.5]);
  const logStd = Float32Array.from([Math.log(0.5), Math.log(1.5)]);
  const lp = squashedLogProbs(u, mean, logStd, 1, 2)[0]!;
  let numeric = 0;
  for (let c = 0; c < 2; c++) {
    const a = Math.tanh(u[c]!);
    const h = 1e-4;
    const [lo, hi] = [Math.atanh(a - h), Math.atanh(a + h)];
    const sigma = Math.exp(logStd[c]!);
    // ∫_{lo}^{hi} N(x; μ, σ) dx by the midpoint rule with 200 panels, divided by the box width 2h in a.
    let mass = 0;
    const panels = 200;
    for (let k = 0; k < panels; k++) {
      const x = lo + ((k + 0.5) * (hi - lo)) / panels;
      mass += (Math.exp(-0.5 * ((x - mean[c]!) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI))) * ((hi - lo) / panels);
    }
    numeric += Math.log(mass / (2 * h));
  }
  assert.ok(Math.abs(lp - numeric) < 1e-4, `${lp} vs ${numeric}`);
  const tfLp = tf.tidy(() => squashedLogProbsTf(tf.tensor2d(u, [1, 2]), tf.tensor2d(mean, [1, 2]), tf.tensor2d(logStd, [1, 2])).dataSync()[0]!);
  assert.ok(Math.abs(tfLp - lp) < 1e-4, `tfjs ${tfLp} vs host ${lp}`);
});

test('continuous soft target: y = r + γᵏ(1 − done)·(min(Q1′, Q2′) − α·log π(a′|s′))', () => {
  const y = continuousSoftTargets({
    rewards: Float32Array.from([1, 0.5]),
    dones: Float32Array.from([0, 1]),
    discounts: Float32Array.from([0.5, 0.5]),
    nextQ1: Float32Array.from([4, 9]),
    nextQ2: Float32Array.from([6, 9]),
    nextLogProbs: Float32Array.from([-2, -2]),
    alpha: 0.25,
  });
  // 1 + 0.5·(4 − 0.25·(−2)) = 1 + 0.5·4.5 = 3.25; the terminal row is r.
  assert.deepEqual(Array.from(y), [3.25, 0.5]);
});

test('discrete soft target: the exact expectation over allowed next actions, per branch with its own α', () => {
  // Branches [3, 2]. Branch 0: π = (½, ½, 0) with action 2 masked (log π ≈ −1e8); branch 1: π = (¼, ¾).
  const lp = Float32Array.from([Math.log(0.5), Math.log(0.5), -1e8, Math.log(0.25), Math.log(0.75)]);
  const y = discreteSoftTargets({
    rows: 1,
    branches: [3, 2],
    rewards: Float32Array.from([1]),
    dones: Float32Array.from([0]),
    discounts: Float32Array.from([0.9]),
    nextQ1: Float32Array.from([2, 4, 1000, 1, 3]),
    nextQ2: Float32Array.from([3, 1, 1000, 2, 2]),
    nextLogProbs: lp,
    alphas: [0.1, 0.2],
  });
  const v0 = 0.5 * (2 - 0.1 * Math.log(0.5)) + 0.5 * (1 - 0.1 * Math.log(0.5));
  const v1 = 0.25 * (1 - 0.2 * Math.log(0.25)) + 0.75 * (2 - 0.2 * Math.log(0.75));
  assert.ok(Math.abs(y[0]! - (1 + 0.9 * v0)) < 1e-5, `${y[0]} vs ${1 + 0.9 * v0}`);
  assert.ok(Math.abs(y[1]! - (1 + 0.9 * v1)) < 1e-5, `${y[1]} vs ${1 + 0.9 * v1}`);
});

test('temperature: α rises while the entropy is below the target and falls while above; Adam\'s first step moves log α by the learning rate', () => {
  const t = new Temperature([-1, 0.5], 0.2);
  t.update([-3, 2], 0.01); // component 0 below its target (H − H̄ = −2), component 1 above (+1.5)
  const [a0, a1] = t.alphas as [number, number];
  // Adam's first step is lr·g/(|g| + ε′) ≈ lr·sign(g) on log α.
  assert.ok(Math.abs(Math.log(a0) - (Math.log(0.2) + 0.01)) < 1e-6, `α0 ${a0}`);
  assert.ok(Math.abs(Math.log(a1) - (Math.log(0.2) - 0.01)) < 1e-6, `α1 ${a1}`);
  for (let i = 0; i < 50; i++) t.update([-3, 2], 0.01);
  assert.ok(t.alphas[0]! > a0 && t.alphas[1]! < a1, 'the moves continue while the gap stays');
  const saved = JSON.parse(JSON.stringify(t.save()));
  const u = new Temperature([-1, 0.5], 1);
  u.load(saved, 'test');
  assert.deepEqual(u.alphas, t.alphas);
  t.dispose();
  u.dispose();
  assert.deepEqual(discreteTargetEntropies([4, 2], 0.5), [0.5 * Math.log(4), 0.5 * Math.log(2)]);
});
