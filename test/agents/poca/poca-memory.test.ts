/**
 * MA-POCA with memory (network_settings.memory), piece by piece: the sequences of a hand-made group stream (a
 * member that leaves early, a time_horizon cut) with their padding and stored memories; the group critic's value
 * and baseline memories stepped along the data and carried across the cut, never across an episode end; the tfjs
 * sequence forward giving back what the preparation computed; memories reset at an agent's episode start; a
 * checkpoint round trip whose next gradient step is the saved learner's; reward signals and behavioral cloning beside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { BcAuxiliary } from '../../../agents/imitation/bc-auxiliary.js';
import type { ImitationDataset } from '../../../agents/imitation/imitation-dataset.js';
import type { ActOutput } from '../../../agents/networks/acting.js';
import { DEFAULT_NETWORK_SETTINGS } from '../../../agents/networks/network-settings.js';
import { CriticCarry, recurrentCriticPass, type CriticEncodings } from '../../../agents/poca/critic-memories.js';
import { buildPocaBatch, type PreparedBatch } from '../../../agents/poca/group-batch.js';
import { GroupBuffer, type GroupSegment } from '../../../agents/poca/group-buffer.js';
import { GroupCritic } from '../../../agents/poca/group-critic.js';
import { buildGroupSequences, gatherPadded, sequenceRows } from '../../../agents/poca/group-sequences.js';
import { pocaHyperparameters } from '../../../agents/poca/hyperparameters.js';
import { PocaLearner, type PocaLearnerSettings } from '../../../agents/poca/poca-learner.js';
import type { SavedActorCritic } from '../../../agents/networks/actor-critic.js';
import type { LearnerState } from '../../../agents/plugin/learner.js';
import { getBuiltinEnv } from '../../../envs/registry.js';
import { TMAZE_BEHAVIOR, TMAZE_SPEC, createTMazeScene } from '../../../envs/tmaze/tmaze-scene.js';
import { GhostLearner, type SavedSelfPlay } from '../../../src/training/ghost-learner.js';
import type { LearnerPlan } from '../../../src/training/learner-plan.js';
import { MetaLearner } from '../../../src/training/meta-learner.js';
import { planResolver } from '../../../src/training/plan-resolver.js';
import { loadRunConfig } from '../../../src/config/load-run-config.js';
import { memoryUnbuiltReason } from '../../../src/config/memory-support.js';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths.js';
import { Trainer } from '../../../src/training/trainer.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import type { DecisionSteps, TerminalSteps } from '../../../src/core/env/steps.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { decide } from '../../../src/decisions/decision-pipeline.js';

await chooseBackend('wasm');

const A = 10; // leaves after its first decision
const B = 11;
const OBS = [2];
const W = 4; // the acting memory's width in the hand-made rows

function decisions(rows: { id: number; obs: number[] }[]): DecisionSteps {
  return {
    count: rows.length,
    agentIds: Int32Array.from(rows, (r) => r.id),
    observations: [Float32Array.from(rows.flatMap((r) => r.obs))],
    rewards: new Float32Array(rows.length),
    groupIds: new Int32Array(rows.length).fill(1),
    groupRewards: new Float32Array(rows.length),
    actionMasks: null,
  };
}
function terminals(rows: { id: number; obs: number[] }[]): TerminalSteps {
  return { ...decisions(rows), interrupted: new Uint8Array(rows.length) };
}
/** Actions 0, and each agent's memory before the decision [id, step, 1, 1] so that a row's memory says whose and when. */
function acted(ids: number[], step: number): ActOutput {
  const n = ids.length;
  return {
    count: n,
    continuous: new Float32Array(0),
    continuousRaw: new Float32Array(0),
    discrete: new Int32Array(n),
    logProbs: new Float32Array(n),
    values: new Float32Array(n),
    probs: new Float32Array(n * 2),
    means: new Float32Array(0),
    logStd: new Float32Array(0),
    factors: null,
    path: 'fast',
    memoriesBefore: Float32Array.from(ids.flatMap((id) => [id, step, 1, 1])),
    memories: new Float32Array(n * W),
  };
}

/**
 * Group 1 with time_horizon 3: A and B decide at step 0, A's episode ends, B decides at steps 1 and 2; at step 3
 * the segment is cut (3 group steps, B, the one live member, asks again) and step 3 opens the next segment; B
 * decides at step 4 and its episode ends.
 */
