import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { QNetwork } from '../../../agents/networks/q-network.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { Rng } from '../../../src/core/runtime/rng.js';

const spec: BehaviorSpec = { name: 'Q?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } };
const obs = Float32Array.from([0.5, -1, 2, 0, 0.3, -0.7]);

for (const dueling of [false, true]) {
  test(`${dueling ? 'dueling' : 'plain'} Q-network: the host forward equals the tfjs forward`, () => {
    const net = new QNetwork(spec, { hiddenUnits: 8, numLayers: 2, activation: 'relu' }, dueling, new Rng(3));
    const host = net.forwardHost([obs], 2);
    const viaTf = tf.tidy(() => net.forwardTf([tf.tensor2d(obs, [2, 3])]).dataSync());
    assert.equal(host.length, 10);
    host.forEach((v, i) => assert.ok(Math.abs(v - viaTf[i]!) < 1e-5, `Q[${i}]: host ${v}, tfjs ${viaTf[i]}`));
    net.dispose();
  });
}

test('dueling heads: the mean Q of every branch is the shared state value V(s)', () => {
  const net = new QNetwork(spec, { hiddenUnits: 8, numLayers: 1, activation: 'tanh' }, true, new Rng(4));
  const q = net.forwardHost([obs], 2);
  for (let r = 0; r < 2; r++) {
    const b0 = (q[r * 5]! + q[r * 5 + 1]! + q[r * 5 + 2]!) / 3;
    const b1 = (q[r * 5 + 3]! + q[r * 5 + 4]!) / 2;
    assert.ok(Math.abs(b0 - b1) < 1e-5, `row ${r}: both branch means are V(s): ${b0} vs ${b1}`);
  }
  net.dispose();
});

test('softUpdateFrom moves the target τ of the way to the source; τ = 1 copies', () => {
  const a = new QNetwork(spec, { hiddenUnits: 4, numLayers: 1 }, false, new Rng(1));
  const b = new QNetwork(spec, { hiddenUnits: 4, numLayers: 1 }, false, new Rng(2));
  const before = b.params.all.map((p) => Float32Array.from(p.host));
  b.softUpdateFrom(a, 0.25);
  b.params.all.forEach((p, i) => {
    const src = a.params.all[i]!.host;
    p.host.forEach((v, k) => assert.ok(Math.abs(v - (0.25 * src[k]! + 0.75 * before[i]![k]!)) < 1e-6));
    const variable = p.variable.dataSync();
    p.host.forEach((v, k) => assert.equal(variable[k], v, 'the variable follows the host copy'));
  });
  b.softUpdateFrom(a, 1);
  assert.deepEqual(Array.from(b.forwardHost([obs], 2)), Array.from(a.forwardHost([obs], 2)));
  a.dispose();
  b.dispose();
});

test('continuous actions are refused with what DQN needs', () => {
  const continuous: BehaviorSpec = { ...spec, actionSpec: { continuousSize: 2, discreteBranches: [] } };
  assert.throws(() => new QNetwork(continuous, {}, false, new Rng(0)), /actionSpec.continuousSize: expected 0 \(DQN acts on discrete branches only/);
});
