/**
 * Behavioral cloning beside MA-POCA (ML-Agents' POCA trainer is an on-policy trainer whose optimizer builds the BC
 * module, run after each update): POCA on CartPole (every agent a group of one) with a demonstration recorded from
 * the scripted expert reports the pretraining loss after every update, the loss falls, and the BC state rides in
 * the learner's checkpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BcAuxiliary } from '../../agents/imitation/bc-auxiliary.js';
import { datasetFromDemonstration } from '../../agents/imitation/index.js';
import { imitationHostOf } from '../../agents/plugin/imitation-hook.js';
import { pocaHyperparameters } from '../../agents/poca/hyperparameters.js';
import { PocaLearner } from '../../agents/poca/poca-learner.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { record } from '../../src/cli/record.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { createLogger } from '../../src/telemetry/logger.js';

await chooseBackend('wasm');
const work = mkdtempSync(join(tmpdir(), 'shiva-poca-bc-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('poca-bc-test');
logger.level = 'warn';
const BEHAVIOR = 'CartPole?team=0';

test('POCA with the BC hook: the pretraining loss is reported after every update and falls; its state is checkpointed', async () => {
  const out = join(work, 'cartpole.demo');
  await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 2, out, seed: 3, numAreas: 2, timeoutMs: null, logger });
  const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed: 7 });
  await env.reset();
  const spec = env.behaviorSpecs.get(BEHAVIOR)!;
  const { dataset } = datasetFromDemonstration(readDemonstrations(out), spec);
  const settings = { id: 'CartPole', hyperparameters: pocaHyperparameters({ batch_size: 64, buffer_size: 256, num_epoch: 2, time_horizon: 32, learning_rate: 1e-3 }), network: { hiddenUnits: 32, numLayers: 2 }, maxSteps: 100_000, rewardStrength: 1 };
  const bcSettings = { learningRate: 1e-3, strength: 1, steps: 0, numEpoch: 2, batchSize: 64, samplesPerUpdate: 0 };
  const learner = new PocaLearner(spec, settings, new RunSeeds(11));
  const host = imitationHostOf(learner);
  assert.ok(host, 'POCA takes behavioral cloning');
  host.imitation = new BcAuxiliary(host.bcActor(), dataset, bcSettings, new Rng(5));
  const losses: number[] = [];
  while (losses.length < 6) {
    const { decisionSteps, terminalSteps } = env.getSteps(BEHAVIOR);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions(BEHAVIOR, actions!);
    await env.step();
    const stats = learner.maybeUpdate();
    if (stats) {
      assert.equal(stats['Policy/BC Learning Rate'], 1e-3);
      assert.ok(Number.isFinite(stats['Losses/Baseline Loss']), 'the POCA update ran too');
      losses.push(stats['Losses/Pretraining Loss']!);
    }
  }
  await env.close();
  // An untrained policy is near-uniform (NLL ≈ ln 2); the expert's rule is a linear threshold.
  assert.ok(losses[0]! > 0.5, `first ${losses[0]}`);
  assert.ok(losses[5]! < losses[0]! * 0.75, `losses ${losses.map((l) => l.toFixed(3)).join(', ')}`);
  const saved = JSON.parse(JSON.stringify(learner.save()));
  assert.ok(saved['imitation'], 'the checkpoint holds the BC state');
  const restored = new PocaLearner(spec, settings, new RunSeeds(99));
  restored.imitation = new BcAuxiliary(restored.bcActor(), dataset, bcSettings, new Rng(0));
  restored.load(saved, 'ckpt');
  assert.deepEqual(JSON.parse(JSON.stringify(restored.save())), saved);
  learner.dispose();
  restored.dispose();
});
