/**
 * Behavioral cloning beside PPO: the BC step size anneals linearly to ~0 over `steps` (constant with steps 0), a
 * PPO learner with the hook reports "Losses/Pretraining Loss" after every update and that loss falls, and the
 * hook's optimiser state rides in the learner's checkpoint. Demonstrations come from `shiva record`'s code with
 * the scripted CartPole expert.
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetFromDemonstration } from '../../agents/imitation/index.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { record } from '../../src/cli/record.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { BcAuxiliary } from '../../agents/imitation/bc-auxiliary.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';

await chooseBackend('wasm');
const work = mkdtempSync(join(tmpdir(), 'shiva-bc-aux-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('bc-aux-test');
logger.level = 'warn';

const BEHAVIOR = 'CartPole?team=0';

async function cartpoleDemo(episodes: number) {
  const out = join(work, `cartpole-${episodes}.demo`);
  await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes, out, seed: 3, numAreas: 2, timeoutMs: null, logger });
  return readDemonstrations(out);
}

const bcSettings = { learningRate: 1e-3, strength: 1, steps: 0, numEpoch: 2, batchSize: 64, samplesPerUpdate: 0 };

test('the BC step size: learning_rate × strength, annealed linearly to ~0 over steps; constant with steps 0', async () => {
  const demo = await cartpoleDemo(1);
  const spec = { ...demo.spec, name: BEHAVIOR };
  const learner = new PpoLearner(spec, { id: 'CartPole', hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO }), network: { hiddenUnits: 8, numLayers: 1 }, maxSteps: 1000, rewardStrength: 1 }, new RunSeeds(1));
  const { dataset } = datasetFromDemonstration(demo, spec);
  const annealed = new BcAuxiliary(learner.policy, dataset, { ...bcSettings, learningRate: 3e-4, strength: 0.5, steps: 1000 }, new Rng(1));
  assert.ok(Math.abs(annealed.learningRateAt(0) - 1.5e-4) < 1e-12);
  assert.ok(Math.abs(annealed.learningRateAt(250) - (1.5e-4 - 1e-10) * 0.75 - 1e-10) < 1e-12);
  assert.equal(annealed.learningRateAt(1000), 1e-10);
  assert.equal(annealed.learningRateAt(5000), 1e-10);
  // Once annealed, BC no longer updates (as ML-Agents' BCModule).
  assert.deepEqual(annealed.afterUpdate(1000), { 'Losses/Pretraining Loss': 0, 'Policy/BC Learning Rate': 0 });
  assert.equal(annealed.updateCount, 0);
  const constant = new BcAuxiliary(learner.policy, dataset, { ...bcSettings, learningRate: 3e-4, strength: 0.5, steps: 0 }, new Rng(1));
  assert.equal(constant.learningRateAt(1e9), 1.5e-4);
  learner.dispose();
});

test('PPO with the BC hook: the pretraining loss is reported after every update and falls; its state is checkpointed', async () => {
  const demo = await cartpoleDemo(2);
  const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed: 7 });
  await env.reset();
  const spec = env.behaviorSpecs.get(BEHAVIOR)!;
  const settings = { id: 'CartPole', hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, num_epoch: 2, time_horizon: 32, learning_rate: 1e-3 }), network: { hiddenUnits: 32, numLayers: 2 }, maxSteps: 100_000, rewardStrength: 1 };
  const learner = new PpoLearner(spec, settings, new RunSeeds(11));
  const { dataset } = datasetFromDemonstration(demo, spec);
  assert.equal(dataset.size, 1000); // 2 episodes of 500 decisions (their done records dropped)
  learner.imitation = new BcAuxiliary(learner.policy, dataset, bcSettings, new Rng(5));
  const losses: number[] = [];
  while (losses.length < 6) {
    const { decisionSteps, terminalSteps } = env.getSteps(BEHAVIOR);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions(BEHAVIOR, actions!);
    await env.step();
    const stats = learner.maybeUpdate();
    if (stats) {
      assert.equal(stats['Policy/BC Learning Rate'], 1e-3);
      losses.push(stats['Losses/Pretraining Loss']!);
    }
  }
  // An untrained policy is near-uniform: NLL ≈ ln 2 = 0.69. The expert's rule is a linear threshold, so BC
  // drives the loss well below that within a few updates.
  assert.ok(losses[0]! > 0.5, `first ${losses[0]}`);
  assert.ok(losses[5]! < losses[0]! * 0.75, `losses ${losses.map((l) => l.toFixed(3)).join(', ')}`);
  const saved = learner.save();
  assert.ok(saved['imitation'], 'the checkpoint holds the BC state');
  const restored = new PpoLearner(spec, settings, new RunSeeds(99));
  restored.imitation = new BcAuxiliary(restored.policy, dataset, bcSettings, new Rng(0));
  restored.load(JSON.parse(JSON.stringify(saved)), 'ckpt');
  assert.deepEqual(JSON.parse(JSON.stringify(restored.save())), JSON.parse(JSON.stringify(saved)));
  learner.dispose();
  restored.dispose();
});
