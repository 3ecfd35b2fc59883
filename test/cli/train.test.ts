/**
 * `shiva train` as a user runs it, in real child processes: training CartPole through stand-ins over gRPC
 * improves; a run killed with SIGKILL resumes from its last checkpoint and its step count continues; the event
 * files read back; the run folder's rules (--resume, --force) and corrupt checkpoints give clear errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventFile } from '../../src/telemetry/tensorboard-reader.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

function config(dir: string, env: string, extra: { maxSteps: number; checkpointInterval: number; numEnvs?: number; numAreas?: number }): string {
  const path = join(dir, 'run.yaml');
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 128, buffer_size: 512, learning_rate: 1.0e-3, beta: 0.01, num_epoch: 4 }
    network_settings: { hidden_units: 64, num_layers: 2, activation: tanh }
    reward_signals: { extrinsic: { gamma: 0.99, strength: 1.0 } }
    max_steps: ${extra.maxSteps}
    time_horizon: 128
    summary_freq: 2000
    checkpoint_interval: ${extra.checkpointInterval}
    keep_checkpoints: 3
env_settings:
  env_path: ${env}
  num_envs: ${extra.numEnvs ?? 1}
  num_areas: ${extra.numAreas ?? 4}
  base_port: 0
  seed: 7
checkpoint_settings:
  run_id: test-run
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
`,
  );
  return path;
}

interface Progress {
  steps: number;
  meanReturn: number | null;
}

function progressLines(stderr: string): Progress[] {
  return stderr
    .split('\n')
    .filter((l) => l.includes('"learnerId"') && l.includes('"meanReturn"'))
    .map((l) => JSON.parse(l) as Progress);
}

/**
 * Long enough to clear the bar with margin: on seed 7 the mean return is about 30 at the first report and about 114
 * at 14,000 steps (the bar: 60, and twice the first), with seven reports for the learning-rate check.
 */
const STANDIN_STEPS = 14_000;

test('training CartPole through stand-ins over gRPC runs and improves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-standin-'));
  const run = runCli(['train', config(dir, 'standin:cartpole', { maxSteps: STANDIN_STEPS, checkpointInterval: 100_000, numEnvs: 2, numAreas: 2 })], { SHIVA_LOG_LEVEL: 'info' });
  const result = await run.done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const progress = progressLines(result.stderr).filter((p) => p.meanReturn !== null);
  const first = progress[0]!.meanReturn!;
  const last = progress[progress.length - 1]!.meanReturn!;
  assert.ok(last >= 60 && last >= 2 * first, `mean return went from ${first} to ${last}`);
  const out = lastJsonLine<{ runDir: string; behaviors: Record<string, { steps: number; episodes: number; meanReturnLast100: number; environmentStats: Record<string, number> }> }>(result.stdout);
  const cartpole = out.behaviors['CartPole?team=0']!;
  assert.ok(cartpole.steps >= STANDIN_STEPS);
  assert.ok(cartpole.environmentStats['CartPole/Episode Return']! > 0, 'the Stats side channel reached the summary');
  const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as { behaviors: Record<string, { steps: number }> };
  assert.equal(summary.behaviors['CartPole?team=0']!.steps, cartpole.steps);
  // The stand-ins wrote their player logs into the run folder and were closed with 400.
  const logs = readdirSync(join(out.runDir, 'run_logs'));
  assert.deepEqual(logs.sort(), ['Player-0.log', 'Player-1.log', 'timers.json', 'training_status.json']);
  assert.match(readFileSync(join(out.runDir, 'run_logs', 'Player-0.log'), 'utf8'), /"endedBy":"status-400"/);

  // The TensorBoard event file reads back with the run's scalars at increasing steps.
  const learnerDir = join(out.runDir, 'CartPole');
  const eventFile = readdirSync(learnerDir).find((f) => f.startsWith('events.out.tfevents.'))!;
  const points = readEventFile(join(learnerDir, eventFile));
  const tags = new Set(points.map((p) => p.tag));
  for (const tag of ['Environment/Cumulative Reward', 'Environment/Episode Length', 'Losses/Policy Loss', 'Losses/Value Loss', 'Policy/Learning Rate', 'Policy/Entropy']) assert.ok(tags.has(tag), `event file has ${tag}`);
  const lr = points.filter((p) => p.tag === 'Policy/Learning Rate');
  assert.ok(lr.length > 5 && lr[lr.length - 1]!.value < lr[0]!.value, 'the linear schedule decays the learning rate');
  assert.ok(readFileSync(join(learnerDir, 'scalars.csv'), 'utf8').startsWith('step,wall_time,tag,value\n'));
});

