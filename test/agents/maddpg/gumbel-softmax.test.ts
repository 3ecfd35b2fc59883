import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { gumbelNoise, gumbelSoftmaxTf, oneHotArgmax, segmentSoftmaxTf } from '../../../agents/maddpg/gumbel-softmax.js';
import { Rng } from '../../../src/core/runtime/rng.js';

test('the forward pass is the one-hot of argmax(logits + g) per branch', () => {
  const logits = tf.tensor2d([1, 2, 0, 0.5, 0, 3, 1, 0], [2, 4]);
  // Row 0: branch [1, 2, 0] + noise [1.5, 0, 0] → argmax 0; branch [0.5] alone → 0. Row 1: [0, 3, 1] → 1 with no noise; [0] → 0.
  const noise = Float32Array.from([1.5, 0, 0, 0, 0, 0, 0, 0]);
  const y = gumbelSoftmaxTf(logits, noise, [3, 1], 0.5);
  assert.deepEqual(Array.from(y.dataSync()), [1, 0, 0, 1, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(oneHotArgmax(Float32Array.from([0, 2, 2, 1]), 1, [4])), [0, 1, 0, 0], 'ties go to the first index');
  tf.dispose([logits, y]);
});

test('the gradient is that of the relaxed sample softmax((logits + g)/τ) (straight through)', () => {
  const logits = tf.tensor2d([0.3, -0.2, 1.1, 0.7, 0.1, -0.4], [2, 3]);
  const noise = Float32Array.from([0.2, -0.1, 0.05, -0.3, 0.4, 0.0]);
  const w = tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]);
  const tau = 0.7;
  const hard = tf.grad((l: tf.Tensor) => tf.sum(tf.mul(gumbelSoftmaxTf(l as tf.Tensor2D, noise, [3], tau), w)))(logits);
  const soft = tf.grad((l: tf.Tensor) => tf.sum(tf.mul(segmentSoftmaxTf(tf.div(tf.add(l, tf.tensor2d(noise, [2, 3])), tau) as tf.Tensor2D, [3]), w)))(logits);
  const a = hard.dataSync();
  const b = soft.dataSync();
  assert.ok(b.some((v) => Math.abs(v) > 0.01), 'the soft gradient is not trivially zero');
  for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k]! - b[k]!) < 1e-6, `component ${k}: ${a[k]} vs ${b[k]}`);
  // By hand for row 0: s = softmax((l + g)/τ), ∂/∂l_j Σ w_k s_k = s_j (w_j − Σ w_k s_k)/τ.
  const z = [0.5 / tau, -0.3 / tau, 1.15 / tau];
  const e = z.map(Math.exp);
  const s = e.map((v) => v / (e[0]! + e[1]! + e[2]!));
  const mean = s[0]! * 1 + s[1]! * 2 + s[2]! * 3;
  [1, 2, 3].forEach((wj, j) => assert.ok(Math.abs(a[j]! - (s[j]! * (wj - mean)) / tau) < 1e-5, `row 0 component ${j}`));
  tf.dispose([logits, w, hard, soft]);
});

test('Gumbel noise is seeded and has the standard Gumbel mean (Euler–Mascheroni, 0.5772)', () => {
  const a = gumbelNoise(1, 20000, new Rng(4));
  assert.deepEqual(a, gumbelNoise(1, 20000, new Rng(4)));
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  assert.ok(Math.abs(mean - 0.5772) < 0.03, `mean ${mean}`);
});
