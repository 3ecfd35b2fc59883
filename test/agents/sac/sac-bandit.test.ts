/**
 * SAC on one-step bandits whose best action is known, learned from a replay buffer of uniform actions (every
 * step terminal, so the soft Q is the reward):
 * - continuous: reward −(a − 0.5)²; the squashed Gaussian's mode tanh(μ) should reach 0.5 and α should fall as
 *   the policy narrows toward the target entropy −1. An untrained actor has tanh(μ) ≈ 0 (reward −0.25).
 * - discrete (one branch of 4, action 3 masked although it would pay most): rewards (0, 1, 0.2, 5); the policy
 *   should put most of its mass on action 1 and none on action 3. An untrained policy is uniform over the 3
 *   allowed actions (expected reward 0.4).
 */
import { SB3_SAC } from '../../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { DiscreteSac } from '../../../agents/sac/discrete-sac.js';
import { sacHyperparameters } from '../../../agents/sac/hyperparameters.js';
import { Sac } from '../../../agents/sac/sac.js';
import { ReplayBuffer } from '../../../agents/replay/replay-buffer.js';
import { replaySpecOf } from '../../../agents/replay/replay-types.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';

await chooseBackend('wasm');

const OBS = Float32Array.from([1, -0.5]);
const network = { hiddenUnits: 16, numLayers: 2, activation: 'relu' as const };

test('continuous SAC: tanh(μ(s)) reaches the best action 0.5 within ±0.1 and α falls, in 300 gradient steps (seed 5)', () => {
  const spec: BehaviorSpec = { name: 'Bandit?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 1, discreteBranches: [] } };
  const rng = new Rng(5);
  const buffer = new ReplayBuffer(512, replaySpecOf(spec));
  for (let i = 0; i < 512; i++) {
    const a = rng.uniform(-1, 1);
    buffer.add({ observations: [OBS], continuousActions: Float32Array.of(a), discreteActions: new Int32Array(0), actionMask: null, reward: -((a - 0.5) ** 2), nextObservations: [OBS], nextActionMask: null, done: true, discount: 0.99 });
  }
  const hp = sacHyperparameters({ ...SB3_SAC, batch_size: 64, buffer_size: 512, learning_rate: 3e-3, init_entcoef: 0.1 });
  const sac = new Sac(spec, network, hp, new RunSeeds(5), 'bandit');
  const mode = () => sac.act([OBS], null, 1, rng, true).continuous[0]!;
  assert.ok(Math.abs(mode()) < 0.1, `untrained mode ≈ 0, got ${mode()}`);
  const tensors = tf.memory().numTensors;
  let last = null;
  for (let i = 0; i < 300; i++) last = sac.gradientStep(buffer.sample(64, rng), rng);
  assert.equal(tf.memory().numTensors, tensors, 'no tensor outlives a step');
  assert.ok(Math.abs(mode() - 0.5) < 0.1, `tanh(μ) = ${mode()}, expected 0.5 ± 0.1`);
  assert.ok(sac.alphas[0]! < 0.1, `α fell from 0.1 (entropy ${last!.entropies[0]} above the target −1): ${sac.alphas[0]}`);
  sac.dispose();
});

test('discrete SAC: the policy concentrates on the best allowed action and never on the masked one, in 300 gradient steps (seed 6)', () => {
  const spec: BehaviorSpec = { name: 'Arms?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 0, discreteBranches: [4] } };
  const rewards = [0, 1, 0.2, 5];
  const mask = Uint8Array.of(0, 0, 0, 1);
  const rng = new Rng(6);
  const buffer = new ReplayBuffer(512, replaySpecOf(spec, { actionMasks: true }));
  for (let i = 0; i < 512; i++) {
    const a = rng.int(3);
    buffer.add({ observations: [OBS], continuousActions: new Float32Array(0), discreteActions: Int32Array.of(a), actionMask: mask, reward: rewards[a]!, nextObservations: [OBS], nextActionMask: mask, done: true, discount: 0.99 });
  }
  const hp = sacHyperparameters({ ...SB3_SAC, batch_size: 64, buffer_size: 512, learning_rate: 3e-3, init_entcoef: 0.2 });
  const sac = new DiscreteSac(spec, network, hp, new RunSeeds(6), 'arms');
  const probs = () => Array.from(sac.actor.logProbsHost([OBS], mask, 1), Math.exp);
  const p0 = probs();
  assert.ok(p0.slice(0, 3).every((p) => Math.abs(p - 1 / 3) < 0.02) && p0[3] === 0, `untrained: uniform over the allowed actions, got ${p0}`);
  const tensors = tf.memory().numTensors;
  let last = null;
  for (let i = 0; i < 300; i++) last = sac.gradientStep(buffer.sample(64, rng), rng);
  assert.equal(tf.memory().numTensors, tensors, 'no tensor outlives a step');
  const p = probs();
  assert.equal(p[3], 0, 'the masked action keeps probability 0');
  assert.ok(p[1]! > 0.8, `π(best) = ${p[1]}, expected > 0.8 (all: ${p.map((x) => x.toFixed(3))})`);
  assert.equal(sac.act([OBS], mask, 1, rng, true).discrete[0], 1, 'greedy action');
  // The soft-optimal policy at α = 0.2 (π ∝ exp(Q/α)) has entropy ≈ 0.15 nats, below the target 0.2·log 4 ≈ 0.28:
  // once the policy got there, α rose from 0.2 to ask for more entropy.
  assert.ok(last!.entropies[0]! < 0.2 * Math.log(4), `entropy ${last!.entropies[0]}`);
  assert.ok(sac.alphas[0]! > 0.2, `α ${sac.alphas[0]}`);
  const draws = Array.from({ length: 200 }, () => sac.act([OBS], mask, 1, rng, false).discrete[0]!);
  assert.ok(!draws.includes(3), 'sampling never picks the masked action');
  sac.dispose();
});
