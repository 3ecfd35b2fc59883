import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Adam, BACKEND_STEP_MIN_SIZE } from '../../../agents/networks/adam.js';
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

test('large weight arrays step on the backend and agree with the host step; clipping and checkpoints cover both', () => {
  // One array above BACKEND_STEP_MIN_SIZE (on the backend under wasm), one below (on the host); the reference is
  // the formula in float64 over both.
  const big = BACKEND_STEP_MIN_SIZE + 5;
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const r = rng(7);
  const start = [Float32Array.from({ length: big }, r), Float32Array.from({ length: 10 }, r)];
  const gradsOf = (k: number) => [Float32Array.from({ length: big }, (_, i) => Math.sin(i + k)), Float32Array.from({ length: 10 }, (_, i) => Math.cos(i * k))];
  const vars = start.map((s) => tf.variable(tf.tensor1d(s)));
  const baseline = tf.memory();
  const adam = new Adam(vars, { epsilon: 1e-5 });
  assert.equal(adam.backendArrays, 1, 'the large array steps on the backend, the small one on the host');
  // Host reference: torch's Adam with global-norm clipping at 5.
  const ref = start.map((s) => Float64Array.from(s));
  const m = start.map((s) => new Float64Array(s.length));
  const v = start.map((s) => new Float64Array(s.length));
  for (let t = 1; t <= 3; t++) {
    const g = gradsOf(t);
    const norm = Math.sqrt(g.reduce((a, x) => a + x.reduce((b, y) => b + y * y, 0), 0));
    const scale = Math.min(1, 5 / (norm + 1e-6));
    const got = tf.tidy(() => adam.applyGradients(g.map((x) => tf.tensor1d(x)), 0.01, 5));
    assert.ok(Math.abs(got - norm) <= 1e-4 * norm, `‖g‖ at step ${t}: ${got} ≠ ${norm}`);
    ref.forEach((theta, a) => {
      for (let k = 0; k < theta.length; k++) {
        const gk = g[a]![k]! * scale;
        m[a]![k] = 0.9 * m[a]![k]! + 0.1 * gk;
        v[a]![k] = 0.999 * v[a]![k]! + 0.001 * gk * gk;
        theta[k] = theta[k]! - ((0.01 / (1 - 0.9 ** t)) * m[a]![k]!) / (Math.sqrt(v[a]![k]!) / Math.sqrt(1 - 0.999 ** t) + 1e-5);
      }
    });
  }
  vars.forEach((x, a) => {
    const got = x.dataSync();
    let worst = 0;
    for (let k = 0; k < got.length; k++) worst = Math.max(worst, Math.abs(got[k]! - ref[a]![k]!));
    assert.ok(worst <= 1e-6, `array ${a}: largest difference from the reference ${worst}`);
  });
  // A checkpoint restores both kinds of moments: the copy's next step equals the original's.
  const copyVars = vars.map((x) => tf.tidy(() => tf.variable(tf.tensor1d(x.dataSync()))));
  const copy = new Adam(copyVars, { epsilon: 1e-5 });
  copy.load(JSON.parse(JSON.stringify(adam.save())), 'ckpt.json');
  const g4 = gradsOf(4);
  tf.tidy(() => adam.applyGradients(g4.map((x) => tf.tensor1d(x)), 0.01, 5));
  tf.tidy(() => copy.applyGradients(g4.map((x) => tf.tensor1d(x)), 0.01, 5));
  vars.forEach((x, a) => assert.deepEqual(Array.from(copyVars[a]!.dataSync()), Array.from(x.dataSync()), `array ${a} after the restored step`));
  // A variable the loss did not reach takes a zero gradient: its moments decay, its weights still move by m.
  const before = Array.from(vars[0]!.dataSync().slice(0, 3));
  tf.tidy(() => adam.applyGradients([undefined, tf.tensor1d(g4[1]!)], 0.01, 0));
  assert.notDeepEqual(Array.from(vars[0]!.dataSync().slice(0, 3)), before);
  adam.dispose();
  copy.dispose();
  tf.dispose(copyVars);
  assert.equal(tf.memory().numTensors, baseline.numTensors, 'dispose frees the backend moments of both optimizers, and nothing else is left');
  assert.equal(tf.memory().numBytes, baseline.numBytes);
  tf.dispose(vars);
});
