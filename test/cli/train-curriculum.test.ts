/**
 * A curriculum through the real binary (issue 12): CartPole's `max_steps` environment parameter (the episode cap
 * the scene reads at each episode start) moves from lesson to lesson, measured by reward and then by progress; the
 * lesson numbers go to TensorBoard and scalars.csv as `Environment/Lesson Number/max_steps`, into
 * run_logs/training_status.json as ML-Agents keeps them (`"max_steps": {"lesson_num": N}`), and survive --resume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventFile } from '../../src/telemetry/tensorboard-reader.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

const TAG = 'Environment/Lesson Number/max_steps';

function config(dir: string, maxSteps: number): string {
  const path = join(dir, `run-${maxSteps}.yaml`);
  writeFileSync(
    path,
    [
      'behaviors:',
      '  CartPole:',
      '    trainer_type: ppo',
      '    hyperparameters: {batch_size: 64, buffer_size: 256, learning_rate: 0.001, num_epoch: 2}',
      '    network_settings: {hidden_units: 16, num_layers: 1}',
      `    max_steps: ${maxSteps}`,
      '    time_horizon: 64',
      '    summary_freq: 250',
      '    checkpoint_interval: 1000',
      'environment_parameters:',
      '  max_steps:',
      '    curriculum:',
      '      - name: Short',
      '        value: 8',
      '        completion_criteria: {behavior: CartPole, measure: reward, threshold: 6, min_lesson_length: 20, signal_smoothing: true}',
      '      - name: Medium',
      '        value: 25',
      '        completion_criteria: {behavior: CartPole, measure: progress, threshold: 0.5}',
      '      - name: Long',
      '        value: 200',
      'env_settings: {env_path: "builtin:cartpole", num_areas: 4, seed: 1}',
      `checkpoint_settings: {run_id: lessons, results_dir: ${JSON.stringify(join(dir, 'results'))}}`,
      'shiva: {backend: wasm}',
      '',
    ].join('\n'),
  );
  return path;
}

function lessonRows(runDir: string): { step: number; value: number }[] {
  const lines = readFileSync(join(runDir, 'CartPole', 'scalars.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => l.split(',')).filter((cells) => cells[2] === TAG).map((cells) => ({ step: Number(cells[0]), value: Number(cells[3]) }));
}

test('CartPole\'s episode cap moves through three lessons, logged to TensorBoard and training_status.json, and kept by --resume', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-curriculum-'));
  const first = await runCli(['train', config(dir, 2000)]).done;
  assert.equal(first.code, 0, first.stderr.slice(-2000));
  const { runDir } = lastJsonLine<{ runDir: string }>(first.stdout);
  const rows = lessonRows(runDir);
  // Lesson 0 (cap 8) ends within the first summary by reward (a cart rarely falls in 8 steps, so the mean return of
  // the last 20 episodes is 8: smoothed 6, then 7.5 > 6); lesson 1 (cap 25) by progress past half of max_steps.
  assert.ok(rows.length >= 6, JSON.stringify(rows));
  assert.equal(rows[0]!.value, 1, JSON.stringify(rows));
  const reachedLong = rows.find((r) => r.value === 2)!;
  assert.ok(reachedLong.step > 1000 && reachedLong.step <= 1250, JSON.stringify(rows));
  assert.ok(rows.every((r, i) => i === 0 || r.value >= rows[i - 1]!.value), 'lessons never go back');
  const events = readdirSync(join(runDir, 'CartPole')).filter((f) => f.startsWith('events.out.tfevents.'));
  const points = readEventFile(join(runDir, 'CartPole', events[0]!)).filter((p) => p.tag === TAG);
  assert.deepEqual(points.map((p) => p.value), rows.map((r) => r.value));
  const status = JSON.parse(readFileSync(join(runDir, 'run_logs', 'training_status.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(status['max_steps'], { lesson_num: 2 });

  // --resume to 3000 steps: the run continues in lesson 2 ("Long"), from the checkpoint.
  const resumed = await runCli(['train', config(dir, 3000), '--resume']).done;
  assert.equal(resumed.code, 0, resumed.stderr.slice(-2000));
  const after = lessonRows(runDir).filter((r) => r.step > 2000);
  assert.ok(after.length >= 3, JSON.stringify(after));
  assert.ok(after.every((r) => r.value === 2), JSON.stringify(after));
  const resumedStatus = JSON.parse(readFileSync(join(runDir, 'run_logs', 'training_status.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(resumedStatus['max_steps'], { lesson_num: 2 });
});
