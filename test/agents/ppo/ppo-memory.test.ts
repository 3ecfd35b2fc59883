/**
 * Recurrent PPO's plumbing (network_settings.memory): memories per agent reset at episode ends, trajectories cut
 * into padded sequences with the memory of their first step, and the update's forward over those sequences giving
 * back, for every real step, the log-probability and value the policy acted with; checkpoints carry the LSTMs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { act } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { AgentMemories } from '../../../agents/networks/agent-memories.js';
import { policyBatch } from '../../../agents/networks/policy-batch.js';
import { recurrentActing } from '../../../agents/plugin/recurrent-acting.js';
import { realRows, sequenceInputs } from '../../../agents/ppo/recurrent-ppo.js';
import { SequenceBuffer } from '../../../agents/ppo/sequence-buffer.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../../src/core/env/steps.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { PPO_PLUGIN } from '../../../agents/ppo/plugin.js';
import { PpoLearner } from '../../../agents/ppo/ppo-learner.js';
import { RecurrentPpoLearner } from '../../../agents/ppo/recurrent-ppo-learner.js';
import { runTMaze, tmazeSettings } from '../../helpers/tmaze-run.js';
import { TMAZE_SPEC } from '../../../envs/tmaze/tmaze-scene.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { loadRunConfig } from '../../../src/config/load-run-config.js';
import { MetaLearner } from '../../../src/training/meta-learner.js';
import { planResolver } from '../../../src/training/plan-resolver.js';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths.js';

await chooseBackend('wasm');

const SPEC: BehaviorSpec = { name: 'M?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 1, discreteBranches: [3] } };
const MEMORY = { sequenceLength: 4, memorySize: 8 };

function decisions(rng: Rng, agentIds: number[], rewards: number[]): DecisionSteps {
  const n = agentIds.length;
  return {
    count: n,
    agentIds: Int32Array.from(agentIds),
    observations: [Float32Array.from({ length: n * 3 }, () => rng.normal())],
    rewards: Float32Array.from(rewards),
    groupIds: new Int32Array(n),
    groupRewards: new Float32Array(n),
    actionMasks: null,
  };
}

test('recurrent acting: memories are kept per (source, agent), and an agent whose episode ended starts the next from zeros', () => {
  const network = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1, memory: MEMORY }, new Rng(1));
  const { policy, memories } = recurrentActing(network, new Rng(2));
  const rng = new Rng(3);
  const context = (count: number, source = 0) => ({ deterministic: false, learning: true, withRules: false, rows: [{ source, offset: 0, count }] });
  const none = { count: 0, agentIds: new Int32Array(0), observations: [new Float32Array(0)], rewards: new Float32Array(0), groupIds: new Int32Array(0), groupRewards: new Float32Array(0), interrupted: new Uint8Array(0) };
  const first = policy.act(decisions(rng, [7, 8], [0, 0]), context(2));
  assert.ok(first.memoriesBefore!.every((x) => x === 0));
  const second = policy.act(decisions(rng, [7, 8], [0, 0]), context(2));
  assert.deepEqual(Array.from(second.memoriesBefore!), Array.from(first.memories!));
  // Agent 7 of source 0 ends its episode: prepare sees the terminal step before the batch acts.
  policy.prepare!([{ source: 0, decisionSteps: decisions(rng, [], []), terminalSteps: { ...none, count: 1, agentIds: Int32Array.of(7), observations: [new Float32Array(3)], rewards: new Float32Array(1), groupIds: new Int32Array(1), groupRewards: new Float32Array(1), interrupted: new Uint8Array(1) } }]);
  const third = policy.act(decisions(rng, [7, 8], [0, 0]), context(2));
  const W = network.memoryWidth;
  assert.ok(third.memoriesBefore!.subarray(0, W).every((x) => x === 0), 'agent 7 starts over');
  assert.deepEqual(Array.from(third.memoriesBefore!.subarray(W)), Array.from(second.memories!.subarray(W)), 'agent 8 goes on');
  // Another source's agent 8 is another agent.
  const other = policy.act(decisions(rng, [8], [0]), context(1, 1));
  assert.ok(other.memoriesBefore!.every((x) => x === 0));
  assert.equal(memories.size, 3);
  memories.forgetSource(0);
  assert.equal(memories.size, 1);
  network.dispose();
});

test('sequences: trajectories cut at episode ends and time_horizon, padded at the end, each from its first step\'s memory; the update\'s forward gives back the acting log-probabilities and values', () => {
  const network = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1, memory: MEMORY }, new Rng(11));
  const memories = new AgentMemories(network.memoryWidth);
  // time_horizon 6, sequence_length 4.
  const buffer = new SequenceBuffer(SPEC.actionSpec, [3], 6, MEMORY.sequenceLength, network.memoryWidth, 0.9, 0.8);
  const rng = new Rng(12);
  const actRng = new Rng(13);
  const rows = (count: number) => [{ source: 0, offset: 0, count }];
  const acted: number[] = [];
  for (let step = 0; step < 9; step++) {
    // Agent 1's episode ends after its 3rd decision (a true terminal); agent 2 plays on.
    if (step === 3) {
      const obs = [Float32Array.from({ length: 3 }, () => rng.normal())];
      buffer.endEpisodes(0, { count: 1, agentIds: Int32Array.of(1), observations: obs, rewards: Float32Array.of(1), groupIds: new Int32Array(1), groupRewards: new Float32Array(1), interrupted: new Uint8Array(1) }, null);
      memories.reset(0, Int32Array.of(1));
    }
    // Agent 2's action 0 is masked at odd steps: the factors ride with the sequences (padding rows hold 1).
    const d = { ...decisions(rng, [1, 2], [step === 3 ? 0 : 0.5, 0.25]), actionMasks: Uint8Array.of(0, 0, 0, step % 2, 0, 0) };
    const out = act(network, { ...d, memories: memories.gather(rows(2), d.agentIds) }, actRng);
    memories.store(rows(2), d.agentIds, out.memories!);
    buffer.addDecisions(0, d, out);
    acted.push(out.logProbs[0]!, out.logProbs[1]!);
  }
  // Agent 1: a 3-step episode → one sequence of 3 (+1 padding); agent 2: a 6-step time_horizon cut → 4 + 2(+2 padding).
  assert.equal(buffer.size, 9);
  const batch = buffer.drain();
  assert.equal(batch.sequences, 3);
  assert.deepEqual(Array.from(batch.mask), [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
  // Agent 1's sequence starts a new episode (zeros); agent 2's second sequence starts from the memory its 5th step was chosen under.
  const W = network.memoryWidth;
  assert.ok(batch.memories.subarray(0, W).every((x) => x === 0));
  assert.ok(batch.memories.subarray(2 * W, 3 * W).some((x) => x !== 0));
  assert.ok(batch.factors !== null);
  assert.deepEqual(Array.from(batch.factors!.subarray(3 * 3, 4 * 3)), [1, 1, 1], 'a padding row');
  // GAE on agent 1's terminal trajectory: the last step's return is its reward.
  assert.ok(Math.abs(batch.returns[2]! - 1) < 1e-6);
  const all = Int32Array.of(0, 1, 2);
  const prepared = policyBatch(network, { size: batch.rows, observations: batch.observations, continuousActions: batch.continuousActions, discreteActions: batch.discreteActions }, batch.factors);
  const { logProb, value } = tf.tidy(() => {
    const e = network.evaluateTf(sequenceInputs(network, batch, prepared, all));
    return { logProb: e.logProb.dataSync() as Float32Array, value: e.value.dataSync() as Float32Array };
  });
  const { rows: real } = realRows(batch, all);
  assert.equal(logProb.length, 9);
  real.forEach((r, k) => {
    assert.ok(Math.abs(logProb[k]! - batch.logProbs[r]!) < 1e-4, `row ${r}: update ${logProb[k]} vs acting ${batch.logProbs[r]}`);
    assert.ok(Math.abs(value[k]! - batch.values[r]!) < 1e-4, `row ${r}: value ${value[k]} vs acting ${batch.values[r]}`);
  });
  network.dispose();
});

test('checkpoints: a recurrent PPO learner saves and loads its LSTMs (resume acts as the saved one did); a learner without memory refuses them', async () => {
  const run = await runTMaze(true, 4, 1_000, { keep: true });
  const saved = run.learner!.save();
  const spec = TMAZE_SPEC;
  const resumed = PPO_PLUGIN.createLearner!(spec, tmazeSettings(true), new RunSeeds(99));
  resumed.load(saved, 'ckpt');
  assert.deepEqual(resumed.save(), saved);
  const plain = PPO_PLUGIN.createLearner!(spec, tmazeSettings(false), new RunSeeds(99));
  // The plugin picks the recurrent learner only with memory: without it PPO is the learner it always was.
  assert.ok(resumed instanceof RecurrentPpoLearner);
  assert.ok(plain instanceof PpoLearner && !(plain instanceof RecurrentPpoLearner));
  assert.throws(() => plain.load(saved, 'ckpt'), /settings\.memory: expected none, got sequence_length 8, memory_size 32/);
  // The exported policy carries the actor's LSTM (memory_size 32: hidden size 16).
  assert.equal(resumed.exportPolicy!()!.memory?.hiddenSize, 16);
  for (const l of [run.learner!, resumed, plain]) l.dispose();
});

test('configs/tmaze-memory.yaml: memory loads without a warning, reaches the plan, and the meta-learner makes the recurrent learner', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'tmaze-memory.yaml'));
  assert.deepEqual(config.warnings, []);
  const plan = planResolver(config)('TMaze?team=0')!;
  assert.deepEqual(plan.network.memory, { sequenceLength: 8, memorySize: 32 });
  const meta = new MetaLearner(planResolver(config), new RunSeeds(1));
  assert.ok(meta.learnerFor(TMAZE_SPEC) instanceof RecurrentPpoLearner);
  meta.dispose();
});