function stream(): GroupSegment[] {
  const buffer = new GroupBuffer(OBS, 3);
  buffer.addDecisions(0, decisions([{ id: A, obs: [1, 0] }, { id: B, obs: [2, 0] }]), acted([A, B], 0));
  buffer.endEpisodes(0, terminals([{ id: A, obs: [1, 1] }]));
  for (let k = 1; k <= 4; k++) buffer.addDecisions(0, decisions([{ id: B, obs: [2, k] }]), acted([B], k));
  buffer.endEpisodes(0, terminals([{ id: B, obs: [2, 5] }]));
  return buffer.drain();
}

test('sequences of a group stream: a member leaving early and a time_horizon cut give padded sequences, each with its first row\'s memory', () => {
  const segments = stream();
  assert.equal(segments.length, 2);
  const [first, second] = segments;
  assert.deepEqual(first!.streams, [[0], [1, 2, 3]]);
  assert.equal(first!.group, '0:g1');
  assert.deepEqual(first!.continuing, [B], 'at the cut B goes on into the next segment');
  assert.deepEqual(second!.streams, [[0, 1]]);
  assert.equal(second!.continuing, undefined, 'the group\'s episode ended');
  // Each row keeps the memory its agent acted under.
  assert.deepEqual(segments.flatMap((s) => s.rows.map((r) => Array.from(r.memory!))), [[A, 0, 1, 1], [B, 0, 1, 1], [B, 1, 1, 1], [B, 2, 1, 1], [B, 3, 1, 1], [B, 4, 1, 1]]);

  const sequences = buildGroupSequences(segments, 2);
  // A: [A0, pad]; B in the first segment: [B0, B1], [B2, pad]; B in the second (rows 4, 5): [B3, B4].
  assert.equal(sequences.count, 4);
  assert.deepEqual(Array.from(sequences.rows), [0, -1, 1, 2, 3, -1, 4, 5]);
  assert.deepEqual(Array.from(sequences.firstRows), [0, 1, 3, 4]);
  const chosen = sequenceRows(sequences, Int32Array.from([2, 0]));
  assert.deepEqual(Array.from(chosen.all), [3, -1, 0, -1]);
  assert.deepEqual(Array.from(chosen.real), [3, 0]);
  assert.deepEqual(Array.from(chosen.positions), [0, 2]);
  assert.deepEqual(Array.from(gatherPadded(Float32Array.from([0, 1, 2, 3]), 1, Int32Array.from([3, -1]), 1)), [3, 1], 'padding filled as asked');
  assert.throws(() => buildGroupSequences(segments, 0), /length: expected an integer ≥ 1, got 0/);
});

const MEMORY = { sequenceLength: 2, memorySize: 6 };

function recurrentCritic(): GroupCritic {
  return new GroupCritic(2, 2, { ...DEFAULT_NETWORK_SETTINGS, hiddenUnits: 8, numLayers: 1, memory: MEMORY }, new Rng(3));
}

function encodings(critic: GroupCritic, prepared: PreparedBatch): CriticEncodings {
  const { batch } = prepared;
  const { members: N, entitySize: D, others: M } = batch;
  const data = tf.tidy(() => {
    const v = critic.valueEncodingTf(tf.tensor3d(prepared.stepObs, [prepared.stepCount, N, D]), tf.tensor2d(prepared.stepMask, [prepared.stepCount, N]));
    const b = critic.baselineEncodingTf(tf.tensor2d(batch.selfObs, [batch.size, D]), tf.tensor3d(batch.othersObsActions, [batch.size, M, D + batch.actionSize]), tf.tensor2d(batch.othersMask, [batch.size, M]));
    return [v.trunk, v.count, b.trunk, b.count];
  });
  const [valueTrunk, valueCount, baselineTrunk, baselineCount] = data.map((t) => t.dataSync() as Float32Array);
  tf.dispose(data);
  return { valueTrunk: valueTrunk!, valueCount: valueCount!, baselineTrunk: baselineTrunk!, baselineCount: baselineCount!, hiddenUnits: 8 };
}

const prepare = (segments: GroupSegment[]) => buildPocaBatch(segments, OBS, { continuousSize: 0, branches: [2] }, (obs) => Float32Array.from(obs[0]!));
const rowsOf = (a: Float32Array, width: number) => Array.from({ length: a.length / width }, (_, r) => Array.from(a.subarray(r * width, (r + 1) * width)));
const near = (a: number[], b: number[], what: string) => a.forEach((x, i) => assert.ok(Math.abs(x - b[i]!) <= 1e-5, `${what}[${i}]: ${x} ≠ ${b[i]}`));

