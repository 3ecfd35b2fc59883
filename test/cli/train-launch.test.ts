/**
 * `shiva train` starting its simulations, as a user and CI see it (the real binary): an executable that cannot be
 * started, or exits before connecting, fails at once with SHIVA_ERR_LAUNCH (restart limits as ML-Agents'); one
 * SIGINT or SIGTERM while waiting for the Editor ends the wait (130/143); a behavior-name typo is reported before
 * anything is written; none of these leaves a run folder that blocks the next attempt. After the closing 400 a
 * player gets timeout_wait to exit, then SIGTERM, then SIGKILL; and the TrainingAnalytics capability Shiva
 * advertises is honoured (one TrainingEnvironmentInitialized per simulation, TrainingBehaviorInitialized to
 * worker 0 per behavior).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashName } from '../../src/cli/training-analytics.js';
import { cliMain } from '../helpers/paths.js';
import { runCli } from '../helpers/processes.js';
import { freePort } from '../helpers/free-port.js';

/** A tiny PPO run on CartPole: a few hundred steps. */
function tinyConfig(dir: string, env: string | null, extra = ''): string {
  const path = join(dir, 'tiny.yaml');
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 32, buffer_size: 64, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 256
    time_horizon: 32
    summary_freq: 128
    checkpoint_interval: 1000
env_settings:
${env === null ? '' : `  env_path: ${env}\n`}  num_areas: 1
  base_port: 0
  seed: 1
checkpoint_settings:
  run_id: tiny
  results_dir: ${join(dir, 'results')}
shiva:
  backend: cpu
${extra}`,
  );
  return path;
}


const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function trainFails(args: string[]): Promise<{ code: number | null; stderr: string; seconds: number }> {
  const t0 = performance.now();
  const result = await runCli(['train', ...args]).done;
  return { code: result.code, stderr: result.stderr, seconds: (performance.now() - t0) / 1000 };
}

test('an executable that does not exist fails at once with SHIVA_ERR_LAUNCH naming it and ENOENT, and leaves no run folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-launch-missing-'));
  const file = tinyConfig(dir, null);
  for (let attempt = 0; attempt < 2; attempt++) {
    // The second attempt, with the same run id, fails the same way: nothing was left to block it.
    const r = await trainFails([file, '--env', './Build/Missing.x86_64']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /shiva: worker 0: cannot launch \.\/Build\/Missing\.x86_64 \(.*\/Build\/Missing\.x86_64\): ENOENT.*\[SHIVA_ERR_LAUNCH\]/);
    assert.ok(r.seconds < 10, `failed after ${r.seconds.toFixed(1)} s (was: 60 s of waiting for the connection)`);
    assert.equal(existsSync(join(dir, 'results', 'tiny')), false, 'no run folder is left behind');
  }
});

test('a file that is not executable fails at once with SHIVA_ERR_LAUNCH naming EACCES', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-launch-noexec-'));
  const player = join(dir, 'Scene.x86_64');
  writeFileSync(player, 'not a program\n');
  chmodSync(player, 0o644);
  const r = await trainFails([tinyConfig(dir, null), '--env', player]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`cannot launch ${player.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: EACCES.*\\[SHIVA_ERR_LAUNCH\\]`));
  assert.ok(r.seconds < 10, `failed after ${r.seconds.toFixed(1)} s`);
  assert.equal(existsSync(join(dir, 'results', 'tiny')), false);
});

test('a player that exits before connecting (/bin/true) is restarted within the restart limits, then fails with SHIVA_ERR_LAUNCH', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-launch-true-'));
  // ML-Agents' defaults (max_lifetime_restarts 10, restarts_rate_limit_n 1 per 60 s): one restart, then the limit.
  const byDefault = await trainFails([tinyConfig(dir, null), '--env', '/bin/true', '--timeout-wait', '60']);
  assert.equal(byDefault.code, 1, byDefault.stderr);
  assert.match(byDefault.stderr, /shiva: worker 0 \(\/bin\/true, port \d+\) exited with code 0 before connecting; gave up after 1 restart\(s\) within the last 60 s \(restarts_rate_limit_n 1, restarts_rate_limit_period_s 60\) \[SHIVA_ERR_LAUNCH\]/);
  assert.equal((byDefault.stderr.match(/before connecting; restarting/g) ?? []).length, 1, 'restarted once');
  assert.ok(byDefault.seconds < 15, `failed after ${byDefault.seconds.toFixed(1)} s (was: ten restarts and 60 s)`);
  assert.equal(existsSync(join(dir, 'results', 'tiny')), false);

  // The lifetime limit, with the rate limit switched off: exactly that many restarts.
  const lifetime = await trainFails([tinyConfig(dir, null), '--env', '/bin/true', '--max-lifetime-restarts', '2', '--restarts-rate-limit-n', '-1']);
  assert.equal(lifetime.code, 1, lifetime.stderr);
  assert.match(lifetime.stderr, /exited with code 0 before connecting; gave up after 2 restart\(s\) \(max_lifetime_restarts 2\) \[SHIVA_ERR_LAUNCH\]/);
  assert.equal((lifetime.stderr.match(/before connecting; restarting/g) ?? []).length, 2);
  assert.equal(existsSync(join(dir, 'results', 'tiny')), false);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`one ${signal} while waiting for the Unity Editor ends the wait at once (exit ${signal === 'SIGINT' ? 130 : 143}) and leaves no run folder`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiva-editor-wait-'));
    const port = await freePort();
    const run = runCli(['train', tinyConfig(dir, null)], { SHIVA_LOG_LEVEL: 'info', SHIVA_EDITOR_PORT: String(port) });
    let stderr = '';
    run.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const deadline = Date.now() + 30_000;
    while (!/Start training by pressing the Play button in the Unity Editor/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.match(stderr, new RegExp(`Listening on port ${port}\\. Start training by pressing the Play button in the Unity Editor\\.`));
    assert.ok(existsSync(join(dir, 'results', 'tiny')), 'the run folder exists while waiting');
    const t0 = performance.now();
    run.child.kill(signal);
    const result = await run.done;
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(result.code, signal === 'SIGINT' ? 130 : 143, result.stderr.slice(-1500));
    assert.ok(seconds < 3, `exited ${seconds.toFixed(2)} s after the signal`);
    assert.match(result.stderr, new RegExp(`${signal}: stopped waiting for the simulations before training began`));
    assert.doesNotMatch(result.stderr, /press Ctrl-C again/);
    assert.equal(existsSync(join(dir, 'results', 'tiny')), false, 'no run folder blocks the next attempt');
  });
}

test('a behavior-name typo is reported before the run folder is made or anything is launched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-behavior-typo-'));
  const file = tinyConfig(dir, 'standin:cartpole');
  writeFileSync(file, readFileSync(file, 'utf8').replace('  CartPole:\n', '  CartPol:\n'));
  const missing = await trainFails([file]);
  assert.equal(missing.code, 1, missing.stderr);
  assert.match(missing.stderr, /tiny\.yaml:2: behaviors\.CartPol: expected a behavior of standin:cartpole \(CartPole\?team=0\), got "CartPol"; did you mean "CartPole"\? \[SHIVA_ERR_CONFIG\]/);
  assert.doesNotMatch(missing.stderr, /listening for simulations/);
  assert.equal(existsSync(join(dir, 'results')), false, 'nothing was written');

  // With default_settings the typo'd entry would be silently unused: it is refused the same way.
  writeFileSync(file, readFileSync(file, 'utf8').replace('behaviors:\n', 'default_settings:\n  trainer_type: ppo\nbehaviors:\n'));
  const unused = await trainFails([file, '--env', 'builtin:cartpole']);
  assert.equal(unused.code, 1, unused.stderr);
  assert.match(unused.stderr, /behaviors\.CartPol: expected a behavior of builtin:cartpole .*did you mean "CartPole"\? \[SHIVA_ERR_CONFIG\]/);
  assert.equal(existsSync(join(dir, 'results')), false);
});

test('after the closing 400 a player that does not quit gets timeout_wait, then SIGTERM, then SIGKILL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-close-wait-'));
  // A "player" that ignores both the close and SIGTERM: the stand-in inside exits on the 400, the script stays.
  const player = join(dir, 'Stubborn.x86_64');
  writeFileSync(
    player,
    `#!/bin/sh
trap '' TERM
"${process.execPath}" "${cliMain}" unity-standin --env cartpole "$@"
echo $$ > "${join(dir, 'player.pid')}"
while :; do sleep 0.1; done
`,
  );
  chmodSync(player, 0o755);
  const t0 = performance.now();
  const result = await runCli(['train', tinyConfig(dir, player), '--timeout-wait', '5'], { SHIVA_LOG_LEVEL: 'info' }).done;
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const lines = result.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { time: number; msg: string });
  const at = (pattern: RegExp) => lines.find((l) => pattern.test(l.msg));
  const closed = at(/session closed/);
  const term = at(/worker 0 did not exit within 5 s \(timeout_wait\) of the close; sending SIGTERM/);
  const kill = at(/worker 0 still running 3 s after SIGTERM; sending SIGKILL/);
  assert.ok(closed && term && kill, result.stderr.slice(-2000));
  const waited = (term.time - closed.time) / 1000;
  const graced = (kill.time - term.time) / 1000;
  assert.ok(waited >= 4.8 && waited < 6.5, `SIGTERM ${waited} s after the close (timeout_wait 5 s; it also bounds the wait for the connection, hence not less)`);
  assert.ok(graced >= 2.8 && graced < 4.5, `SIGKILL ${graced} s after SIGTERM`);
  assert.ok(seconds < 30, `the run took ${seconds.toFixed(1)} s`);
  const pid = Number(readFileSync(join(dir, 'player.pid'), 'utf8'));
  assert.equal(alive(pid), false, 'the player is gone');
  // The stand-in itself heard the 400.
  assert.match(readFileSync(join(dir, 'results', 'tiny', 'run_logs', 'Player-0.log'), 'utf8'), /"endedBy":"status-400"/);
});

test('Shiva advertises trainingAnalytics and sends it: TrainingEnvironmentInitialized to every simulation, TrainingBehaviorInitialized per behavior to worker 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-analytics-'));
  const result = await runCli(['train', tinyConfig(dir, 'standin:cartpole'), '--num-envs', '2'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  type Report = { trainingAnalytics: { environments: number; behaviors: { behaviorName: string; trainerType: string }[] } };
  const reportOf = (worker: number): Report => {
    const log = readFileSync(join(dir, 'results', 'tiny', 'run_logs', `Player-${worker}.log`), 'utf8');
    const line = log.split('\n').find((l) => l.includes('"endedBy"'));
    assert.ok(line, log.slice(-1000));
    return JSON.parse(line) as Report;
  };
  // As mlagents-learn: the behavior name goes as ML-Agents' HMAC-SHA256 hash, never in clear.
  assert.deepEqual(reportOf(0).trainingAnalytics, { environments: 1, behaviors: [{ behaviorName: hashName('CartPole'), trainerType: 'ppo' }] });
  assert.deepEqual(reportOf(1).trainingAnalytics, { environments: 1, behaviors: [] });
  assert.equal(hashName('CartPole').length, 64);
});
