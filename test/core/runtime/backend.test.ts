import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ENV_VAR, chooseBackend, describeBackendChoice, pickFastest, wasmDistDirectory, type BackendAttempt } from '../../../src/core/runtime/backend.js';
import { timeTrainingStep } from '../../../src/core/runtime/backend-speed.js';
import { isShivaError } from '../../../src/core/errors.js';
import { withEnvVar } from '../../helpers/env-var.js';

const require = createRequire(import.meta.url);
function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
const nativeMissing = !installed('@tensorflow/tfjs-node') && !installed('@tensorflow/tfjs-node-gpu');

const withEnv = <T>(value: string | undefined, body: () => Promise<T>): Promise<T> => withEnvVar(BACKEND_ENV_VAR, value, body);

test('auto tries tfjs-node-gpu, tfjs-node and webgpu; with none of them it takes wasm without measuring', { skip: !nativeMissing && 'a native backend is installed here' }, async (t) => {
  const choice = await withEnv(undefined, () => chooseBackend('auto'));
  if (choice.timings !== undefined) return t.skip(`webgpu loaded here (${choice.device}), so auto measured`);
  assert.equal(choice.name, 'wasm');
  assert.equal(choice.tfName, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(choice.requestSource, 'default');
  assert.deepEqual(choice.tried.map((a) => a.name), ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm']);
  assert.match(choice.tried[0]!.error!, /^not installed/);
  assert.match(choice.tried[1]!.error!, /^not installed/);
  // No GPU, no Vulkan driver, or (with an adapter) no synchronous reads on Node: each says so.
  assert.match(choice.tried[2]!.error!, /^not installed|^no WebGPU adapter: needs a GPU with Vulkan drivers|cannot read GPU tensors synchronously on Node/);
  assert.equal(choice.tried[3]!.error, undefined);
  assert.equal(describeBackendChoice(choice).line, 'backend: wasm');
});

test('webgpu named explicitly fails with a ShivaError saying why, and leaves the backend in use', { skip: !nativeMissing && 'a native backend is installed here' }, async () => {
  await withEnv(undefined, () => chooseBackend('wasm'));
  await assert.rejects(
    withEnv(undefined, () => chooseBackend('webgpu')),
    (e: unknown) =>
      isShivaError(e, 'SHIVA_ERR_BACKEND') &&
      /^backend "webgpu" \(argument\): no backend could be initialised \(webgpu: (not installed|no WebGPU adapter: needs a GPU with Vulkan drivers|adapter .* found, but tfjs's webgpu backend cannot read GPU tensors synchronously on Node)/.test((e as Error).message),
  );
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0], 6);
});

test('racing backends on the training step keeps the fastest, active, with every time recorded', async () => {
  const tried: BackendAttempt[] = [];
  // A smaller network than auto's, to keep the pure-JS cpu backend's steps short.
  const chosen = await pickFastest(['cpu', 'wasm'], tried, undefined, { inputs: 16, hidden: 32, outputs: 4, batch: 128 });
  assert.ok(chosen !== null);
  const timings = chosen.timings!;
  assert.deepEqual(timings.map((t) => t.name).sort(), ['cpu', 'wasm']);
  for (const t of timings) assert.ok(Number.isFinite(t.msPerStep) && t.msPerStep > 0, `${t.name}: ${t.msPerStep} ms`);
  assert.ok(timings[0]!.msPerStep <= timings[1]!.msPerStep, 'fastest first');
  assert.equal(chosen.name, timings[0]!.name);
  assert.equal(tf.getBackend(), chosen.name);
  const slower = timings[1]!;
  assert.deepEqual(tried.map((a) => a.name), [slower.name, chosen.name]);
  assert.match(tried[0]!.error!, new RegExp(`^slower: ${slower.msPerStep.toFixed(1)} ms per training step against ${chosen.name}'s ${timings[0]!.msPerStep.toFixed(1)} ms$`));
  const words = describeBackendChoice({ name: chosen.name, tfName: chosen.name, request: 'auto', requestSource: 'default', tried, timings });
  assert.equal(words.line, `backend: ${chosen.name} (ms per training step: ${timings.map((t) => `${t.name} ${t.msPerStep.toFixed(1)}`).join(', ')})`);
  await chooseBackend('wasm');
});

test('the step timed for auto leaves no tensor behind', async () => {
  await chooseBackend('wasm');
  const before = tf.memory().numTensors;
  const speed = timeTrainingStep(20);
  assert.ok(speed.steps >= 3 && speed.msPerStep > 0);
  assert.equal(tf.memory().numTensors, before);
});

test('a webgpu choice names its GPU in the line', () => {
  const line = describeBackendChoice({ name: 'webgpu', tfName: 'webgpu', request: 'webgpu', requestSource: 'argument', tried: [{ name: 'webgpu' }], device: 'NVIDIA H100 (vulkan)' }).line;
  assert.equal(line, 'backend: webgpu (NVIDIA H100 (vulkan))');
});

test('SHIVA_BACKEND overrides the argument, and an explicit backend is used alone', async () => {
  const cpu = await withEnv('cpu', () => chooseBackend('wasm'));
  assert.deepEqual([cpu.name, cpu.request, cpu.requestSource, tf.getBackend()], ['cpu', 'cpu', 'environment', 'cpu']);
  assert.deepEqual(cpu.tried, [{ name: 'cpu' }]);
  const wasm = await withEnv(undefined, () => chooseBackend('wasm'));
  assert.deepEqual([wasm.name, wasm.requestSource, tf.getBackend()], ['wasm', 'argument', 'wasm']);
  // Switching back and forth keeps working (wasm paths are set once only).
  assert.equal(tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0], 6);
});

test('a bad SHIVA_BACKEND value is a usage error naming the variable and the choices', async () => {
  await assert.rejects(
    withEnv('gpu', () => chooseBackend()),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && /SHIVA_BACKEND: expected one of auto, tensorflow-gpu, tensorflow, webgpu, wasm, wasm-threads, cpu, got "gpu"/.test((e as Error).message),
  );
});

test('asking explicitly for a native backend that is not installed fails with the reason', { skip: !nativeMissing && 'a native backend is installed here' }, async () => {
  await assert.rejects(
    withEnv(undefined, () => chooseBackend('tensorflow')),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_BACKEND') && /tensorflow: not installed/.test((e as Error).message),
  );
  assert.equal(tf.getBackend(), 'wasm', 'a failed request leaves the current backend in place');
});

test('the wasm binaries are found in the package dist directory, given with a trailing separator', () => {
  const dir = wasmDistDirectory();
  assert.ok(dir.endsWith(path.sep));
  assert.ok(existsSync(path.join(dir, 'tfjs-backend-wasm-simd.wasm')));
});