test('critic memories: the value memory steps along the group\'s steps, the baseline memory along each member\'s rows, both carried across the cut and dropped at the episode end', () => {
  const critic = recurrentCritic();
  const segments = stream();
  const prepared = prepare(segments);
  const enc = encodings(critic, prepared);
  const carry = new CriticCarry();
  const pass = recurrentCriticPass(critic, prepared, segments, enc, carry);
  const m = MEMORY.memorySize;
  const zeros = new Array(m).fill(0);
  const step = (trunk: Float32Array, index: number, memory: number[]) => Array.from(critic.stepHost(trunk.slice(index * 8, (index + 1) * 8), Float32Array.from(memory), 1).memories);

  // Value: group steps 0, 1, 2 of the first segment (stepObs 0..2, bootstrap 3), then the second's (4, 5).
  const v1 = step(enc.valueTrunk, 0, zeros);
  const v2 = step(enc.valueTrunk, 1, v1);
  const v3 = step(enc.valueTrunk, 2, v2);
  const v4 = step(enc.valueTrunk, 4, v3); // the second segment goes on from where the first's steps ended
  const valueMemories = rowsOf(pass.valueMemories, m);
  near(valueMemories[0]!, zeros, 'A0');
  near(valueMemories[1]!, zeros, 'B0');
  near(valueMemories[2]!, v1, 'B1');
  near(valueMemories[3]!, v2, 'B2');
  near(valueMemories[4]!, v3, 'B3 (after the cut)');
  near(valueMemories[5]!, v4, 'B4');
  // Baseline: B's own rows 1, 2, 3, then 4, 5 across the cut; A's one row from zeros.
  const b1 = step(enc.baselineTrunk, 1, zeros);
  const b2 = step(enc.baselineTrunk, 2, b1);
  const b3 = step(enc.baselineTrunk, 3, b2);
  const baselineMemories = rowsOf(pass.baselineMemories, m);
  near(baselineMemories[0]!, zeros, 'A0');
  near(baselineMemories[1]!, zeros, 'B0');
  near(baselineMemories[2]!, b1, 'B1');
  near(baselineMemories[3]!, b2, 'B2');
  near(baselineMemories[4]!, b3, 'B3 (after the cut)');
  assert.equal(carry.values.size + carry.baselines.size, 0, 'the group\'s episode ended: nothing is carried');

  // The same segments in two updates: the first leaves the cut's memories for the second, which starts from them.
  const split = new CriticCarry();
  const firstPass = recurrentCriticPass(critic, prepare([segments[0]!]), [segments[0]!], encodings(critic, prepare([segments[0]!])), split);
  assert.deepEqual([...split.values.keys(), ...split.baselines.keys()], ['0:g1', '0:g1|11']);
  const secondPrepared = prepare([segments[1]!]);
  const secondPass = recurrentCriticPass(critic, secondPrepared, [segments[1]!], encodings(critic, secondPrepared), split);
  near(Array.from(secondPass.valueMemories), [...valueMemories[4]!, ...valueMemories[5]!], 'value memories over two updates');
  near(Array.from(secondPass.baselineMemories), [...baselineMemories[4]!, ...baselineMemories[5]!], 'baseline memories over two updates');
  near(Array.from(firstPass.stepValues[0]!.subarray(0, 4)), Array.from(pass.stepValues[0]!.subarray(0, 4)), 'V of the first segment');
  // A source reset under us: its carried memories go.
  recurrentCriticPass(critic, prepare([segments[0]!]), [segments[0]!], encodings(critic, prepare([segments[0]!])), split);
  split.forgetSource(0);
  assert.equal(split.values.size + split.baselines.size, 0);
  critic.dispose();
});

