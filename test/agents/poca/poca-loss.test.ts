/**
 * The POCA loss against hand-computed values: the clipped surrogate on the baseline advantages, and both the group
 * value and the baseline trained toward the λ-returns with ML-Agents' weights (c_v·(value + ½·baseline)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { policyBatch } from '../../../agents/networks/policy-batch.js';
import { clippedValueLoss, pocaLoss, pocaStats, pocaTargets, type PocaMinibatchStats } from '../../../agents/poca/poca-loss.js';
import { ppoLossOp } from '../../../agents/ppo/ppo-loss-op.js';
import { DimensionProperty, ObservationType, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

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

test("POCA's update loss (ppo-loss-op.ts with pocaTargets' weights) equals pocaLoss differentiated by tfjs, with a signal stream", () => {
  const rng = new Rng(5);
  const B = 40;
  const spec: BehaviorSpec = {
    name: 'Pair?team=0',
    observationSpecs: [{ name: 'vector', shape: [3], dimensionProperties: [DimensionProperty.NONE], observationType: ObservationType.DEFAULT }],
    actionSpec: { continuousSize: 0, discreteBranches: [3] },
  };
  const policy = new ActorCritic(spec, { hiddenUnits: 8 }, new Rng(1));
  const random = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
  const actions = Int32Array.from({ length: B }, () => rng.int(3));
  const prepared = policyBatch(policy, { size: B, observations: [random(B * 3, 1)], continuousActions: new Float32Array(0), discreteActions: actions }, null);
  const column = () => random(B, 2);
  const batch = { logProbs: new Float32Array(B), values: column(), baselines: column(), returns: column() };
  const stream = { values: column(), baselines: column(), returns: column() };
  const advantages = column();
  const rows = Int32Array.from({ length: B }, (_, i) => i);
  const logits = tf.tensor2d(random(B * 3, 2), [B, 3]);
  const heads = [0, 1, 2, 3].map(() => tf.tensor1d(column()));
  // Old log-probabilities around the current ones, so that some ratios are clipped.
  const current = tf.tidy(() => tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(actions, 'int32'), 3)), 1).dataSync());
  batch.logProbs.set(Float32Array.from(current, (x) => x + (rng.next() * 2 - 1) * 0.5));
  const k = { epsilon: 0.2, beta: 0.02, valueLossCoef: 0.5, clipValueLoss: true };
  const targets = pocaTargets(policy, prepared, batch, advantages, rows, [stream], k.valueLossCoef);

  const reference = (lg: tf.Tensor2D, v: tf.Tensor1D[]) => {
    const logProbs = tf.logSoftmax(lg);
    const oneHot = tf.tensor2d(prepared.oneHot!, [B, 3]);
    const newLogProb = tf.sum(tf.mul(oneHot, logProbs), 1) as tf.Tensor1D;
    const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1))) as tf.Scalar;
    const t = pocaLoss({
      newLogProb,
      oldLogProb: tf.tensor1d(batch.logProbs),
      advantages: tf.tensor1d(advantages),
      returns: tf.tensor1d(batch.returns),
      newValue: v[0]!,
      oldValue: tf.tensor1d(batch.values),
      newBaseline: v[2]!,
      oldBaseline: tf.tensor1d(batch.baselines),
      signals: [{ returns: tf.tensor1d(stream.returns), newValue: v[1]!, oldValue: tf.tensor1d(stream.values), newBaseline: v[3]!, oldBaseline: tf.tensor1d(stream.baselines) }],
      entropy,
      epsilon: k.epsilon,
      beta: k.beta,
      valueLossCoef: k.valueLossCoef,
    });
    return { t, entropy };
  };
  const expected = tf.tidy(() => {
    const { t, entropy } = reference(logits, heads);
    return [t.loss, t.policyLoss, t.valueLoss, t.baselineLoss, entropy, t.approxKl, t.clipFraction].map((x) => x.dataSync()[0]!);
  });
  const inputs = [logits, ...heads];
  const expectedGrads = tf.grads((...a: tf.Tensor[]) => reference(a[0] as tf.Tensor2D, a.slice(1) as tf.Tensor1D[]).t.loss)(inputs);
  let loss = NaN;
  let stats: PocaMinibatchStats | null = null;
  const actualGrads = tf.grads((...a: tf.Tensor[]) => {
    const out = ppoLossOp({ logits: a[0] as tf.Tensor2D, mean: null, logStd: null, values: a.slice(1) as tf.Tensor1D[] }, targets, k);
    stats = pocaStats(out.stats(), 2, 0);
    loss = out.loss.dataSync()[0]!;
    return out.loss;
  })(inputs);
  const s = stats as unknown as PocaMinibatchStats;
  assert.ok(s.clipFraction > 0.1 && s.clipFraction < 0.9, `some rows clipped, not all (${s.clipFraction})`);
  [loss, s.policyLoss, s.valueLoss, s.baselineLoss, s.entropy, s.approxKl, s.clipFraction].forEach((x, i) => near(x, expected[i]!, ['loss', 'policy', 'value', 'baseline', 'entropy', 'approx KL', 'clip fraction'][i]!));
  actualGrads.forEach((g, i) => {
    const a = g.dataSync();
    const e = expectedGrads[i]!.dataSync();
    for (let j = 0; j < a.length; j++) near(a[j]!, e[j]!, `gradient of input ${i} [${j}]`);
  });
  tf.dispose([...inputs, ...actualGrads, ...expectedGrads]);
});
