import { CLEANRL_PPO } from '../../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { act, networkOutputs } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { factorArrays, oneHotActions } from '../../../agents/networks/distributions-tf.js';
import { ppoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import { Ppo } from '../../../agents/ppo/ppo.js';
import { RolloutBuffer, type TrainingBatch } from '../../../agents/ppo/rollout-buffer.js';
import { decayed } from '../../../agents/networks/schedule.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { isShivaError } from '../../../src/core/errors.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');

const HYBRID: BehaviorSpec = {
  name: 'Mixed?team=0',
  observationSpecs: [vectorObservation(4), vectorObservation(2)],
  actionSpec: { continuousSize: 2, discreteBranches: [3, 2] },
};

/** A batch of `rounds` × `agents` one-step episodes with random observations and rewards, acted by `policy`. */
function collect(policy: ActorCritic, rng: Rng, rounds: number, agents: number, ruleFactors: (row: number) => number[] | null): TrainingBatch {
  const buffer = new RolloutBuffer(HYBRID.actionSpec, policy.observationSizes, 64);
  const ids = Int32Array.from({ length: agents }, (_, i) => i);
  for (let round = 0; round < rounds; round++) {
    const observations = policy.observationSizes.map((size) => Float32Array.from({ length: agents * size }, () => rng.normal()));
    const rows = Array.from({ length: agents }, (_, i) => ruleFactors(round * agents + i));
    const factors = rows[0] ? Float32Array.from(rows.flatMap((r) => r!)) : null;
    const out = act(policy, { count: agents, observations, ruleFactors: factors }, rng);
    const steps = { count: agents, agentIds: ids, observations, rewards: new Float32Array(agents), groupIds: new Int32Array(agents), groupRewards: new Float32Array(agents), actionMasks: null };
    buffer.addDecisions(0, steps, out);
    const rewards = Float32Array.from({ length: agents }, () => rng.normal());
    buffer.endEpisodes(0, { ...steps, rewards, interrupted: new Uint8Array(agents) }, null);
  }
  return buffer.drain(0.99, 0.95);
}

/** log π'(a|s) of the batch's actions under the current weights, through the training graph. */
function evaluateLogProbs(policy: ActorCritic, batch: TrainingBatch, factors: Float32Array | null): Float32Array {
  const n = batch.size;
  const observations = policy.normalizeObservations(batch.observations, n);
  const f = factors ? factorArrays(factors) : null;
  const t = tf.tidy(() =>
    policy.evaluateTf({
      observations: observations.map((o, i) => tf.tensor2d(o, [n, policy.observationSizes[i]!])),
      continuousActions: tf.tensor2d(batch.continuousActions, [n, 2]),
      oneHot: tf.tensor2d(oneHotActions(batch.discreteActions, n, policy.branches), [n, 5]),
      allowed: f ? tf.tensor2d(f.allowed, [n, 5]) : null,
      offset: f ? tf.tensor2d(f.offset, [n, 5]) : null,
    }).logProb,
  );
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out;
}

const vetoes = (row: number) => [row % 3 === 0 ? 0 : 1, 1, row % 3 === 2 ? 0 : 2, row % 2 === 0 ? 0.5 : 1, 1];

test('log-probs at update time are those of the combined policy π·f/Z that acted, when the factors travel with the batch', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 16, normalize: false }, new Rng(1));
  const batch = collect(policy, new Rng(2), 4, 16, vetoes);
  assert.ok(batch.factors);
  for (let r = 0; r < batch.size; r++) assert.ok(batch.factors[r * 5 + batch.discreteActions[r * 2]!]! > 0, 'a vetoed action was taken');
  const combined = evaluateLogProbs(policy, batch, batch.factors);
  const plain = evaluateLogProbs(policy, batch, null);
  let maxDiff = 0;
  let sawDifference = false;
  for (let r = 0; r < batch.size; r++) {
    maxDiff = Math.max(maxDiff, Math.abs(combined[r]! - batch.logProbs[r]!));
    if (Math.abs(plain[r]! - batch.logProbs[r]!) > 0.05) sawDifference = true;
  }
  assert.ok(maxDiff <= 1e-5, `combined log-probs differ by ${maxDiff}`);
  assert.ok(sawDifference, 'without the factors the learner would see another policy');

  // Through a whole update: with a negligible step the first minibatch's ratio is 1 (KL 0, nothing clipped),
  // unless the factors are dropped.
  const hp = ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 64, num_epoch: 1, learning_rate: 1e-12, learning_rate_schedule: 'constant' });
  const same = new Ppo(policy, hp, new Rng(3)).update(batch, 0);
  assert.ok(Math.abs(same.approxKl) < 1e-6 && same.clipFraction === 0, JSON.stringify(same));
  const dropped = new Ppo(policy, hp, new Rng(3)).update(batch, 0, { factors: null });
  assert.ok(dropped.approxKl > 1e-3, `dropping the factors shows up as a policy change: ${dropped.approxKl}`);
  policy.dispose();
});

