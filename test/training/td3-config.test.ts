/**
 * trainer_type td3 and ddpg from a run configuration to a learner plan: the example config, DDPG's switches, and
 * the errors for bad TD3 keys or keys in the wrong place.
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

test('configs/pendulum-td3.yaml gives a td3 plan with every key mapped', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'pendulum-td3.yaml'));
  assert.deepEqual(config.warnings, []);
  assert.doesNotThrow(() => assertTrainable(config));
  const plan = planResolver(config)('Pendulum?team=0')!;
  assert.equal(plan.trainerType, 'td3');
  if (plan.trainerType !== 'td3') return;
  assert.deepEqual(plan.hyperparameters, {
    batch_size: 256,
    buffer_size: 200000,
    learning_rate: 1e-3,
    buffer_init_steps: 2000,
    tau: 0.005,
    steps_per_update: 1,
    gamma: 0.98,
    policy_delay: 2,
    target_policy_noise: 0.2,
    target_noise_clip: 0.5,
    exploration_noise: 0.1,
    twin_q: true,
    save_replay_buffer: false,
  });
  assert.deepEqual(plan.network, { hiddenUnits: 64, numLayers: 2, normalize: false, activation: 'relu', visEncodeType: 'simple', goalConditioningType: 'hyper' });
  assert.equal(plan.maxSteps, 50000);
});

test('ddpg: one critic, no delay, no smoothing; exploration_noise is its only own key', () => {
  const config = parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: ddpg', '    hyperparameters: {exploration_noise: 0.3}'), 'run.yaml');
  const plan = learnerPlan(config, behaviorConfigFor(config, 'A?team=0')!, 'A');
  assert.equal(plan.trainerType, 'ddpg');
  if (plan.trainerType !== 'ddpg') return;
  const hp = plan.hyperparameters;
  assert.deepEqual([hp.twin_q, hp.policy_delay, hp.target_policy_noise, hp.exploration_noise], [false, 1, 0, 0.3]);
  assert.deepEqual([hp.batch_size, hp.buffer_size, hp.tau, hp.learning_rate], [128, 50000, 0.005, 3e-4], "ML-Agents' off-policy defaults");
  const delay = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: ddpg', '    hyperparameters: {policy_delay: 2}'), 'run.yaml'));
  assert.match(delay, /^run\.yaml:4: behaviors\.A\.hyperparameters\.policy_delay: .*a hyperparameter of td3 \(DDPG has no policy delay or target smoothing\), but trainer_type is ddpg$/);
});

test('bad TD3 keys: out of range, and TD3 keys under another trainer', () => {
  const zero = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: td3', '    hyperparameters: {policy_delay: 0}'), 'run.yaml'));
  assert.match(zero, /^run\.yaml:4: behaviors\.A\.hyperparameters\.policy_delay: expected an integer in 1\.\.1000, got 0/);
  const negative = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: td3', '    hyperparameters:', '      target_noise_clip: -0.5'), 'run.yaml'));
  assert.match(negative, /^run\.yaml:5: behaviors\.A\.hyperparameters\.target_noise_clip: expected a number ≥ 0, got -0\.5/);
  const text = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: td3', '    hyperparameters: {exploration_noise: lots}'), 'run.yaml'));
  assert.match(text, /behaviors\.A\.hyperparameters\.exploration_noise: expected a number ≥ 0, got/);
  const sac = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: sac', '    hyperparameters: {target_policy_noise: 0.2}'), 'run.yaml'));
  assert.match(sac, /^run\.yaml:4: behaviors\.A\.hyperparameters\.target_policy_noise: .*a hyperparameter of td3, but trainer_type is sac$/);
  const ppo = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: ppo', '    hyperparameters: {policy_delay: 2}'), 'run.yaml'));
  assert.match(ppo, /behaviors\.A\.hyperparameters\.policy_delay: .*a hyperparameter of td3, but trainer_type is ppo$/);
  // Refused as the configuration loads, before anything is written.
  const linear = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: td3', '    hyperparameters:', '      learning_rate_schedule: linear'), 'run.yaml'));
  assert.equal(linear, 'run.yaml:5: behaviors.A.hyperparameters.learning_rate_schedule: expected "constant" (td3 keeps its learning rate), got "linear"');
});
