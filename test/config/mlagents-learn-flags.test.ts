/**
 * mlagents-learn's other flags (issue 17): each sets its key in the run configuration, wins over the file, is checked
 * like the file's value and named by its flag in errors; --deterministic sets network_settings.deterministic of every
 * behavior; --inference needs a policy to act with; the deprecated --load, --train and --torch-device warn.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseError, yaml } from './helpers.js';

const FILE = yaml(
  'behaviors:',
  '  A:',
  '    trainer_type: ppo',
  '  B:',
  '    network_settings: {hidden_units: 32}',
  'env_settings:',
  '  env_path: ./Builds/Scout.x86_64',
  '  env_args: [--from-file]',
  '  num_areas: 4',
  '  timeout_wait: 30',
  '  max_lifetime_restarts: 3',
  '  restarts_rate_limit_n: 2',
  '  restarts_rate_limit_period_s: 10',
  'engine_settings:',
  '  width: 640',
  '  height: 480',
  '  quality_level: 2',
  '  time_scale: 1',
  '  target_frame_rate: 60',
  '  capture_frame_rate: 30',
  'checkpoint_settings:',
  '  run_id: r',
);

test('env and engine flags win over the file', () => {
  const file = parse(FILE);
  assert.deepEqual([file.envSettings.numAreas, file.envSettings.timeoutWait, file.envSettings.envArgs], [4, 30, ['--from-file']]);
  const c = parse(FILE, {
    numAreas: 2,
    timeoutWait: 5.5,
    envArgs: ['--level', '3', '-logFile', 'x'],
    maxLifetimeRestarts: -1,
    restartsRateLimitN: -1,
    restartsRateLimitPeriodS: 0.5,
    width: 100,
    height: 50,
    qualityLevel: 0,
    timeScale: 3.5,
    targetFrameRate: -1,
    captureFrameRate: 0,
    noGraphics: true,
  });
  const e = c.envSettings;
  assert.deepEqual([e.numAreas, e.timeoutWait, e.envArgs, e.maxLifetimeRestarts, e.restartsRateLimitN, e.restartsRateLimitPeriodS], [2, 5.5, ['--level', '3', '-logFile', 'x'], -1, -1, 0.5]);
  assert.deepEqual(c.engineSettings, { width: 100, height: 50, qualityLevel: 0, timeScale: 3.5, targetFrameRate: -1, captureFrameRate: 0, noGraphics: true });
  assert.deepEqual(parse(FILE, { envArgs: [] }).envSettings.envArgs, [], '--env-args with nothing after it empties the list');
});

test('--debug sets debug; --deterministic sets network_settings.deterministic of every behavior and of default_settings', () => {
  assert.equal(parse(FILE).debug, false);
  assert.equal(parse(FILE, { debug: true }).debug, true);
  const before = parse(FILE);
  assert.deepEqual([...before.behaviors.values()].map((b) => b.networkSettings.deterministic), [false, false]);
  const c = parse(FILE, { deterministic: true });
  assert.deepEqual([...c.behaviors.values()].map((b) => b.networkSettings.deterministic), [true, true]);
  assert.equal(c.behaviors.get('B')!.networkSettings.hiddenUnits, 32, "the behavior's other network settings stay");
  const withDefaults = parse(yaml('default_settings:', '  max_steps: 10', 'behaviors:', '  A:'), { deterministic: true });
  assert.equal(withDefaults.defaultSettings!.networkSettings.deterministic, true);
  assert.equal(withDefaults.behaviors.get('A')!.networkSettings.deterministic, true);
});

test('--inference needs --resume or --initialize-from, and is named by its flag when it has neither', () => {
  const e = parseError(FILE, { inference: true });
  assert.equal(e.code, 'SHIVA_ERR_USAGE');
  assert.equal(e.message, '--inference (command line, checkpoint_settings.inference): expected a trained policy to act with: resume (--resume) or initialize_from (--initialize-from) beside it, got neither');
  assert.equal(parse(FILE, { inference: true, resume: true }).checkpointSettings.inference, true);
  assert.equal(parse(FILE, { inference: true, initializeFrom: 'bc' }).checkpointSettings.inference, true);
  assert.equal(parse(yaml('checkpoint_settings:', '  inference: true', '  resume: true')).checkpointSettings.inference, true, 'the file may ask for it too');
});

test('--load is --resume with a warning; --train and --torch-device are ignored with warnings that say why', () => {
  const c = parse(FILE, { load: true, train: true, torchDevice: 'cuda' });
  assert.equal(c.checkpointSettings.resume, true);
  assert.deepEqual(c.torchSettings, { device: 'cuda' });
  assert.deepEqual(c.warnings, [
    '--load (command line, checkpoint_settings.load_model): deprecated in ML-Agents; the same as --resume',
    '--train (command line, checkpoint_settings.train_model): deprecated in ML-Agents and ignored: training is what shiva train does (use --inference not to train)',
    '--torch-device (command line, torch_settings.device): ignored: Shiva runs on TensorFlow.js; use --backend (auto, tensorflow-gpu, tensorflow, webgpu, wasm, wasm-threads, cpu) or shiva.backend instead',
  ]);
  const both = parseError(FILE, { load: true, force: true });
  assert.match(both.message, /^--force \(command line, checkpoint_settings\.force\): expected at most one of resume and force, got both \(resume from --load/);
});

test('bad values are usage errors naming the flag and the key it sets', () => {
  assert.equal(parseError(FILE, { numAreas: 0 }).message, '--num-areas (command line, env_settings.num_areas): expected an integer in 1..10000, got 0');
  assert.equal(parseError(FILE, { timeoutWait: 0 }).code, 'SHIVA_ERR_USAGE');
  assert.match(parseError(FILE, { timeoutWait: 0 }).message, /^--timeout-wait \(command line, env_settings\.timeout_wait\): expected a number in \(0, 2000000\], got 0$/);
  assert.match(parseError(FILE, { timeScale: 0 }).message, /^--time-scale \(command line, engine_settings\.time_scale\): expected a number in \(0, 100\]/);
  assert.match(parseError(FILE, { maxLifetimeRestarts: -2 }).message, /^--max-lifetime-restarts \(command line, env_settings\.max_lifetime_restarts\): expected an integer ≥ -1, got -2$/);
});
