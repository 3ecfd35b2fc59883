import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { chooseBackend, describeBackendChoice, WASM_THREADS_ENV_VAR } from '../../../src/core/runtime/backend.js';
import { wasmThreadsLastScriptFolder } from '../../../src/core/runtime/wasm-threads.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { conv2d, matMul } from '../../../src/core/runtime/fast-ops.js';
import { withEnvVar } from '../../helpers/env-var.js';

// tfjs has one wasm backend per process: these tests run in order, single-threaded first, then the threaded build.

const withThreads = <T>(value: string | undefined, body: () => Promise<T>): Promise<T> => withEnvVar(WASM_THREADS_ENV_VAR, value, body);

/** A matmul, a 'valid' stride-2 conv2d and the conv2d's gradients with respect to its input and filter, from seeded inputs. */
function computeOps(): Float32Array[] {
  const rng = new Rng(7);
  const normal = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
  return tf.tidy(() => {
    const product = matMul(normal([96, 200]) as tf.Tensor2D, normal([200, 72]) as tf.Tensor2D);
    const x = normal([4, 20, 20, 6]) as tf.Tensor4D;
    const filter = normal([3, 3, 6, 16]) as tf.Tensor4D;
    const weights = normal([4, 9, 9, 16]);
    // Shiva's own ops (fast-ops.ts): wasm has no Conv2DBackpropFilter kernel, so its gradients are convolutions too.
    const conv = (input: tf.Tensor4D, f: tf.Tensor4D) => conv2d(input, f, 2);
    const loss = (input: tf.Tensor, f: tf.Tensor) => tf.sum(tf.mul(tf.relu(conv(input as tf.Tensor4D, f as tf.Tensor4D)), weights));
    const [dx, dFilter] = tf.grads(loss)([x, filter]);
    return [product, conv(x, filter), dx!, dFilter!].map((t) => t.dataSync() as Float32Array);
  });
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = Math.max(1, ...expected.map(Math.abs));
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= 1e-5 * scale, `${what}[${i}]: ${actual[i]} against ${expected[i]} single-threaded`);
  }
}

let singleThreaded: Float32Array[] = [];

test('single-threaded wasm first: the reference results', async () => {
  const choice = await chooseBackend('wasm');
  assert.equal(choice.name, 'wasm');
  singleThreaded = computeOps();
  assert.equal(tf.memory().numTensors, 0);
});

test('wasm-threads runs XNNPACK on 2 threads, with the globals it replaced restored and its scripts removed', async () => {
  const [blob, createObjectURL, cpus] = [globalThis.Blob, URL.createObjectURL, os.cpus];
  const choice = await withThreads('2', () => chooseBackend('wasm-threads'));
  assert.equal(choice.name, 'wasm-threads');
  assert.equal(choice.tfName, 'wasm');
  assert.equal(getThreadsCount(), 2);
  assert.equal(describeBackendChoice(choice).line, 'backend: wasm-threads (2 threads)');
  assert.ok(globalThis.Blob === blob && URL.createObjectURL === createObjectURL && os.cpus === cpus, 'Blob, URL.createObjectURL and os.cpus are the originals');
  const folder = wasmThreadsLastScriptFolder();
  assert.ok(folder !== null && folder.startsWith(os.tmpdir()), `the scripts' folder: ${folder}`);
  assert.equal(existsSync(folder), false);
});

test('wasm-threads gives single-threaded results for a matmul, a conv2d and its gradients', () => {
  assert.equal(getThreadsCount(), 2);
  const threaded = computeOps();
  ['matmul', 'conv2d', 'conv2d dx', 'conv2d dfilter'].forEach((what, i) => assertClose(threaded[i]!, singleThreaded[i]!, what));
});

test('while the threaded build holds tensors, asking for plain wasm is refused saying why, and the threads stay', async () => {
  const kept = tf.ones([3]);
  try {
    await assert.rejects(chooseBackend('wasm'), (e: unknown) => isShivaError(e, 'SHIVA_ERR_BACKEND') && /wasm: tfjs's wasm backend is already initialised with 2 threads in this process and holds 1 tensor, which rebuilding it single-threaded would lose/.test((e as Error).message));
    assert.equal(getThreadsCount(), 2);
    assert.equal(tf.sum(kept).arraySync(), 3);
  } finally {
    tf.dispose(kept);
  }
});

test('SHIVA_WASM_THREADS out of 1..8 is refused naming the variable, what it takes and what came', async () => {
  for (const bad of ['0', '9', 'many', '2.5']) {
    await assert.rejects(
      withThreads(bad, () => chooseBackend('wasm-threads')),
      (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && (e as Error).message === `environment variable SHIVA_WASM_THREADS: expected an integer from 1 to 8 (tfjs's threaded wasm build starts 8 workers), got "${bad}"`,
    );
  }
});

test('a process on wasm-threads exits by itself and leaves no script files', () => {
  const backend = new URL('../../../src/core/runtime/backend.js', import.meta.url).href;
  const threads = new URL('../../../src/core/runtime/wasm-threads.js', import.meta.url).href;
  const script = `const { chooseBackend } = await import(${JSON.stringify(backend)}); const { wasmThreadsLastScriptFolder } = await import(${JSON.stringify(threads)});
const choice = await chooseBackend('wasm-threads'); console.log(JSON.stringify({ device: choice.device, folder: wasmThreadsLastScriptFolder() }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, [WASM_THREADS_ENV_VAR]: '2', SHIVA_BACKEND: '' } });
  assert.equal(child.status, 0, `exit status ${child.status} (signal ${child.signal}): ${child.stderr}`);
  const { device, folder } = JSON.parse(child.stdout) as { device: string; folder: string };
  assert.equal(device, '2 threads');
  assert.equal(existsSync(folder), false);
});

test('where Node has no SharedArrayBuffer, asking for wasm-threads is a ShivaError saying so', () => {
  const backend = new URL('../../../src/core/runtime/backend.js', import.meta.url).href;
  const script = `const { chooseBackend } = await import(${JSON.stringify(backend)});
try { await chooseBackend('wasm-threads'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
  const child = spawnSync(process.execPath, ['--no-harmony-sharedarraybuffer', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, SHIVA_BACKEND: '' } });
  assert.equal(child.status, 0, `exit status ${child.status} (signal ${child.signal}): ${child.stderr}`);
  assert.deepEqual(JSON.parse(child.stdout), {
    code: 'SHIVA_ERR_BACKEND',
    message:
      'backend "wasm-threads" (argument): no backend could be initialised (wasm-threads: this Node has no SharedArrayBuffer (started with --no-harmony-sharedarraybuffer?), which the threaded build needs to share its memory with its workers)',
  });
});
