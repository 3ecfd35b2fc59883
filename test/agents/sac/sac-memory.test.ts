/**
 * Recurrent SAC's plumbing (network_settings.memory, discrete actions): the replay keeps trajectories as sequences
 * of sequence_length padded at their end with a mask and each sequence's first memory, and samples whole sequences;
 * the collector cuts trajectories at episode ends and time_horizon with each step's memory; acting keeps memories
 * per agent and resets them at episode start; checkpoints carry the LSTMs, the optimisers and the sequences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SequenceCollector } from '../../../agents/replay/sequence-collector.js';
import { SequenceReplay, type RecurrentTransition } from '../../../agents/replay/sequence-replay.js';
import { replaySpecOf } from '../../../agents/replay/replay-types.js';
import { sacHyperparameters } from '../../../agents/sac/hyperparameters.js';
import { SAC_PLUGIN } from '../../../agents/sac/plugin.js';
import { RecurrentSacLearner } from '../../../agents/sac/recurrent-sac-learner.js';
import { SacLearner } from '../../../agents/sac/sac-learner.js';
import { TMAZE_SPEC } from '../../../envs/tmaze/tmaze-scene.js';
import { loadRunConfig } from '../../../src/config/load-run-config.js';
import { memoryUnbuiltReason } from '../../../src/config/memory-support.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { MetaLearner } from '../../../src/training/meta-learner.js';
import { planResolver } from '../../../src/training/plan-resolver.js';
import { repoRoot } from '../../helpers/paths.js';
import { runTMaze, tmazeSacSettings } from '../../helpers/tmaze-run.js';

await chooseBackend('wasm');

const SPEC: BehaviorSpec = { name: 'M?team=0', observationSpecs: [vectorObservation(1)], actionSpec: { continuousSize: 0, discreteBranches: [2] } };

/** Step k: observation k, reward k, next observation k + 1, memory [k, 100 + k]. */
function step(k: number, done = false): RecurrentTransition {
  return { observations: [Float32Array.of(k)], continuousActions: new Float32Array(0), discreteActions: Int32Array.of(k % 2), actionMask: new Uint8Array(2), reward: k, nextObservations: [Float32Array.of(k + 1)], nextActionMask: new Uint8Array(2), done, discount: 0.9, memory: Float32Array.of(k, 100 + k) };
}

