/**
 * A recurrent PPO policy (network_settings.memory) exported with ML-Agents' recurrent contract: recurrent_in and
 * recurrent_out [batch, 1, memory_size], memory_size = the actor's memory. Step by step over several decisions,
 * onnxruntime's deterministic actions and memory equal Shiva's (acting carries the same memory), and OnnxPolicy
 * (onnx:PATH for evaluate and serve) carries each agent's memory and resets it when its episode ends. Recurrent
 * SAC (discrete and continuous) and recurrent POCA export their actor's LSTM under the same contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { act } from '../../../agents/networks/acting.js';
import type { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { OnnxPolicy } from '../../../agents/onnx/onnx-policy.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { exportBytes, randomLearner, randomSteps, vectorObservation, type LearnerCase } from './export-fixtures.js';

await chooseBackend('cpu');

const CASE: LearnerCase = {
  name: 'recurrent ppo (hybrid, masks, normalised)',
  trainerType: 'ppo',
  spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(5)], actionSpec: { continuousSize: 2, discreteBranches: [3, 2] } },
  network: { normalize: true, memory: { sequenceLength: 4, memorySize: 12 } },
};
const AGENTS = 64;
const STEPS = 6;

const POCA_CASE: LearnerCase = { ...CASE, name: 'recurrent poca (hybrid, masks, normalised)', trainerType: 'poca' };

test('recurrent ONNX export: over 6 decisions of 64 agents, deterministic actions and recurrent_out equal Shiva\'s acting with memory', () => checkRecurrentExport(CASE));

test('recurrent POCA\'s actor exports under the same contract (its group critic and its LSTM stay with the trainer)', () => checkRecurrentExport(POCA_CASE));

async function checkRecurrentExport(c: LearnerCase): Promise<void> {
  const learner = randomLearner(c);
  const network = (learner as unknown as { policy: ActorCritic }).policy;
  const session = await ort.InferenceSession.create(exportBytes(learner));
  try {
    assert.ok(session.inputNames.includes('recurrent_in'));
    assert.ok(session.outputNames.includes('recurrent_out'));
    const M = 12;
    const W = network.memoryWidth;
    const rng = new Rng(3);
    let shivaMemory: Float32Array = new Float32Array(AGENTS * W);
    let onnxMemory: Float32Array = new Float32Array(AGENTS * M);
    let maxDiff = 0;
    for (let step = 0; step < STEPS; step++) {
      const steps = randomSteps(c.spec, AGENTS, rng);
      const shiva = act(network, { ...steps, memories: shivaMemory }, new Rng(1), { deterministic: true });
      const out = await session.run({
        obs_0: new ort.Tensor('float32', steps.observations[0]!, [AGENTS, 5]),
        action_masks: new ort.Tensor('float32', Float32Array.from(steps.actionMasks!, (m) => 1 - m), [AGENTS, 5]),
        recurrent_in: new ort.Tensor('float32', onnxMemory, [AGENTS, 1, M]),
      });
      assert.equal(Number((out['memory_size']!.data as Float32Array)[0]), M);
      assert.deepEqual(Array.from(out['deterministic_discrete_actions']!.data as BigInt64Array, Number), Array.from(shiva.discrete), `step ${step}: discrete actions`);
      const det = out['deterministic_continuous_actions']!.data as Float32Array;
      for (let k = 0; k < det.length; k++) maxDiff = Math.max(maxDiff, Math.abs(det[k]! - shiva.continuous[k]!));
      onnxMemory = Float32Array.from(out['recurrent_out']!.data as Float32Array);
      assert.deepEqual(out['recurrent_out']!.dims, [AGENTS, 1, M]);
      // The model's memory is the actor's half of Shiva's [actor | critic] memory.
      for (let r = 0; r < AGENTS; r++) for (let k = 0; k < M; k++) maxDiff = Math.max(maxDiff, Math.abs(onnxMemory[r * M + k]! - shiva.memories![r * W + k]!));
      shivaMemory = shiva.memories!;
    }
    assert.ok(maxDiff <= 1e-4, `${c.name}: max |ONNX − Shiva| = ${maxDiff}`);
  } finally {
    await session.release();
    learner.dispose();
  }
}

test('OnnxPolicy serves a recurrent model: memories per (source, agent), reset when an agent\'s episode ends', async () => {
  const learner = randomLearner(CASE);
  const path = join(mkdtempSync(join(tmpdir(), 'shiva-recurrent-onnx-')), 'Toy.onnx');
  writeFileSync(path, exportBytes(learner));
  const policy = await OnnxPolicy.load(path, CASE.spec);
  try {
    assert.equal(policy.contract.memorySize, 12);
    const rng = new Rng(5);
    const steps = randomSteps(CASE.spec, 2, rng);
    const rows = [{ source: 0, offset: 0, count: 2 }];
    const first = await policy.act(steps, { deterministic: true, rows });
    // The same observations again: the memory moved on, so the outputs may differ; after the episode ends they repeat the first.
    await policy.act(steps, { deterministic: true, rows });
    const none = { count: 0, agentIds: new Int32Array(0), observations: [new Float32Array(0)], rewards: new Float32Array(0), groupIds: new Int32Array(0), groupRewards: new Float32Array(0), interrupted: new Uint8Array(0) };
    policy.prepare([{ source: 0, decisionSteps: steps, terminalSteps: { ...none, count: 2, agentIds: steps.agentIds, observations: steps.observations, rewards: new Float32Array(2), groupIds: new Int32Array(2), groupRewards: new Float32Array(2), interrupted: new Uint8Array(2) } }]);
    const again = await policy.act(steps, { deterministic: true, rows });
    assert.deepEqual(Array.from(again.continuous), Array.from(first.continuous));
    // Shiva's own acting from zeros gives the same first action.
    const network = (learner as unknown as { policy: ActorCritic }).policy;
    const shiva = act(network, steps, new Rng(1), { deterministic: true });
    for (let k = 0; k < shiva.continuous.length; k++) assert.ok(Math.abs(shiva.continuous[k]! - first.continuous[k]!) < 1e-5);
  } finally {
    await policy.release();
    learner.dispose();
  }
});

const SAC_CASE: LearnerCase = {
  name: 'recurrent discrete sac (masks)',
  trainerType: 'sac',
  spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(5)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } },
  network: { memory: { sequenceLength: 4, memorySize: 10 } },
};

test('recurrent SAC ONNX export: over 6 decisions of 64 agents, deterministic actions and recurrent_out equal the learner\'s evaluation acting with memory', async () => {
  const learner = randomLearner(SAC_CASE);
  const session = await ort.InferenceSession.create(exportBytes(learner));
  try {
    const M = 10;
    const rng = new Rng(4);
    const { policy } = learner.acting(false);
    const rows = [{ source: 0, offset: 0, count: AGENTS }];
    let onnxMemory: Float32Array = new Float32Array(AGENTS * M);
    let maxDiff = 0;
    for (let step = 0; step < STEPS; step++) {
      const steps = randomSteps(SAC_CASE.spec, AGENTS, rng);
      const shiva = policy.act(steps, { deterministic: true, learning: false, withRules: false, rows });
      const out = await session.run({
        obs_0: new ort.Tensor('float32', steps.observations[0]!, [AGENTS, 5]),
        action_masks: new ort.Tensor('float32', Float32Array.from(steps.actionMasks!, (m) => 1 - m), [AGENTS, 5]),
        recurrent_in: new ort.Tensor('float32', onnxMemory, [AGENTS, 1, M]),
      });
      assert.equal(Number((out['memory_size']!.data as Float32Array)[0]), M);
      assert.deepEqual(Array.from(out['deterministic_discrete_actions']!.data as BigInt64Array, Number), Array.from(shiva.discrete), `step ${step}: discrete actions`);
      onnxMemory = Float32Array.from(out['recurrent_out']!.data as Float32Array);
      for (let k = 0; k < onnxMemory.length; k++) maxDiff = Math.max(maxDiff, Math.abs(onnxMemory[k]! - shiva.memories![k]!));
    }
    assert.ok(maxDiff <= 1e-4, `max |ONNX − Shiva| memory = ${maxDiff}`);
  } finally {
    await session.release();
    learner.dispose();
  }
});

test('recurrent continuous SAC ONNX export: deterministic tanh(μ) and recurrent_out equal the learner\'s evaluation acting over 6 decisions', async () => {
  const c: LearnerCase = { name: 'recurrent continuous sac', trainerType: 'sac', spec: { name: 'Toy?team=0', observationSpecs: [vectorObservation(5)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, network: { memory: { sequenceLength: 4, memorySize: 8 } } };
  const learner = randomLearner(c);
  const session = await ort.InferenceSession.create(exportBytes(learner));
  try {
    const rng = new Rng(6);
    const { policy } = learner.acting(false);
    const rows = [{ source: 0, offset: 0, count: AGENTS }];
    let onnxMemory: Float32Array = new Float32Array(AGENTS * 8);
    let maxDiff = 0;
    for (let step = 0; step < STEPS; step++) {
      const steps = randomSteps(c.spec, AGENTS, rng);
      const shiva = policy.act(steps, { deterministic: true, learning: false, withRules: false, rows });
      const out = await session.run({ obs_0: new ort.Tensor('float32', steps.observations[0]!, [AGENTS, 5]), recurrent_in: new ort.Tensor('float32', onnxMemory, [AGENTS, 1, 8]) });
      const det = out['deterministic_continuous_actions']!.data as Float32Array;
      for (let k = 0; k < det.length; k++) maxDiff = Math.max(maxDiff, Math.abs(det[k]! - shiva.continuous[k]!));
      onnxMemory = Float32Array.from(out['recurrent_out']!.data as Float32Array);
      for (let k = 0; k < onnxMemory.length; k++) maxDiff = Math.max(maxDiff, Math.abs(onnxMemory[k]! - shiva.memories![k]!));
    }
    assert.ok(maxDiff <= 1e-4, `max |ONNX − Shiva| = ${maxDiff}`);
  } finally {
    await session.release();
    learner.dispose();
  }
});
