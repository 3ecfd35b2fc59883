/**
 * The BC loss against hand-computed values (masked multi-discrete NLL, continuous MSE in the mean's space, hybrid
 * sum), and the update's minibatch arithmetic (num_epoch × min(⌊N / batch⌋, ⌊samples_per_update / batch⌋)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { BehavioralCloning, ImitationDatasetBuilder, bcLoss, continuousTargets } from '../../../agents/imitation/index.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { MASKED_LOGIT } from '../../../agents/networks/distributions.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');

const close = (actual: number, expected: number, tolerance = 1e-5) => assert.ok(Math.abs(actual - expected) < tolerance, `${actual} vs ${expected}`);

test('discrete NLL sums log-probabilities over branches, under the expert mask', () => {
  // Logits [1, 2, 0 | 0, 0], branches [3, 2], expert chose 1 and 0.
  const unmasked = -((2 - Math.log(Math.E + Math.E ** 2 + 1)) + (0 - Math.log(2)));
  // Action 2 of branch 0 masked: branch 0's softmax is over [1, 2] only.
  const masked = -((2 - Math.log(Math.E + Math.E ** 2)) + (0 - Math.log(2)));
  const [a, b] = tf.tidy(() => {
    const logits = tf.tensor2d([[1, 2, 0, 0, 0]]);
    const oneHot = tf.tensor2d([[0, 1, 0, 1, 0]]);
    const plain = bcLoss({ logits, mean: null }, [3, 2], { oneHot, allowed: null, offset: null, continuousTargets: null });
    const withMask = bcLoss({ logits, mean: null }, [3, 2], { oneHot, allowed: tf.tensor2d([[1, 1, 0, 1, 1]]), offset: tf.tensor2d([[0, 0, MASKED_LOGIT, 0, 0]]), continuousTargets: null });
    assert.equal(plain.mse, null);
    return [plain.loss.dataSync()[0]!, withMask.loss.dataSync()[0]!];
  });
  close(a, unmasked);
  close(b, masked);
});

test('continuous MSE is taken against the demo action mapped into the mean\'s space; hybrid is the sum', () => {
  assert.deepEqual([...continuousTargets(Float32Array.from([0.2, -1.5]), 'clip')].map((v) => Math.round(v * 10) / 10), [0.2, -1]);
  assert.deepEqual([...continuousTargets(Float32Array.from([0.2, -1.5]), 'clamp3')].map((v) => Math.round(v * 10) / 10), [0.6, -3]);
  const [clip, clamp3, hybrid] = tf.tidy(() => {
    const mean = tf.tensor2d([[0.5, -2]]);
    const mse = (targets: Float32Array) => bcLoss({ logits: null, mean }, [], { oneHot: null, allowed: null, offset: null, continuousTargets: tf.tensor2d(targets, [1, 2]) }).loss.dataSync()[0]!;
    const both = bcLoss({ logits: tf.tensor2d([[0, 0]]), mean }, [2], { oneHot: tf.tensor2d([[1, 0]]), allowed: null, offset: null, continuousTargets: tf.tensor2d(continuousTargets(Float32Array.from([0.2, -1.5]), 'clip'), [1, 2]) });
    return [mse(continuousTargets(Float32Array.from([0.2, -1.5]), 'clip')), mse(continuousTargets(Float32Array.from([0.2, -1.5]), 'clamp3')), both.loss.dataSync()[0]!];
  });
  close(clip, (0.3 ** 2 + 1 ** 2) / 2); // 0.545
  close(clamp3, (0.1 ** 2 + 1 ** 2) / 2); // 0.505
  close(hybrid, Math.log(2) + 0.545);
});

const SPEC: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 1, discreteBranches: [4] } };

function toyData(rows: number) {
  const rng = new Rng(5);
  const builder = new ImitationDatasetBuilder(SPEC);
  const obs = Float32Array.from({ length: rows * 3 }, () => rng.uniform(-1, 1));
  builder.add(rows, [obs], Float32Array.from({ length: rows }, (_, i) => obs[i * 3]!), Int32Array.from({ length: rows }, (_, i) => (obs[i * 3 + 1]! > 0 ? 1 : 2)), null);
  return builder.build();
}

test('an update runs num_epoch × min(⌊N / batch⌋, ⌊samples_per_update / batch⌋) minibatches (0 = all)', () => {
  const data = toyData(100);
  const count = (samplesPerUpdate: number) => {
    const policy = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1 }, new Rng(1));
    const bc = new BehavioralCloning(policy, { numEpoch: 3, batchSize: 32, samplesPerUpdate, learningRate: 1e-3 }, new Rng(2));
    const stats = bc.update(data);
    const steps = bc.optimizer.step;
    policy.dispose();
    return [stats.minibatches, steps];
  };
  assert.deepEqual(count(0), [9, 9]); // ⌊100 / 32⌋ = 3 per epoch
  assert.deepEqual(count(64), [6, 6]); // ⌊64 / 32⌋ = 2 per epoch
  assert.deepEqual(count(1000), [9, 9]); // never more than the data holds
});

test("the update's loss on the whole dataset equals evaluate(); only the actor's weights move", () => {
  const data = toyData(50);
  const policy = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1 }, new Rng(1));
  const bc = new BehavioralCloning(policy, { numEpoch: 1, batchSize: 50, samplesPerUpdate: 0, learningRate: 0 }, new Rng(2));
  const before = bc.evaluate(data);
  const stats = bc.update(data); // learning rate 0: one step that changes nothing
  close(stats.loss, before.loss, 1e-4);
  close(stats.nll!, before.nll!, 1e-4);
  close(stats.mse!, before.mse!, 1e-4);
  const critic = policy.params.all.filter((p) => p.name.startsWith('critic/')).map((p) => Array.from(p.host));
  const moving = new BehavioralCloning(policy, { numEpoch: 5, batchSize: 10, samplesPerUpdate: 0, learningRate: 1e-2 }, new Rng(3));
  moving.update(data);
  assert.deepEqual(policy.params.all.filter((p) => p.name.startsWith('critic/')).map((p) => Array.from(p.host)), critic);
  const after = moving.evaluate(data);
  assert.ok(after.loss < before.loss * 0.8, `loss ${before.loss} → ${after.loss}`);
  policy.dispose();
});
