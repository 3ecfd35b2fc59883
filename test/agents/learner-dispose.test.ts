/**
 * A learner frees everything it holds on the backend when disposed: its networks, and its optimisers' moments,
 * which agents/networks/adam.ts keeps on the backend for weight arrays of BACKEND_STEP_MIN_SIZE or more (256-unit
 * layers here). Population-based training and evaluation create and drop learners all run long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_STEP_MIN_SIZE } from '../../agents/networks/adam.js';
import { dqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { sacHyperparameters } from '../../agents/sac/hyperparameters.js';
import { td3Hyperparameters } from '../../agents/td3/hyperparameters.js';
import { algorithmOf } from '../../agents/registry.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';

await chooseBackend('wasm');
const continuous: BehaviorSpec = { name: 'Arm?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
const discrete: BehaviorSpec = { name: 'Grid?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [4] } };
const HIDDEN = 256;
assert.ok(HIDDEN * HIDDEN >= BACKEND_STEP_MIN_SIZE, 'the hidden layers are large enough for Adam to keep their moments on the backend');

const cases = [
  { trainer: 'ppo', spec: continuous, hyperparameters: ppoHyperparameters({}) },
  { trainer: 'sac', spec: continuous, hyperparameters: sacHyperparameters({}) },
  { trainer: 'td3', spec: continuous, hyperparameters: td3Hyperparameters({}) },
  { trainer: 'dqn', spec: discrete, hyperparameters: dqnHyperparameters({}) },
] as const;

for (const c of cases) {
  test(`${c.trainer} with ${HIDDEN}-unit layers leaves no tensor on the backend once disposed`, () => {
    const before = tf.memory();
    const learner = algorithmOf(c.trainer)!.createLearner!(
      c.spec,
      { id: 'L', hyperparameters: c.hyperparameters as never, network: { hiddenUnits: HIDDEN, numLayers: 2 }, maxSteps: 1000, rewardStrength: 1 },
      new RunSeeds(1),
    );
    assert.ok(tf.memory().numTensors > before.numTensors);
    learner.dispose();
    const after = tf.memory();
    assert.equal(after.numTensors, before.numTensors, `${c.trainer}: tensors left`);
    assert.equal(after.numBytes, before.numBytes, `${c.trainer}: bytes left`);
  });
}
