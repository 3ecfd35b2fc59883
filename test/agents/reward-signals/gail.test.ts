/**
 * The GAIL discriminator as a whole: it learns to separate two fixed Gaussian sample sets; expert rows are the
 * demonstration's decisions with done flags from the episode ends; shapes that differ from the behavior are refused;
 * VAIL's β follows its dual-ascent rule; a save/load round trip continues bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Gail } from '../../../agents/reward-signals/gail.js';
import { ExpertSamples, type ExpertData } from '../../../agents/reward-signals/expert-samples.js';
import type { GailSettings } from '../../../agents/reward-signals/gail-settings.js';
import type { SignalBatch } from '../../../agents/reward-signals/signal-batch.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('cpu');

const spec: BehaviorSpec = { name: 'Points?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 0, discreteBranches: [2] } };

const settings: GailSettings = {
  gamma: 0.99,
  strength: 1,
  demoPath: 'points.demo',
  learningRate: 3e-3,
  useActions: false,
  useVail: false,
  network: { hiddenUnits: 32, numLayers: 2, normalize: false, activation: 'tanh' },
};

/** `n` points around `mean` (σ = 0.5 per axis), as a batch; actions 0, no dones. */
function gaussian(n: number, mean: number, rng: Rng): SignalBatch {
  const obs = Float32Array.from({ length: 2 * n }, () => mean + 0.5 * rng.normal());
  return { size: n, observations: [obs], continuousActions: new Float32Array(0), discreteActions: new Int32Array(n), dones: new Uint8Array(n) };
}

function asExpert(batch: SignalBatch): ExpertData {
  return { spec, steps: batch.size, observations: batch.observations, continuousActions: batch.continuousActions, discreteActions: batch.discreteActions, dones: batch.dones };
}

test('the discriminator separates N((1, 1), 0.25·I) expert points from N((−1, −1), 0.25·I) policy points: accuracy > 0.95 on fresh samples', () => {
  // The Bayes classifier errs with probability Φ(−2√2) ≈ 0.0023; an untrained one with D ≈ 0.5 everywhere has
  // accuracy ≈ 0.5.
  const data = new Rng(11);
  const gail = new Gail(spec, settings, asExpert(gaussian(512, 1, data)), new Rng(5), 'points.demo');
  const policy = gaussian(256, -1, data);
  let last = null;
  for (let i = 0; i < 20; i++) last = gail.update(policy, 1, 64);
  const expertTest = gaussian(500, 1, data);
  const policyTest = gaussian(500, -1, data);
  const de = gail.estimates(expertTest);
  const dp = gail.estimates(policyTest);
  const correct = de.filter((d) => d > 0.5).length + dp.filter((d) => d < 0.5).length;
  const accuracy = correct / 1000;
  assert.ok(accuracy > 0.95, `accuracy ${accuracy}`);
  assert.ok(last!.expertEstimate > last!.policyEstimate, `expert estimate ${last!.expertEstimate} > policy estimate ${last!.policyEstimate}`);
  // The reward −log(1 − D) is higher for expert-like points.
  const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
  assert.ok(mean(gail.rewards(expertTest)) > mean(gail.rewards(policyTest)) + 0.5);
  gail.dispose();
});

test('expert rows: decisions only, done = 1 on the row before an episode end; ML-Agents-style one-hot action inputs', () => {
  // Rows: d0 d1 END d3 END (END rows carry the final observation).
  const expert: ExpertData = {
    spec,
    steps: 5,
    observations: [Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4])],
    continuousActions: new Float32Array(0),
    discreteActions: Int32Array.from([1, 0, 0, 1, 1]),
    dones: Uint8Array.from([0, 0, 1, 0, 1]),
  };
  const samples = new ExpertSamples(expert, spec, true, 'x.demo');
  assert.equal(samples.size, 3);
  assert.deepEqual(Array.from(samples.data.observations[0]!), [0, 0, 1, 1, 3, 3]);
  assert.deepEqual(Array.from(samples.data.discreteActions), [1, 0, 1]);
  assert.deepEqual(Array.from(samples.data.dones), [0, 1, 1]);
  const gail = new Gail(spec, { ...settings, useActions: true }, expert, new Rng(1), 'x.demo');
  // [x₀, x₁ | one-hot of the branch (2) | done]
  assert.deepEqual(Array.from(gail.inputs(samples.data, [1, 0])), [1, 1, 1, 0, 1, 0, 0, 0, 1, 0]);
  gail.dispose();
});

