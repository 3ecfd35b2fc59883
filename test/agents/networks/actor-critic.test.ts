import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, networkOutputs } from '../../../agents/networks/acting.js';
import { ActorCritic, type SavedActorCritic } from '../../../agents/networks/actor-critic.js';
import { DimensionProperty, ObservationType, vectorObservation, type BehaviorSpec, type ObservationSpec } from '../../../src/core/env/behavior-spec.js';
import { isShivaError } from '../../../src/core/errors.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');

function visual(shape: [number, number, number]): ObservationSpec {
  return {
    name: 'CameraSensor',
    shape,
    dimensionProperties: [DimensionProperty.NONE, DimensionProperty.TRANSLATIONAL_EQUIVARIANCE, DimensionProperty.TRANSLATIONAL_EQUIVARIANCE],
    observationType: ObservationType.DEFAULT,
  };
}

/** Two vector observations around an image, hybrid actions: every encoder and head at once. */
const HYBRID: BehaviorSpec = {
  name: 'Scout?team=0',
  observationSpecs: [vectorObservation(5), visual([3, 20, 24]), vectorObservation(2, 'Goal')],
  actionSpec: { continuousSize: 2, discreteBranches: [3, 2] },
};

function randomObservations(spec: BehaviorSpec, count: number, rng: Rng): Float32Array[] {
  return spec.observationSpecs.map((o) => Float32Array.from({ length: count * o.shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * 2 + 1));
}

function maxAbsDiff(a: Float32Array | null, b: Float32Array | null): number {
  assert.ok(a && b && a.length === b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

test('the plain-array forward equals the tfjs forward to 1e-5 (vectors, an image, normaliser, hybrid heads)', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 32, numLayers: 2, normalize: true, activation: 'swish' }, new Rng(1));
  const rng = new Rng(2);
  policy.updateNormalizers(randomObservations(HYBRID, 50, rng), 50);
  const count = 6;
  const normalized = policy.normalizeObservations(randomObservations(HYBRID, count, rng), count);
  const fast = networkOutputs(policy, normalized, count, 'fast', { policy: true, value: true });
  const slow = networkOutputs(policy, normalized, count, 'tfjs', { policy: true, value: true });
  assert.ok(maxAbsDiff(fast.logits, slow.logits) <= 1e-5, `logits ${maxAbsDiff(fast.logits, slow.logits)}`);
  assert.ok(maxAbsDiff(fast.means, slow.means) <= 1e-5, `means ${maxAbsDiff(fast.means, slow.means)}`);
  assert.ok(maxAbsDiff(fast.values, slow.values) <= 1e-5, `values ${maxAbsDiff(fast.values, slow.values)}`);
  policy.dispose();
});

test('acting through either path gives the same actions, log-probs and values from the same seed', () => {
  for (const activation of ['tanh', 'relu', 'leaky_relu'] as const) {
    const policy = new ActorCritic(HYBRID, { hiddenUnits: 16, numLayers: 1, activation }, new Rng(3));
    const count = 9;
    const observations = randomObservations(HYBRID, count, new Rng(4));
    const actionMasks = Uint8Array.from({ length: count * 5 }, (_, i) => (i % 5 === (i / 5) % 3 ? 1 : 0));
    const fast = act(policy, { count, observations, actionMasks }, new Rng(5), { path: 'fast' });
    const slow = act(policy, { count, observations, actionMasks }, new Rng(5), { path: 'tfjs' });
    assert.deepEqual([fast.path, slow.path], ['fast', 'tfjs']);
    assert.deepEqual(Array.from(fast.discrete), Array.from(slow.discrete));
    assert.ok(maxAbsDiff(fast.continuousRaw, slow.continuousRaw) <= 1e-5);
    assert.ok(maxAbsDiff(fast.logProbs, slow.logProbs) <= 1e-5, `${activation} log-probs`);
    assert.ok(maxAbsDiff(fast.values, slow.values) <= 1e-5, `${activation} values`);
    assert.ok(maxAbsDiff(fast.probs, slow.probs) <= 1e-5, `${activation} probs`);
    policy.dispose();
  }
});

