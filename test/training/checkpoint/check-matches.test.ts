/**
 * checkMatches: a checkpoint that fits passes; every kind of misfit is listed, all at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isShivaError } from '../../../src/core/errors.js';
import { checkMatches } from '../../../src/training/checkpoint/index.js';
import { sampleCheckpoint } from './checkpoint-fixture.js';

const shapes = {
  'policy/dense_0/kernel': [4, 3],
  'policy/dense_0/bias': [3],
  'optimizer/step': [],
  'optimizer/m/policy/dense_0/bias': [3, 0],
  'normalizer/special': [2, 4],
};

test('a checkpoint with exactly the expected names and shapes fits', () => {
  assert.doesNotThrow(() => checkMatches(sampleCheckpoint(), { behavior: 'CartPole', tensors: shapes }));
  assert.doesNotThrow(() => checkMatches(sampleCheckpoint(), { tensors: shapes }));
});

test('extra tensors are refused unless allowed', () => {
  const weightsOnly = { 'policy/dense_0/kernel': [4, 3], 'policy/dense_0/bias': [3] };
  assert.doesNotThrow(() => checkMatches(sampleCheckpoint(), { tensors: weightsOnly, allowExtra: true }));
  assert.throws(
    () => checkMatches(sampleCheckpoint(), { tensors: weightsOnly }, 'run.ckpt'),
    (error: unknown) =>
      isShivaError(error, 'SHIVA_ERR_MODEL_STATE') &&
      error.message ===
        'run.ckpt does not fit the network it is loaded into (3 differences): ' +
          'tensor "optimizer/step": not expected by the network, found shape []; ' +
          'tensor "optimizer/m/policy/dense_0/bias": not expected by the network, found shape [3,0]; ' +
          'tensor "normalizer/special": not expected by the network, found shape [2,4]',
  );
});

test('a different behavior, a changed shape and a missing tensor are all listed', () => {
  const expected = {
    behavior: 'Pendulum',
    tensors: { ...shapes, 'policy/dense_0/kernel': [3, 64], 'value/dense_0/kernel': [4, 64] },
  };
  assert.throws(
    () => checkMatches(sampleCheckpoint(), expected, 'results/r/CartPole/checkpoint-4096.ckpt'),
    (error: unknown) =>
      isShivaError(error, 'SHIVA_ERR_MODEL_STATE') &&
      error.message ===
        'results/r/CartPole/checkpoint-4096.ckpt does not fit the network it is loaded into (3 differences): ' +
          'behavior: expected "Pendulum", found "CartPole"; ' +
          'tensor "policy/dense_0/kernel": expected shape [3,64], found [4,3]; ' +
          'tensor "value/dense_0/kernel": expected shape [4,64], missing from the checkpoint',
  );
});

test('a long list of differences is cut after twelve and counted', () => {
  const tensors = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`layer/${i}`, [i]]));
  assert.throws(
    () => checkMatches(sampleCheckpoint(), { tensors, allowExtra: true }),
    (error: unknown) => isShivaError(error, 'SHIVA_ERR_MODEL_STATE') && /\(20 differences\)/.test(error.message) && error.message.endsWith('; and 8 more') && (error.message.match(/missing from the checkpoint/g) ?? []).length === 12,
  );
});
