/**
 * mlagents-learn's command line on `shiva train`, as a user runs it (the real binary in child processes): the help
 * groups every flag as mlagents-learn does; engine and environment flags reach a launched executable; restart flags
 * bound a crashing one; --debug, --deterministic, --inference, the deprecated --load/--train/--torch-device, and
 * --host/--allow-remote each do what they say; bare `shiva` prints the help.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { cliMain } from '../helpers/paths.js';

/** A tiny PPO run on CartPole (a few hundred steps) in a fresh folder; returns the folder and the config path. */
function tinyRun(extra: string[] = []): { dir: string; file: string; results: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-flags-'));
  const results = join(dir, 'results');
  const file = join(dir, 'run.yaml');
  writeFileSync(
    file,
    [
      'behaviors:',
      '  CartPole:',
      '    trainer_type: ppo',
      '    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }',
      '    network_settings: { hidden_units: 16, num_layers: 1 }',
      '    max_steps: 400',
      '    time_horizon: 64',
      '    summary_freq: 200',
      '    checkpoint_interval: 100000',
      'env_settings:',
      '  env_path: builtin:cartpole',
      '  num_areas: 4',
      '  seed: 3',
      'checkpoint_settings:',
      '  run_id: tiny',
      `  results_dir: ${results}`,
      'shiva:',
      '  backend: cpu',
      ...extra,
      '',
    ].join('\n'),
  );
  return { dir, file, results };
}

/** Pino's JSON log lines on stderr. */
function logLines(stderr: string): { level: number; msg: string; [key: string]: unknown }[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string });
}

/**
 * An "executable" that records the arguments it was launched with, then serves the built-in CartPole as a Unity
 * build would (the stand-in), with only Unity's own flags: what mlagents-learn's launcher passes reaches it.
 */
