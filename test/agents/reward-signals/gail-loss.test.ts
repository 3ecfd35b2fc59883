/**
 * GAIL's loss terms against hand-computed values: the gradient penalty on a linear discriminator, VAIL's KL, the
 * β dual-ascent step, the cross-entropy and the reward; and the closed-form input gradient against finite
 * differences for a deeper discriminator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Discriminator } from '../../../agents/reward-signals/discriminator.js';
import { discriminatorLoss, gailReward, gradientPenalty, interpolate, nextBeta, vailKl } from '../../../agents/reward-signals/gail-loss.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('cpu');

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const close = (actual: number, expected: number, tol: number, what: string) => assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}`);

/** A linear discriminator D(x) = σ(3·x₀ − 4·x₁ + 0.5). */
function linearDiscriminator(): Discriminator {
  const d = new Discriminator(2, { hiddenUnits: 8, numLayers: 0, normalize: false, activation: 'linear' }, false, new Rng(1));
  d.params.load(
    [
      { name: 'gail/estimator/kernel', shape: [2, 1], values: [3, -4] },
      { name: 'gail/estimator/bias', shape: [1], values: [0.5] },
    ],
    'test',
  );
  return d;
}

test('gradient penalty of a linear discriminator on interpolates equals the hand computation', () => {
  const d = linearDiscriminator();
  // Row 0: x̂ = 0.25·[1, 0] + 0.75·[0, 1] on x₀ and 0.5·0 + 0.5·1 on x₁ = [0.25, 0.5]: logit = 0.75 − 2 + 0.5 = −0.75.
  // Row 1: u = [1, 0]: x̂ = [2, 0]: logit = 6.5. ∂D/∂x = σ'(logit)·[3, −4], so ‖∇D‖ = 5·σ(l)(1 − σ(l)).
  const norm0 = 5 * sigmoid(-0.75) * (1 - sigmoid(-0.75)); // 5 × 0.217895 = 1.089475
  const norm1 = 5 * sigmoid(6.5) * (1 - sigmoid(6.5)); // 5 × 0.0014989 = 0.0074946
  close(norm0, 1.089475, 1e-6, '‖∇D‖ of row 0');
  const expected = ((Math.sqrt(norm0 ** 2 + 1e-7) - 1) ** 2 + (Math.sqrt(norm1 ** 2 + 1e-7) - 1) ** 2) / 2;
  const gp = tf.tidy(() => {
    const policy = tf.tensor2d([[1, 0], [2, 2]]);
    const expert = tf.tensor2d([[0, 1], [-1, 0]]);
    const u = tf.tensor2d([[0.25, 0.5], [1, 0]]);
    const x = interpolate(policy, expert, u);
    assert.deepEqual(Array.from(x.dataSync()), [0.25, 0.5, 2, 0]);
    const g = d.inputGradient(x, null);
    const gv = g.dataSync();
    close(gv[0]!, 3 * 0.217895, 1e-5, '∂D/∂x₀ of row 0');
    close(gv[1]!, -4 * 0.217895, 1e-5, '∂D/∂x₁ of row 0');
    return gradientPenalty(g).dataSync()[0]!;
  });
  close(gp, expected, 1e-6, 'gradient penalty');
  close(gp, (0.0080058 + 0.9850536) / 2, 1e-5, 'gradient penalty (numbers)');
  d.dispose();
});

test('the closed-form input gradient matches central differences (2 swish layers, tanh layers, VAIL with noise)', () => {
  const cases = [
    { activation: 'swish' as const, vail: false },
    { activation: 'tanh' as const, vail: true },
    { activation: 'leaky_relu' as const, vail: false },
  ];
  for (const c of cases) {
    const d = new Discriminator(3, { hiddenUnits: 5, numLayers: 2, normalize: false, activation: c.activation }, c.vail, new Rng(7));
    const x = [0.3, -0.7, 1.1, -0.2, 0.4, 0.9];
    const rng = new Rng(3);
    const noise = c.vail ? Float32Array.from({ length: 2 * d.codeSize }, () => rng.normal()) : null;
    const estimates = (values: number[]) =>
      tf.tidy(() => Array.from(d.estimate(tf.tensor2d(values, [2, 3]), noise ? tf.tensor2d(noise, [2, d.codeSize]) : null).dataSync()));
    const analytic = tf.tidy(() => Array.from(d.inputGradient(tf.tensor2d(x, [2, 3]), noise ? tf.tensor2d(noise, [2, d.codeSize]) : null).dataSync()));
    const h = 1e-3; // small enough not to cross a leaky ReLU's kink at these inputs
    for (let k = 0; k < x.length; k++) {
      const up = [...x];
      const down = [...x];
      up[k]! += h;
      down[k]! -= h;
      const row = Math.floor(k / 3);
      const numeric = (estimates(up)[row]! - estimates(down)[row]!) / (2 * h);
      close(analytic[k]!, numeric, 2e-4 + 0.02 * Math.abs(numeric), `${c.activation}${c.vail ? '+vail' : ''} ∂D/∂x[${k}]`);
    }
    d.dispose();
  }
});

test("VAIL's KL term and the β step: β rises when KL exceeds I_c = 0.5, falls when below, never below 0", () => {
  // μ_E = [1, 0], μ_π = [0, 2], σ = [1, 0.5]: Σ_k (1 + log σ² − ½μ_E² − ½μ_π² − σ²) = −0.5 + (1 − 1.386294 − 2 − 0.25).
  const kl = tf.tidy(() => vailKl(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 2]]), tf.tensor1d([1, 0.5])).dataSync()[0]!);
  close(kl, 0.5 + 2.636294, 1e-5, 'KL');
  close(nextBeta(0.1, 0.7), 0.1 + 0.0005 * 0.2, 1e-12, 'β after KL 0.7');
  assert.ok(nextBeta(0.1, 0.7) > 0.1);
  assert.ok(nextBeta(0.1, 0.3) < 0.1);
  assert.equal(nextBeta(0, 0.3), 0);
  assert.equal(nextBeta(0.2, 0.5), 0.2);
});

test('cross-entropy and reward: −log(0.8) − log(0.7) for D_E = 0.8, D_π = 0.3; r(D = 0.5) = log 2; r grows with D', () => {
  const loss = tf.tidy(() => discriminatorLoss(tf.tensor1d([0.8]), tf.tensor1d([0.3])).dataSync()[0]!);
  close(loss, 0.223144 + 0.356675, 1e-5, 'loss');
  const r = gailReward(Float32Array.from([0, 0.5, 0.9]));
  close(r[0]!, 0, 1e-7, 'r(0)');
  close(r[1]!, Math.LN2, 1e-6, 'r(0.5)');
  close(r[2]!, Math.log(10), 1e-5, 'r(0.9)');
});
