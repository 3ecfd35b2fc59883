/**
 * A training checkpoint's meta is read in one place (readTrainingCheckpoint): files written by the project's own
 * writer read back typed, and every kind of bad learner state is refused with SHIVA_ERR_CHECKPOINT naming the
 * file, the field, what was expected and what came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isShivaError } from '../../../src/core/errors.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import { getBuiltinEnv } from '../../../envs/registry.js';
import { ppoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import { PpoLearner } from '../../../agents/ppo/ppo-learner.js';
import {
  readCheckpoint,
  readTrainingCheckpoint,
  trainingStateOf,
  writeCheckpoint,
  type CheckpointMeta,
  type JsonValue,
} from '../../../src/training/checkpoint/index.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'shiva-training-ckpt-'));

/** What `shiva train` writes: counters, format, seed, config, and the learners' states. */
function trainingMeta(state: JsonValue | undefined): CheckpointMeta {
  return {
    behavior: 'Striker?team=0,Goalie',
    step: 2048,
    episodes: 12,
    format: 'shiva-training-state',
    seed: 7,
    config: 'config/soccer.yaml',
    ...(state !== undefined ? { state } : {}),
  };
}

const goodState = {
  learners: {
    'Striker?team=0': { trainerType: 'ppo', steps: 2048, updates: 3, policy: { format: 'shiva-actor-critic', layers: [1, 2, 3] } },
    Goalie: { trainerType: 'sac', steps: 0, updates: 0, replay: null },
  },
  episodes: { 'Striker?team=0': 9, Goalie: 3 },
  wallSeconds: 41.5,
};

/** Writes a checkpoint with the project's own writer; returns its path. */
function write(state: JsonValue | undefined, name = 'run.ckpt'): string {
  const path = join(tempDir(), name);
  writeCheckpoint(path, { meta: trainingMeta(state), tensors: { 'policy/bias': { shape: [2], data: Float32Array.from([0.5, -1]) } } });
  return path;
}

/** Asserts that reading `path` fails with SHIVA_ERR_CHECKPOINT and exactly `message` after "PATH: ". */
function refuses(path: string, message: string): void {
  assert.throws(
    () => readTrainingCheckpoint(path),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_CHECKPOINT') && e.message === `${path}: ${message}`,
  );
}

test('a training checkpoint written by the checkpoint writer reads back: typed meta, checked state, tensors', () => {
  const path = write(goodState);
  const read = readTrainingCheckpoint(path);
  assert.deepEqual(read.state, goodState);
  assert.equal(read.state.learners['Striker?team=0']!.steps, 2048);
  assert.equal(read.state.learners['Goalie']!.trainerType, 'sac');
  assert.deepEqual(read.state.learners['Striker?team=0']!['policy'], { format: 'shiva-actor-critic', layers: [1, 2, 3] });
  assert.equal(read.meta.behavior, 'Striker?team=0,Goalie');
  assert.equal(read.meta.step, 2048);
  assert.equal(read.meta.episodes, 12);
  assert.equal(read.meta.format, 'shiva-training-state');
  assert.equal(read.meta.seed, 7);
  assert.equal(read.meta.config, 'config/soccer.yaml');
  assert.deepEqual(read.meta.raw, readCheckpoint(path).meta);
  assert.deepEqual([...read.tensors['policy/bias']!.data], [0.5, -1]);
  // The same check on a checkpoint already read.
  assert.deepEqual(trainingStateOf(readCheckpoint(path), path).state, goodState);
});

test('episodes and wallSeconds may be absent (none counted, no time spent); so may format and seed', () => {
  const path = join(tempDir(), 'imitated.ckpt');
  writeCheckpoint(path, { meta: { behavior: 'CartPole', step: 0, episodes: 0, state: { learners: { CartPole: { trainerType: 'ppo', steps: 0, updates: 5 } } } }, tensors: {} });
  const read = readTrainingCheckpoint(path);
  assert.deepEqual(read.state, { learners: { CartPole: { trainerType: 'ppo', steps: 0, updates: 5 } }, episodes: {}, wallSeconds: 0 });
  assert.equal(read.meta.format, undefined);
  assert.equal(read.meta.seed, undefined);
});

test('a real learner state survives the file and the check, and the learner loads it', async () => {
  await chooseBackend('wasm');
  const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 1, seed: 3 });
  await env.reset();
  const spec = env.behaviorSpecs.get('CartPole?team=0')!;
  const settings = { id: 'CartPole', hyperparameters: ppoHyperparameters(), network: { hiddenUnits: 8, numLayers: 1 }, maxSteps: 1000, rewardStrength: 1 };
  const original = new PpoLearner(spec, settings, new RunSeeds(5));
  const restored = new PpoLearner(spec, settings, new RunSeeds(6));
  try {
    const path = write({ learners: { CartPole: JSON.parse(JSON.stringify(original.save())) }, episodes: { CartPole: 0 }, wallSeconds: 0 });
    const { state } = readTrainingCheckpoint(path);
    restored.load(state.learners['CartPole']!, `${path}: learner "CartPole"`);
    assert.deepEqual(restored.save(), original.save());
  } finally {
    original.dispose();
    restored.dispose();
    await env.close();
  }
});

test('no state: the message says it is not a training checkpoint, word for word', () => {
  refuses(write(undefined), 'meta.state: expected a Shiva training checkpoint with learner states, got none');
  refuses(write(null), 'meta.state: expected a Shiva training checkpoint with learner states, got none');
});

