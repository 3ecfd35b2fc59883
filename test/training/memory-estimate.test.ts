/**
 * The memory estimate each algorithm gives before a learner exists (AlgorithmPlugin.estimateBytes) is held to what
 * a real learner allocates: the bytes of a learner made with the same spec and settings (its networks, optimiser
 * moments and its replay buffer, allocated whole), and for PPO, whose rollout buffer grows, after buffer_size
 * transitions went in. Measured as the growth of V8's heap and of array buffers (the cpu backend keeps tensors in
 * array buffers), after a full garbage collection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LearnerSettings } from '../../agents/plugin/algorithm-plugin.js';
import type { Learner } from '../../agents/plugin/learner.js';
import { formatBytes, type MemoryEstimate } from '../../agents/plugin/memory-estimate.js';
import { algorithmOf } from '../../agents/registry.js';
import { resolveHyperparameters } from '../../agents/plugin/hyperparameter-table.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ActOutput } from '../../agents/networks/acting.js';
import { syntheticSteps } from './td3-synthetic-steps.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
await chooseBackend('cpu');

/** Bytes held now: V8's heap and array buffers, after collecting twice. */
function held(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function settingsFor(trainerType: string, hyperparameters: Record<string, unknown>, network: { hiddenUnits: number; numLayers: number }): LearnerSettings {
  const plugin = algorithmOf(trainerType)!;
  return { id: 'Toy', hyperparameters: resolveHyperparameters(plugin.schema, hyperparameters, trainerType), network, maxSteps: 1_000_000, rewardStrength: 1 };
}

/** The estimate and the measured growth for a learner of `trainerType`; `fill` runs after creation (PPO's buffer). */
function measure(trainerType: string, spec: BehaviorSpec, settings: LearnerSettings, agents: number, fill?: (learner: Learner) => void, only?: (part: string) => boolean) {
  const plugin = algorithmOf(trainerType)!;
  const estimate: MemoryEstimate = plugin.estimateBytes!(spec, settings, { agents, largestGroup: 1 });
  const before = held();
  const learner = plugin.createLearner!(spec, settings, new RunSeeds(1));
  fill?.(learner);
  const real = held() - before;
  const counted = only ? estimate.parts.filter((p) => only(p.what)).reduce((n, p) => n + p.bytes, 0) : estimate.bytes;
  learner.dispose();
  return { estimate, counted, real, ratio: counted / real };
}

const WITHIN = 2;

test(`off-policy learners: the estimate is within a factor ${WITHIN} of what the learner allocates (networks and the whole replay buffer)`, (t) => {
  const discrete: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(32)], actionSpec: { continuousSize: 0, discreteBranches: [4, 3] } };
  const continuous: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(24)], actionSpec: { continuousSize: 4, discreteBranches: [] } };
  const network = { hiddenUnits: 256, numLayers: 2 };
  const cases = [
    { type: 'dqn', spec: discrete, hp: { buffer_size: 200_000, prioritized: true, n_step: 3 }, network },
    { type: 'sac', spec: continuous, hp: { buffer_size: 200_000 }, network },
    // With memory (sac/Hallway's): LSTMs in all five networks, the replay as sequences of 64 with one memory each.
    { type: 'sac', spec: discrete, hp: { buffer_size: 200_000 }, network: { ...network, memory: { sequenceLength: 64, memorySize: 128 } } },
    { type: 'td3', spec: continuous, hp: { buffer_size: 200_000 }, network },
  ];
  for (const c of cases) {
    // What exists once the learner is made: networks and the replay buffer (open steps and activations come later).
    const { counted, real, ratio } = measure(c.type, c.spec, settingsFor(c.type, c.hp, c.network), 0, undefined, (what) => !what.startsWith('update activations'));
    t.diagnostic(`${c.type} (buffer_size ${c.hp.buffer_size}, ${c.network.numLayers} × ${c.network.hiddenUnits}): estimated ${formatBytes(counted)}, allocated ${formatBytes(real)} (×${ratio.toFixed(2)})`);
    assert.ok(ratio > 1 / WITHIN && ratio < WITHIN, `${c.type}: estimate ${formatBytes(counted)} vs allocated ${formatBytes(real)}`);
  }
});

test(`networks that outweigh the buffer: the estimate is within a factor ${WITHIN} of what DQN and SAC hold after their first updates`, (t) => {
  const network = { hiddenUnits: 256, numLayers: 3 };
  const rng = new Rng(5);
  const cases: { type: string; spec: BehaviorSpec }[] = [
    { type: 'dqn', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(32)], actionSpec: { continuousSize: 0, discreteBranches: [4, 3] } } },
    { type: 'sac', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(24)], actionSpec: { continuousSize: 4, discreteBranches: [] } } },
  ];
  for (const { type, spec } of cases) {
    const agents = 8;
    // Enough transitions for a batch (64 = 8 outputs × 8 agents), then a few updates: Adam's moments, the weights' own copies and the targets all exist.
    const fill = (learner: Learner) => {
      const sink = learner as unknown as { addDecisions(source: number, d: unknown, rows: ActOutput): void; endEpisodes(source: number, t: unknown): void; maybeUpdate(): unknown };
      const { continuousSize: C, discreteBranches } = spec.actionSpec;
      for (let i = 0; i < 9; i++) {
        const { decisionSteps, terminalSteps } = syntheticSteps(spec, agents, i, rng);
        sink.endEpisodes(0, terminalSteps);
        const rows = {
          continuous: Float32Array.from({ length: agents * C }, () => rng.uniform(-1, 1)),
          discrete: Int32Array.from({ length: agents * discreteBranches.length }, (_, k) => rng.int(discreteBranches[k % discreteBranches.length]!)),
        } as unknown as ActOutput;
        sink.addDecisions(0, decisionSteps, rows);
        sink.maybeUpdate();
      }
    };
    const settings = settingsFor(type, { buffer_size: 1000, batch_size: 64 }, network);
    const { counted, real, ratio } = measure(type, spec, settings, agents, fill, (what) => !what.startsWith('update activations'));
    t.diagnostic(`${type} (buffer_size 1000, ${network.numLayers} × ${network.hiddenUnits}) after updates: estimated ${formatBytes(counted)}, held ${formatBytes(real)} (×${ratio.toFixed(2)})`);
    assert.ok(ratio > 1 / WITHIN && ratio < WITHIN, `${type}: estimate ${formatBytes(counted)} vs held ${formatBytes(real)}`);
  }
});

