/**
 * trainer_type: dqn from a run configuration to a learner plan: the example config, DQN's own keys, and the
 * errors for keys in the wrong place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnerPlan, planResolver } from '../../src/training/plan-resolver.js';
import { assertTrainable, behaviorConfigFor } from '../../src/config/index.js';
import { loadRunConfig, parseRunConfig } from '../../src/config/load-run-config.js';
import { isShivaError } from '../../src/core/errors.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(isShivaError(error), `expected a ShivaError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected an error');
}

test('configs/cartpole-dqn.yaml gives a dqn plan with every key mapped', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'cartpole-dqn.yaml'));
  assert.deepEqual(config.warnings, []);
  assert.doesNotThrow(() => assertTrainable(config));
  const plan = planResolver(config)('CartPole?team=0')!;
  assert.equal(plan.trainerType, 'dqn');
  if (plan.trainerType !== 'dqn') return;
  assert.deepEqual(plan.hyperparameters, {
    batch_size: 64,
    buffer_size: 20000,
    learning_rate: 1e-3,
    buffer_init_steps: 1000,
    tau: 1,
    target_update_interval: 200,
    steps_per_update: 2,
    gradient_steps: 1,
    gamma: 0.99,
    exploration_initial_eps: 1,
    exploration_final_eps: 0.02,
    exploration_fraction: 0.04,
    double_q: true,
    dueling: false,
    n_step: 3,
    prioritized: false,
    prioritized_alpha: 0.6,
    prioritized_beta: 0.4,
    huber_delta: 1,
    max_grad_norm: 10,
    save_replay_buffer: false,
  });
  assert.deepEqual(plan.network, { hiddenUnits: 64, numLayers: 2, normalize: false, activation: 'relu', visEncodeType: 'simple', goalConditioningType: 'hyper' });
  assert.equal(plan.maxSteps, 100000);
});

test('without DQN keys a dqn behavior takes the off-policy defaults and a soft target update every step', () => {
  const config = parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: dqn'), 'run.yaml');
  const plan = learnerPlan(config, behaviorConfigFor(config, 'A?team=0')!, 'A');
  assert.equal(plan.trainerType, 'dqn');
  if (plan.trainerType !== 'dqn') return;
  const hp = plan.hyperparameters;
  assert.deepEqual([hp.tau, hp.target_update_interval, hp.batch_size, hp.buffer_size, hp.n_step, hp.double_q], [0.005, 1, 128, 50000, 1, true]);
});

test("DQN's keys are refused under other trainers, and a linear learning-rate schedule under dqn", () => {
  const sac = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: sac', '    hyperparameters: {n_step: 3}'), 'run.yaml'));
  assert.match(sac, /^run\.yaml:4: behaviors\.A\.hyperparameters\.n_step: .*a hyperparameter of dqn, but trainer_type is sac$/);
  const bad = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: dqn', '    hyperparameters: {exploration_fraction: 2}'), 'run.yaml'));
  assert.match(bad, /^run\.yaml:4: behaviors\.A\.hyperparameters\.exploration_fraction: expected .*, got 2/);
  // Refused as the configuration loads, before anything is written.
  const linear = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: dqn', '    hyperparameters:', '      learning_rate_schedule: linear'), 'run.yaml'));
  assert.equal(linear, 'run.yaml:5: behaviors.A.hyperparameters.learning_rate_schedule: expected "constant" (DQN keeps its learning rate), got "linear"');
});
