import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ENV_VAR, chooseBackend, wasmDistDirectory } from '../../../src/core/runtime/backend.js';
import { isShivaError } from '../../../src/core/errors.js';

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

async function withEnv<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env[BACKEND_ENV_VAR];
  if (value === undefined) delete process.env[BACKEND_ENV_VAR];
  else process.env[BACKEND_ENV_VAR] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[BACKEND_ENV_VAR];
    else process.env[BACKEND_ENV_VAR] = saved;
  }
}

test('auto tries tfjs-node-gpu, tfjs-node, wasm, cpu in that order and stops at the first that works', { skip: !nativeMissing && 'a native backend is installed here' }, async () => {
  const choice = await withEnv(undefined, () => chooseBackend('auto'));
  assert.equal(choice.name, 'wasm');
  assert.equal(choice.tfName, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(choice.requestSource, 'default');
  assert.deepEqual(choice.tried.map((t) => t.name), ['tensorflow-gpu', 'tensorflow', 'wasm']);
  assert.match(choice.tried[0]!.error!, /^not installed/);
  assert.match(choice.tried[1]!.error!, /^not installed/);
  assert.equal(choice.tried[2]!.error, undefined);
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
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && /SHIVA_BACKEND: expected one of auto, tensorflow-gpu, tensorflow, wasm, cpu, got "gpu"/.test((e as Error).message),
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