function fakeUnity(dir: string): string {
  const path = join(dir, 'fake-unity.sh');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > "${join(dir, 'argv.txt')}"`,
      'while [ "$#" -gt 0 ] && [ "$1" != "--mlagents-port" ]; do shift; done',
      `exec "${process.execPath}" "${cliMain}" unity-standin --env cartpole "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

const ALL_FLAGS = [
  // mlagents-learn's, in its order
  '--env', '--resume', '--deterministic', '--force', '--run-id', '--initialize-from', '--seed', '--inference', '--base-port', '--num-envs',
  '--num-areas', '--debug', '--env-args', '--max-lifetime-restarts', '--restarts-rate-limit-n', '--restarts-rate-limit-period-s', '--results-dir',
  '--timeout-wait', '--load', '--train', '--torch', '--tensorflow', '--width', '--height', '--quality-level', '--time-scale', '--target-frame-rate', '--capture-frame-rate',
  '--no-graphics', '--torch-device',
  // Shiva's
  '--backend', '--host', '--allow-remote', '--token', '--insecure-no-token', '--tls-cert', '--tls-key',
];

test('train --help groups the flags as mlagents-learn does, with defaults, examples and the environment variables', async () => {
  const { code, stdout } = await runCli(['train', '--help']).done;
  assert.equal(code, 0);
  const at = (heading: string) => {
    const i = stdout.indexOf(`\n${heading}`);
    assert.ok(i >= 0, `the help has a "${heading}" section:\n${stdout}`);
    return i;
  };
  const general = at('General (mlagents-learn):');
  const deprecated = at('Deprecated in ML-Agents');
  const engine = at('Engine Configuration');
  const torch = at('Torch Configuration:');
  const shiva = at('Shiva:');
  const examples = at('Examples:');
  const environment = at('Environment variables:');
  assert.ok(general < deprecated && deprecated < engine && engine < torch && torch < shiva && shiva < examples && examples < environment, 'in that order');
  for (const flag of ALL_FLAGS) assert.match(stdout, new RegExp(`\\n  ${flag}\\b`), `${flag} is listed`);
  const section = (from: number, to: number) => stdout.slice(from, to);
  for (const flag of ['--width', '--height', '--quality-level', '--time-scale', '--target-frame-rate', '--capture-frame-rate', '--no-graphics']) assert.ok(section(engine, torch).includes(`  ${flag}`), `${flag} is an engine flag`);
  for (const flag of ['--load', '--train', '--torch', '--tensorflow']) assert.ok(section(deprecated, engine).includes(`  ${flag}`), `${flag} is with the deprecated ones`);
  assert.ok(section(torch, shiva).includes('--torch-device'));
  // Defaults are ML-Agents'.
  for (const [flag, value] of [['--width', 84], ['--height', 84], ['--quality-level', 5], ['--time-scale', 20], ['--target-frame-rate', -1], ['--capture-frame-rate', 60], ['--max-lifetime-restarts', 10], ['--restarts-rate-limit-n', 1], ['--restarts-rate-limit-period-s', 60], ['--timeout-wait', 60], ['--base-port', 5005], ['--run-id', 'ppo'], ['--seed', -1]] as const) {
    assert.match(stdout, new RegExp(`\\n  ${flag} [^\\n]*\\(default: ${value}\\)`), `${flag} shows its default ${value}`);
  }
  for (const example of ['--env ./Build/Scene.x86_64 --num-envs 8', '--resume', '--inference', 'configs/scout.yaml', '--env-args']) assert.ok(section(examples, environment).includes(example), `an example with ${example}`);
  for (const variable of ['SHIVA_LOG_LEVEL', 'SHIVA_LOG_FILE', 'SHIVA_BACKEND']) assert.ok(section(environment, stdout.length).includes(variable));
});

test('shiva with no command prints the help on stdout and exits 0; shiva --help lists the environment variables', async () => {
  const bare = await runCli([]).done;
  assert.equal(bare.code, 0);
  assert.equal(bare.stderr, '');
  assert.match(bare.stdout, /^Usage: shiva \[options\] \[command\]/);
  assert.match(bare.stdout, /\n {2}train \[options\] <config>/);
  assert.match(bare.stdout, /Environment variables:\n {2}SHIVA_LOG_LEVEL[^\n]*\n {2}SHIVA_LOG_FILE[\s\S]*SHIVA_BACKEND/);
  const help = await runCli(['--help']).done;
  assert.equal(help.code, 0);
  assert.equal(help.stdout, bare.stdout);
});

test('a non-loopback --host without --allow-remote is refused (SHIVA_ERR_BIND); with it the listeners bind there', async () => {
  const { file } = tinyRun();
  const refused = await runCli(['train', file, '--host', '0.0.0.0']).done;
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /shiva: shiva train: host: expected a loopback address unless a non-loopback bind is asked for explicitly \(--allow-remote\), got "0\.0\.0\.0" \[SHIVA_ERR_BIND\]/);
  const probe = await runCli(['probe', '--host', '0.0.0.0', '--port', '0', '--timeout', '1']).done;
  assert.equal(probe.code, 1);
  assert.match(probe.stderr, /host: expected a loopback address unless .*\(--allow-remote\), got "0\.0\.0\.0" \[SHIVA_ERR_BIND\]/);
  // Allowed: a stand-in launched as a build connects to the listener bound on 0.0.0.0, and the run trains.
  const allowed = await runCli(['train', file, '--env', 'standin:cartpole', '--base-port', '0', '--num-areas', '1', '--host', '0.0.0.0', '--allow-remote'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(allowed.code, 0, allowed.stderr.slice(-2000));
  assert.ok(logLines(allowed.stderr).some((l) => /^grpc 0\.0\.0\.0:\d+$/.test(String(l.listener))), 'the gRPC listener bound 0.0.0.0');
  assert.ok(lastJsonLine<{ behaviors: Record<string, { steps: number }> }>(allowed.stdout).behaviors['CartPole?team=0']!.steps >= 400);
});

test('engine flags, --no-graphics, --num-areas and --env-args reach a launched executable, as mlagents-learn sends them', async () => {
  const { dir, file, results } = tinyRun();
  const exe = fakeUnity(dir);
  const args = ['train', file, '--env', exe, '--base-port', '0', '--num-areas', '3', '--timeout-wait', '20', '--no-graphics'];
  const engine = ['--width', '100', '--height', '50', '--quality-level', '1', '--time-scale', '3.5', '--target-frame-rate', '30', '--capture-frame-rate', '0'];
  const result = await runCli([...args, ...engine, '--env-args', '--level', '3', '-logFile', 'theirs.log'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  // Everything after --env-args, dashes and Unity-looking flags included, goes to the executable, before Unity's flags.
  const argv = readFileSync(join(dir, 'argv.txt'), 'utf8').trim().split('\n');
  assert.deepEqual(argv.slice(0, 5), ['--level', '3', '-logFile', 'theirs.log', '--mlagents-port']);
  assert.deepEqual(argv.slice(6), ['-batchmode', '-nographics', '-logFile', join(results, 'tiny', 'run_logs', 'Player-0.log')], '--no-graphics: -batchmode -nographics');
  // The scene received the engine configuration (EngineConfiguration side channel) and num_areas (the handshake).
  const report = logLines(readFileSync(join(results, 'tiny', 'run_logs', 'Player-0.log'), 'utf8')).find((l) => l.engineConfiguration !== undefined)!;
  assert.deepEqual(report.engineConfiguration, { width: 100, height: 50, qualityLevel: 1, timeScale: 3.5, targetFrameRate: 30, captureFrameRate: 0 });
  assert.deepEqual(report.agentIds, [0, 1, 2], '--num-areas 3: three copies of the area');
  // Without --no-graphics the build is started with graphics.
  const graphics = await runCli(['train', file, '--env', exe, '--base-port', '0', '--force']).done;
  assert.equal(graphics.code, 0, graphics.stderr.slice(-2000));
  assert.ok(!readFileSync(join(dir, 'argv.txt'), 'utf8').includes('-nographics'));
});

test('--max-lifetime-restarts, --restarts-rate-limit-n and --restarts-rate-limit-period-s bound the restarts of a crashing executable', async () => {
  const { dir, file } = tinyRun();
  const crash = join(dir, 'crash.sh');
  writeFileSync(crash, '#!/bin/sh\necho crashing >&2\nexit 3\n');
  chmodSync(crash, 0o755);
  const run = async (...flags: string[]) => {
    const r = await runCli(['train', file, '--env', crash, '--base-port', '0', '--force', '--timeout-wait', '30', ...flags]).done;
    assert.equal(r.code, 1, r.stderr.slice(-2000));
    return r.stderr;
  };
  // ML-Agents' default rate limit (1 restart in 60 s) stops the second crash.
  assert.match(await run('--max-lifetime-restarts', '5'), /exited with code 3 before connecting; last output: crashing; gave up after 1 restart\(s\) within the last 60 s \(restarts_rate_limit_n 1, restarts_rate_limit_period_s 60\) \[SHIVA_ERR_LAUNCH\]/);
  // No rate limit: the lifetime limit counts.
  assert.match(await run('--max-lifetime-restarts', '1', '--restarts-rate-limit-n', '-1'), /gave up after 1 restart\(s\) \(max_lifetime_restarts 1\) \[SHIVA_ERR_LAUNCH\]/);
  // A short period forgets old restarts (they come 250 ms, 500 ms apart): the lifetime limit counts again.
  assert.match(await run('--max-lifetime-restarts', '2', '--restarts-rate-limit-period-s', '0.1'), /gave up after 2 restart\(s\) \(max_lifetime_restarts 2\) \[SHIVA_ERR_LAUNCH\]/);
});

test('--timeout-wait bounds the wait for a launched executable to connect', async () => {
  const { dir, file } = tinyRun();
  const silent = join(dir, 'silent.sh');
  writeFileSync(silent, '#!/bin/sh\nexec sleep 30\n');
  chmodSync(silent, 0o755);
  const started = Date.now();
  const r = await runCli(['train', file, '--env', silent, '--base-port', '0', '--timeout-wait', '1']).done;
  assert.equal(r.code, 1, r.stderr.slice(-2000));
  assert.match(r.stderr, /\[SHIVA_ERR_TIMEOUT\]/);
  assert.ok(Date.now() - started < 15_000, `gave up after about 1 s, not 60 (took ${Date.now() - started} ms)`);
});

test('--debug turns on debug-level logs unless SHIVA_LOG_LEVEL says otherwise', async () => {
  const { file } = tinyRun();
  const debugLines = (stderr: string) => logLines(stderr).filter((l) => l.level === 20);
  const on = await runCli(['train', file, '--debug', '--num-areas', '2'], { SHIVA_LOG_LEVEL: undefined }).done;
  assert.equal(on.code, 0, on.stderr.slice(-2000));
  const config = debugLines(on.stderr).find((l) => l.msg.startsWith('run configuration'));
  assert.ok(config, 'a debug line with the run configuration');
  assert.equal((config.envSettings as { numAreas: number }).numAreas, 2, '--num-areas 2 won over the file');
  const off = await runCli(['train', file, '--force'], { SHIVA_LOG_LEVEL: undefined }).done;
  assert.equal(off.code, 0);
  assert.equal(debugLines(off.stderr).length, 0, 'info by default');
  assert.ok(logLines(off.stderr).some((l) => l.level === 30));
  const quiet = await runCli(['train', file, '--force', '--debug'], { SHIVA_LOG_LEVEL: 'warn' }).done;
  assert.equal(quiet.code, 0);
  assert.equal(logLines(quiet.stderr).filter((l) => l.level < 40).length, 0, 'SHIVA_LOG_LEVEL wins over --debug');
});

test('--load resumes as --resume does and warns; --train, --torch-device and the removed --torch are accepted with warnings', async () => {
  const { file, results } = tinyRun();
  const first = await runCli(['train', file]).done;
  assert.equal(first.code, 0, first.stderr.slice(-2000));
  // The same run, with more steps: --load continues it from its checkpoint.
  writeFileSync(file, readFileSync(file, 'utf8').replace('max_steps: 400', 'max_steps: 800'));
  const loaded = await runCli(['train', file, '--load', '--train', '--torch-device', 'cuda', '--torch']).done;
  assert.equal(loaded.code, 0, loaded.stderr.slice(-2000));
  const warnings = logLines(loaded.stderr).filter((l) => l.level === 40).map((l) => l.msg);
  assert.ok(warnings.includes('--load (command line, checkpoint_settings.load_model): deprecated in ML-Agents; the same as --resume'), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.startsWith('--train (command line, checkpoint_settings.train_model): deprecated in ML-Agents and ignored')));
  assert.ok(warnings.some((w) => w.startsWith('--torch-device (command line, torch_settings.device): ignored: Shiva runs on TensorFlow.js; use --backend')));
  assert.ok(warnings.includes('--torch: removed in ML-Agents (the command line argument --torch was removed) and ignored'));
  const out = lastJsonLine<{ resumedFromStep: number | null; behaviors: Record<string, { steps: number }> }>(loaded.stdout);
  assert.ok(out.resumedFromStep !== null && out.resumedFromStep >= 400, `resumed from the first run's checkpoint: ${out.resumedFromStep}`);
  assert.ok(out.behaviors['CartPole?team=0']!.steps >= 800);
  assert.ok(readdirSync(join(results, 'tiny', 'checkpoints')).some((f) => /checkpoint-8\d\d\.ckpt/.test(f)));
});

test('--deterministic makes every behavior act with the mode of its policy', async () => {
  const { file } = tinyRun();
  const r = await runCli(['train', file, '--deterministic'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(r.code, 0, r.stderr.slice(-2000));
  assert.ok(logLines(r.stderr).some((l) => l.msg === 'CartPole?team=0: acting deterministically (the mode of the policy: network_settings.deterministic, --deterministic)'));
  const sampled = await runCli(['train', file, '--force'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.ok(!sampled.stderr.includes('acting deterministically'));
});

test('--inference needs a trained policy; with one it acts for max_steps without learning and writes no checkpoint', async () => {
  const { file, results } = tinyRun();
  const none = await runCli(['train', file, '--inference']).done;
  assert.equal(none.code, 1);
  assert.match(none.stderr, /shiva: --inference \(command line, checkpoint_settings\.inference\): expected a trained policy to act with: resume \(--resume\) or initialize_from \(--initialize-from\) beside it, got neither \[SHIVA_ERR_USAGE\]/);
  const trained = await runCli(['train', file]).done;
  assert.equal(trained.code, 0, trained.stderr.slice(-2000));
  const checkpoints = join(results, 'tiny', 'checkpoints');
  const before = readdirSync(checkpoints).map((f) => [f, statSync(join(checkpoints, f)).mtimeMs]);
  const summary = readFileSync(join(results, 'tiny', 'summary.json'), 'utf8');
  const inference = await runCli(['train', file, '--resume', '--inference', '--deterministic']).done;
  assert.equal(inference.code, 0, inference.stderr.slice(-2000));
  const out = lastJsonLine<{ inference?: boolean; checkpoint: string | null; behaviors: Record<string, { steps: number; episodes: number }> }>(inference.stdout);
  assert.equal(out.inference, true);
  assert.equal(out.checkpoint, null);
  const acted = out.behaviors['CartPole?team=0']!;
  assert.ok(acted.steps >= 400 && acted.steps < 400 + 4, `acted for max_steps agent steps: ${acted.steps}`);
  assert.ok(acted.episodes > 0);
  assert.deepEqual(readdirSync(checkpoints).map((f) => [f, statSync(join(checkpoints, f)).mtimeMs]), before, 'no checkpoint written or touched');
  assert.equal(readFileSync(join(results, 'tiny', 'summary.json'), 'utf8'), summary, "the trained run's summary.json is left as it was");
  // From another run's policies (--initialize-from) into a new run folder: still nothing saved.
  const from = await runCli(['train', file, '--run-id', 'acting', '--initialize-from', 'tiny', '--inference']).done;
  assert.equal(from.code, 0, from.stderr.slice(-2000));
  assert.ok(!existsSync(join(results, 'acting', 'checkpoints')) || readdirSync(join(results, 'acting', 'checkpoints')).length === 0);
});
