/**
 * Td3Learner (td3 and ddpg) on synthetic steps: uniform actions before buffer_init_steps, the update cadence,
 * actions in [-1, 1], and a checkpoint round trip (actor, critics, targets, optimizers, counters, RNGs, and the
 * replay buffer when save_replay_buffer is on) after which the copy acts and learns bit for bit as the original.
 */
import { SB3_TD3 } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { DDPG_SWITCHES, td3Hyperparameters, type Td3Hyperparameters } from '../../agents/td3/hyperparameters.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { Td3Learner } from '../../agents/td3/td3-learner.js';
import { syntheticSteps } from './td3-synthetic-steps.js';

await chooseBackend('wasm');

const spec: BehaviorSpec = { name: 'Arm?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
const AGENTS = 3;

function learner(type: 'td3' | 'ddpg', overrides: Partial<Td3Hyperparameters> = {}, seed = 9): Td3Learner {
  const hyperparameters = td3Hyperparameters({ ...SB3_TD3, batch_size: 8, buffer_size: 64, buffer_init_steps: 12, steps_per_update: 2, ...(type === 'ddpg' ? DDPG_SWITCHES : {}), ...overrides });
  return new Td3Learner(spec, { id: 'Arm', trainerType: type, hyperparameters, network: { hiddenUnits: 8, numLayers: 1, activation: 'relu' }, maxSteps: 1000, rewardStrength: 1 }, new RunSeeds(seed));
}

function drive(l: Td3Learner, n: number, rng: Rng) {
  const actions: number[] = [];
  const stats: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const [out] = decide(l, [{ source: 0, ...syntheticSteps(spec, AGENTS, i, rng) }]);
    actions.push(...out!.continuous);
    const s = l.maybeUpdate();
    if (s) stats.push(s);
  }
  return { actions, stats };
}

test('td3: uniform actions until buffer_init_steps, then μ + noise; every action in [-1, 1]; updates every steps_per_update agent steps; tensors stay flat', () => {
  const l = learner('td3', { exploration_noise: 0.5 });
  const rng = new Rng(1);
  const first = drive(l, 4, rng); // decided at 0, 3, 6 and 9 agent steps, all before buffer_init_steps 12: uniform
  assert.equal(l.steps, 12);
  assert.ok(first.actions.some((a) => Math.abs(a) > 0.3), 'uniform over [-1, 1], not μ ≈ 0');
  // Calls 1–3 end below 12 steps: nothing. Call 4 reaches 12 with 8 transitions in: (12 − 9)/2 = 1.5 → 1 update.
  assert.equal(first.stats.length, 1);
  const tensors = tf.memory().numTensors;
  const rest = drive(l, 8, rng);
  assert.equal(tf.memory().numTensors, tensors, 'no tensor outlives an update');
  assert.ok([...first.actions, ...rest.actions].every((a) => a >= -1 && a <= 1));
  // Calls 5–12 add 3 agent steps each = 1.5 updates: with call 4's carried 0.5, 1 + 12.5 → 13 updates.
  assert.equal(l.save().updates, 13);
  assert.ok(rest.stats.every((s) => Number.isFinite(s['Losses/Q Loss']!)));
  assert.ok(rest.stats.some((s) => 'Losses/Policy Loss' in s), 'the delayed actor updated');
  const steps = syntheticSteps(spec, AGENTS, 0, rng);
  const greedy = decide(l, [{ source: 0, ...steps }], { deterministic: true, learn: false })[0]!.continuous;
  assert.deepEqual(greedy, l.td3.actor.forwardHost(steps.decisionSteps.observations, AGENTS), 'deterministic acting is μ(s), no noise');
  assert.equal(l.steps, 36, 'evaluation counts no steps');
  l.dispose();
});

for (const type of ['td3', 'ddpg'] as const) {
  test(`${type}: save → JSON → load restores a learner that acts and learns exactly as the original`, () => {
    const a = learner(type, { save_replay_buffer: true });
    drive(a, 10, new Rng(3));
    a.forgetSource(0); // open steps are not part of a checkpoint: flush them so both go on from the same buffer
    const state = JSON.parse(JSON.stringify(a.save())) as LearnerState;
    assert.equal(state.trainerType, type);
    assert.equal(state.steps, 30);
    const b = learner(type, { save_replay_buffer: true }, 1234);
    b.load(state, 'test checkpoint');
    assert.equal(b.buffer.size, a.buffer.size);
    assert.deepEqual(b.save(), a.save(), 'the whole state, replay included, is equal after the load');
    const ra = drive(a, 8, new Rng(4));
    const rb = drive(b, 8, new Rng(4));
    assert.ok(ra.stats.length > 0, 'updates ran after the load');
    assert.deepEqual(rb.actions, ra.actions, 'same exploration noise');
    assert.deepEqual(rb.stats, ra.stats, 'same batches, smoothing noise and Adam steps');
    assert.deepEqual(b.save(), a.save());
    assert.throws(() => b.load({ ...state, trainerType: type === 'td3' ? 'ddpg' : 'td3' }, 'ckpt'), new RegExp(`ckpt: trainer_type: expected "${type}"`));
    a.dispose();
    b.dispose();
  });
}

test('without save_replay_buffer the state holds no replay; a discrete action spec is refused', () => {
  const a = learner('td3');
  drive(a, 6, new Rng(5));
  const state = a.save() as unknown as { replay: unknown };
  assert.equal(state.replay, null);
  a.dispose();
  const discrete: BehaviorSpec = { ...spec, actionSpec: { continuousSize: 0, discreteBranches: [3] } };
  assert.throws(
    () => new Td3Learner(discrete, { id: 'D', trainerType: 'td3', hyperparameters: td3Hyperparameters({ ...SB3_TD3 }), network: {}, maxSteps: 10, rewardStrength: 1 }, new RunSeeds(1)),
    /actionSpec.continuousSize: expected an integer ≥ 1 \(continuous actions\), got 0/,
  );
});
