import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../../agents/networks/adam.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';

await chooseBackend('wasm');
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-6, `${what}: ${a} ≠ ${b}`);

test('Adam steps follow torch.optim.Adam on hand-computed values, and its state survives JSON', () => {
  const theta = tf.variable(tf.tensor1d([1, -3]));
  const adam = new Adam([theta], { epsilon: 1e-5 });
  // Step 1, g = [2, −0.5], lr 0.1: m = 0.1·g, v = 0.001·g², lr/(1−β1) = 1, √v/√(1−β2) = |g|
  //   θ ← θ − m/(|g| + ε) = [1 − 0.2/2.00001, −3 + 0.05/0.50001]
  tf.tidy(() => adam.apply([tf.tensor1d([2, -0.5])], 0.1));
  const [a, b] = Array.from(theta.dataSync());
  close(a!, 1 - 0.2 / 2.00001, 'θ0');
  close(b!, -3 + 0.05 / 0.50001, 'θ1');
  // Step 2 from a copy restored from JSON equals step 2 of the original.
  const copyTheta = tf.variable(tf.tensor1d(theta.dataSync()));
  const copy = new Adam([copyTheta], { epsilon: 1e-5 });
  copy.load(JSON.parse(JSON.stringify(adam.save())), 'ckpt.json');
  assert.equal(copy.step, 1);
  tf.tidy(() => adam.apply([tf.tensor1d([1, 1])], 0.1));
  tf.tidy(() => copy.apply([tf.tensor1d([1, 1])], 0.1));
  assert.deepEqual(Array.from(copyTheta.dataSync()), Array.from(theta.dataSync()));
  // m2 = 0.9·0.2 + 0.1·1 = 0.28, v2 = 0.999·0.004 + 0.001 = 0.004996; θ0 −= (0.1/0.19)·0.28/(√0.004996/√0.001999 + 1e-5)
  const expected = 1 - 0.2 / 2.00001 - (0.1 / 0.19) * (0.28 / (Math.sqrt(0.004996) / Math.sqrt(1 - 0.999 ** 2) + 1e-5));
  close(theta.dataSync()[0]!, expected, 'θ0 after step 2');
  assert.throws(() => copy.load({ step: 1, m: [[0]], v: [[0, 0]] }, 'ckpt.json'), /ckpt\.json: optimizer m\[0\]: expected 2 values, got 1/);
  adam.dispose();
  copy.dispose();
  tf.dispose([theta, copyTheta]);
});