test('a demonstration of another shape is refused with the file, the field, what was expected and what came', () => {
  const other: BehaviorSpec = { ...spec, observationSpecs: [vectorObservation(3)] };
  const expert: ExpertData = { spec: other, steps: 1, observations: [new Float32Array(3)], continuousActions: new Float32Array(0), discreteActions: new Int32Array(1), dones: new Uint8Array(1) };
  assert.throws(() => new ExpertSamples(expert, spec, false, 'demos/a.demo'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'SHIVA_ERR_DEMO_FILE');
    assert.match(e.message, /^demos\/a\.demo: observation shapes: expected 1 observation\(s\) \[2\] .*got 1 observation\(s\) \[3\]$/);
    return true;
  });
  const wide: BehaviorSpec = { ...spec, actionSpec: { continuousSize: 0, discreteBranches: [3] } };
  assert.throws(() => new ExpertSamples({ ...asExpert(gaussian(2, 0, new Rng(1))), spec: wide }, spec, true, 'b.demo'), /b\.demo: action spec: expected 0 continuous and branches \[2\] .*got 0 continuous and branches \[3\]/);
  const bad = { ...asExpert(gaussian(2, 0, new Rng(1))), discreteActions: Int32Array.from([0, 2]) };
  assert.throws(() => new ExpertSamples(bad, spec, true, 'c.demo'), /c\.demo: row 1 discrete action of branch 0: expected an integer in \[0, 1\].*got 2/);
});

test('VAIL: β after one step is max(0, 0 + 0.0005·(KL − 0.5)) with the step\'s KL; from β = 1 a KL below 0.5 lowers it', () => {
  const data = new Rng(2);
  const vail = new Gail(spec, { ...settings, useVail: true }, asExpert(gaussian(64, 1, data)), new Rng(3), 'v.demo');
  const policy = gaussian(64, -1, data);
  const s = vail.update(policy, 1, 64);
  assert.equal(s.steps, 1);
  assert.ok(s.kl > 0, `KL ${s.kl}`);
  assert.equal(vail.beta, Math.max(0, 0.0005 * (s.kl - 0.5)));
  // From a saved state with β = 1, one more step moves β by α·(KL − 0.5) in the direction of the KL's excess.
  vail.load({ ...vail.save(), beta: 1 }, 'state');
  const t = vail.update(policy, 1, 64);
  assert.ok(Math.abs(vail.beta - (1 + 0.0005 * (t.kl - 0.5))) < 1e-12);
  assert.equal(vail.beta < 1, t.kl < 0.5);
  vail.dispose();
});

test('save/load round trip: a restored discriminator (other seed) continues exactly like the original', () => {
  const data = new Rng(8);
  const expert = asExpert(gaussian(128, 1, data));
  const policy = gaussian(128, -1, data);
  const withNorm = { ...settings, useVail: true, network: { ...settings.network, normalize: true } };
  const a = new Gail(spec, withNorm, expert, new Rng(1), 'r.demo');
  a.update(policy, 2, 32);
  const saved = JSON.parse(JSON.stringify(a.save()));
  const b = new Gail(spec, withNorm, expert, new Rng(999), 'r.demo');
  b.load(saved, 'ckpt');
  assert.deepEqual(b.save(), a.save());
  const sa = a.update(policy, 1, 32);
  const sb = b.update(policy, 1, 32);
  assert.deepEqual(sb, sa);
  assert.deepEqual(b.save(), a.save());
  assert.throws(() => new Gail(spec, settings, expert, new Rng(1), 'r.demo').load(saved, 'ckpt'), /ckpt: discriminator: expected input size 2 and use_vail false, got 2 and true/);
  assert.throws(() => b.load(undefined, 'ckpt: gail'), /ckpt: gail: format: expected shiva-gail version 1 .*got nothing/);
  a.dispose();
  b.dispose();
});