test(`PPO: the estimate of networks and rollout buffer is within a factor ${WITHIN} of what the learner holds once buffer_size transitions went in`, (t) => {
  const spec: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(16)], actionSpec: { continuousSize: 0, discreteBranches: [3] } };
  const agents = 16;
  const bufferSize = 40_000;
  const settings = settingsFor('ppo', { buffer_size: bufferSize, batch_size: 1000 }, { hiddenUnits: 64, numLayers: 2 });
  const rng = new Rng(3);
  const fill = (learner: Learner) => {
    const sink = learner as unknown as { addDecisions(source: number, d: unknown, rows: ActOutput): void; endEpisodes(source: number, t: unknown): void };
    for (let i = 0; i * agents < bufferSize + agents; i++) {
      const { decisionSteps, terminalSteps } = syntheticSteps(spec, agents, i, rng);
      sink.endEpisodes(0, terminalSteps);
      const rows: ActOutput = {
        count: agents,
        continuous: new Float32Array(0),
        continuousRaw: new Float32Array(0),
        discrete: Int32Array.from({ length: agents }, () => rng.int(3)),
        logProbs: new Float32Array(agents).fill(-1),
        values: new Float32Array(agents),
        probs: new Float32Array(agents * 3).fill(1 / 3),
        means: new Float32Array(0),
        logStd: new Float32Array(0),
        factors: null,
        path: 'fast',
      };
      sink.addDecisions(0, decisionSteps, rows);
    }
  };
  const { counted, real, ratio, estimate } = measure('ppo', spec, settings, agents, fill, (what) => what.startsWith('actor and critic') || what.startsWith('rollout buffer'));
  t.diagnostic(`ppo: networks and rollout buffer estimated ${formatBytes(counted)}, held ${formatBytes(real)} after ${bufferSize} transitions (×${ratio.toFixed(2)}); whole estimate with the update ${formatBytes(estimate.bytes)}`);
  assert.ok(ratio > 1 / WITHIN && ratio < WITHIN, `ppo: estimate ${formatBytes(counted)} vs held ${formatBytes(real)}`);
});

test('the estimate grows with the keys that size it: hidden_units², num_layers, buffer_size', () => {
  const spec: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(8)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
  const plugin = algorithmOf('ppo')!;
  const bytes = (hp: Record<string, unknown>, network: { hiddenUnits: number; numLayers: number }) => plugin.estimateBytes!(spec, settingsFor('ppo', hp, network), { agents: 1, largestGroup: 1 });
  const base = bytes({}, { hiddenUnits: 256, numLayers: 2 });
  const wide = bytes({}, { hiddenUnits: 512, numLayers: 2 });
  const deep = bytes({}, { hiddenUnits: 256, numLayers: 4 });
  assert.ok(wide.parameters > 3.5 * base.parameters * 0.9, 'twice the width: about four times the hidden weights');
  assert.ok(deep.parameters > 1.8 * base.parameters * 0.9, 'twice the layers: about twice the weights');
  const huge = bytes({}, { hiddenUnits: 4096, numLayers: 64 });
  assert.ok(huge.bytes > 10 * 2 ** 30, `4096 × 64 layers: over 10 GiB (${formatBytes(huge.bytes)})`);
  const bigBuffer = bytes({ buffer_size: 1_000_000, batch_size: 1024 }, { hiddenUnits: 256, numLayers: 2 });
  assert.ok(bigBuffer.bytes > 50 * base.bytes / 10, 'a buffer of 10⁶ transitions dominates');
  assert.ok(bigBuffer.parts.some((p) => p.keys.includes('hyperparameters.buffer_size')));
});

test('threaded: true adds the replica in the update thread: every weight and optimiser moment again, and the training batch (PPO and POCA)', () => {
  const spec: BehaviorSpec = { name: 'Toy?team=0', observationSpecs: [vectorObservation(8)], actionSpec: { continuousSize: 0, discreteBranches: [3] } };
  for (const trainerType of ['ppo', 'poca']) {
    const plugin = algorithmOf(trainerType)!;
    const settings = settingsFor(trainerType, {}, { hiddenUnits: 64, numLayers: 2 });
    const plain = plugin.estimateBytes!(spec, settings, { agents: 4, largestGroup: 2 });
    const threaded = plugin.estimateBytes!(spec, { ...settings, threaded: true }, { agents: 4, largestGroup: 2 });
    const replica = threaded.parts.find((p) => p.keys.includes('threaded'));
    assert.ok(replica, `${trainerType}: a part for the replica`);
    const networks = plain.parts.find((p) => p.what.includes('networks'))!.bytes;
    assert.ok(replica.bytes > networks, `${trainerType}: the replica (${formatBytes(replica.bytes)}) holds at least the networks again (${formatBytes(networks)})`);
    assert.equal(threaded.bytes, plain.bytes + replica.bytes);
    assert.equal(threaded.parameters, plain.parameters);
  }
});
