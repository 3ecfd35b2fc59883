/**
 * The pieces behind run_logs/ and the per-period scalars: PeriodStats aggregates a summary period as ML-Agents'
 * StatsReporter does (means, the latest for MOST_RECENT, totals for SUM); RunTimers writes ML-Agents' timer tree
 * (total, count, self, children, gauges, metadata; open blocks counted up to now); TrainingStatus writes
 * ML-Agents' training_status.json, drops rotated checkpoints and continues a resumed run's file; and a training
 * checkpoint keeps the recent returns and environment stats, and refuses malformed ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatAggregation } from '../../src/core/env/stats.js';
import { isShivaError } from '../../src/core/errors.js';
import { trainingStateOf, type JsonValue } from '../../src/training/checkpoint/index.js';
import { PeriodStats } from '../../src/training/period-stats.js';
import { RunTimers } from '../../src/training/run-logs/run-timers.js';
import { TrainingStatus } from '../../src/training/run-logs/training-status.js';

test('PeriodStats: one value per tag per period, by aggregation, then a fresh period', () => {
  const period = new PeriodStats();
  assert.equal(period.empty, true);
  period.add('Environment/Cumulative Reward', 10);
  period.add('Environment/Cumulative Reward', 20);
  period.add('Policy/Extrinsic Value Estimate', 1, 3); // a batch of 3 decisions with mean value 1
  period.add('Policy/Extrinsic Value Estimate', 5, 1);
  period.addEnvironment(
    new Map([
      ['Win', { aggregation: StatAggregation.AVERAGE, value: 0.5, count: 4 }],
      ['Level', { aggregation: StatAggregation.MOST_RECENT, value: 2, count: 1 }],
      ['Coins', { aggregation: StatAggregation.SUM, value: 7, count: 3 }],
    ]),
  );
  period.addEnvironment(
    new Map([
      ['Win', { aggregation: StatAggregation.AVERAGE, value: 1, count: 1 }],
      ['Level', { aggregation: StatAggregation.MOST_RECENT, value: 3, count: 1 }],
      ['Coins', { aggregation: StatAggregation.SUM, value: 5, count: 2 }],
    ]),
  );
  const values = period.drain();
  assert.deepEqual(Object.fromEntries([...values].map(([k, v]) => [k, v.value])), {
    'Environment/Cumulative Reward': 15,
    'Policy/Extrinsic Value Estimate': 2,
    Win: 0.6,
    Level: 3,
    Coins: 12,
  });
  assert.deepEqual(values.get('Environment/Cumulative Reward'), { value: 15, sum: 30, count: 2 });
  assert.equal(period.empty, true);
  assert.equal(period.drain().size, 0);
});

test('RunTimers: ML-Agents\' timer tree, open blocks counted, parallel blocks marked, gauges kept', async () => {
  const timers = new RunTimers({ command_line_arguments: 'shiva train x.yaml' });
  const endRun = timers.begin('Trainer.run');
  const phases = timers.scope('Trainer.run');
  phases.add('env_step', 0.25);
  phases.add('env_step', 0.25);
  phases.add('update', 0.1);
  phases.gauge('CartPole.Environment.CumulativeReward.mean', 10);
  phases.gauge('CartPole.Environment.CumulativeReward.mean', 30);
  phases.gauge('CartPole.Environment.CumulativeReward.mean', 20);
  timers.parallel('Trainer.run', 'env_step');
  await new Promise((r) => setTimeout(r, 20));
  // Written while the run is open: its time so far counts.
  const open = timers.tree();
  const running = open.children!['Trainer.run']!;
  assert.equal(running.count, 1);
  assert.ok(running.total >= 0.015 && running.total < 5);
  endRun();
  await timers.time(['final_evaluation'], async () => new Promise((r) => setTimeout(r, 5)));
  const tree = timers.tree();
  assert.equal(tree.name, 'root');
  assert.equal(tree.count, 1);
  assert.deepEqual(Object.keys(tree).slice(0, 3), ['name', 'gauges', 'metadata']);
  assert.equal(tree.metadata['timer_format_version'], '0.1.0');
  assert.equal(tree.metadata['command_line_arguments'], 'shiva train x.yaml');
  assert.match(tree.metadata['start_time_seconds']!, /^\d+$/);
  assert.match(tree.metadata['end_time_seconds']!, /^\d+$/);
  const run = tree.children!['Trainer.run']!;
  assert.deepEqual(run.children!['env_step'], { total: 0.5, count: 2, self: 0.5, is_parallel: true });
  assert.deepEqual(run.children!['update'], { total: 0.1, count: 1, self: 0.1 });
  // self is what the children do not account for (never below zero).
  assert.equal(run.self, Math.max(0, run.total - 0.6));
  assert.equal(tree.children!['final_evaluation']!.count, 1);
  assert.ok(tree.total >= run.total);
  assert.deepEqual(tree.gauges['CartPole.Environment.CumulativeReward.mean'], { value: 20, min: 10, max: 30, count: 3 });

  const dir = mkdtempSync(join(tmpdir(), 'shiva-timers-'));
  timers.write(join(dir, 'timers.json'));
  assert.equal((JSON.parse(readFileSync(join(dir, 'timers.json'), 'utf8')) as { name: string }).name, 'root');
});

test('TrainingStatus: ML-Agents\' training_status.json, rotated checkpoints dropped, a resumed run continues it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-status-'));
  const path = join(dir, 'training_status.json');
  const ckpt = (step: number) => {
    const file = join(dir, `checkpoint-${step}.ckpt`);
    writeFileSync(file, 'x');
    return { steps: step, file_path: file, reward: step / 100, creation_time: 1.7e9 + step, auxillary_file_paths: [] };
  };
  const status = new TrainingStatus(path, { shiva_version: '0.1.0' });
  status.addCheckpoint('CartPole', ckpt(1000));
  status.addCheckpoint('CartPole', ckpt(2000));
  rmSync(join(dir, 'checkpoint-1000.ckpt'));
  const third = ckpt(3000);
  status.addCheckpoint('CartPole', third);
  status.setFinal('CartPole', third);
  status.setElo('CartPole', 1234.5);
  status.write();
  const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { checkpoints: { steps: number }[]; final_checkpoint: unknown; elo: number }>;
  assert.deepEqual(Object.keys(written), ['CartPole', 'metadata']);
  assert.deepEqual(written['CartPole']!.checkpoints.map((c) => c.steps), [2000, 3000]);
  assert.deepEqual(written['CartPole']!.final_checkpoint, third);
  assert.equal(written['CartPole']!.elo, 1234.5);
  assert.deepEqual(written['metadata'], { stats_format_version: '0.3.0', shiva_version: '0.1.0' });

  const resumed = TrainingStatus.continue(path, { shiva_version: '0.1.1' });
  resumed.addCheckpoint('CartPole', ckpt(3004));
  const again = resumed.toJSON() as Record<string, { checkpoints: { steps: number }[]; final_checkpoint: { steps: number } }>;
  assert.deepEqual(again['CartPole']!.checkpoints.map((c) => c.steps), [2000, 3000, 3004]);
  assert.equal(again['CartPole']!.final_checkpoint.steps, 3000, 'until the resumed run ends');
  assert.deepEqual(again['metadata'], { stats_format_version: '0.3.0', shiva_version: '0.1.1' });

  writeFileSync(path, '{ not json');
  const reasons: string[] = [];
  const fresh = TrainingStatus.continue(path, {}, (r) => reasons.push(r));
  assert.deepEqual(Object.keys(fresh.toJSON()), ['metadata']);
  assert.equal(reasons.length, 1);
  assert.ok(reasons[0]!.startsWith(path));
});

test('a training checkpoint keeps each learner\'s recent returns and environment stats, and refuses malformed ones', () => {
  const meta = (state: JsonValue) => ({ meta: { behavior: 'CartPole', step: 10, episodes: 2, state }, tensors: {} });
  const base = { learners: { CartPole: { trainerType: 'ppo', steps: 10, updates: 0 } }, episodes: { CartPole: 2 }, wallSeconds: 1 };
  const { state } = trainingStateOf(meta({ ...base, recentReturns: { CartPole: [1, 2.5] }, environmentStats: { CartPole: { 'CartPole/Episode Return': { sum: 3.5, count: 2 } } } }), 'x.ckpt');
  assert.deepEqual(state.recentReturns, { CartPole: [1, 2.5] });
  assert.deepEqual(state.environmentStats, { CartPole: { 'CartPole/Episode Return': { sum: 3.5, count: 2 } } });
  // Older checkpoints have neither.
  const older = trainingStateOf(meta(base), 'old.ckpt').state;
  assert.equal(older.recentReturns, undefined);
  assert.equal(older.environmentStats, undefined);
  const refuse = (state: JsonValue, pattern: RegExp) => {
    assert.throws(() => trainingStateOf(meta(state), 'bad.ckpt'), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_CHECKPOINT' && pattern.test(e.message));
  };
  refuse({ ...base, recentReturns: { CartPole: [1, 'x'] } }, /bad\.ckpt: meta\.state\.recentReturns\.CartPole: expected a list of finite numbers/);
  refuse({ ...base, environmentStats: { CartPole: { Win: { sum: 1, count: -1 } } } }, /meta\.state\.environmentStats\.CartPole\.Win\.count: expected a non-negative integer/);
});
