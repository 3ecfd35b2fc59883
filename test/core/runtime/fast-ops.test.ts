import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { conv2dExplicitGrad, imagesChannelsLast, matMulExplicitGrad, sumRows, transpose2d } from '../../../src/core/runtime/fast-ops.js';
import { Rng } from '../../../src/core/runtime/rng.js';

function randomArray(rng: Rng, n: number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal() * scale);
}

/** Largest |a − b| relative to the largest |b| (at least 1). */
function relativeMaxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

test('matMul with explicit transposes has tfjs gradients to 1e-6 on wasm (value and both inputs)', async () => {
  await chooseBackend('wasm');
  const rng = new Rng(3);
  const a = tf.tensor2d(randomArray(rng, 64 * 32), [64, 32]);
  const b = tf.tensor2d(randomArray(rng, 32 * 16), [32, 16]);
  const weights = tf.tensor2d(randomArray(rng, 64 * 16), [64, 16]);
  // A loss whose upstream gradient is not all ones, so a transposition mistake cannot cancel out.
  const loss = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) =>
    tf.sum(tf.mul(tf.tanh(mm(x as tf.Tensor2D, y as tf.Tensor2D)), weights)) as tf.Scalar;
  const builtin = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
  const custom = tf.grads(loss(matMulExplicitGrad))([a, b]);
  assert.ok(relativeMaxDiff(matMulExplicitGrad(a, b).dataSync(), tf.matMul(a, b).dataSync()) <= 1e-6);
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(custom[i]!.shape, builtin[i]!.shape);
    assert.ok(relativeMaxDiff(custom[i]!.dataSync(), builtin[i]!.dataSync()) <= 1e-6, `gradient ${i}`);
  }
});

test('conv2d with both gradients as convolutions matches tfjs cpu gradients (wasm has no Conv2DBackpropFilter, a slow Conv2DBackpropInput)', async () => {
  const rng = new Rng(4);
  const cases = [
    { x: [2, 20, 20, 3], f: [8, 8, 3, 16], stride: 4 },
    { x: [3, 9, 11, 4], f: [4, 4, 4, 5], stride: 2 },
    { x: [2, 7, 7, 2], f: [3, 3, 2, 3], stride: 1 },
    // Strides that leave rows and columns of x outside every window (they get zero gradient).
    { x: [2, 23, 22, 3], f: [8, 8, 3, 4], stride: 4 },
    { x: [1, 10, 12, 2], f: [3, 2, 2, 3], stride: 3 },
  ];
  for (const c of cases) {
    const xs = randomArray(rng, c.x.reduce((p, q) => p * q, 1));
    const fs = randomArray(rng, c.f.reduce((p, q) => p * q, 1), 0.2);
    await chooseBackend('cpu');
    const reference = tf.grads((x, f) => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, 'valid'))) as tf.Scalar)([
      tf.tensor4d(xs, c.x as [number, number, number, number]),
      tf.tensor4d(fs, c.f as [number, number, number, number]),
    ]).map((g) => g.dataSync());
    await chooseBackend('wasm');
    const custom = tf.grads((x, f) => tf.sum(tf.square(conv2dExplicitGrad(x as tf.Tensor4D, f as tf.Tensor4D, c.stride))) as tf.Scalar)([
      tf.tensor4d(xs, c.x as [number, number, number, number]),
      tf.tensor4d(fs, c.f as [number, number, number, number]),
    ]).map((g) => g.dataSync());
    for (let i = 0; i < 2; i++) assert.ok(relativeMaxDiff(custom[i]!, reference[i]!) <= 1e-5, `case ${JSON.stringify(c)} gradient ${i}: ${relativeMaxDiff(custom[i]!, reference[i]!)}`);
  }
});

test('conv2d with inputGradient false gives the same filter gradient and zeros for x', async () => {
  await chooseBackend('wasm');
  const rng = new Rng(5);
  const x = tf.tensor4d(randomArray(rng, 2 * 20 * 20 * 3), [2, 20, 20, 3]);
  const f = tf.tensor4d(randomArray(rng, 8 * 8 * 3 * 4, 0.2), [8, 8, 3, 4]);
  const loss = (inputGradient: boolean) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(conv2dExplicitGrad(a as tf.Tensor4D, b as tf.Tensor4D, 4, inputGradient))) as tf.Scalar;
  const [dxFull, dfFull] = tf.grads(loss(true))([x, f]).map((g) => g.dataSync());
  const [dxNone, dfNone] = tf.grads(loss(false))([x, f]).map((g) => g.dataSync());
  assert.ok(relativeMaxDiff(dfNone!, dfFull!) <= 1e-6);
  assert.ok(dxFull!.some((v) => v !== 0), 'the full gradient reaches x');
  assert.ok(dxNone!.every((v) => v === 0));
});

test('transpose2d and imagesChannelsLast move exactly what tf.transpose moves, and sumRows sums the rows, on wasm and cpu', async () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    await chooseBackend(backend);
    const rng = new Rng(5);
    // Rows in blocks of 8 (the blocked path on wasm), a single block, and rows that are not (tf.transpose itself).
    for (const [rows, cols] of [[512, 64], [24, 5], [8, 3], [37, 13], [1, 4], [0, 3]] as const) {
      const x = tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.next() * 2 - 1), [rows, cols]);
      const t = transpose2d(x);
      assert.deepEqual(t.shape, [cols, rows]);
      assert.deepEqual(Array.from(t.dataSync()), Array.from(tf.transpose(x).dataSync()), `${backend} [${rows}, ${cols}]`);
      const sums = sumRows(x);
      // No rows sum to zeros (wasm's own Sum returns garbage there).
      const expected = rows === 0 ? new Float32Array(cols) : tf.sum(x, 0).dataSync();
      assert.deepEqual(sums.shape, [cols]);
      sums.dataSync().forEach((v, j) => assert.ok(Math.abs(v - expected[j]!) <= 1e-5 * Math.max(1, Math.abs(expected[j]!)), `${backend} [${rows}, ${cols}] column ${j}: ${v} ≠ ${expected[j]}`));
      tf.dispose([x, t, sums]);
    }
    // Rows of [C, H, W] images to NHWC: exactly the rank-4 transpose's values.
    const images = tf.tensor2d(Float32Array.from({ length: 2 * 3 * 5 * 4 }, () => rng.next()), [2, 3 * 5 * 4]);
    const nhwc = imagesChannelsLast(images, 3, 5, 4);
    assert.deepEqual(nhwc.shape, [2, 5, 4, 3]);
    assert.deepEqual(Array.from(nhwc.dataSync()), Array.from(tf.transpose(tf.reshape(images, [2, 3, 5, 4]), [0, 2, 3, 1]).dataSync()), `${backend}: images`);
    tf.dispose([images, nhwc]);
  }
  await chooseBackend('wasm');
});
