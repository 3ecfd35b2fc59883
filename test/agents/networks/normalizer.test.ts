import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORMALIZER_CLIP, RunningNormalizer } from '../../../agents/networks/normalizer.js';
import { isShivaError } from '../../../src/core/errors.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

test('mean and variance after several batches equal those of all rows at once', () => {
  const n = new RunningNormalizer(2);
  n.update(Float32Array.from([1, 10, 2, 20, 3, 30]), 3);
  n.update(Float32Array.from([4, -5, 10, 0]), 2);
  // Column 0: 1 2 3 4 10 → mean 4, squared deviations 9+4+1+0+36 = 50 → variance 10.
  // Column 1: 10 20 30 −5 0 → mean 11, squared deviations 1+81+361+256+121 = 820 → variance 164.
  assert.equal(n.steps, 5);
  close(n.getMean()[0]!, 4);
  close(n.getMean()[1]!, 11);
  close(n.variance()[0]!, 10);
  close(n.variance()[1]!, 164);
});

test('merging many uneven batches matches the direct computation', () => {
  const rows: number[][] = [];
  const n = new RunningNormalizer(3);
  let seed = 1;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 20 - 7;
  for (const size of [1, 5, 2, 17, 1, 9]) {
    const batch: number[] = [];
    for (let r = 0; r < size; r++) {
      const row = [next(), next() * 3, 100 + next()];
      rows.push(row);
      batch.push(...row);
    }
    n.update(Float32Array.from(batch), size);
  }
  for (let j = 0; j < 3; j++) {
    const col = rows.map((r) => Math.fround(r[j]!));
    const mean = col.reduce((a, b) => a + b, 0) / col.length;
    const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
    close(n.getMean()[j]!, mean, 1e-9);
    close(n.variance()[j]!, variance, 1e-8);
  }
});

test('normalising subtracts the mean, divides by the std and clips at ±5', () => {
  const n = new RunningNormalizer(2);
  // Before any update: identity, still clipped (as ML-Agents).
  assert.deepEqual(Array.from(n.normalize(Float32Array.from([0.5, -7]), 1)), [0.5, -NORMALIZER_CLIP]);
  n.update(Float32Array.from([1, 10, 2, 20, 3, 30, 4, -5, 10, 0]), 5);
  const out = n.normalize(Float32Array.from([7, 11, 100, -1000]), 2);
  close(out[0]!, Math.fround(3 / Math.sqrt(10)), 1e-6);
  close(out[1]!, 0, 1e-6);
  assert.equal(out[2], NORMALIZER_CLIP);
  assert.equal(out[3], -NORMALIZER_CLIP);
});

test('state survives JSON and a mismatched state is refused', () => {
  const n = new RunningNormalizer(2);
  n.update(Float32Array.from([1, 2, 3, 5]), 2);
  const copy = new RunningNormalizer(2);
  copy.load(JSON.parse(JSON.stringify(n.save())), 'ckpt.json');
  assert.deepEqual(Array.from(copy.normalize(Float32Array.from([2, 4]), 1)), Array.from(n.normalize(Float32Array.from([2, 4]), 1)));
  assert.throws(
    () => new RunningNormalizer(3).load(n.save(), 'ckpt.json: observation #0'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_MODEL_STATE') && /ckpt\.json: observation #0: normaliser mean: expected 3 finite numbers, got 2 values/.test((e as Error).message),
  );
});
