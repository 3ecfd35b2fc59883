/**
 * Defaults: a behavior with no settings, an empty file, and default_settings laid under behaviors, against
 * ML-Agents' published defaults written out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOnPolicy, type BehaviorConfig } from '../../src/config/run-config.js';
import { parse, yaml } from './helpers.js';

const ML_AGENTS_NETWORK = {
  normalize: false,
  hiddenUnits: 128,
  numLayers: 2,
  visEncodeType: 'simple',
  memory: null,
  goalConditioningType: 'hyper',
  deterministic: false,
  activation: 'swish',
};

const ML_AGENTS_PPO_BEHAVIOR: BehaviorConfig = {
  name: 'CartPole',
  trainerType: 'ppo',
  hyperparameters: {
    batch_size: 1024,
    buffer_size: 10240,
    learning_rate: 3e-4,
    learning_rate_schedule: 'linear',
    beta: 5e-3,
    epsilon: 0.2,
    lambd: 0.95,
    num_epoch: 3,
    beta_schedule: 'linear',
    epsilon_schedule: 'linear',
    shared_critic: false,
    gamma: 0.99,
    time_horizon: 64,
    max_grad_norm: 0.5,
    clip_value_loss: false,
    value_loss_coef: 0.5,
    normalize_advantages: true,
    adam_epsilon: 1e-5,
  },
  networkSettings: ML_AGENTS_NETWORK as BehaviorConfig['networkSettings'],
  rewardSignals: { extrinsic: { gamma: 0.99, strength: 1.0 } },
  maxSteps: 500000,
  timeHorizon: 64,
  summaryFreq: 50000,
  checkpointInterval: 500000,
  keepCheckpoints: 5,
  evenCheckpoints: false,
  threaded: false,
  initPath: null,
  behavioralCloning: null,
  selfPlay: null,
  learner: 'CartPole',
  policyPerTeam: false,
};

test('a behavior with no settings gets every ML-Agents PPO default, and Shiva\'s own', () => {
  const config = parse(yaml('behaviors:', '  CartPole:'));
  assert.deepEqual(config.behaviors.get('CartPole'), ML_AGENTS_PPO_BEHAVIOR);
  assert.deepEqual(parse(yaml('behaviors:', '  CartPole: {trainer_type: ppo}')).behaviors.get('CartPole'), ML_AGENTS_PPO_BEHAVIOR);
});

test('an empty file gives mlagents-learn\'s run defaults: no behaviors, port 5005, run id "ppo", random seed; every behavior trains with the defaults, and a warning says which', () => {
  const config = parse('');
  assert.equal(config.file, 'run.yaml');
  assert.equal(config.behaviors.size, 0);
  // default_settings as if the file had `default_settings: {}`: every announced behavior trains with ML-Agents' PPO defaults.
  assert.equal(config.defaultSettings?.trainerType, 'ppo');
  assert.deepEqual(config.defaultSettings?.hyperparameters, ML_AGENTS_PPO_BEHAVIOR.hyperparameters);
  assert.deepEqual(config.defaultSettings?.networkSettings, ML_AGENTS_NETWORK);
  assert.deepEqual(config.envSettings, {
    envPath: null,
    builtinEnv: null,
    envArgs: [],
    numEnvs: 1,
    basePort: 5005,
    seed: -1,
    numAreas: 1,
    timeoutWait: 60,
    maxLifetimeRestarts: 10,
    restartsRateLimitN: 1,
    restartsRateLimitPeriodS: 60,
  });
  assert.deepEqual(config.engineSettings, { width: 84, height: 84, qualityLevel: 5, timeScale: 20, targetFrameRate: -1, captureFrameRate: 60, noGraphics: false });
  assert.deepEqual(config.checkpointSettings, { runId: 'ppo', resume: false, force: false, resultsDir: 'results', initializeFrom: null, inference: false });
  assert.deepEqual(config.torchSettings, { device: null });
  assert.deepEqual(config.environmentParameters, {});
  assert.equal(config.debug, false);
  assert.equal(config.shiva.backend, 'auto');
  assert.equal(config.shiva.learners.size, 0);
  assert.equal(config.warnings.length, 1);
  assert.match(
    config.warnings[0]!,
    /^run\.yaml:1: \(top level\): the file is empty, so every default applies: each behavior the environment announces trains with default_settings' defaults \(trainer_type ppo: batch_size 1024, buffer_size 10240, learning_rate 0\.0003, max_steps 500000, network_settings 2 × 128\), the environment is the Unity Editor .*"ppo" under results\/.*docs\/CONFIGURATION\.md$/,
  );
  // A comment-only file is empty too, and so is {}; a file with any key is not.
  for (const text of ['# nothing yet\n', '{}\n']) {
    assert.equal(parse(text).behaviors.size, 0);
    assert.match(parse(text).warnings[0] ?? '', /the file is empty/);
  }
  assert.equal(parse('debug: false\n').defaultSettings, null);
  assert.deepEqual(parse('debug: false\n').warnings, []);
});

test('SAC gets its own defaults; reward_signal_steps_per_update follows steps_per_update', () => {
  const sac = parse(yaml('behaviors:', '  Walker:', '    trainer_type: sac', '    hyperparameters: {steps_per_update: 10}')).behaviors.get('Walker')!;
  assert.equal(sac.trainerType, 'sac');
  assert.ok(!isOnPolicy(sac));
  assert.deepEqual(sac.hyperparameters, {
    batch_size: 128,
    buffer_size: 50000,
    learning_rate: 3e-4,
    learning_rate_schedule: 'constant',
    buffer_init_steps: 0,
    tau: 0.005,
    steps_per_update: 10,
    save_replay_buffer: false,
    gamma: 0.99,
    init_entcoef: 1.0,
    reward_signal_steps_per_update: 10,
    continuous_target_entropy: -1,
    discrete_target_entropy_scale: 0.2,
    time_horizon: 64,
  });
});

test('beta_schedule and epsilon_schedule follow an explicit learning_rate_schedule, unless set themselves', () => {
  const hp = (body: string) => {
    const b = parse(yaml('behaviors:', '  A:', `    hyperparameters: ${body}`)).behaviors.get('A')!;
    assert.ok(isOnPolicy(b));
    return [b.hyperparameters['learning_rate_schedule'], b.hyperparameters['beta_schedule'], b.hyperparameters['epsilon_schedule']];
  };
  assert.deepEqual(hp('{learning_rate_schedule: constant}'), ['constant', 'constant', 'constant']);
  assert.deepEqual(hp('{learning_rate_schedule: constant, beta_schedule: linear}'), ['constant', 'linear', 'constant']);
  assert.deepEqual(hp('{epsilon_schedule: constant}'), ['linear', 'linear', 'constant']);
});

test('default_settings lies under each behavior key by key, and stands whole for behaviors without an entry', () => {
  const config = parse(
    yaml(
      'default_settings:', //                     1
      '  trainer_type: ppo',
      '  hyperparameters:',
      '    batch_size: 256',
      '    buffer_size: 4096', //                   5
      '  network_settings: {hidden_units: 64}',
      '  max_steps: 1.0e5',
      'behaviors:',
      '  Forager:',
      '    hyperparameters:', //                    10
      '      learning_rate: 1.0e-3',
      '    network_settings: {num_layers: 3}',
      '  Guard:',
    ),
  );
  const forager = config.behaviors.get('Forager')!;
  assert.ok(isOnPolicy(forager));
  assert.equal(forager.hyperparameters['batch_size'], 256);
  assert.equal(forager.hyperparameters['buffer_size'], 4096);
  assert.equal(forager.hyperparameters['learning_rate'], 1e-3);
  assert.equal(forager.networkSettings.hiddenUnits, 64);
  assert.equal(forager.networkSettings.numLayers, 3);
  assert.equal(forager.maxSteps, 100000);
  const guard = config.behaviors.get('Guard')!;
  assert.ok(isOnPolicy(guard));
  assert.equal(guard.hyperparameters['batch_size'], 256);
  assert.equal(guard.hyperparameters['learning_rate'], 3e-4);
  assert.equal(guard.networkSettings.numLayers, 2);
  const defaults = config.defaultSettings!;
  assert.equal(defaults.name, 'default_settings');
  assert.equal(defaults.learner, null);
  assert.equal(defaults.maxSteps, 100000);
  // Lines of merged values are those where they are written.
  assert.equal(config.lines.get('behaviors.Forager.hyperparameters.batch_size'), 4);
  assert.equal(config.lines.get('behaviors.Forager.hyperparameters.learning_rate'), 11);
});

test('even_checkpoints spreads keep_checkpoints checkpoints over max_steps, as ML-Agents does', () => {
  const b = parse(yaml('behaviors:', '  A: {max_steps: 100000, keep_checkpoints: 4, even_checkpoints: true, checkpoint_interval: 7}')).behaviors.get('A')!;
  assert.equal(b.checkpointInterval, 25000);
  assert.equal(parse(yaml('behaviors:', '  A: {checkpoint_interval: 7}')).behaviors.get('A')!.checkpointInterval, 7);
});

test('behavioral_cloning and self_play fill in ML-Agents\' defaults, some from the trainer\'s own settings', () => {
  const b = parse(
    yaml('behaviors:', '  Striker:', '    hyperparameters: {batch_size: 32, buffer_size: 320, num_epoch: 5}', '    behavioral_cloning: {demo_path: demos/striker.demo}', '    self_play: {save_steps: 50000}'),
  ).behaviors.get('Striker')!;
  assert.deepEqual(b.behavioralCloning, { demoPath: 'demos/striker.demo', steps: 0, strength: 1.0, samplesPerUpdate: 0, numEpoch: 5, batchSize: 32 });
  assert.deepEqual(b.selfPlay, { saveSteps: 50000, teamChange: 250000, swapSteps: 2000, window: 10, playAgainstLatestModelRatio: 0.5, initialElo: 1200 });
  const sac = parse(yaml('behaviors:', '  S:', '    trainer_type: sac', '    behavioral_cloning: {demo_path: d.demo, batch_size: 64}')).behaviors.get('S')!;
  assert.equal(sac.behavioralCloning!.numEpoch, 1);
  assert.equal(sac.behavioralCloning!.batchSize, 64);
});

test('a built-in environment gets its own number of areas unless the file says', () => {
  assert.equal(parse(yaml('env_settings:', '  env_path: builtin:cartpole')).envSettings.numAreas, 8);
  assert.equal(parse(yaml('env_settings:', '  env_path: builtin:gridworld')).envSettings.numAreas, 4);
  const c = parse(yaml('env_settings:', '  env_path: builtin:CartPole', '  num_areas: 2', '  num_envs: 3'));
  assert.deepEqual([c.envSettings.builtinEnv, c.envSettings.envPath, c.envSettings.numAreas, c.envSettings.numEnvs], ['cartpole', null, 2, 3]);
  const unity = parse(yaml('env_settings:', '  env_path: ./Builds/Scout.x86_64', '  env_args: ["--level", 3]', '  num_envs: 4'));
  assert.deepEqual([unity.envSettings.envPath, unity.envSettings.builtinEnv, unity.envSettings.numAreas, unity.envSettings.envArgs], ['./Builds/Scout.x86_64', null, 1, ['--level', '3']]);
});

test('the loaded configuration is frozen all the way down', () => {
  const config = parse(yaml('behaviors:', '  A:', 'environment_parameters:', '  size: {sampler_type: multirangeuniform, sampler_parameters: {intervals: [[1, 2]]}}'));
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.envSettings.envArgs));
  const a = config.behaviors.get('A')!;
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.hyperparameters) && Object.isFrozen(a.rewardSignals.extrinsic));
  assert.ok(Object.isFrozen(config.environmentParameters['size']));
  assert.throws(() => (config.behaviors as Map<string, BehaviorConfig>).set('B', a), TypeError);
  assert.throws(() => (config.behaviors as Map<string, BehaviorConfig>).delete('A'), TypeError);
  assert.throws(() => (config.lines as Map<string, number>).clear(), TypeError);
  assert.throws(() => {
    (a.hyperparameters as { batch_size: number }).batch_size = 1;
  }, TypeError);
});