test('the weights are plain Float32Arrays, and save → JSON → load reproduces the policy exactly', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 16, normalize: true }, new Rng(6));
  for (const p of policy.params.all) assert.ok(p.host instanceof Float32Array && p.host.length === p.shape.reduce((a, b) => a * b, 1));
  assert.deepEqual(
    policy.params.all.filter((p) => p.name.includes('conv')).map((p) => `${p.name} [${p.shape.join(',')}]`),
    [
      'actor/visual1/conv0/kernel [8,8,3,16]', 'actor/visual1/conv0/bias [16]', 'actor/visual1/conv1/kernel [4,4,16,32]', 'actor/visual1/conv1/bias [32]',
      'critic/visual1/conv0/kernel [8,8,3,16]', 'critic/visual1/conv0/bias [16]', 'critic/visual1/conv1/kernel [4,4,16,32]', 'critic/visual1/conv1/bias [32]',
    ],
  );
  const rng = new Rng(7);
  policy.updateNormalizers(randomObservations(HYBRID, 20, rng), 20);
  const saved = JSON.parse(JSON.stringify(policy.save())) as SavedActorCritic;
  const other = new ActorCritic(HYBRID, { hiddenUnits: 16, normalize: true }, new Rng(99));
  const observations = randomObservations(HYBRID, 4, rng);
  const before = act(other, { count: 4, observations }, new Rng(1));
  other.load(saved, 'run/checkpoint-1.json');
  const a = act(policy, { count: 4, observations }, new Rng(1));
  const b = act(other, { count: 4, observations }, new Rng(1));
  assert.notDeepEqual(Array.from(before.values), Array.from(a.values));
  assert.deepEqual(Array.from(b.values), Array.from(a.values));
  assert.deepEqual(Array.from(b.logProbs), Array.from(a.logProbs));
  // The tfjs variables were loaded too, not only the host copies.
  assert.ok(maxAbsDiff(networkOutputs(other, other.normalizeObservations(observations, 4), 4, 'tfjs', { policy: false, value: true }).values, a.values) <= 1e-5);
  policy.dispose();
  other.dispose();
});

test('loading weights of another shape is refused with the field, what was expected and what came', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 16 }, new Rng(1));
  const wider = new ActorCritic(HYBRID, { hiddenUnits: 32 }, new Rng(1));
  assert.throws(
    () => policy.load(wider.save(), 'ckpt.json'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_MODEL_STATE') && /ckpt\.json: parameter #\d+: expected actor\/visual1\/dense\/kernel with shape \[\d+, 16\], got actor\/visual1\/dense\/kernel with shape \[\d+, 32\]/.test((e as Error).message),
  );
  const otherSpec = new ActorCritic({ ...HYBRID, actionSpec: { continuousSize: 1, discreteBranches: [3, 2] } }, { hiddenUnits: 16 }, new Rng(1));
  assert.throws(() => policy.load(otherSpec.save(), 'ckpt.json'), /ckpt\.json: action spec: expected continuous 2 and branches \[3, 2\], got continuous 1 and branches \[3, 2\]/);
  const relu = new ActorCritic(HYBRID, { hiddenUnits: 16, activation: 'relu' }, new Rng(1));
  assert.throws(() => policy.load(relu.save(), 'ckpt.json'), /ckpt\.json: settings\.activation: expected "tanh", got "relu"/);
  [policy, wider, otherSpec, relu].forEach((p) => p.dispose());
});

test('an image smaller than the CNN accepts, or an action spec with no actions, is refused when building', () => {
  assert.throws(
    () => new ActorCritic({ ...HYBRID, observationSpecs: [visual([3, 12, 40])] }, {}, new Rng(1)),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_NETWORK') && /observation #0 "CameraSensor": visual observation shape \[3, 12, 40\]: the 'simple' encoder needs images of at least 20×20, got 12×40/.test((e as Error).message),
  );
  assert.throws(
    () => new ActorCritic({ ...HYBRID, actionSpec: { continuousSize: 0, discreteBranches: [] } }, {}, new Rng(1)),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_NETWORK') && /actionSpec: expected at least one continuous component or discrete branch/.test((e as Error).message),
  );
});

test('observations of the wrong size are refused before any forward pass', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 8 }, new Rng(1));
  const observations = randomObservations(HYBRID, 2, new Rng(1));
  observations[2] = new Float32Array(3);
  assert.throws(
    () => act(policy, { count: 2, observations }, new Rng(1)),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_OBSERVATION') && /observation #2 "Goal": expected 2 agents × 2 = 4 floats, got 3/.test((e as Error).message),
  );
  policy.dispose();
});
