// tfjs's WebGPU backend on Dawn's Node binding, where a WebGPU adapter exists: a GPU with Vulkan drivers, or, on a
// machine without one, Mesa's software renderer through Dawn's OpenGL ES backend:
//   SHIVA_WEBGPU_DAWN=backend=opengles EGL_PLATFORM=surfaceless node --test dist/test/core/runtime/webgpu-backend.test.js
// Elsewhere (CI) every test here is skipped, with the reason Dawn gave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createDense, denseTf } from '../../../agents/networks/dense.js';
import { ParameterSet } from '../../../agents/networks/parameters.js';
import { VisualEncoder } from '../../../agents/networks/visual-encoder.js';
import { isShivaError } from '../../../src/core/errors.js';
import { chooseBackend, WEBGPU_SYNC_READ_REASON } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { describeAdapter, registerWebgpu } from '../../../src/core/runtime/webgpu-backend.js';

let adapter: string | null = null;
let reason = '';
try {
  adapter = describeAdapter(await registerWebgpu());
} catch (error) {
  reason = error instanceof Error ? error.message : String(error);
}
const skip = adapter === null && `no WebGPU adapter here (${reason}); SHIVA_WEBGPU_DAWN=backend=opengles EGL_PLATFORM=surfaceless runs it on Mesa's software renderer`;

/** A visual encoder (convolutions) and an MLP head, three Adam steps on seeded data: each loss and the weights after. */
async function train(backend: string): Promise<{ losses: number[]; weights: Float32Array[] }> {
  assert.ok(await tf.setBackend(backend), `tf.setBackend('${backend}')`);
  const rng = new Rng(7);
  const params = new ParameterSet();
  const encoder = new VisualEncoder(params, 'encoder', [3, 24, 24], 32, rng, 'simple');
  const hidden = createDense(params, 'hidden', 32, 32, rng, Math.SQRT2);
  const head = createDense(params, 'head', 32, 4, rng, 1);
  const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const x = tf.tensor2d(normal(16 * 3 * 24 * 24), [16, 3 * 24 * 24]);
  const y = tf.tensor2d(normal(16 * 4), [16, 4]);
  const optimizer = tf.train.adam(1e-2);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(denseTf(tf.relu(denseTf(encoder.forwardTf(x), hidden)), head), y))) as tf.Scalar, true, params.variables())!;
    losses.push((await loss.data())[0]!);
    loss.dispose();
  }
  const weights = await Promise.all(params.variables().map(async (v) => (await v.data()) as Float32Array));
  optimizer.dispose();
  tf.dispose([x, y, ...params.variables()]);
  return { losses, weights };
}

test('a training step on webgpu gives the numbers wasm gives', { skip }, async () => {
  await chooseBackend('wasm');
  const wasm = await train('wasm');
  const gpu = await train('webgpu');
  for (let i = 0; i < wasm.losses.length; i++) {
    assert.ok(Math.abs(gpu.losses[i]! - wasm.losses[i]!) <= 1e-4 * Math.max(1, Math.abs(wasm.losses[i]!)), `step ${i}: loss ${gpu.losses[i]} on ${adapter}, ${wasm.losses[i]} on wasm`);
  }
  assert.ok(wasm.losses[2]! < wasm.losses[0]!, 'the steps learn');
  wasm.weights.forEach((w, i) => {
    let worst = 0;
    for (let k = 0; k < w.length; k++) worst = Math.max(worst, Math.abs(w[k]! - gpu.weights[i]![k]!));
    assert.ok(worst <= 1e-4, `weight array ${i}: differs by up to ${worst}`);
  });
  await chooseBackend('wasm');
});

test("Shiva's chooser refuses webgpu for training, naming the adapter and the missing synchronous reads", { skip }, async () => {
  await chooseBackend('wasm');
  await assert.rejects(
    chooseBackend('webgpu'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_BACKEND') && (e as Error).message.includes(`adapter ${adapter} found, but tfjs's webgpu backend ${WEBGPU_SYNC_READ_REASON}`),
  );
  assert.equal(tf.getBackend(), 'wasm', 'the backend in use stays');
  assert.equal(tf.sum(tf.ones([65536])).dataSync()[0], 65536);
});
