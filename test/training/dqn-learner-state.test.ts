/**
 * DqnLearner on synthetic steps: masks respected when acting, the update cadence, and a checkpoint round trip
 * (weights, target, optimizer, ε position, counters, RNGs, and the replay buffer when save_replay_buffer is on).
 */
import { SB3_DQN } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { dqnHyperparameters, type DqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { emptyTerminalSteps, type DecisionSteps, type TerminalSteps } from '../../src/core/env/steps.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { DqnLearner } from '../../agents/dqn/dqn-learner.js';
import type { LearnerState } from '../../agents/plugin/learner.js';

await chooseBackend('wasm');

const spec: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(4)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } };
const AGENTS = 4;

function learner(overrides: Partial<DqnHyperparameters> = {}, seed = 9): DqnLearner {
  const hyperparameters = dqnHyperparameters({ ...SB3_DQN, batch_size: 8, buffer_size: 64, buffer_init_steps: 16, steps_per_update: 2, target_update_interval: 3, tau: 0.5, n_step: 2, ...overrides });
  return new DqnLearner(spec, { id: 'Toy', hyperparameters, network: { hiddenUnits: 8, numLayers: 1 }, maxSteps: 200, rewardStrength: 1 }, new RunSeeds(seed));
}

/** One step of AGENTS agents: random observations and rewards; action 2 of branch 0 and action 0 of branch 1 masked. */
function steps(rng: Rng): { decisionSteps: DecisionSteps; terminalSteps: TerminalSteps } {
  const mask = new Uint8Array(AGENTS * 5);
  for (let a = 0; a < AGENTS; a++) mask.set([0, 0, 1, 1, 0], a * 5);
  return {
    decisionSteps: {
      count: AGENTS,
      agentIds: Int32Array.from({ length: AGENTS }, (_, i) => i),
      observations: [Float32Array.from({ length: AGENTS * 4 }, () => rng.uniform(-1, 1))],
      rewards: Float32Array.from({ length: AGENTS }, () => rng.uniform(0, 1)),
      groupIds: new Int32Array(AGENTS),
      groupRewards: new Float32Array(AGENTS),
      actionMasks: mask,
    },
    terminalSteps: emptyTerminalSteps(spec),
  };
}

/** `n` steps of acting and updating; returns every action chosen and every update's stats. */
function drive(l: DqnLearner, n: number, rng: Rng) {
  const actions: number[] = [];
  const stats: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const [out] = decide(l, [{ source: 0, ...steps(rng) }]);
    actions.push(...out!.discrete);
    const s = l.maybeUpdate();
    if (s) stats.push(s);
  }
  return { actions, stats };
}

test('acting never picks a masked action, from full exploration to greedy evaluation', () => {
  const l = learner();
  const rng = new Rng(1);
  const { actions } = drive(l, 60, rng);
  const greedy = decide(l, [{ source: 0, ...steps(rng) }], { deterministic: true, learn: false })[0]!.discrete;
  for (const list of [actions, Array.from(greedy)]) {
    for (let k = 0; k < list.length; k += 2) {
      assert.notEqual(list[k], 2, 'branch 0 action 2 is masked');
      assert.equal(list[k + 1], 1, 'branch 1 action 0 is masked');
    }
  }
  assert.equal(l.steps, 60 * AGENTS, 'evaluation counts no steps');
  l.dispose();
});

test('updates start after buffer_init_steps and come every steps_per_update agent steps; tensors stay flat', () => {
  const l = learner({ prioritized: true, dueling: true });
  drive(l, 1, new Rng(2));
  const tensors = tf.memory().numTensors;
  const { stats } = drive(l, 9, new Rng(2));
  assert.equal(tf.memory().numTensors, tensors, 'no tensor outlives an update');
  // 4 agents a step. With n = 2 each agent's first transition comes out at its 3rd step, so after call 4 the
  // buffer holds 8 = batch_size transitions and the learner has 16 = buffer_init_steps steps: calls 4 to 10
  // (7 calls, 4 new agent steps each, steps_per_update 2) earn 2 updates each.
  assert.equal(l.save().updates, 14);
  assert.ok(stats.every((s) => Number.isFinite(s['Losses/Q Loss']!) && s['Policy/Epsilon']! < 1));
  l.dispose();
});

test('save → JSON → load restores a learner that acts and learns exactly as the original would', () => {
  for (const prioritized of [false, true]) {
    const a = learner({ save_replay_buffer: true, prioritized });
    drive(a, 20, new Rng(3));
    // Open transitions are not part of a checkpoint (as PPO's rollouts): flush them before saving, so the original
    // goes on from exactly what the copy holds.
    a.forgetSource(0);
    const state = JSON.parse(JSON.stringify(a.save())) as LearnerState;
    assert.equal(state.steps, 80);
    assert.equal((state as unknown as { epsilon: number }).epsilon, a.epsilon);
    const b = learner({ save_replay_buffer: true, prioritized }, 1234);
    b.load(state, 'test checkpoint');
    assert.equal(b.buffer.size, a.buffer.size);
    assert.equal(b.epsilon, a.epsilon);
    const next = (l: DqnLearner) => drive(l, 15, new Rng(4));
    const ra = next(a);
    const rb = next(b);
    assert.ok(ra.stats.length > 0, 'updates ran after the load');
    assert.deepEqual(rb.actions, ra.actions, `same ε-greedy draws (prioritized ${prioritized})`);
    assert.deepEqual(rb.stats, ra.stats, `same batches, targets and Adam steps (prioritized ${prioritized})`);
    assert.deepEqual(b.target.save(), a.target.save());
    a.dispose();
    b.dispose();
  }
});

test('without save_replay_buffer the state holds no replay, and the loaded buffer starts empty', () => {
  const a = learner();
  drive(a, 10, new Rng(5));
  const state = a.save();
  assert.equal((state as unknown as { replay: unknown }).replay, null);
  const b = learner();
  b.load(JSON.parse(JSON.stringify(state)) as LearnerState, 'test checkpoint');
  assert.equal(b.buffer.size, 0);
  assert.equal(b.steps, a.steps);
  assert.throws(() => b.load({ ...state, trainerType: 'ppo' }, 'ckpt'), /ckpt: trainer_type: expected "dqn", got "ppo"/);
  a.dispose();
  b.dispose();
});
