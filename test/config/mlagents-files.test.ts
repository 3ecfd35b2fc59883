/**
 * Real ML-Agents files load as they are: the 3DBall trainer config, the full configuration.yaml that
 * mlagents-learn writes into results/RUN_ID/ (every key, with nulls), and YAML anchors with merge keys.
 * Also the example configs of this repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadRunConfig } from '../../src/config/load-run-config.js';
import { isOnPolicy } from '../../src/config/run-config.js';
import { errorOf, parse, yaml } from './helpers.js';
import { repoRoot } from '../helpers/paths.js';

test('ML-Agents\' 3DBall PPO config loads unchanged, with its values and defaults for the rest', () => {
  const file = join(repoRoot, 'configs', '3dball-mlagents.yaml');
  const config = loadRunConfig(file);
  assert.equal(config.file, file);
  assert.deepEqual([...config.behaviors.keys()], ['3DBall']);
  const ball = config.behaviors.get('3DBall')!;
  assert.ok(isOnPolicy(ball));
  assert.equal(ball.trainerType, 'ppo');
  const hp = ball.hyperparameters;
  assert.deepEqual(
    [hp['batch_size'], hp['buffer_size'], hp['learning_rate'], hp['beta'], hp['epsilon'], hp['lambd'], hp['num_epoch'], hp['learning_rate_schedule'], hp['beta_schedule'], hp['epsilon_schedule']],
    [64, 12000, 0.0003, 0.001, 0.2, 0.99, 3, 'linear', 'linear', 'linear'],
  );
  assert.deepEqual(
    [ball.networkSettings.normalize, ball.networkSettings.hiddenUnits, ball.networkSettings.numLayers, ball.networkSettings.visEncodeType],
    [true, 128, 2, 'simple'],
  );
  assert.deepEqual(ball.rewardSignals, { extrinsic: { gamma: 0.99, strength: 1.0 } });
  assert.deepEqual([ball.keepCheckpoints, ball.maxSteps, ball.timeHorizon, ball.summaryFreq, ball.checkpointInterval], [5, 500000, 1000, 12000, 500000]);
  // No environment: the Editor connects.
  assert.equal(config.envSettings.envPath, null);
  assert.equal(config.envSettings.builtinEnv, null);
  // 12000 is not a multiple of 64: accepted, with ML-Agents' advice as a warning at the buffer_size line.
  assert.equal(config.warnings.length, 1);
  assert.match(config.warnings[0]!, /3dball-mlagents\.yaml:10: behaviors\.3DBall\.hyperparameters\.buffer_size: buffer_size \(12000\) is not a multiple of batch_size \(64\)/);
});

test('the example cartpole config trains the built-in cartpole with 4 agents per update round', () => {
  const config = loadRunConfig(join(repoRoot, 'configs', 'cartpole.yaml'));
  assert.deepEqual(config.warnings, []);
  const cart = config.behaviors.get('CartPole')!;
  assert.ok(isOnPolicy(cart));
  const hp = cart.hyperparameters;
  assert.equal(config.envSettings.builtinEnv, 'cartpole');
  const agents = config.envSettings.numEnvs * config.envSettings.numAreas;
  assert.equal(agents, 4);
  assert.equal(hp['buffer_size'], agents * cart.timeHorizon);
  assert.equal(Number(hp['buffer_size']) / Number(hp['batch_size']), 4);
  assert.equal(hp['num_epoch'], 4);
  assert.deepEqual([cart.networkSettings.hiddenUnits, cart.networkSettings.numLayers, cart.networkSettings.activation], [64, 2, 'tanh']);
  assert.deepEqual([cart.maxSteps, cart.summaryFreq], [200000, 10000]);
  assert.equal(config.checkpointSettings.runId, 'cartpole-ppo');
});

test('the configuration.yaml that mlagents-learn writes into results/ loads, nulls and all', () => {
  const written = yaml(
    'default_settings: null',
    'behaviors:',
    '  Pyramids:',
    '    trainer_type: ppo',
    '    hyperparameters:',
    '      batch_size: 128',
    '      buffer_size: 2048',
    '      learning_rate: 0.0003',
    '      beta: 0.01',
    '      epsilon: 0.2',
    '      lambd: 0.95',
    '      num_epoch: 3',
    '      shared_critic: false',
    '      learning_rate_schedule: linear',
    '      beta_schedule: linear',
    '      epsilon_schedule: linear',
    '    checkpoint_interval: 500000',
    '    network_settings:',
    '      normalize: false',
    '      hidden_units: 512',
    '      num_layers: 2',
    '      vis_encode_type: simple',
    '      memory: null',
    '      goal_conditioning_type: hyper',
    '      deterministic: false',
    '    reward_signals:',
    '      extrinsic:',
    '        gamma: 0.99',
    '        strength: 1.0',
    '        network_settings:',
    '          normalize: false',
    '          hidden_units: 128',
    '          num_layers: 2',
    '          vis_encode_type: simple',
    '          memory: null',
    '          goal_conditioning_type: hyper',
    '          deterministic: false',
    '    init_path: null',
    '    keep_checkpoints: 5',
    '    even_checkpoints: false',
    '    max_steps: 1000000',
    '    time_horizon: 128',
    '    summary_freq: 30000',
    '    threaded: false',
    '    self_play: null',
    '    behavioral_cloning: null',
    'env_settings:',
    '  env_path: ./training-envs-executables/linux/Pyramids/Pyramids',
    '  env_args: null',
    '  base_port: 5005',
    '  num_envs: 1',
    '  num_areas: 1',
    '  timeout_wait: 60',
    '  seed: -1',
    '  max_lifetime_restarts: 10',
    '  restarts_rate_limit_n: 1',
    '  restarts_rate_limit_period_s: 60',
    'engine_settings:',
    '  width: 84',
    '  height: 84',
    '  quality_level: 5',
    '  time_scale: 20',
    '  target_frame_rate: -1',
    '  capture_frame_rate: 60',
    '  no_graphics: true',
    'environment_parameters: null',
    'checkpoint_settings:',
    '  run_id: Pyramids Training',
    '  initialize_from: null',
    '  load_model: false',
    '  resume: false',
    '  force: false',
    '  train_model: false',
    '  inference: false',
    '  results_dir: results',
    'torch_settings:',
    '  device: null',
    'debug: false',
  );
  const config = parse(written);
  assert.deepEqual(config.warnings, []);
  const p = config.behaviors.get('Pyramids')!;
  assert.ok(isOnPolicy(p));
  assert.equal(p.networkSettings.hiddenUnits, 512);
  assert.equal(p.timeHorizon, 128);
  assert.equal(config.defaultSettings, null);
  assert.equal(config.envSettings.envPath, './training-envs-executables/linux/Pyramids/Pyramids');
  assert.deepEqual(config.envSettings.envArgs, []);
  assert.equal(config.engineSettings.noGraphics, true);
  assert.equal(config.checkpointSettings.runId, 'Pyramids Training');
  assert.deepEqual(config.environmentParameters, {});
  // The same file with RND (PPO takes it) loads with no warning.
  const withRnd = written.replace('    init_path: null', '      rnd:\n        gamma: 0.99\n        strength: 0.01\n    init_path: null');
  const rnd = parse(withRnd);
  assert.deepEqual(rnd.warnings, []);
  assert.equal(rnd.behaviors.get('Pyramids')!.rewardSignals.rnd!.strength, 0.01);
});

test('YAML anchors and << merge keys work, as PyYAML reads them for ML-Agents', () => {
  const config = parse(
    yaml(
      'behaviors:',
      '  Striker: &team',
      '    trainer_type: poca',
      '    hyperparameters: {batch_size: 2048, buffer_size: 20480}',
      '    max_steps: 5.0e7',
      '  Goalie:',
      '    <<: *team',
      '    max_steps: 1.0e7',
    ),
  );
  const striker = config.behaviors.get('Striker')!;
  const goalie = config.behaviors.get('Goalie')!;
  assert.equal(striker.trainerType, 'poca');
  assert.equal(goalie.trainerType, 'poca');
  assert.equal(goalie.hyperparameters['batch_size'], 2048);
  assert.deepEqual([striker.maxSteps, goalie.maxSteps], [50000000, 10000000]);
});
