/**
 * trainer_type: poca from a run configuration to a learner: the example configs map every key onto PPO's
 * hyperparameters, and the meta-learner creates a POCA learner for the behavior.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planResolver } from '../../src/training/plan-resolver.js';
import { assertTrainable } from '../../src/config/index.js';
import { loadRunConfig } from '../../src/config/load-run-config.js';
import { COOP_SWITCH_SPEC } from '../../envs/coop-switch/coop-switch-scene.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { PocaLearner } from '../../agents/poca/poca-learner.js';

await chooseBackend('wasm');
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('configs/coop-switch-poca.yaml gives a poca plan with every key mapped', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'coop-switch-poca.yaml'));
  assert.deepEqual(config.warnings, []);
  assert.doesNotThrow(() => assertTrainable(config));
  const plan = planResolver(config)('CoopSwitch?team=0')!;
  assert.equal(plan.trainerType, 'poca');
  assert.deepEqual(plan.hyperparameters, {
    batch_size: 128,
    buffer_size: 512,
    learning_rate: 3e-3,
    learning_rate_schedule: 'constant',
    beta: 0.01,
    beta_schedule: 'constant',
    epsilon: 0.2,
    epsilon_schedule: 'constant',
    lambd: 0.95,
    gamma: 0.95,
    num_epoch: 3,
    time_horizon: 64,
    max_grad_norm: 0.5,
    clip_value_loss: true,
    value_loss_coef: 0.5,
    normalize_advantages: true,
    adam_epsilon: 1e-5,
  });
  assert.deepEqual(plan.network, { hiddenUnits: 32, numLayers: 1, normalize: false, activation: 'tanh', visEncodeType: 'simple', goalConditioningType: 'hyper' });
  assert.equal(plan.maxSteps, 20000);
  assert.equal(plan.rewardStrength, 1);

  const meta = new MetaLearner(planResolver(config), new RunSeeds(1));
  const learner = meta.learnerFor(COOP_SWITCH_SPEC);
  assert.ok(learner instanceof PocaLearner);
  assert.equal(learner.trainerType, 'poca');
  meta.dispose();
});

test('configs/scout-poca.yaml trains the red team with poca and the same keys as configs/scout.yaml', () => {
  const poca = loadRunConfig(join(repoRoot, 'configs', 'scout-poca.yaml'));
  const ppo = loadRunConfig(join(repoRoot, 'configs', 'scout.yaml'));
  assert.doesNotThrow(() => assertTrainable(poca));
  const a = planResolver(poca)('Red?team=0')!;
  const b = planResolver(ppo)('Red?team=0')!;
  assert.equal(a.trainerType, 'poca');
  assert.equal(b.trainerType, 'ppo');
  assert.deepEqual({ ...a.hyperparameters, clip_value_loss: true }, { ...b.hyperparameters, clip_value_loss: true });
  assert.deepEqual(a.network, b.network);
  assert.equal(a.maxSteps, b.maxSteps);
});
