/**
 * ScalarLogger: every point reaches every sink with one wall time; ScalarLogger.open writes the TensorBoard
 * file and scalars.csv side by side with the same points.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCALAR_TAGS, ScalarLogger, type ScalarSink } from '../../src/telemetry/scalar-logger.js';
import { readEventFile } from '../../src/telemetry/tensorboard-reader.js';

class Recorder implements ScalarSink {
  readonly points: [string, number, number, number | undefined][] = [];
  flushes = 0;
  closes = 0;
  constructor(private readonly failOnClose = false) {}
  addScalar(tag: string, value: number, step: number, wallTime?: number): void {
    this.points.push([tag, value, step, wallTime]);
  }
  flush(): void {
    this.flushes += 1;
  }
  close(): void {
    this.closes += 1;
    if (this.failOnClose) throw new Error('disk full');
  }
}

test('record fans out to every sink with the same wall time; recordAll stamps one time for all tags', () => {
  const a = new Recorder();
  const b = new Recorder();
  let t = 10;
  const logger = new ScalarLogger([a, b], () => t++);
  logger.record(SCALAR_TAGS.cumulativeReward, 5, 100);
  logger.recordAll({ [SCALAR_TAGS.policyLoss]: 0.25, [SCALAR_TAGS.valueLoss]: 1.5 }, 200);
  logger.record(SCALAR_TAGS.learningRate, 1e-3, 200, 99);
  const expected = [
    ['Environment/Cumulative Reward', 5, 100, 10],
    ['Losses/Policy Loss', 0.25, 200, 11],
    ['Losses/Value Loss', 1.5, 200, 11],
    ['Policy/Learning Rate', 1e-3, 200, 99],
  ];
  assert.deepEqual(a.points, expected);
  assert.deepEqual(b.points, expected);
  logger.flush();
  assert.deepEqual([a.flushes, b.flushes], [1, 1]);
});

test('close closes every sink even when one fails, rethrows that failure, and refuses later points', () => {
  const a = new Recorder(true);
  const b = new Recorder();
  const logger = new ScalarLogger([a, b]);
  assert.throws(() => logger.close(), /disk full/);
  assert.deepEqual([a.closes, b.closes], [1, 1]);
  logger.close();
  assert.deepEqual([a.closes, b.closes], [1, 1]);
  assert.throws(() => logger.record('x', 1, 1), /after close/);
});

test('ScalarLogger.open writes the same points to the event file and scalars.csv', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'shiva-scalars-')), 'CartPole');
  const logger = ScalarLogger.open(dir, { now: () => 1700000000, hostname: 'learner' });
  logger.record(SCALAR_TAGS.cumulativeReward, 21.5, 2048);
  logger.record(SCALAR_TAGS.episodeLength, 21.5, 2048);
  logger.record(SCALAR_TAGS.entropy, 0.6931, 4096);
  logger.close();
  const files = readdirSync(dir).sort();
  assert.equal(files.length, 2);
  assert.equal(files[1], 'scalars.csv');
  assert.equal(files[0], 'events.out.tfevents.1700000000.learner');
  assert.deepEqual(readEventFile(join(dir, files[0]!)).map((p) => [p.step, p.tag, p.value]), [
    [2048, 'Environment/Cumulative Reward', 21.5],
    [2048, 'Environment/Episode Length', 21.5],
    [4096, 'Policy/Entropy', Math.fround(0.6931)],
  ]);
  assert.equal(
    readFileSync(join(dir, 'scalars.csv'), 'utf8'),
    'step,wall_time,tag,value\n2048,1700000000,Environment/Cumulative Reward,21.5\n2048,1700000000,Environment/Episode Length,21.5\n4096,1700000000,Policy/Entropy,0.6931\n',
  );
});

test('the ML-Agents tags keep ML-Agents spelling', () => {
  assert.equal(SCALAR_TAGS.cumulativeReward, 'Environment/Cumulative Reward');
  assert.equal(SCALAR_TAGS.episodeLength, 'Environment/Episode Length');
  assert.equal(SCALAR_TAGS.policyLoss, 'Losses/Policy Loss');
  assert.equal(SCALAR_TAGS.valueLoss, 'Losses/Value Loss');
  assert.equal(SCALAR_TAGS.entropy, 'Policy/Entropy');
  assert.equal(SCALAR_TAGS.learningRate, 'Policy/Learning Rate');
  assert.equal(SCALAR_TAGS.extrinsicReward, 'Policy/Extrinsic Reward');
  assert.equal(SCALAR_TAGS.extrinsicValueEstimate, 'Policy/Extrinsic Value Estimate');
});
