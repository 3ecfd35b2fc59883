import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { dqnLoss } from '../../../agents/dqn/dqn-loss.js';
import { branchIndicator } from '../../../agents/networks/branch-indicator.js';
import { oneHotActions as oneHotBranches } from '../../../agents/networks/distributions-tf.js';

test('Huber TD loss: importance-weighted, summed over branches, averaged over transitions', () => {
  const branches = [3, 2];
  const before = tf.memory().numTensors;
  const [loss, meanQ, td] = tf.tidy(() => {
    const q = tf.tensor2d([1, 2, 3, 4, 5, 0, 0, 0, 1, 1], [2, 5]);
    const oneHot = tf.tensor2d(oneHotBranches(Int32Array.from([2, 0, 0, 1]), 2, branches), [2, 5]);
    const branchOf = tf.tensor2d(branchIndicator(branches), [5, 2]);
    const targets = tf.tensor2d([1, 4.5, 0, 1], [2, 2]);
    const terms = dqnLoss(q, oneHot, branchOf, targets, tf.tensor1d([2, 1]), 1);
    return [terms.loss.dataSync()[0]!, terms.meanQ.dataSync()[0]!, Array.from(terms.tdErrors.dataSync())];
  });
  // Row 0 takes Q = [3, 4] against [1, 4.5]: δ = [2, −0.5] → huber 1·(2 − ½) + ½·0.25 = 1.625, weight 2 → 3.25.
  // Row 1 takes Q = [0, 1] against [0, 1]: 0. Mean over the 2 rows: 1.625.
  assert.deepEqual(td, [2, -0.5, 0, 0]);
  assert.ok(Math.abs(loss - 1.625) < 1e-6, `loss ${loss}`);
  assert.ok(Math.abs(meanQ - 2) < 1e-6, `mean Q ${meanQ}`);
  assert.equal(tf.memory().numTensors, before, 'no tensor outlives the tidy');
});

test('branchIndicator and oneHotBranches lay branches side by side', () => {
  assert.deepEqual(Array.from(branchIndicator([2, 1])), [1, 0, 1, 0, 0, 1]);
  assert.deepEqual(Array.from(oneHotBranches(Int32Array.from([1, 0, 0, 0]), 2, [2, 1])), [0, 1, 1, 1, 0, 1]);
});
