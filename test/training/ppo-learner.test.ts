/**
 * A learner's checkpoint round trip: weights, optimizer, normalisers, counters and RNG state survive JSON and
 * the checkpoint file, and the restored learner acts and trains exactly as the original would have.
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { readCheckpoint, writeCheckpoint } from '../../src/training/checkpoint/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';
import { extrinsic } from '../../agents/plugin/rewards.js';

await chooseBackend('wasm');

const settings = {
  id: 'CartPole',
  hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, num_epoch: 2, time_horizon: 32 }),
  network: { hiddenUnits: 16, numLayers: 2, normalize: true },
  maxSteps: 10_000,
  rewardStrength: 1,
};

/** Steps `env` with `learner`; with `untilUpdates`, stops right after that many updates. */
async function drive(learner: PpoLearner, env: LocalEnv, steps: number, untilUpdates = Infinity): Promise<number[]> {
  const chosen: number[] = [];
  let updates = 0;
  for (let i = 0; i < steps && updates < untilUpdates; i++) {
    const { decisionSteps, terminalSteps } = env.getSteps('CartPole?team=0');
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    chosen.push(...actions!.discrete);
    env.setActions('CartPole?team=0', actions!);
    await env.step();
    if (learner.maybeUpdate()) updates++;
  }
  return chosen;
}

test('a learner restored from a checkpoint file acts and trains exactly like the original', async () => {
  const cartpole = getBuiltinEnv('cartpole');
  const makeEnv = () => new LocalEnv('cartpole', cartpole.factory, { numAreas: 2, seed: 4 });
  const env = makeEnv();
  await env.reset();
  const spec = env.behaviorSpecs.get('CartPole?team=0')!;
  const original = new PpoLearner(spec, settings, new RunSeeds(9));
  await drive(original, env, 10_000, 2); // two updates: weights, optimizer moments and normaliser all moved
  // A checkpoint holds no half-collected experience (as in ML-Agents): the original drops its open transitions too.
  original.forgetSource(0);
  const path = join(mkdtempSync(join(tmpdir(), 'shiva-learner-')), 'learner.ckpt');
  writeCheckpoint(path, { meta: { behavior: 'CartPole', step: original.steps, episodes: 0, state: JSON.parse(JSON.stringify(original.save())) }, tensors: {} });
  const restored = new PpoLearner(spec, settings, new RunSeeds(1234)); // other seeds: everything must come from the file
  restored.load((readCheckpoint(path).meta as unknown as { state: LearnerState }).state, path);
  assert.equal(restored.steps, original.steps);
  assert.deepEqual(restored.save(), original.save());

  // From here both see the same environment stream (two copies from the same state) and must stay identical.
  const envA = makeEnv();
  const envB = makeEnv();
  await envA.reset();
  await envB.reset();
  const a = await drive(original, envA, 400);
  const b = await drive(restored, envB, 400);
  assert.deepEqual(b, a);
  assert.deepEqual(restored.save(), original.save());
  original.dispose();
  restored.dispose();
});

test('loading a state of another trainer or shape is refused with what differs', async () => {
  const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 1, seed: 0 });
  await env.reset();
  const spec = env.behaviorSpecs.get('CartPole?team=0')!;
  const learner = new PpoLearner(spec, settings, new RunSeeds(0));
  const wider = new PpoLearner(spec, { ...settings, network: { hiddenUnits: 32, numLayers: 2 } }, new RunSeeds(0));
  assert.throws(() => learner.load({ ...learner.save(), trainerType: 'sac' }, 'ckpt'), /ckpt: trainer_type: expected "ppo", got "sac"/);
  assert.throws(() => learner.load(wider.save(), 'ckpt'), (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_MODEL_STATE' && /ckpt/.test(e.message));
  learner.dispose();
  wider.dispose();
});

test('the extrinsic reward is (reward + group reward) × strength, as ML-Agents; unchanged arrays are passed through', () => {
  const rewards = Float32Array.of(1, -0.5, 0);
  assert.deepEqual(Array.from(extrinsic(rewards, Float32Array.of(2, 0, -1), 0.5)), [1.5, -0.25, -0.5]);
  assert.equal(extrinsic(rewards, new Float32Array(3), 1), rewards, 'no group reward, strength 1: the same array');
  assert.deepEqual(Array.from(extrinsic(rewards, new Float32Array(3), 2)), [2, -1, 0]);
});