test('a run killed with SIGKILL resumes from its last checkpoint and its step count continues', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-resume-'));
  // The kill comes once the checkpoint at 8,000 is saved: 12,000 more steps leave it room to land mid-run.
  const maxSteps = 20_000;
  const file = config(dir, 'builtin:cartpole', { maxSteps, checkpointInterval: 4_000 });
  const index = join(dir, 'results', 'test-run', 'checkpoints', 'checkpoints.json');
  const first = runCli(['train', file], { SHIVA_LOG_LEVEL: 'info' });
  const deadline = Date.now() + 60_000;
  let saved: { step: number }[] = [];
  while (Date.now() < deadline) {
    if (existsSync(index)) saved = (JSON.parse(readFileSync(index, 'utf8')) as { checkpoints: { step: number }[] }).checkpoints ?? [];
    if (saved.length > 0 && saved[saved.length - 1]!.step >= 8_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  first.child.kill('SIGKILL');
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL');
  const index2 = JSON.parse(readFileSync(index, 'utf8')) as { checkpoints: { step: number }[] };
  const lastSaved = index2.checkpoints[index2.checkpoints.length - 1]!.step;
  assert.ok(lastSaved >= 8_000 && lastSaved < maxSteps, `killed mid-run after the checkpoint at ${lastSaved}`);

  // Starting again without --resume refuses to overwrite the run.
  const refused = await runCli(['train', file]).done;
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /run "test-run": .* already holds a run; use --resume to continue it, --force to overwrite it, or another --run-id \[SHIVA_ERR_USAGE\]/);

  const resumed = await runCli(['train', file, '--resume'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(resumed.code, 0, resumed.stderr.slice(-2000));
  const out = lastJsonLine<{ resumedFromStep: number; behaviors: Record<string, { steps: number; episodes: number }> }>(resumed.stdout);
  assert.equal(out.resumedFromStep, lastSaved);
  const progress = progressLines(resumed.stderr);
  assert.ok(progress[0]!.steps > lastSaved && progress[0]!.steps <= lastSaved + 2_000 + 4, `the first report after resuming (${progress[0]!.steps}) follows the checkpoint at ${lastSaved}`);
  assert.ok(out.behaviors['CartPole?team=0']!.steps >= maxSteps);
  assert.ok(out.behaviors['CartPole?team=0']!.episodes > 0);
});

test('--resume without a checkpoint, and a corrupt checkpoint, are clear errors, never a silent fresh start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-errors-'));
  const file = config(dir, 'builtin:cartpole', { maxSteps: 2_000, checkpointInterval: 1_000 });
  const none = await runCli(['train', file, '--resume']).done;
  assert.equal(none.code, 1);
  assert.match(none.stderr, /--resume: expected a checkpoint of run "test-run" in .*checkpoints, got none/);

  const ok = await runCli(['train', file]).done;
  assert.equal(ok.code, 0, ok.stderr);
  const checkpoints = join(dir, 'results', 'test-run', 'checkpoints');
  // Every checkpoint corrupt (one damaged among valid ones is passed over: test/cli/train-resume.test.ts).
  for (const name of readdirSync(checkpoints).filter((f) => f.endsWith('.ckpt'))) {
    const bytes = readFileSync(join(checkpoints, name));
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(join(checkpoints, name), bytes);
  }
  const corrupt = await runCli(['train', file, '--resume']).done;
  assert.equal(corrupt.code, 1);
  assert.match(corrupt.stderr, /\.ckpt: .*CRC32C.*\[SHIVA_ERR_CHECKPOINT\]/);

  const forced = await runCli(['train', file, '--force']).done;
  assert.equal(forced.code, 0, forced.stderr);

  // The checkpoint of the forced run evaluates without learning: one JSON line per the episodes asked for.
  const fresh = readdirSync(checkpoints).filter((f) => f.endsWith('.ckpt')).sort().pop()!;
  const evaluated = await runCli(['evaluate', file, '--checkpoint', join(checkpoints, fresh), '--episodes', '5']).done;
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const report = lastJsonLine<{ mode: string; behaviors: Record<string, { episodes: number; meanReturn: number; meanLength: number }> }>(evaluated.stdout);
  assert.equal(report.mode, 'deterministic');
  assert.equal(report.behaviors['CartPole?team=0']!.episodes, 5);
  assert.equal(report.behaviors['CartPole?team=0']!.meanReturn, report.behaviors['CartPole?team=0']!.meanLength, 'CartPole pays 1 per step');
});

test('Ctrl-C (SIGINT) during training saves a checkpoint, writes the summary and exits cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-train-sigint-'));
  const file = config(dir, 'builtin:cartpole', { maxSteps: 10_000_000, checkpointInterval: 10_000_000 });
  const run = runCli(['train', file], { SHIVA_LOG_LEVEL: 'info' });
  let stderr = '';
  run.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 60_000;
  while (progressLines(stderr).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(progressLines(stderr).length > 0, 'training reported progress before the signal');
  run.child.kill('SIGINT');
  const result = await run.done;
  assert.equal(result.code, 130, result.stderr.slice(-1500));
  const out = lastJsonLine<{ stopped: boolean; checkpoint: string; runDir: string; behaviors: Record<string, { steps: number }> }>(result.stdout);
  assert.equal(out.stopped, true);
  const steps = out.behaviors['CartPole?team=0']!.steps;
  assert.ok(steps >= 2_000 && steps < 10_000_000);
  assert.ok(out.checkpoint.endsWith(`checkpoint-${steps}.ckpt`) && existsSync(out.checkpoint), 'the checkpoint of the last step was saved');
  assert.equal((JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as { stopped: boolean }).stopped, true);
  assert.match(result.stderr, /stopped early; checkpoint saved; continue with --resume/);
});