test('the critic\'s tfjs sequences from the stored memories give back the prepared values and baselines of every real row', () => {
  const critic = recurrentCritic();
  const segments = stream();
  const prepared = prepare(segments);
  const pass = recurrentCriticPass(critic, prepared, segments, encodings(critic, prepared), new CriticCarry());
  const sequences = buildGroupSequences(segments, MEMORY.sequenceLength);
  const all = Int32Array.from({ length: sequences.count }, (_, s) => s);
  const { all: rows, real, positions } = sequenceRows(sequences, all);
  const { batch } = prepared;
  const { members: N, entitySize: D, others: M, actionSize: Ac } = batch;
  const m = MEMORY.memorySize;
  const [values, baselines] = tf.tidy(() => {
    const select = tf.tensor2d(Float32Array.from({ length: positions.length * rows.length }, (_, k) => (positions[Math.floor(k / rows.length)] === k % rows.length ? 1 : 0)), [positions.length, rows.length]);
    const out = critic.sequencesTf(
      { groupObs: tf.tensor3d(gatherPadded(batch.groupObs, N * D, rows), [rows.length, N, D]), groupMask: tf.tensor2d(gatherPadded(batch.groupMask, N, rows, 1), [rows.length, N]) },
      { selfObs: tf.tensor2d(gatherPadded(batch.selfObs, D, rows), [rows.length, D]), others: tf.tensor3d(gatherPadded(batch.othersObsActions, M * (D + Ac), rows), [rows.length, M, D + Ac]), othersMask: tf.tensor2d(gatherPadded(batch.othersMask, M, rows, 1), [rows.length, M]) },
      {
        length: MEMORY.sequenceLength,
        select,
        valueMemories: tf.tensor2d(gatherPadded(pass.valueMemories, m, sequences.firstRows), [sequences.count, m]),
        baselineMemories: tf.tensor2d(gatherPadded(pass.baselineMemories, m, sequences.firstRows), [sequences.count, m]),
      },
    );
    return [out.values[0]!, out.baselines[0]!];
  });
  near(Array.from(values!.dataSync()), Array.from(real, (r) => pass.stepValues[0]![prepared.rowStep[r]!]!), 'V');
  near(Array.from(baselines!.dataSync()), Array.from(real, (r) => pass.baselines[0]![r]!), 'b');
  tf.dispose([values!, baselines!]);
  critic.dispose();
});

function settings(memory: boolean): PocaLearnerSettings {
  return {
    id: 'TMaze',
    hyperparameters: pocaHyperparameters({ batch_size: 20, buffer_size: 40, time_horizon: 64, num_epoch: 2, learning_rate: 3e-3, learning_rate_schedule: 'constant' }),
    // Sequences of one T-maze episode (5 decisions): 4 per minibatch.
    network: { hiddenUnits: 16, numLayers: 1, ...(memory ? { memory: { sequenceLength: 5, memorySize: 8 } } : {}) },
    maxSteps: 100_000,
    rewardStrength: 1,
  };
}

test('acting with memory: an agent whose episode ended starts the next from zeros; its group mate keeps its memory', () => {
  const learner = new PocaLearner(TMAZE_SPEC, settings(true), new RunSeeds(1));
  const memories = learner.memories(true)!;
  const none = decisions([]);
  const part = (d: DecisionSteps, t: TerminalSteps = { ...none, interrupted: new Uint8Array(0) }) => [{ source: 0, decisionSteps: d, terminalSteps: t }];
  decide(learner, part(decisions([{ id: 0, obs: [1, 0] }, { id: 1, obs: [-1, 0] }])));
  decide(learner, part(decisions([{ id: 0, obs: [0, 0] }, { id: 1, obs: [0, 0] }])));
  assert.ok(memories.of(0, 0) !== null && memories.of(0, 1) !== null);
  // Agent 0's episode ends and its next begins in the same batch; agent 1 goes on.
  decide(learner, part(decisions([{ id: 0, obs: [1, 0] }, { id: 1, obs: [0, 1] }]), terminals([{ id: 0, obs: [0, 1] }])));
  decide(learner, part(none, terminals([{ id: 0, obs: [0, 1] }, { id: 1, obs: [0, 1] }])));
  assert.equal(memories.size, 0, 'every episode ended');
  const segments = (learner as unknown as { buffer: GroupBuffer }).buffer.drain();
  const rows = segments.flatMap((s) => s.rows);
  assert.deepEqual(rows.map((r) => r.agentId), [0, 1, 0, 1, 0, 1]);
  const zero = (r: number) => rows[r]!.memory!.every((x) => x === 0);
  assert.deepEqual(rows.map((_, r) => zero(r)), [true, true, false, false, true, false], 'agent 0\'s new episode (row 4) starts from zeros');
  learner.dispose();
});