test('a state that is not an object is refused', () => {
  refuses(write('trained'), 'meta.state: expected an object holding learners, episodes and wallSeconds (a Shiva training state), got "trained"');
  refuses(write([1, 2]), 'meta.state: expected an object holding learners, episodes and wallSeconds (a Shiva training state), got an array [1,2]');
});

test('learners missing or not an object are refused, naming meta.state.learners', () => {
  refuses(write({ episodes: {}, wallSeconds: 0 }), 'meta.state.learners: expected an object mapping learner ids to learner states, got none');
  refuses(write({ learners: 'CartPole' }), 'meta.state.learners: expected an object mapping learner ids to learner states, got "CartPole"');
  refuses(write({ learners: [{ trainerType: 'ppo', steps: 0, updates: 0 }] }), 'meta.state.learners: expected an object mapping learner ids to learner states, got an array [{"trainerType":"ppo","steps":0,"updates":0}]');
  refuses(write({ learners: null }), 'meta.state.learners: expected an object mapping learner ids to learner states, got null');
});

test('a learner that is not an object is refused, naming its id', () => {
  refuses(write({ learners: { CartPole: 5 } }), 'meta.state.learners.CartPole: expected an object (a learner state), got 5');
  refuses(write({ learners: { Goalie: { trainerType: 'ppo', steps: 1, updates: 0 }, CartPole: null } }), 'meta.state.learners.CartPole: expected an object (a learner state), got null');
  refuses(write({ learners: { CartPole: ['ppo', 10, 1] } }), 'meta.state.learners.CartPole: expected an object (a learner state), got an array ["ppo",10,1]');
});

test('steps of -1, "10", 1.5 or none are refused, naming the learner and the field', () => {
  const learner = (steps: JsonValue | undefined) => write({ learners: { 'Striker?team=0': { trainerType: 'ppo', updates: 2, ...(steps !== undefined ? { steps } : {}) } } });
  refuses(learner(-1), 'meta.state.learners.Striker?team=0.steps: expected a non-negative integer, got -1');
  refuses(learner('10'), 'meta.state.learners.Striker?team=0.steps: expected a non-negative integer, got "10"');
  refuses(learner(1.5), 'meta.state.learners.Striker?team=0.steps: expected a non-negative integer, got 1.5');
  refuses(learner(undefined), 'meta.state.learners.Striker?team=0.steps: expected a non-negative integer, got none');
});

test('updates and trainerType are checked too', () => {
  refuses(write({ learners: { CartPole: { trainerType: 'ppo', steps: 10, updates: -3 } } }), 'meta.state.learners.CartPole.updates: expected a non-negative integer, got -3');
  refuses(write({ learners: { CartPole: { trainerType: 'ppo', steps: 10 } } }), 'meta.state.learners.CartPole.updates: expected a non-negative integer, got none');
  refuses(write({ learners: { CartPole: { trainerType: 7, steps: 10, updates: 1 } } }), 'meta.state.learners.CartPole.trainerType: expected a string, got 7');
  refuses(write({ learners: { CartPole: { steps: 10, updates: 1 } } }), 'meta.state.learners.CartPole.trainerType: expected a string, got none');
});

test('episodes must map learner ids to non-negative integers; wallSeconds must be a finite number ≥ 0', () => {
  const learners = { CartPole: { trainerType: 'ppo', steps: 10, updates: 1 } };
  refuses(write({ learners, episodes: [3] }), 'meta.state.episodes: expected an object mapping learner ids to episode counts, got an array [3]');
  refuses(write({ learners, episodes: { CartPole: -2 } }), 'meta.state.episodes.CartPole: expected a non-negative integer, got -2');
  refuses(write({ learners, episodes: { CartPole: '4' } }), 'meta.state.episodes.CartPole: expected a non-negative integer, got "4"');
  refuses(write({ learners, wallSeconds: -0.5 }), 'meta.state.wallSeconds: expected a finite number ≥ 0, got -0.5');
  refuses(write({ learners, wallSeconds: '12s' }), 'meta.state.wallSeconds: expected a finite number ≥ 0, got "12s"');
});

test('meta.format and meta.seed, where present, are a string and a number', () => {
  const state = { learners: { CartPole: { trainerType: 'ppo', steps: 10, updates: 1 } } };
  const dir = tempDir();
  const badFormat = join(dir, 'format.ckpt');
  writeCheckpoint(badFormat, { meta: { ...trainingMeta(state), format: 1 }, tensors: {} });
  refuses(badFormat, 'meta.format: expected a string, got 1');
  const badSeed = join(dir, 'seed.ckpt');
  writeCheckpoint(badSeed, { meta: { ...trainingMeta(state), seed: '7' }, tensors: {} });
  refuses(badSeed, 'meta.seed: expected a finite number, got "7"');
});

test('a long value is cut short in the message', () => {
  const path = write({ learners: { CartPole: 'x'.repeat(500) } });
  assert.throws(
    () => readTrainingCheckpoint(path),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_CHECKPOINT') && e.message.startsWith(`${path}: meta.state.learners.CartPole: expected an object (a learner state), got "xxx`) && e.message.endsWith('...') && e.message.length < path.length + 200,
  );
});

test('a file that is not a checkpoint at all still fails with the reader\'s own message', () => {
  const path = join(tempDir(), 'missing.ckpt');
  assert.throws(() => readTrainingCheckpoint(path), (e: unknown) => isShivaError(e, 'SHIVA_ERR_CHECKPOINT') && e.message.startsWith(`${path}: cannot read checkpoint:`));
});
