/**
 * SacLearner on synthetic steps, continuous and discrete: masks respected when acting (random and learned), the
 * update cadence, and a checkpoint round trip (actor, twin critics, targets, optimizers, α, counters, RNGs and the
 * replay buffer) after which the copy acts and learns bit for bit as the original.
 */
import { SB3_SAC } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { sacHyperparameters, type SacHyperparameters } from '../../agents/sac/hyperparameters.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { SacLearner } from '../../agents/sac/sac-learner.js';
import { syntheticSteps } from './td3-synthetic-steps.js';

await chooseBackend('wasm');

const AGENTS = 3;
const continuous: BehaviorSpec = { name: 'Arm?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
const discrete: BehaviorSpec = { name: 'Grid?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } };
/** Branch 0 action 2 and branch 1 action 0 masked for every agent. */
const MASKS = Uint8Array.from({ length: AGENTS * 5 }, (_, k) => [0, 0, 1, 1, 0][k % 5]!);

function learner(spec: BehaviorSpec, overrides: Partial<SacHyperparameters> = {}, seed = 9): SacLearner {
  const hyperparameters = sacHyperparameters({ ...SB3_SAC, batch_size: 8, buffer_size: 64, buffer_init_steps: 12, steps_per_update: 2, ...overrides });
  return new SacLearner(spec, { id: 'L', hyperparameters, network: { hiddenUnits: 8, numLayers: 1, activation: 'relu' }, maxSteps: 1000, rewardStrength: 1 }, new RunSeeds(seed));
}

function drive(l: SacLearner, n: number, rng: Rng) {
  const masks = l.spec.actionSpec.discreteBranches.length > 0 ? MASKS : null;
  const actions: number[] = [];
  const stats: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const [out] = decide(l, [{ source: 0, ...syntheticSteps(l.spec, AGENTS, i, rng, masks) }]);
    actions.push(...out!.continuous, ...out!.discrete);
    const s = l.maybeUpdate();
    if (s) stats.push(s);
  }
  return { actions, stats };
}

test('discrete: no masked action is ever chosen, random (before buffer_init_steps), sampled or greedy', () => {
  const l = learner(discrete);
  const rng = new Rng(1);
  const { actions, stats } = drive(l, 14, rng);
  assert.ok(stats.length > 0 && stats.every((s) => Number.isFinite(s['Losses/Q Loss']!) && s['Policy/Discrete Entropy Coeff']! > 0));
  const greedy = Array.from(decide(l, [{ source: 0, ...syntheticSteps(discrete, AGENTS, 0, rng, MASKS) }], { deterministic: true, learn: false })[0]!.discrete);
  for (const list of [actions, greedy]) {
    for (let k = 0; k < list.length; k += 2) {
      assert.notEqual(list[k], 2, 'branch 0 action 2 is masked');
      assert.equal(list[k + 1], 1, 'branch 1 action 0 is masked');
    }
  }
  l.dispose();
});

test('continuous: actions in [-1, 1]; updates start at buffer_init_steps and come every steps_per_update agent steps; tensors stay flat', () => {
  const l = learner(continuous);
  const rng = new Rng(2);
  // Steps count as they reach the replay (ML-Agents' trainer counts a trajectory's steps when it arrives): with
  // time_horizon 1 a step is written when the agent's next decision (or episode end) closes it, one call later.
  drive(l, 5, rng);
  assert.equal(l.save().updates, 1, 'call 5 writes the 12th step, reaching buffer_init_steps 12: (12 − 9)/2 → 1 update, 0.5 carried');
  const tensors = tf.memory().numTensors;
  const { actions, stats } = drive(l, 8, rng);
  assert.equal(tf.memory().numTensors, tensors, 'no tensor outlives an update');
  assert.equal(l.save().updates, 13, '1 + (0.5 + 8 calls × 3 agent steps / steps_per_update 2)');
  assert.ok(actions.every((a) => a >= -1 && a <= 1));
  assert.ok(stats.every((s) => Number.isFinite(s['Policy/Continuous Entropy Coeff']!) && Number.isFinite(s['Losses/Policy Loss']!)));
  l.dispose();
});

for (const spec of [continuous, discrete]) {
  const kind = spec === continuous ? 'continuous' : 'discrete';
  test(`${kind}: save → JSON → load restores a learner that acts and learns exactly as the original`, () => {
    const a = learner(spec, { save_replay_buffer: true });
    drive(a, 10, new Rng(3));
    a.forgetSource(0);
    const state = JSON.parse(JSON.stringify(a.save())) as LearnerState;
    assert.equal(state.steps, 30);
    const b = learner(spec, { save_replay_buffer: true }, 1234);
    b.load(state, 'test checkpoint');
    assert.equal(b.buffer.size, a.buffer.size);
    assert.deepEqual(b.save(), a.save(), 'the whole state, replay and α included, is equal after the load');
    const ra = drive(a, 8, new Rng(4));
    const rb = drive(b, 8, new Rng(4));
    assert.ok(ra.stats.length > 0, 'updates ran after the load');
    assert.deepEqual(rb.actions, ra.actions, 'same policy samples');
    assert.deepEqual(rb.stats, ra.stats, 'same batches, noise, Adam and temperature steps');
    assert.deepEqual(b.save(), a.save());
    a.dispose();
    b.dispose();
  });
}

test('hybrid action specs are refused; a checkpoint of another trainer is refused', () => {
  const hybrid: BehaviorSpec = { ...continuous, actionSpec: { continuousSize: 1, discreteBranches: [2] } };
  assert.throws(() => learner(hybrid), /actionSpec: expected continuous or discrete actions \(hybrid actions are not supported yet\), got 1 continuous \+ branches \[2\]/);
  const l = learner(continuous);
  assert.throws(() => l.load({ ...l.save(), trainerType: 'td3' }, 'ckpt'), /ckpt: trainer_type: expected "sac", got "td3"/);
  l.dispose();
});