async function drive(learner: PocaLearner, env: LocalEnv, untilUpdates: number): Promise<void> {
  let updates = 0;
  while (updates < untilUpdates) {
    const { decisionSteps, terminalSteps } = env.getSteps(TMAZE_BEHAVIOR);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions(TMAZE_BEHAVIOR, actions!);
    await env.step();
    if (learner.maybeUpdate()) updates++;
  }
}

async function groupTMaze(seed: number): Promise<LocalEnv> {
  const env = new LocalEnv('tmaze', createTMazeScene, { numAreas: 4, seed });
  env.setEnvironmentParameters({ group_size: 2 });
  await env.reset();
  return env;
}

test('checkpoints: the LSTMs and their Adam moments ride in the saved state; the loaded learner\'s next gradient step is the saved one\'s', async () => {
  const saved = new PocaLearner(TMAZE_SPEC, settings(true), new RunSeeds(5));
  const first = await groupTMaze(1);
  assert.deepEqual(Array.from(first.getSteps(TMAZE_BEHAVIOR).decisionSteps.groupIds), [1, 1, 2, 2], 'group_size 2: areas 0–1 and 2–3 are groups 1 and 2');
  await drive(saved, first, 1);
  const state = JSON.parse(JSON.stringify(saved.save()));
  const names = (state.policy.parameters as { name: string }[]).map((p) => p.name);
  assert.ok(names.includes('actor/lstm/kernel'));
  assert.ok((state.critic.parameters as { name: string }[]).some((p) => p.name === 'critic/lstm/recurrent_kernel'));
  const loaded = new PocaLearner(TMAZE_SPEC, settings(true), new RunSeeds(99));
  loaded.load(state, 'checkpoint');
  // Both start the next episodes afresh (the acting memories of unfinished episodes are not part of a checkpoint).
  saved.forgetSource(0);
  saved.forgetMemories();
  await drive(saved, await groupTMaze(2), 1);
  await drive(loaded, await groupTMaze(2), 1);
  assert.deepEqual(loaded.save(), saved.save());
  const plain = new PocaLearner(TMAZE_SPEC, settings(false), new RunSeeds(5));
  assert.throws(() => plain.load(state, 'checkpoint'), /settings\.memory: expected none, got sequence_length 5, memory_size 8/);
  for (const l of [saved, loaded, plain]) l.dispose();
});

/** The T-maze expert's episodes: the cue at the first of 5 decisions, the turn its way at the junction. */
function tmazeExpert(episodes: number): ImitationDataset {
  const rng = new Rng(8);
  const rows = episodes * 5;
  const observations = new Float32Array(rows * 2);
  const discreteActions = new Int32Array(rows);
  const dones = new Uint8Array(rows);
  const episodeOf = new Int32Array(rows);
  for (let e = 0; e < episodes; e++) {
    const cue = rng.next() < 0.5 ? -1 : 1;
    for (let t = 0; t < 5; t++) {
      const r = e * 5 + t;
      observations[r * 2] = t === 0 ? cue : 0;
      observations[r * 2 + 1] = t === 4 ? 1 : 0;
      discreteActions[r] = t === 4 && cue === 1 ? 1 : 0;
      dones[r] = t === 4 ? 1 : 0;
      episodeOf[r] = e;
    }
  }
  return { size: rows, observationSizes: [2], observations: [observations], continuousActions: new Float32Array(0), discreteActions, actionMasks: null, rewards: new Float32Array(rows), dones, episodes: episodeOf };
}

