/**
 * Recurrent PPO (network_settings.memory) with reward signals beside the extrinsic one and with behavioral
 * cloning: curiosity's value head sits on the critic's LSTM output and the T-maze is still solved with it; PPO +
 * memory + GAIL + BC from a small recorded CartPole demonstration runs updates whose BC loss falls; both
 * checkpoints round-trip. Seeded; ML-Agents' imitation/Hallway.yaml is exactly this combination.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { act } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { AgentMemories } from '../../../agents/networks/agent-memories.js';
import { policyBatch } from '../../../agents/networks/policy-batch.js';
import { realRows, sequenceInputs } from '../../../agents/ppo/recurrent-ppo.js';
import { recurrentSignalTargets } from '../../../agents/ppo/recurrent-ppo-learner.js';
import { SequenceBuffer } from '../../../agents/ppo/sequence-buffer.js';
import { PpoSignalStreams } from '../../../agents/ppo/signal-streams.js';
import { SignalValueHeads } from '../../../agents/ppo/value-heads.js';
import { Rnd } from '../../../agents/reward-signals/rnd.js';
import { demoSequences } from '../../../agents/imitation/bc-sequences.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BcAuxiliary } from '../../../agents/imitation/bc-auxiliary.js';
import { datasetFromDemonstration } from '../../../agents/imitation/imitation-dataset.js';
import { ppoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import type { PpoLearnerSettings } from '../../../agents/ppo/ppo-learner.js';
import { PPO_PLUGIN } from '../../../agents/ppo/plugin.js';
import { RecurrentPpoLearner } from '../../../agents/ppo/recurrent-ppo-learner.js';
import type { LearnerState } from '../../../agents/plugin/learner.js';
import type { SavedParameter } from '../../../agents/networks/parameters.js';
import { getBuiltinEnv } from '../../../envs/registry.js';
import { TMAZE_SPEC } from '../../../envs/tmaze/tmaze-scene.js';
import { record } from '../../../src/cli/record.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { decide } from '../../../src/decisions/decision-pipeline.js';
import { readDemonstrations } from '../../../src/protocol/demo-file/index.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { loadRunConfig } from '../../../src/config/load-run-config.js';
import { planResolver } from '../../../src/training/plan-resolver.js';
import { repoRoot } from '../../helpers/paths.js';
import { runTMaze, tail, tmazeSettings, TMAZE_MEMORY } from '../../helpers/tmaze-run.js';

await chooseBackend('wasm');
const work = mkdtempSync(join(tmpdir(), 'shiva-ppo-memory-signals-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('ppo-memory-signals-test');
logger.level = 'warn';

const STEPS = 6_000;
const LAST = 200;
const THRESHOLD = 0.9;
const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as LearnerState;

test('a signal\'s head values stored with a trajectory (one LSTM step from each stored memory) are what the update\'s sequence forward gives; s\' and dones ride with the real steps', () => {
  const spec: BehaviorSpec = { name: 'S?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 1, discreteBranches: [2] } };
  const network = new ActorCritic(spec, { hiddenUnits: 8, numLayers: 1, memory: { sequenceLength: 4, memorySize: 8 } }, new Rng(1));
  const heads = new SignalValueHeads(network, ['rnd'], new Rng(2));
  const rnd = new Rnd(spec, { gamma: 0.9, strength: 1, learningRate: 1e-3, network: { hiddenUnits: 8, numLayers: 1, normalize: false, activation: 'tanh' } }, new Rng(3));
  const streams = new PpoSignalStreams([rnd], heads, 0.8);
  const buffer = new SequenceBuffer(spec.actionSpec, [3], 6, 4, network.memoryWidth, 0.9, 0.8, recurrentSignalTargets(network, streams, spec.actionSpec, 0.9, 0.8));
  const memories = new AgentMemories(network.memoryWidth);
  const rng = new Rng(4);
  const rows = [{ source: 0, offset: 0, count: 2 }];
  for (let step = 0; step < 9; step++) {
    if (step === 3) {
      buffer.endEpisodes(0, { count: 1, agentIds: Int32Array.of(1), observations: [Float32Array.of(9, 9, 9)], rewards: Float32Array.of(1), groupIds: new Int32Array(1), groupRewards: new Float32Array(1), interrupted: new Uint8Array(1) }, null);
      memories.reset(0, Int32Array.of(1));
    }
    const d = { count: 2, agentIds: Int32Array.of(1, 2), observations: [Float32Array.from({ length: 6 }, () => rng.normal())], rewards: Float32Array.of(0.5, 0.25), groupIds: new Int32Array(2), groupRewards: new Float32Array(2), actionMasks: null };
    const out = act(network, { ...d, memories: memories.gather(rows, d.agentIds) }, rng);
    memories.store(rows, d.agentIds, out.memories!);
    buffer.addDecisions(0, d, out);
  }
  const batch = buffer.drain();
  assert.equal(batch.size, 9);
  assert.equal(batch.signals?.length, 1);
  const t = batch.transitions!;
  assert.equal(t.size, 9);
  // Agent 1's terminal step: done, and its s' is the final observation.
  assert.deepEqual(Array.from(t.dones), [0, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(t.nextObservations[0]!.subarray(6, 9)), [9, 9, 9]);
  const all = Int32Array.of(0, 1, 2);
  const prepared = policyBatch(network, { size: batch.rows, observations: batch.observations, continuousActions: batch.continuousActions, discreteActions: batch.discreteActions }, batch.factors);
  const values = tf.tidy(() => {
    const inputs = sequenceInputs(network, batch, prepared, all);
    return heads.valuesTf(inputs.observations, inputs.sequences)[0]!.dataSync() as Float32Array;
  });
  const { rows: real } = realRows(batch, all);
  real.forEach((r, k) => assert.ok(Math.abs(values[k]! - batch.signals![0]!.values[r]!) < 1e-4, `row ${r}: sequence forward ${values[k]} vs stored ${batch.signals![0]!.values[r]}`));
  // Padding rows carry nothing.
  assert.equal(batch.signals![0]!.values[3], 0);
  streams.dispose();
  network.dispose();
});

test('BC with memory cuts each demo episode into sequences of sequence_length', () => {
  const seqs = demoSequences(Int32Array.of(0, 0, 0, 0, 0, 1, 1, 2), 2).map((s) => Array.from(s));
  assert.deepEqual(seqs, [[0, 1], [2, 3], [4], [5, 6], [7]]);
});

function withCuriosity(): PpoLearnerSettings {
  return { ...tmazeSettings(true), curiosity: { gamma: 0.99, strength: 0.05, learningRate: 1e-3, network: { hiddenUnits: 16, numLayers: 1, normalize: false, activation: 'tanh' } } };
}

test(`T-maze, ${STEPS} steps, seed 1: recurrent PPO with curiosity still turns the cue's way in ≥ ${THRESHOLD * 100}% of the last ${LAST} episodes, logs curiosity's stats, and its value head reads the critic's LSTM`, async (t) => {
  const run = await runTMaze(true, 1, STEPS, { settings: withCuriosity(), keep: true });
  const learner = run.learner!;
  try {
    const { successRate, meanReturn } = tail(run.returns, LAST);
    t.diagnostic(`success ${successRate}, mean return ${meanReturn}, ${run.updates} updates, ${run.seconds} s; last stats ${JSON.stringify(run.stats.at(-1))}`);
    assert.ok(run.updates >= 15, `updates: ${run.updates}`);
    assert.ok(successRate >= THRESHOLD, `success ${successRate}, mean return ${meanReturn}`);
    // Every update reports the signal's reward, its value estimate and its networks' losses.
    for (const s of run.stats) {
      for (const key of ['Policy/Curiosity Reward', 'Policy/Curiosity Value Estimate', 'Losses/Curiosity Forward Loss', 'Losses/Curiosity Inverse Loss', 'Losses/Value Loss']) {
        assert.ok(Number.isFinite(s[key]), `${key}: ${s[key]}`);
      }
    }
    assert.ok(run.stats.some((s) => s['Policy/Curiosity Reward']! > 0));
    // One value head per signal, on the LSTM's output (memory_size 32: 16 units), not on the 32-unit encoder.
    const saved = learner.save();
    const heads = saved['valueHeads'] as SavedParameter[];
    assert.deepEqual(heads.map((p) => [p.name, [...p.shape]]), [
      ['critic/value_curiosity/kernel', [TMAZE_MEMORY.memorySize / 2, 1]],
      ['critic/value_curiosity/bias', [1]],
    ]);
    // Checkpoint round-trip: another seed's learner loads it and saves the same; one without the heads is refused.
    const resumed = PPO_PLUGIN.createLearner!(TMAZE_SPEC, withCuriosity(), new RunSeeds(99));
    assert.ok(resumed instanceof RecurrentPpoLearner);
    resumed.load(json(saved), 'ckpt');
    assert.deepEqual(json(resumed.save()), json(saved));
    const { valueHeads: _dropped, ...without } = json(saved);
    assert.throws(() => resumed.load(without, 'old.ckpt'), /old\.ckpt: valueHeads: expected the value heads of reward signals \[curiosity\], got nothing/);
    resumed.dispose();
  } finally {
    learner.dispose();
  }
});

const BEHAVIOR = 'CartPole?team=0';

test('PPO + memory + GAIL + behavioral cloning from a recorded CartPole demo: updates run with both signals\' stats, the BC loss falls, and the checkpoint holds both', async (t) => {
  const demoPath = join(work, 'cartpole.demo');
  await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 1, out: demoPath, seed: 3, numAreas: 1, timeoutMs: null, logger });
  const demo = readDemonstrations(demoPath);
  const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed: 7 });
  await env.reset();
  const spec = env.behaviorSpecs.get(BEHAVIOR)!;
  const settings: PpoLearnerSettings = {
    id: 'CartPole',
    hyperparameters: ppoHyperparameters({ batch_size: 64, buffer_size: 256, time_horizon: 32, num_epoch: 2, learning_rate: 1e-3, learning_rate_schedule: 'constant' }),
    network: { hiddenUnits: 32, numLayers: 1, memory: { sequenceLength: 8, memorySize: 16 } },
    maxSteps: 100_000,
    rewardStrength: 1,
    gail: { gamma: 0.99, strength: 0.1, demoPath, learningRate: 3e-4, useActions: true, useVail: false, network: { hiddenUnits: 32, numLayers: 1, normalize: false, activation: 'tanh' } },
    gailExpert: () => demo,
  };
  const bcSettings = { learningRate: 1e-3, strength: 3, steps: 0, numEpoch: 3, batchSize: 64, samplesPerUpdate: 0 };
  const learner = PPO_PLUGIN.createLearner!(spec, settings, new RunSeeds(11)) as RecurrentPpoLearner;
  const { dataset } = datasetFromDemonstration(demo, spec);
  assert.equal(dataset.size, 500);
  const bc = new BcAuxiliary(learner.bcActor(), dataset, bcSettings, new Rng(5));
  learner.imitation = bc;
  const before = bc.evaluate();
  const losses: number[] = [];
  try {
    while (losses.length < 5) {
      const { decisionSteps, terminalSteps } = env.getSteps(BEHAVIOR);
      const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
      env.setActions(BEHAVIOR, actions!);
      await env.step();
      const stats = learner.maybeUpdate();
      if (!stats) continue;
      for (const key of ['Policy/GAIL Reward', 'Policy/GAIL Value Estimate', 'Losses/GAIL Loss', 'Policy/GAIL Expert Estimate', 'Losses/Pretraining Loss']) {
        assert.ok(Number.isFinite(stats[key]), `${key}: ${stats[key]}`);
      }
      assert.ok(Math.abs(stats['Policy/BC Learning Rate']! - 3e-3) < 1e-12);
      losses.push(stats['Losses/Pretraining Loss']!);
    }
    // An untrained policy is near-uniform (NLL ≈ ln 2 = 0.69); the expert's rule is a threshold BC learns fast.
    const after = bc.evaluate();
    const report = `losses ${losses.map((l) => l.toFixed(3)).join(', ')}; evaluation ${before.loss.toFixed(3)} → ${after.loss.toFixed(3)}, accuracy ${before.accuracy} → ${after.accuracy}`;
    t.diagnostic(report);
    assert.ok(losses[0]! > 0.5, report);
    assert.ok(losses[4]! < losses[0]! * 0.8, report);
    assert.ok(after.loss < before.loss * 0.8, report);
    const saved = learner.save();
    assert.ok(saved['imitation'] && saved['gail'] && saved['valueHeads'], 'the checkpoint holds BC, GAIL and its value head');
    const restored = PPO_PLUGIN.createLearner!(spec, settings, new RunSeeds(99)) as RecurrentPpoLearner;
    restored.imitation = new BcAuxiliary(restored.bcActor(), dataset, bcSettings, new Rng(0));
    restored.load(json(saved), 'ckpt');
    assert.deepEqual(json(restored.save()), json(saved));
    restored.dispose();
  } finally {
    learner.dispose();
    await env.close();
  }
});

test('ML-Agents\' imitation/Hallway.yaml (PPO + memory + GAIL): the plan keeps the memory and GAIL', () => {
  const config = loadRunConfig(join(repoRoot, 'test', 'fixtures', 'mlagents', 'configs', 'imitation', 'Hallway.yaml'));
  assert.deepEqual(config.warnings, []);
  const plan = planResolver(config)('Hallway?team=0')!;
  assert.deepEqual(plan.network.memory, { sequenceLength: 64, memorySize: 256 });
  assert.equal(plan.gail?.strength, 0.01);
});
