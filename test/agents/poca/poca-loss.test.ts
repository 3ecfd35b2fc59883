/**
 * The POCA loss against hand-computed values: the clipped surrogate on the baseline advantages, and both the group
 * value and the baseline trained toward the λ-returns with ML-Agents' weights (c_v·(value + ½·baseline)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { clippedValueLoss, pocaLoss } from '../../../agents/poca/poca-loss.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';

await chooseBackend('wasm');

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-5, `${what}: ${a} ≠ ${b}`);

test('clipped value loss: the larger of the clipped and unclipped errors', () => {
  // G = 1, 1; V_old = 0, 0; V = 0.5, −0.1; ε = 0.2.
  // row 0: (1 − 0.5)² = 0.25, clipped V = 0.2: (0.8)² = 0.64 → 0.64
  // row 1: (1.1)² = 1.21, clipped V = −0.1 (inside): 1.21 → 1.21; mean 0.925
  const loss = tf.tidy(() => clippedValueLoss(tf.tensor1d([1, 1]), tf.tensor1d([0.5, -0.1]), tf.tensor1d([0, 0]), 0.2).dataSync()[0]!);
  near(loss, 0.925, 'loss');
});

test('the total: policy + c_v·(value + ½·baseline) − β·entropy', () => {
  const terms = tf.tidy(() => {
    const t = pocaLoss({
      // ratios e^0 = 1 and e^0.5 ≈ 1.6487 (clipped to 1.2 for a positive advantage)
      newLogProb: tf.tensor1d([0, 0.5]),
      oldLogProb: tf.tensor1d([0, 0]),
      advantages: tf.tensor1d([1, 2]),
      returns: tf.tensor1d([1, 1]),
      newValue: tf.tensor1d([1, 1]), // value loss 0
      oldValue: tf.tensor1d([1, 1]),
      newBaseline: tf.tensor1d([0, 0]), // baseline loss: (1 − 0)² = 1 each (no clipping: unchanged from old)
      oldBaseline: tf.tensor1d([0, 0]),
      entropy: tf.scalar(0.7),
      epsilon: 0.2,
      beta: 0.01,
      valueLossCoef: 0.5,
    });
    return [t.loss, t.policyLoss, t.valueLoss, t.baselineLoss, t.clipFraction].map((x) => x.dataSync()[0]!);
  });
  const [loss, policy, value, baseline, clipFraction] = terms as [number, number, number, number, number];
  // policy = −mean(min(1·1, 1·1), min(1.6487·2, 1.2·2)) = −(1 + 2.4)/2 = −1.7
  near(policy, -1.7, 'policy');
  near(value, 0, 'value');
  near(baseline, 1, 'baseline');
  near(clipFraction, 0.5, 'clip fraction');
  // −1.7 + 0.5·(0 + 0.5·1) − 0.01·0.7 = −1.457
  near(loss, -1.457, 'loss');
});