test('with curiosity and behavioral cloning beside it: updates report the curiosity stats and the BC loss, which falls; both ride in the checkpoint', async () => {
  const curiosity = { gamma: 0.99, strength: 0.1, learningRate: 1e-3, network: { hiddenUnits: 16, numLayers: 1, normalize: false, activation: 'swish' as const } };
  const learner = new PocaLearner(TMAZE_SPEC, { ...settings(true), curiosity }, new RunSeeds(2));
  const dataset = tmazeExpert(20);
  const bcSettings = { learningRate: 3e-3, strength: 1, steps: 0, numEpoch: 2, batchSize: 20, samplesPerUpdate: 0 };
  learner.imitation = new BcAuxiliary(learner.bcActor(), dataset, bcSettings, new Rng(5));
  const env = await groupTMaze(3);
  const losses: number[] = [];
  while (losses.length < 2) {
    const { decisionSteps, terminalSteps } = env.getSteps(TMAZE_BEHAVIOR);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions(TMAZE_BEHAVIOR, actions!);
    await env.step();
    const stats = learner.maybeUpdate();
    if (!stats) continue;
    for (const key of ['Policy/Curiosity Reward', 'Policy/Curiosity Value Estimate', 'Policy/Curiosity Baseline Estimate', 'Losses/Curiosity Forward Loss', 'Losses/Value Loss', 'Losses/Baseline Loss', 'Losses/Pretraining Loss']) {
      assert.ok(Number.isFinite(stats[key]), `${key}: ${stats[key]}`);
    }
    losses.push(stats['Losses/Pretraining Loss']!);
  }
  assert.ok(losses[1]! < losses[0]!, `BC losses ${losses.join(', ')}`);
  const saved = learner.save();
  assert.ok(saved['imitation'] && saved['curiosity'], 'the checkpoint holds BC and curiosity');
  learner.dispose();
});

test('self-play with memory on the duel: a short run updates, snapshots carry the actor\'s LSTM, and the opponents keep memories apart from the learning team\'s', async () => {
  const plan = (b: string): LearnerPlan | null =>
    b.startsWith('Duel?team=')
      ? {
          learnerId: 'Duel',
          trainerType: 'poca',
          hyperparameters: pocaHyperparameters({ batch_size: 32, buffer_size: 96, time_horizon: 16, num_epoch: 1, learning_rate: 3e-3 }),
          network: { hiddenUnits: 16, numLayers: 1, memory: { sequenceLength: 4, memorySize: 8 } },
          maxSteps: 300,
          rewardStrength: 1,
          summaryFreq: 1e9,
          checkpointInterval: 1e9,
          keepCheckpoints: 1,
          selfPlay: { saveSteps: 100, teamChange: 1e9, swapSteps: 60, window: 3, playAgainstLatestModelRatio: 0.5, initialElo: 1200 },
        }
      : null;
  const env = new LocalEnv('builtin:duel#0', getBuiltinEnv('duel').factory, { numAreas: 4, seed: 5 });
  await env.reset();
  const meta = new MetaLearner(plan, new RunSeeds(11));
  await new Trainer([env], meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9 }).run();
  const ghost = meta.learners.get('Duel') as GhostLearner;
  const learner = ghost.learner as PocaLearner;
  const opponent = ghost.opponent as PocaLearner;
  assert.ok(learner instanceof PocaLearner && learner.memories(true) !== null);
  const saved = JSON.parse(JSON.stringify(ghost.save())) as LearnerState & { learner: LearnerState; selfPlay: SavedSelfPlay };
  assert.ok(saved.learner.updates >= 2, `updates ${saved.learner.updates}`);
  // POCA's snapshots are whole learner states (src/training/self-play/snapshot-codec.ts): the actor's LSTM among them.
  for (const slot of saved.selfPlay.window.slots) assert.ok(((slot.weights as LearnerState)['policy'] as SavedActorCritic).parameters.some((p) => p.name === 'actor/lstm/kernel'), 'a snapshot holds the actor\'s LSTM');
  const learning = learner.memories(true)!;
  const opponents = opponent.memories(false)!;
  assert.ok(learning.size > 0 && opponents.size > 0, `memories held: learning ${learning.size}, opponents ${opponents.size}`);
  for (const id of [0, 1, 2, 3, 4, 5, 6, 7]) assert.ok(learning.of(0, id) === null || opponents.of(0, id) === null, `agent ${id} has one memory, not two`);
  meta.dispose();
});

test('configs/tmaze-poca-memory.yaml: memory loads without a warning for poca, reaches the plan, and the meta-learner makes a POCA learner with memory', () => {
  assert.equal(memoryUnbuiltReason('poca', {}, true, true), null);
  const config = loadRunConfig(join(repoRoot, 'configs', 'tmaze-poca-memory.yaml'));
  assert.deepEqual(config.warnings, []);
  const plan = planResolver(config)('TMaze?team=0')!;
  assert.deepEqual(plan.network.memory, { sequenceLength: 5, memorySize: 32 });
  const meta = new MetaLearner(planResolver(config), new RunSeeds(1));
  const learner = meta.learnerFor(TMAZE_SPEC);
  assert.ok(learner instanceof PocaLearner && learner.memories(true) !== null);
  meta.dispose();
});
