/**
 * The fused dense layer (agents/networks/dense-op.ts) against the layer and activation as separate tfjs ops, on
 * the backend the learners train on (wasm) and on cpu: the same outputs and the same gradients with respect to
 * the input, the weights and the bias, for every activation; and no input gradient where it is turned off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { activateTf, ACTIVATIONS, type Activation } from '../../../agents/networks/activations.js';
import { denseActivation } from '../../../agents/networks/dense-op.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { matMul } from '../../../src/core/runtime/fast-ops.js';
import { Rng } from '../../../src/core/runtime/rng.js';

function random(rng: Rng, n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  assert.deepEqual(a.shape, b.shape);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
  return worst;
}

/** Gradients of Σ y·r with respect to x, W, b, and y itself, for a layer function. */
function gradients(layer: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D, x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, r: tf.Tensor2D) {
  const y = tf.tidy(() => layer(x, w, b));
  const grads = tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(layer(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D), r)))([x, w, b]);
  return { y, grads };
}

for (const backend of ['wasm', 'cpu'] as const) {
  for (const activation of ACTIVATIONS) {
    test(`dense-op on ${backend}: ${activation}(x·W + b) and its gradients equal the unfused layer's`, async () => {
      await chooseBackend(backend);
      const rng = new Rng(7);
      // Pre-activations spread over both signs and past tanh's and σ's linear range.
      const x = tf.tensor2d(random(rng, 37 * 13, 2), [37, 13]);
      const w = tf.tensor2d(random(rng, 13 * 9, 1), [13, 9]);
      const b = tf.tensor1d(random(rng, 9, 0.5));
      const r = tf.tensor2d(random(rng, 37 * 9, 1), [37, 9]);
      const fused = gradients((xi, wi, bi) => denseActivation(xi, wi, bi, activation as Activation), x, w, b, r);
      const apart = gradients((xi, wi, bi) => activateTf(tf.add(matMul(xi, wi), bi) as tf.Tensor2D, activation as Activation), x, w, b, r);
      // tanh on wasm is computed as 2σ(2z) − 1 (dense-op.ts): within float32 rounding of tanh; the rest are the same kernels.
      const tolerance = backend === 'wasm' && activation === 'tanh' ? 1e-5 : 1e-6;
      assert.ok(maxDifference(fused.y, apart.y) <= tolerance, `${activation}: outputs differ by ${maxDifference(fused.y, apart.y)}`);
      ['x', 'W', 'b'].forEach((name, i) => {
        const d = maxDifference(fused.grads[i]!, apart.grads[i]!);
        assert.ok(d <= tolerance * 10, `${activation}: gradient with respect to ${name} differs by ${d}`);
      });
      tf.dispose([x, w, b, r, fused.y, apart.y, ...fused.grads, ...apart.grads]);
    });
  }
}

test('dense-op without an input gradient: zeros for x, the same gradients for W and b', async () => {
  await chooseBackend('wasm');
  const rng = new Rng(3);
  const x = tf.tensor2d(random(rng, 8 * 4, 1), [8, 4]);
  const w = tf.tensor2d(random(rng, 4 * 5, 1), [4, 5]);
  const b = tf.tensor1d(random(rng, 5, 1));
  const r = tf.tensor2d(random(rng, 8 * 5, 1), [8, 5]);
  const off = gradients((xi, wi, bi) => denseActivation(xi, wi, bi, 'relu', false), x, w, b, r);
  const on = gradients((xi, wi, bi) => denseActivation(xi, wi, bi, 'relu', true), x, w, b, r);
  assert.equal(Math.max(...off.grads[0]!.dataSync().map(Math.abs)), 0);
  assert.ok(Math.max(...on.grads[0]!.dataSync().map(Math.abs)) > 0);
  assert.equal(maxDifference(off.grads[1]!, on.grads[1]!), 0);
  assert.equal(maxDifference(off.grads[2]!, on.grads[2]!), 0);
});

test('dense-op keeps no tensors past a gradient step', async () => {
  await chooseBackend('wasm');
  const w = tf.variable(tf.randomNormal([6, 4], 0, 1, 'float32', 1));
  const b = tf.variable(tf.zeros([4]));
  const x = tf.randomNormal([10, 6], 0, 1, 'float32', 2);
  const before = tf.memory().numTensors;
  for (let step = 0; step < 3; step++) {
    const { value, grads } = tf.variableGrads(() => tf.sum(denseActivation(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, 'swish')) as tf.Scalar, [w, b]);
    tf.dispose([value, ...Object.values(grads)]);
  }
  assert.equal(tf.memory().numTensors, before);
});
