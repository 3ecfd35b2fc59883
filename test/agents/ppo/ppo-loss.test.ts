import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { multiHeadLoss, ppoLoss, ppoValueLoss } from '../../../agents/ppo/ppo-loss.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';

await chooseBackend('wasm');

function terms(clipValueLoss: boolean) {
  const out = tf.tidy(() => {
    const t = ppoLoss({
      newLogProb: tf.tensor1d([Math.log(1.5), Math.log(0.5), 0]),
      oldLogProb: tf.tensor1d([0, 0, 0]),
      advantages: tf.tensor1d([1, 1, -2]),
      newValue: tf.tensor1d([1.0, 0.2, 0.6]),
      oldValue: tf.tensor1d([0.5, 0.5, 0.5]),
      returns: tf.tensor1d([1, 0, 2]),
      entropy: tf.scalar(1),
      epsilon: 0.2,
      beta: 0.01,
      valueLossCoef: 0.5,
      clipValueLoss,
    });
    return tf.stack([t.loss, t.policyLoss, t.valueLoss, t.approxKl, t.clipFraction]);
  });
  const [loss, policyLoss, valueLoss, approxKl, clipFraction] = Array.from(out.dataSync());
  out.dispose();
  return { loss: loss!, policyLoss: policyLoss!, valueLoss: valueLoss!, approxKl: approxKl!, clipFraction: clipFraction! };
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-5, `${what}: ${a} ≠ ${b}`);

test('clipped surrogate, clipped value loss, entropy bonus and diagnostics on hand-computed values', () => {
  // ratios 1.5, 0.5, 1; A = 1, 1, −2; ε = 0.2:
  //   min(1.5·1, 1.2·1) = 1.2; min(0.5·1, 0.8·1) = 0.5; min(−2, −2) = −2 → policy loss = −(−0.3/3) = 0.1
  // values: R − V = 0, −0.2, 1.4; V_clipped = 0.7, 0.3, 0.6 → R − V_clipped = 0.3, −0.3, 1.4
  //   max of squares: 0.09, 0.09, 1.96 → value loss = 2.14/3 = 0.713333
  // loss = 0.1 + 0.5·0.713333 − 0.01·1 = 0.446667
  // approx KL = mean((r − 1) − ln r) = (0.5 − 0.405465 + (−0.5 + 0.693147) + 0)/3 = 0.095894
  // clip fraction: |r − 1| > 0.2 for two of three = 0.666667
  const t = terms(true);
  close(t.policyLoss, 0.1, 'policy loss');
  close(t.valueLoss, 2.14 / 3, 'value loss');
  close(t.loss, 0.1 + 0.5 * (2.14 / 3) - 0.01, 'loss');
  close(t.approxKl, (0.5 - Math.log(1.5) + (-0.5 + Math.log(2))) / 3, 'approx KL');
  close(t.clipFraction, 2 / 3, 'clip fraction');
});

test('without value clipping the value loss is the plain mean squared error', () => {
  // (R − V)² = 0, 0.04, 1.96 → 2.0/3
  close(terms(false).valueLoss, 2 / 3, 'value loss');
});

test('a value head per reward signal: the value loss is the mean over heads of each clipped loss, and the loss follows it', () => {
  const [extrinsic, signal, mean, loss, policy] = tf.tidy(() => {
    const t = ppoLoss({
      newLogProb: tf.tensor1d([0, 0]),
      oldLogProb: tf.tensor1d([0, 0]),
      advantages: tf.tensor1d([1, -1]),
      newValue: tf.tensor1d([1, 0]),
      oldValue: tf.tensor1d([1, 0]),
      returns: tf.tensor1d([2, 0]),
      entropy: tf.scalar(0.5),
      epsilon: 0.2,
      beta: 0.1,
      valueLossCoef: 0.5,
      clipValueLoss: true,
    });
    // The signal's head: V = [0.5, 0.5] from V_old = [0, 1], returns [1, 1]: clipped to [0.2, 0.8]; max errors 0.64, 0.25.
    const head = ppoValueLoss(tf.tensor1d([0.5, 0.5]), tf.tensor1d([0, 1]), tf.tensor1d([1, 1]), 0.2, true);
    const both = multiHeadLoss(t, [head], tf.scalar(0.5), 0.5, 0.1);
    return [t.valueLoss, head, both.valueLoss, both.loss, both.policyLoss].map((x) => x.dataSync()[0]!);
  });
  assert.ok(Math.abs(extrinsic! - 0.5) < 1e-6, `extrinsic head: mean(1, 0) = 0.5, got ${extrinsic}`);
  assert.ok(Math.abs(signal! - (0.64 + 0.25) / 2) < 1e-6, `signal head: ${signal}`);
  assert.ok(Math.abs(mean! - (0.5 + 0.445) / 2) < 1e-6, `mean over heads: ${mean}`);
  assert.ok(Math.abs(loss! - (policy! + 0.5 * mean! - 0.1 * 0.5)) < 1e-6, `loss: ${loss}`);
});
