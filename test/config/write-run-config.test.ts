/**
 * The configuration `shiva train` writes to RUN_ID/configuration.yaml is the loader's inverse: every example
 * configuration, and configurations with default_settings, learner maps, samplers, GAIL, self-play, rule files and
 * command-line overrides, load back from the written YAML to an equal configuration (file, lines and warnings
 * aside). The written file uses ML-Agents' snake_case keys with every default filled in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadRunConfig, parseRunConfig } from '../../src/config/load-run-config.js';
import type { CliOverrides, RunConfig } from '../../src/config/run-config.js';
import { runConfigToObject, runConfigToYaml } from '../../src/config/write-run-config.js';
import { comparableConfig as comparable } from '../helpers/comparable-config.js';
import { repoRoot } from '../helpers/paths.js';
import { parse, yaml } from './helpers.js';

function roundTrip(config: RunConfig, overrides: CliOverrides = {}): RunConfig {
  return parseRunConfig(runConfigToYaml(config, 'written by the test'), 'configuration.yaml', overrides);
}

test('every example configuration loads back from its written configuration.yaml unchanged', () => {
  const files = readdirSync(join(repoRoot, 'configs')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.rules.yaml'));
  assert.ok(files.length >= 10);
  for (const file of files) {
    const config = loadRunConfig(join(repoRoot, 'configs', file));
    const back = roundTrip(config);
    assert.deepEqual(comparable(back), comparable(config), file);
    // Writing it again gives the same text: the written form is a fixed point.
    assert.equal(runConfigToYaml(back), runConfigToYaml(config), file);
  }
});

test('the written configuration has every section and default, in snake_case as ML-Agents writes it', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'cartpole.yaml'), { seed: 7, runId: 'x', force: true });
  const text = runConfigToYaml(config, 'header line');
  assert.match(text, /^# header line\n/);
  const written = parseYaml(text) as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(written), ['behaviors', 'env_settings', 'engine_settings', 'environment_parameters', 'checkpoint_settings', 'torch_settings', 'debug', 'shiva', 'cognitive', 'population']);
  const cart = written['behaviors']!['CartPole'] as Record<string, Record<string, unknown>>;
  // Defaults the file left out are filled: PPO's beta_schedule, network_settings.vis_encode_type, summary_freq.
  assert.equal(cart['hyperparameters']!['beta_schedule'], 'linear');
  assert.equal(cart['hyperparameters']!['max_grad_norm'], 0.5);
  assert.equal(cart['network_settings']!['vis_encode_type'], 'simple');
  assert.equal(cart['network_settings']!['memory'], null);
  assert.deepEqual(cart['reward_signals'], { extrinsic: { gamma: 0.99, strength: 1 } });
  assert.equal(cart['summary_freq'], 10000);
  // γ and the time horizon are the behavior's, not hyperparameters.
  assert.equal('gamma' in cart['hyperparameters']!, false);
  assert.equal('time_horizon' in cart['hyperparameters']!, false);
  assert.deepEqual(written['env_settings'], {
    env_path: 'builtin:cartpole', env_args: null, base_port: 5005, num_envs: 1, num_areas: 4, timeout_wait: 60, seed: 7,
    max_lifetime_restarts: 10, restarts_rate_limit_n: 1, restarts_rate_limit_period_s: 60,
  });
  assert.deepEqual(written['checkpoint_settings'], { run_id: 'x', initialize_from: null, load_model: false, resume: false, force: true, train_model: false, inference: false, results_dir: 'results' });
  assert.deepEqual(written['engine_settings'], { width: 84, height: 84, quality_level: 5, time_scale: 20, target_frame_rate: -1, capture_frame_rate: 60, no_graphics: false });
  assert.deepEqual(written['torch_settings'], { device: null });
});

test('default_settings, learner maps, samplers, GAIL, behavioral cloning, self-play and rule files round-trip', () => {
  const text = yaml(
    'default_settings:',
    '  trainer_type: ppo',
    '  hyperparameters: {batch_size: 32, buffer_size: 320}',
    '  reward_signals:',
    '    gail: {demo_path: demos/x.demo, encoding_size: 64, strength: 0.5}',
    '  max_steps: 1000',
    'behaviors:',
    '  Striker:',
    '    trainer_type: poca',
    '    even_checkpoints: true',
    '    keep_checkpoints: 4',
    '    reward_signals: {extrinsic: {strength: 2.0}}',
    '    self_play: {save_steps: 500}',
    '    policy_per_team: false',
    '  Goalie:',
    '    hyperparameters: {learning_rate: 1.0e-4, beta: 0.02}',
    '    behavioral_cloning: {demo_path: demos/goalie.demo, strength: 0.3}',
    '    threaded: true',
    '  Runner: {}',
    '  "Walker?team=1":',
    '    trainer_type: sac',
    '    hyperparameters: {tau: 0.01}',
    'env_settings: {env_path: standin:gridworld, env_args: [--level, 3], num_envs: 2, seed: 42}',
    'environment_parameters:',
    '  gravity: 9.81',
    '  mass: {sampler_type: uniform, sampler_parameters: {min_value: 0.5, max_value: 10, seed: 3}}',
    '  scale: {sampler_type: gaussian, sampler_parameters: {mean: 2, st_dev: 0.3}}',
    '  size: {sampler_type: multirangeuniform, sampler_parameters: {intervals: [[7, 10], [15, 20]]}}',
    '  fixed: {sampler_type: constant, sampler_parameters: {value: 1}}',
    'checkpoint_settings: {run_id: "42", initialize_from: other}',
    'torch_settings: {device: cuda}',
    'debug: true',
    'shiva:',
    '  backend: wasm',
    '  learners: {team: [Runner, Keeper]}',
    '  decisions: {window_ms: 5, max_batch: 64}',
    '  final_evaluation: {episodes: 20, episode_stat: X/Win, baseline: true}',
    '  progress_stats: [X/Win, {stat: X/Len, label: length, window: 10, percent: false}]',
    'cognitive:',
    '  Goalie: rules/goalie.yaml',
    '  "Striker?team=1": {rules: rules/striker.yaml, enabled: false, trace_sample_rate: 0.5}',
  );
  const config = parse(text, { resultsDir: '/tmp/somewhere', basePort: 6000 });
  assert.equal(config.shiva.learners.get('team')!.join(), 'Runner,Keeper');
  const back = roundTrip(config);
  assert.deepEqual(comparable(back), comparable(config));
  // default_settings is written as the file set it (with resolved values), never filled: the listed behaviors
  // hold what it gave them already, and a filled one would lay PPO keys under the SAC behavior.
  const written = runConfigToObject(config) as Record<string, Record<string, Record<string, unknown>>>;
  assert.deepEqual(Object.keys(written['default_settings']!), ['trainer_type', 'hyperparameters', 'reward_signals', 'max_steps']);
  assert.deepEqual(written['default_settings']!['hyperparameters'], { batch_size: 32, buffer_size: 320 });
  // The deprecated encoding_size became the discriminator's hidden_units, which is what is written.
  assert.deepEqual((written['default_settings']!['reward_signals'] as Record<string, Record<string, unknown>>)['gail']!['network_settings'], { hidden_units: 64 });
  // A behavior named only by the learner map keeps its learner there; listed ones carry theirs.
  assert.deepEqual((written['shiva'] as Record<string, unknown>)['learners'], { team: ['Keeper'] });
  assert.equal((written['behaviors']!['Runner'] as Record<string, unknown>)['learner'], 'team');
  // The unlisted behavior resolves the same after the round trip.
  assert.equal(back.shiva.learners.get('team')!.join(), 'Runner,Keeper');
});

test('a configuration written after command-line flags loads back equal without them', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'scout.yaml'), { runId: 'r', resume: true, seed: 3, numEnvs: 2, backend: 'cpu', env: 'builtin:scout', initializeFrom: 'ignored-on-resume' });
  assert.equal(config.checkpointSettings.initializeFrom, null);
  const back = roundTrip(config);
  assert.deepEqual(comparable(back), comparable(config));
  assert.equal(back.checkpointSettings.resume, true);
});
