/**
 * `shiva train` flags win over the file, are checked like the file's values, and are named by their flag in errors;
 * --resume with --force is refused wherever each came from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinEnvs } from '../../envs/registry.js';
import { parse, parseError, yaml } from './helpers.js';

const FILE = yaml(
  'env_settings:',
  '  env_path: ./Builds/Scout.x86_64',
  '  num_envs: 2',
  '  base_port: 6000',
  '  seed: 7',
  'checkpoint_settings:',
  '  run_id: from-file',
  '  results_dir: out',
  'shiva:',
  '  backend: cpu',
);

test('without flags the file\'s values stand', () => {
  const c = parse(FILE);
  assert.deepEqual(
    [c.envSettings.envPath, c.envSettings.numEnvs, c.envSettings.basePort, c.envSettings.seed, c.checkpointSettings.runId, c.checkpointSettings.resultsDir, c.shiva.backend],
    ['./Builds/Scout.x86_64', 2, 6000, 7, 'from-file', 'out', 'cpu'],
  );
});

test('every flag wins over the file', () => {
  const c = parse(FILE, { runId: 'from-cli', env: 'builtin:gridworld', numEnvs: 3, basePort: 7000, seed: 11, resultsDir: 'elsewhere', backend: 'wasm', resume: true });
  assert.deepEqual(
    [c.envSettings.envPath, c.envSettings.builtinEnv, c.envSettings.numEnvs, c.envSettings.basePort, c.envSettings.seed],
    [null, 'gridworld', 3, 7000, 11],
  );
  assert.deepEqual([c.checkpointSettings.runId, c.checkpointSettings.resultsDir, c.checkpointSettings.resume, c.checkpointSettings.force], ['from-cli', 'elsewhere', true, false]);
  assert.equal(c.shiva.backend, 'wasm');
  assert.equal(parse(FILE, { initializeFrom: 'bc-run' }).checkpointSettings.initializeFrom, 'bc-run', '--initialize-from');
  // A flag's value is not a file line.
  assert.equal(c.lines.get('env_settings.num_envs'), undefined);
  assert.equal(c.lines.get('env_settings.env_args'), undefined);
});

test('flags fill in sections the file does not have, and work with no file content at all', () => {
  const c = parse('', { env: 'builtin:cartpole', numEnvs: 2, runId: 'r1' });
  assert.deepEqual([c.envSettings.builtinEnv, c.envSettings.numEnvs, c.envSettings.numAreas, c.checkpointSettings.runId], ['cartpole', 2, 8, 'r1']);
  const d = parse(yaml('env_settings:', 'checkpoint_settings: null'), { env: './unity.x86_64', force: true });
  assert.deepEqual([d.envSettings.envPath, d.checkpointSettings.force], ['./unity.x86_64', true]);
});

test('boolean flags only turn settings on: resume: false leaves the file\'s resume: true', () => {
  const c = parse(yaml('checkpoint_settings:', '  resume: true'), { resume: false, force: false });
  assert.equal(c.checkpointSettings.resume, true);
});

test('a bad flag value is a usage error that names the flag and the key it sets', () => {
  const e = parseError(FILE, { numEnvs: 0 });
  assert.equal(e.code, 'SHIVA_ERR_USAGE');
  assert.equal(e.message, '--num-envs (command line, env_settings.num_envs): expected an integer in 1..256, got 0');
  assert.equal(parseError('', { backend: 'cuda' }).message, '--backend (command line, shiva.backend): expected one of auto, tensorflow-gpu, tensorflow, webgpu, wasm, wasm-threads, cpu, got "cuda"');
  assert.equal(parseError('', { env: 'builtin:pong' }).message, `--env (command line, env_settings.env_path): expected builtin:NAME with NAME one of ${[...builtinEnvs.keys()].join(', ')}, got "builtin:pong"`);
  // The file's num_envs: 2 with no environment is fine only because the file sets env_path; --num-envs with no env is not.
  assert.equal(
    parseError('', { numEnvs: 2 }).message,
    '--num-envs (command line, env_settings.num_envs): expected 1 when no environment is set (the Editor connects as one environment; set env_settings.env_path or --env to launch 2), got 2',
  );
});

test('--resume with --force is refused, as a usage error from flags and a config error when the file set one', () => {
  const both = parseError('', { resume: true, force: true });
  assert.equal(both.code, 'SHIVA_ERR_USAGE');
  assert.equal(
    both.message,
    '--force (command line, checkpoint_settings.force): expected at most one of resume and force, got both (resume from --resume (command line, checkpoint_settings.resume); force from --force (command line, checkpoint_settings.force)): resume continues a run, force starts it afresh',
  );
  const mixed = parseError(yaml('checkpoint_settings:', '  force: true'), { resume: true });
  assert.equal(mixed.code, 'SHIVA_ERR_CONFIG');
  assert.match(mixed.message, /^run\.yaml:2: checkpoint_settings\.force: expected at most one of resume and force, got both \(resume from --resume \(command line, checkpoint_settings\.resume\); force from run\.yaml:2: checkpoint_settings\.force\)/);
  const inFile = parseError(yaml('checkpoint_settings:', '  resume: true', '  force: true'));
  assert.equal(inFile.code, 'SHIVA_ERR_CONFIG');
  assert.match(inFile.message, /^run\.yaml:3: checkpoint_settings\.force: expected at most one of resume and force, got both/);
});

test('resuming drops initialize_from with a warning, as ML-Agents does', () => {
  const c = parse(yaml('checkpoint_settings:', '  initialize_from: older-run'), { resume: true });
  assert.equal(c.checkpointSettings.initializeFrom, null);
  assert.deepEqual(c.warnings, ['run.yaml:2: checkpoint_settings.initialize_from: ignored because the run resumes (as in ML-Agents): the run continues from its own checkpoint, not from "older-run"']);
  assert.equal(parse(yaml('checkpoint_settings:', '  initialize_from: older-run')).checkpointSettings.initializeFrom, 'older-run');
});