test('sequence replay: trajectories cut into sequences of sequence_length, the last padded at its end and masked, each with its first step\'s memory; whole sequences sampled; the oldest overwritten', () => {
  // buffer_size 12, sequence_length 3: 4 sequences.
  const replay = new SequenceReplay(12, 3, 2, replaySpecOf(SPEC, { actionMasks: true }));
  assert.equal(replay.capacity, 4);
  replay.addTrajectory([0, 1, 2, 3, 4].map((k) => step(k, k === 4))); // [0 1 2] [3 4 ·]
  replay.addTrajectory([10, 11].map((k) => step(k))); // [10 11 ·]
  assert.equal(replay.size, 9);
  assert.equal(replay.sequences, 3);
  const g = replay.gather(Int32Array.of(1, 2, 0));
  assert.deepEqual(Array.from(g.batch.rewards), [3, 4, 4, 10, 11, 11, 0, 1, 2]);
  assert.deepEqual(Array.from(g.mask), [1, 1, 0, 1, 1, 0, 1, 1, 1]);
  assert.deepEqual(Array.from(g.batch.dones), [0, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(g.batch.nextObservations[0]!), [4, 5, 5, 11, 12, 12, 1, 2, 3]);
  assert.deepEqual(Array.from(g.memories), [3, 103, 10, 110, 0, 100]);
  assert.deepEqual(Array.from(g.batch.indices), [3, 4, 5, 6, 7, 8, 0, 1, 2]);

  // ⌊7 / 3⌋ = 2 sequences, uniform over the 3 held, on the seeded stream; fewer rows than a sequence still give one.
  const s = replay.sample(7, new Rng(4));
  const draw = new Rng(4);
  const slots = [draw.int(3), draw.int(3)];
  assert.deepEqual(Array.from(s.slots), slots);
  assert.deepEqual(Array.from(s.batch.indices), slots.flatMap((slot) => [3 * slot, 3 * slot + 1, 3 * slot + 2]));
  assert.equal(replay.sample(2, new Rng(1)).sequences, 1);

  replay.addTrajectory([20, 21, 22].map((k) => step(k))); // slot 3
  replay.addTrajectory([30, 31].map((k) => step(k))); // slot 0: the oldest, [0 1 2], goes
  assert.equal(replay.sequences, 4);
  const wrapped = replay.gather(Int32Array.of(0, 3));
  assert.deepEqual(Array.from(wrapped.batch.rewards), [30, 31, 31, 20, 21, 22]);
  assert.deepEqual(Array.from(wrapped.mask), [1, 1, 0, 1, 1, 1]);
  assert.deepEqual(Array.from(wrapped.memories), [30, 130, 20, 120]);
  assert.throws(() => replay.gather(Int32Array.of(4)), /gather: slots\[0\]: expected a sequence in \[0, 4\), got 4/);
  assert.throws(() => replay.addTrajectory([{ ...step(1), memory: new Float32Array(3) }]), /step 0's memory: expected 2 floats, got 3/);
});

test('sequence replay: save and load round trip; a saved replay of another shape is refused naming the field, nothing loaded', () => {
  const spec = replaySpecOf(SPEC, { actionMasks: true });
  const replay = new SequenceReplay(12, 3, 2, spec);
  replay.addTrajectory([0, 1, 2, 3].map((k) => step(k)));
  const saved = JSON.parse(JSON.stringify(replay.save()));
  const copy = new SequenceReplay(12, 3, 2, spec);
  copy.load(saved, 'ckpt');
  assert.deepEqual(copy.gather(Int32Array.of(0, 1)), replay.gather(Int32Array.of(0, 1)));
  const other = new SequenceReplay(12, 4, 2, spec);
  assert.throws(() => other.load(saved, 'ckpt: replay'), /ckpt: replay: length: expected sequence_length 4, got 3/);
  assert.equal(other.size, 0);
  assert.throws(() => copy.load({ ...saved, mask: saved.mask.slice(1) }, 'ckpt'), /ckpt: mask: expected 6 values, got 5/);
});

function decisions(agentIds: number[], obs: number[], rewards: number[]): DecisionSteps {
  const n = agentIds.length;
  return { count: n, agentIds: Int32Array.from(agentIds), observations: [Float32Array.from(obs)], rewards: Float32Array.from(rewards), groupIds: new Int32Array(n), groupRewards: new Float32Array(n), actionMasks: new Uint8Array(2 * n) };
}

function terminal(agentIds: number[], obs: number[], rewards: number[], interrupted: number[]): TerminalSteps {
  const n = agentIds.length;
  return { count: n, agentIds: Int32Array.from(agentIds), observations: [Float32Array.from(obs)], rewards: Float32Array.from(rewards), groupIds: new Int32Array(n), groupRewards: new Float32Array(n), interrupted: Uint8Array.from(interrupted) };
}

test('sequence collector: a trajectory ends at its episode\'s end (done only at a true terminal) or at time_horizon, each step with the memory it acted under', () => {
  const replay = new SequenceReplay(30, 3, 1, replaySpecOf(SPEC, { actionMasks: true }));
  const collector = new SequenceCollector(replay, 0.9, 4); // time_horizon 4
  const act = (ids: number[], obs: number[], rewards: number[]) => collector.addDecisions(0, decisions(ids, obs, rewards), { continuous: new Float32Array(0), discrete: new Int32Array(ids.length), memories: Float32Array.from(obs, (o) => o / 10) });
  // Agent 1: decisions at observations 1, 2, then a true terminal (final observation 3). Agent 2 plays 6 decisions.
  act([1, 2], [1, 21], [0, 0]);
  act([1, 2], [2, 22], [0.5, 0.25]);
  collector.endEpisodes(0, terminal([1], [3], [1], [0]));
  act([2], [23], [0.25]);
  act([2], [24], [0.25]);
  assert.equal(collector.stepsReleased, 2, 'agent 1\'s episode; agent 2 holds 3 closed steps');
  act([2], [25], [0.25]);
  assert.equal(collector.stepsReleased, 6, 'agent 2\'s 4 steps at time_horizon');
  // An interrupted end: not done.
  collector.endEpisodes(0, terminal([2], [26], [0.5], [1]));
  assert.equal(collector.stepsReleased, 7);
  const g = replay.gather(Int32Array.from({ length: replay.sequences }, (_, s) => s));
  // [1 2 ·] [21 22 23] [24 · ·] [25 · ·]
  assert.deepEqual(Array.from(g.batch.observations[0]!), [1, 2, 2, 21, 22, 23, 24, 24, 24, 25, 25, 25]);
  assert.deepEqual(Array.from(g.batch.nextObservations[0]!), [2, 3, 3, 22, 23, 24, 25, 25, 25, 26, 26, 26]);
  assert.deepEqual(Array.from(g.batch.rewards), [0.5, 1, 1, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5]);
  assert.deepEqual(Array.from(g.batch.dones), [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(g.mask), [1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0]);
  assert.deepEqual(Array.from(g.memories, (m) => Math.round(m * 10)), [1, 21, 24, 25]);
  assert.throws(() => collector.addDecisions(0, decisions([1], [0], [0]), { continuous: new Float32Array(0), discrete: new Int32Array(1) }), /memories: expected 1×1 values .*got none/);
});

function sacSettings(extra: Record<string, unknown> = {}) {
  return { ...tmazeSacSettings(true), hyperparameters: sacHyperparameters({ ...tmazeSacSettings(true).hyperparameters, ...extra }) };
}

test('recurrent SAC acting: memories per (source, agent), reset at episode start; evaluation keeps its own; the plugin picks the recurrent learner only with memory', () => {
  const learner = SAC_PLUGIN.createLearner!(TMAZE_SPEC, sacSettings(), new RunSeeds(3));
  assert.ok(learner instanceof RecurrentSacLearner);
  const plain = SAC_PLUGIN.createLearner!(TMAZE_SPEC, tmazeSacSettings(false), new RunSeeds(3));
  assert.ok(plain instanceof SacLearner);
  const { policy } = learner.acting(true);
  const context = (count: number, source = 0) => ({ deterministic: false, learning: true, withRules: false, rows: [{ source, offset: 0, count }] });
  const d = (ids: number[]) => ({ ...decisions(ids, ids.map((i) => i / 10), ids.map(() => 0)), observations: [Float32Array.from(ids.flatMap((i) => [1, i / 10]))] });
  const first = policy.act(d([7, 8]), context(2));
  assert.ok(first.memoriesBefore!.every((x) => x === 0));
  const second = policy.act(d([7, 8]), context(2));
  assert.deepEqual(Array.from(second.memoriesBefore!), Array.from(first.memories!));
  policy.prepare!([{ source: 0, decisionSteps: d([]), terminalSteps: { ...terminal([7], [0, 0], [1], [0]) } }]);
  const third = policy.act(d([7, 8]), context(2));
  const W = learner.sac.memoryWidth;
  assert.equal(W, 32);
  assert.ok(third.memoriesBefore!.subarray(0, W).every((x) => x === 0), 'agent 7 starts its new episode from zeros');
  assert.deepEqual(Array.from(third.memoriesBefore!.subarray(W)), Array.from(second.memories!.subarray(W)), 'agent 8 goes on');
  const evaluation = learner.acting(false).policy.act(d([8]), { ...context(1), learning: false, deterministic: true });
  assert.ok(evaluation.memoriesBefore!.every((x) => x === 0), 'evaluation memories are apart');
  // With rules the categorical π per branch goes to the reasoning layer (which samples), the memory moving on all the same.
  const ruled = policy.act(d([8]), { ...context(1), withRules: true });
  assert.deepEqual(Array.from(ruled.memoriesBefore!), Array.from(third.memories!.subarray(W)));
  assert.ok(Math.abs(ruled.probs[0]! + ruled.probs[1]! - 1) < 1e-6 && ruled.memories!.some((m, k) => m !== third.memories![W + k]));
  assert.equal(learner.memories.learning.size, 2);
  learner.forgetSource(0);
  assert.equal(learner.memories.learning.size, 0);
  for (const l of [learner, plain]) l.dispose();
});

test('checkpoints: recurrent SAC saves and loads its LSTMs, optimisers, temperature and (save_replay_buffer) sequences; the next gradient step matches; a learner without memory refuses the state', async () => {
  const settings = sacSettings({ save_replay_buffer: true, buffer_size: 2_000, buffer_init_steps: 200, steps_per_update: 8 });
  const run = await runTMaze(true, 2, 400, { keep: true, plugin: SAC_PLUGIN, settings });
  const trained = run.learner as RecurrentSacLearner;
  assert.ok(run.updates > 0 && trained.sequences.sequences > 40, `updates ${run.updates}, sequences ${trained.sequences.sequences}`);
  const saved = JSON.parse(JSON.stringify(trained.save()));
  const resumed = SAC_PLUGIN.createLearner!(TMAZE_SPEC, settings, new RunSeeds(99)) as RecurrentSacLearner;
  resumed.load(saved, 'ckpt');
  assert.deepEqual(JSON.parse(JSON.stringify(resumed.save())), saved);
  const a = trained.sac.gradientStep(trained.sequences.sample(64, new Rng(5)), new Rng(6));
  const b = resumed.sac.gradientStep(resumed.sequences.sample(64, new Rng(5)), new Rng(6));
  assert.deepEqual(b, a);
  assert.equal(resumed.exportPolicy().memory?.hiddenSize, 16);
  const plain = SAC_PLUGIN.createLearner!(TMAZE_SPEC, { ...tmazeSacSettings(false), hyperparameters: settings.hyperparameters }, new RunSeeds(99));
  assert.throws(() => plain.load(saved, 'ckpt'), /ckpt: sac: actor/);
  for (const l of [trained, resumed, plain]) l.dispose();
});

test('ML-Agents\' sac/Hallway.yaml: memory loads without a warning and reaches the plan; the meta-learner makes the recurrent SAC learner; what is not built with memory is said', () => {
  const config = loadRunConfig(join(repoRoot, 'test', 'fixtures', 'mlagents', 'configs', 'sac', 'Hallway.yaml'));
  assert.deepEqual(config.warnings, []);
  const resolve = planResolver(config);
  assert.deepEqual(resolve('Hallway?team=0')!.network.memory, { sequenceLength: 64, memorySize: 128 });
  const spec: BehaviorSpec = { name: 'Hallway?team=0', observationSpecs: [vectorObservation(9)], actionSpec: { continuousSize: 0, discreteBranches: [5] } };
  const meta = new MetaLearner(resolve, new RunSeeds(1));
  assert.ok(meta.learnerFor(spec) instanceof RecurrentSacLearner);
  meta.dispose();
  assert.equal(memoryUnbuiltReason('sac', { extrinsic: { gamma: 0.99, strength: 1 } }, false, false), null);
  assert.match(memoryUnbuiltReason('sac', { curiosity: { gamma: 0.99, strength: 0.1, learningRate: 3e-4, network: null } } as never, false, false)!, /extrinsic reward signal only, not with curiosity/);
  assert.match(memoryUnbuiltReason('sac', {}, true, false)!, /no behavioral cloning/);
  assert.match(memoryUnbuiltReason('td3', {}, false, false)!, /ppo, sac and poca only, not td3/);
  const hybrid: BehaviorSpec = { ...spec, actionSpec: { continuousSize: 2, discreteBranches: [3] } };
  assert.throws(() => SAC_PLUGIN.createLearner!(hybrid, sacSettings(), new RunSeeds(1)), /actionSpec: expected continuous or discrete actions .*got 2 continuous \+ branches \[3\]/);
});

test('continuous recurrent SAC: actions in [-1, 1] from each agent\'s memory; gradient steps on sequences are finite, seeded, and train through the LSTMs', () => {
  const spec: BehaviorSpec = { name: 'C?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
  const settings = { ...sacSettings({ batch_size: 16, buffer_size: 64 }), network: { hiddenUnits: 8, numLayers: 1, memory: { sequenceLength: 4, memorySize: 6 } } };
  const make = () => SAC_PLUGIN.createLearner!(spec, settings, new RunSeeds(8)) as RecurrentSacLearner;
  const [x, y] = [make(), make()];
  assert.equal(x.sac.memoryWidth, 6);
  const rng = new Rng(9);
  const steps = (k: number) => Array.from({ length: k }, (_, t) => ({ observations: [Float32Array.of(rng.normal(), t)], continuousActions: Float32Array.of(rng.uniform(-1, 1), rng.uniform(-1, 1)), discreteActions: new Int32Array(0), actionMask: null, reward: rng.normal(), nextObservations: [Float32Array.of(rng.normal(), t + 1)], nextActionMask: null, done: t === k - 1, discount: 0.99, memory: Float32Array.from({ length: 6 }, () => rng.normal() * 0.1) }));
  for (const k of [6, 3, 5]) {
    const trajectory = steps(k);
    x.sequences.addTrajectory(trajectory);
    y.sequences.addTrajectory(trajectory);
  }
  const before = JSON.stringify(x.sac.save());
  for (let i = 0; i < 3; i++) {
    const a = x.sac.gradientStep(x.sequences.sample(16, new Rng(i)), new Rng(10 + i));
    const b = y.sac.gradientStep(y.sequences.sample(16, new Rng(i)), new Rng(10 + i));
    assert.deepEqual(a, b);
    assert.ok([a.criticLoss, a.actorLoss, a.meanQ, ...a.entropies, ...a.alphas].every(Number.isFinite), JSON.stringify(a));
  }
  const saved = x.sac.save() as { actor: { name: string; values: number[] }[] };
  const lstm = saved.actor.find((p) => p.name === 'pi/lstm/recurrent_kernel')!;
  const initial = (JSON.parse(before) as typeof saved).actor.find((p) => p.name === 'pi/lstm/recurrent_kernel')!;
  assert.ok(lstm.values.some((v, k) => v !== initial.values[k]), 'the actor\'s LSTM was trained');
  const acted = x.sac.act([Float32Array.of(0.5, 0, -0.5, 0)], null, 2, new Float32Array(12), new Rng(1), false);
  assert.ok(acted.continuous.every((a) => a >= -1 && a <= 1) && acted.continuous.length === 4);
  assert.ok(acted.memories.some((m) => m !== 0) && acted.memories.length === 12);
  for (const l of [x, y]) l.dispose();
});
