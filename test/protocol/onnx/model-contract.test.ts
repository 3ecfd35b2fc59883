/**
 * The exported models keep ML-Agents' model contract, read from the models ML-Agents (release 21) ships
 * (test/fixtures/mlagents/onnx): the same input and output names, element types and shapes (a symbolic batch
 * dimension first), the same constants (version_number, memory_size, the action output shapes), and the same
 * IR version and opset. Basic (one discrete branch of 3, masks) and 3DBall (2 continuous actions) are compared
 * with Shiva exports of the same kind; PushBlock's two observations with a two-observation export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { onnx } from '../../../src/protocol/generated/onnx.js';
import { repoRoot } from '../../helpers/paths.js';
import { exportBytes, randomLearner, vectorObservation, type LearnerCase } from './export-fixtures.js';

await chooseBackend('cpu');

const reference = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'mlagents', 'onnx', `${name}.onnx`));

interface Io {
  readonly name: string;
  readonly type: string;
  /** Symbolic dimensions as 'batch', whatever the exporter named them. */
  readonly shape: readonly (number | string)[];
}

async function contract(bytes: Uint8Array): Promise<{ inputs: Io[]; outputs: Io[]; constants: Record<string, number[]> }> {
  const session = await ort.InferenceSession.create(bytes);
  const io = (list: readonly ort.InferenceSession.ValueMetadata[]): Io[] =>
    list.map((m) => {
      assert.ok(m.isTensor);
      return { name: m.name, type: m.type, shape: m.shape.map((d) => (typeof d === 'number' ? d : 'batch')) };
    });
  const inputs = io(session.inputMetadata);
  const outputs = io(session.outputMetadata);
  // The constants do not depend on the inputs: run one row of zeros (masks all allowed).
  const feeds: Record<string, ort.Tensor> = {};
  for (const i of inputs) {
    const dims = i.shape.map((d) => (typeof d === 'number' ? d : 1));
    const size = dims.reduce((a, b) => a * b, 1);
    feeds[i.name] = new ort.Tensor('float32', new Float32Array(size).fill(i.name === 'action_masks' ? 1 : 0), dims);
  }
  const out = await session.run(feeds);
  const constants: Record<string, number[]> = {};
  for (const name of ['version_number', 'memory_size', 'continuous_action_output_shape', 'discrete_action_output_shape']) {
    if (out[name]) constants[name] = Array.from(out[name]!.data as Float32Array);
  }
  await session.release();
  return { inputs, outputs, constants };
}

function header(bytes: Uint8Array): { irVersion: number; opsets: number[] } {
  const model = onnx.ModelProto.decode(bytes);
  return { irVersion: Number(model.irVersion), opsets: model.opsetImport.map((o) => Number(o.version)) };
}

const byName = (list: readonly Io[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

async function compare(c: LearnerCase, referenceName: string): Promise<void> {
  const learner = randomLearner(c);
  try {
    const bytes = exportBytes(learner, c.spec.name);
    const mine = await contract(bytes);
    const theirs = await contract(reference(referenceName));
    assert.deepEqual(byName(mine.inputs), byName(theirs.inputs), 'inputs: names, element types, shapes');
    assert.deepEqual(byName(mine.outputs), byName(theirs.outputs), 'outputs: names, element types, shapes');
    assert.deepEqual(mine.constants, theirs.constants, 'constant outputs');
    assert.deepEqual(header(bytes), header(reference(referenceName)), 'IR version and opset');
  } finally {
    learner.dispose();
  }
}

test("a discrete export (one branch of 3, 20 observations) has Basic.onnx's inputs, outputs, constants, IR version and opset", async () => {
  await compare({ name: 'Basic', trainerType: 'ppo', spec: { name: 'Basic?team=0', observationSpecs: [vectorObservation(20)], actionSpec: { continuousSize: 0, discreteBranches: [3] } }, network: { activation: 'swish' } }, 'Basic');
});

test("a continuous export (2 actions, 8 normalised observations, clamp3) has 3DBall.onnx's inputs, outputs, constants, IR version and opset", async () => {
  await compare({ name: '3DBall', trainerType: 'ppo', spec: { name: '3DBall?team=0', observationSpecs: [vectorObservation(8)], actionSpec: { continuousSize: 2, discreteBranches: [] } }, network: { normalize: true, actionClip: 'clamp3', activation: 'swish' } }, '3DBall');
});

test("a two-observation discrete export (105 + 105 floats, one branch of 7) has PushBlock.onnx's contract", async () => {
  await compare({ name: 'PushBlock', trainerType: 'ppo', spec: { name: 'PushBlock?team=0', observationSpecs: [vectorObservation(105), vectorObservation(105)], actionSpec: { continuousSize: 0, discreteBranches: [7] } } }, 'PushBlock');
});

test('the other algorithms keep the contract of their kind: SAC and TD3 as 3DBall, DQN and discrete SAC as Basic', async () => {
  const continuous = { name: '3DBall?team=0', observationSpecs: [vectorObservation(8)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
  const discrete = { name: 'Basic?team=0', observationSpecs: [vectorObservation(20)], actionSpec: { continuousSize: 0, discreteBranches: [3] } };
  const hp = { buffer_size: 100, batch_size: 10 };
  await compare({ name: 'sac', trainerType: 'sac', spec: continuous, hyperparameters: hp }, '3DBall');
  await compare({ name: 'td3', trainerType: 'td3', spec: continuous, hyperparameters: hp }, '3DBall');
  await compare({ name: 'dqn', trainerType: 'dqn', spec: discrete, hyperparameters: hp }, 'Basic');
  await compare({ name: 'sac-discrete', trainerType: 'sac', spec: discrete, hyperparameters: hp }, 'Basic');
  await compare({ name: 'maddpg', trainerType: 'maddpg', spec: discrete, hyperparameters: { ...hp, team_size: 1 } }, 'Basic');
});
