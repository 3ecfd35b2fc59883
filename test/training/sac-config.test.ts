/**
 * trainer_type sac from a run configuration to a learner plan: the example config with every key mapped, and
 * ML-Agents' defaults without keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SAC_HYPERPARAMETERS } from '../../agents/sac/hyperparameters.js';
import { learnerPlan, planResolver } from '../../src/training/plan-resolver.js';
import { assertTrainable, behaviorConfigFor } from '../../src/config/index.js';
import { loadRunConfig, parseRunConfig } from '../../src/config/load-run-config.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('configs/pendulum-sac.yaml gives a sac plan with every key mapped', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'pendulum-sac.yaml'));
  assert.deepEqual(config.warnings, []);
  assert.doesNotThrow(() => assertTrainable(config));
  const plan = planResolver(config)('Pendulum?team=0')!;
  assert.equal(plan.trainerType, 'sac');
  if (plan.trainerType !== 'sac') return;
  assert.deepEqual(plan.hyperparameters, {
    batch_size: 256,
    buffer_size: 200000,
    learning_rate: 1e-3,
    buffer_init_steps: 1000,
    tau: 0.005,
    steps_per_update: 1,
    gamma: 0.99,
    init_entcoef: 1,
    reward_signal_steps_per_update: 1,
    continuous_target_entropy: -1,
    discrete_target_entropy_scale: 0.2,
    save_replay_buffer: false,
    time_horizon: 64,
  });
  assert.deepEqual(plan.network, { hiddenUnits: 64, numLayers: 2, normalize: false, activation: 'relu', visEncodeType: 'simple', goalConditioningType: 'hyper' });
});

test("without keys a sac behavior takes ML-Agents' SAC defaults; init_entcoef is α's start", () => {
  const config = parseRunConfig('behaviors:\n  A:\n    trainer_type: sac\n    hyperparameters: {init_entcoef: 0.5, steps_per_update: 0.25}\n', 'run.yaml');
  const plan = learnerPlan(config, behaviorConfigFor(config, 'A?team=0')!, 'A');
  assert.equal(plan.trainerType, 'sac');
  if (plan.trainerType !== 'sac') return;
  assert.deepEqual(plan.hyperparameters, { ...DEFAULT_SAC_HYPERPARAMETERS, batch_size: 128, buffer_size: 50000, learning_rate: 3e-4, buffer_init_steps: 0, init_entcoef: 0.5, steps_per_update: 0.25, reward_signal_steps_per_update: 0.25 });
});
