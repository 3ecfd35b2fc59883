/**
 * `shiva.env_workers` and `--env-workers` (built-in environments in worker threads): 0 by default, at most num_envs,
 * only with a built-in environment; an error names the file's line or the flag, what was expected and what came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunConfig, runConfigToYaml, type CliOverrides } from '../../src/config/index.js';
import { isShivaError } from '../../src/core/errors.js';

const yaml = (env: string, extra = '') => `behaviors:\n  CartPole: {trainer_type: ppo}\nenv_settings: {env_path: "${env}", num_envs: 4}\nshiva:\n  backend: cpu\n${extra}`;

function refusal(text: string, overrides: CliOverrides = {}): { code: string; message: string } {
  try {
    parseRunConfig(text, 'run.yaml', overrides);
  } catch (error) {
    assert.ok(isShivaError(error), String(error));
    return { code: error.code, message: error.message };
  }
  assert.fail('expected the configuration to be refused');
}

test('env_workers: 0 by default, read from the file or --env-workers (the flag wins), written back with the run', () => {
  assert.equal(parseRunConfig(yaml('builtin:cartpole'), 'run.yaml').shiva.envWorkers, 0);
  const fromFile = parseRunConfig(yaml('builtin:cartpole', '  env_workers: 2\n'), 'run.yaml');
  assert.equal(fromFile.shiva.envWorkers, 2);
  assert.equal(parseRunConfig(yaml('builtin:cartpole', '  env_workers: 2\n'), 'run.yaml', { envWorkers: 4 }).shiva.envWorkers, 4);
  assert.match(runConfigToYaml(fromFile), /env_workers: 2/);
});

test('env_workers: bad values name the line or the flag, what was expected and what came', () => {
  const tooMany = refusal(yaml('builtin:cartpole', '  env_workers: 5\n'));
  assert.equal(tooMany.code, 'SHIVA_ERR_CONFIG');
  assert.match(tooMany.message, /run\.yaml:6.*shiva\.env_workers.*at most env_settings\.num_envs \(4\): each worker thread steps whole environments.*5/);
  const negative = refusal(yaml('builtin:cartpole', '  env_workers: -1\n'));
  assert.match(negative.message, /shiva\.env_workers.*-1/);
  assert.match(refusal(yaml('builtin:cartpole', '  env_workers: two\n')).message, /shiva\.env_workers.*two/);
  const standin = refusal(yaml('standin:cartpole'), { envWorkers: 2 });
  assert.equal(standin.code, 'SHIVA_ERR_USAGE');
  assert.match(standin.message, /--env-workers.*0 unless env_settings\.env_path is builtin:NAME.*2 with "standin:cartpole"/);
});