test('tf.memory().numTensors stays flat across updates and acting on both paths', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 16, normalize: true }, new Rng(4));
  const ppo = new Ppo(policy, ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 32, buffer_size: 128, num_epoch: 2 }), new Rng(5));
  const rng = new Rng(6);
  const counts: number[] = [];
  for (let u = 0; u < 5; u++) {
    const batch = collect(policy, rng, 2, 64, u % 2 === 0 ? vetoes : () => null); // 64 agents: the tfjs acting path
    ppo.update(batch, u / 5);
    act(policy, { count: 3, observations: [new Float32Array(12), new Float32Array(6)] }, rng); // the fast path
    counts.push(tf.memory().numTensors);
  }
  assert.ok(counts.every((c) => c === counts[0]), `numTensors per update: ${counts.join(', ')}`);
  ppo.dispose();
  policy.dispose();
});

test('after an update the fast path reads the new weights: both paths still agree, and differ from before', () => {
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 16, normalize: true }, new Rng(7));
  const probe = policy.observationSizes.map((size) => Float32Array.from({ length: 5 * size }, (_, i) => Math.cos(i)));
  const before = networkOutputs(policy, policy.normalizeObservations(probe, 5), 5, 'fast', { policy: true, value: true });
  const ppo = new Ppo(policy, ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 32, buffer_size: 128, num_epoch: 2, learning_rate: 1e-2 }), new Rng(8));
  const stats = ppo.update(collect(policy, new Rng(9), 2, 64, vetoes), 0.5);
  assert.equal(stats.minibatches, 2 * 4);
  const normalized = policy.normalizeObservations(probe, 5);
  const fast = networkOutputs(policy, normalized, 5, 'fast', { policy: true, value: true });
  const slow = networkOutputs(policy, normalized, 5, 'tfjs', { policy: true, value: true });
  for (const k of ['logits', 'means', 'values'] as const) {
    const a = fast[k]!;
    const b = slow[k]!;
    assert.ok(a.every((v, i) => Math.abs(v - b[i]!) <= 1e-5), `${k} agree`);
    assert.ok(a.some((v, i) => Math.abs(v - before[k]![i]!) > 1e-4), `${k} changed`);
  }
  ppo.dispose();
  policy.dispose();
});

test('schedules: linear decay to ML-Agents floors, constant stays; values reported by the update', () => {
  assert.equal(decayed(3e-4, 1e-10, 0, 'linear'), 3e-4);
  assert.ok(Math.abs(decayed(3e-4, 1e-10, 0.25, 'linear') - (0.75 * (3e-4 - 1e-10) + 1e-10)) < 1e-15);
  assert.equal(decayed(0.2, 0.1, 1.5, 'linear'), 0.1);
  assert.equal(decayed(0.2, 0.1, 0.5, 'constant'), 0.2);
  assert.equal(decayed(0.05, 0.1, 0.5, 'linear'), 0.05, 'never decays upwards');
  const policy = new ActorCritic(HYBRID, { hiddenUnits: 8 }, new Rng(1));
  const stats = new Ppo(policy, ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 32, buffer_size: 64, learning_rate: 1e-3, beta: 0.01, epsilon: 0.3 }), new Rng(1)).update(collect(policy, new Rng(2), 1, 32, () => null), 0.5);
  assert.ok(Math.abs(stats.learningRate - 0.5 * (1e-3 - 1e-10) - 1e-10) < 1e-12);
  assert.ok(Math.abs(stats.beta - (0.5 * (0.01 - 1e-5) + 1e-5)) < 1e-12);
  assert.ok(Math.abs(stats.epsilon - 0.2) < 1e-12);
  assert.ok(stats.gradNorm > 0 && Number.isFinite(stats.policyLoss) && stats.entropy > 0);
  policy.dispose();
});

test('hyperparameters are checked with the key, what was expected and what came', () => {
  assert.throws(
    () => ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 512, buffer_size: 256 }, 'configs/run.yaml: behaviors.CartPole.hyperparameters'),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_USAGE') && (e as Error).message === 'configs/run.yaml: behaviors.CartPole.hyperparameters: buffer_size: expected an integer ≥ batch_size (512), got 256',
  );
  assert.throws(() => ppoHyperparameters({ ...CLEANRL_PPO, learning_rate_schedule: 'cosine' as 'linear' }), /learning_rate_schedule: expected "linear" or "constant", got "cosine"/);
});
