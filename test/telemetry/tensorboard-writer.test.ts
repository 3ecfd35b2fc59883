/**
 * TensorBoardWriter: the file name TensorBoard looks for, bytes identical to TensorBoard's own writer, the
 * flush policy, close, and reading back with readEventFile. When TensorBoard itself is importable by Python
 * (SHIVA_TENSORBOARD_PYTHON, default python3), its EventAccumulator reads the file too; otherwise that test
 * is skipped and the golden bytes stand in for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TensorBoardWriter } from '../../src/telemetry/tensorboard-writer.js';
import { readEventFile, readEvents } from '../../src/telemetry/tensorboard-reader.js';
import { isShivaError } from '../../src/core/errors.js';
import { TENSORBOARD_GOLDEN } from './tensorboard-golden.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'shiva-tb-'));

/** A clock that returns the given times in turn, then keeps the last. */
function clock(...times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
}

test('the file is events.out.tfevents.<unix seconds>.<host> and holds exactly what TensorBoard would write', () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(1700000000.25), hostname: 'trainer-7' });
  assert.equal(basename(writer.path), 'events.out.tfevents.1700000000.trainer-7');
  writer.addScalar('Losses/Policy Loss', 0.5, 1234, 1700000001.5);
  writer.addScalar('Environment/Cumulative Reward', 0, 1235, 1700000002);
  writer.close();
  assert.equal(readFileSync(writer.path).toString('hex'), TENSORBOARD_GOLDEN.toString('hex'));
});

test('scalars read back in order, as float32, with the wall time of the clock when none is given', () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(100, 101, 102, 103), hostname: 'h' });
  writer.addScalar('Policy/Learning Rate', 3e-4, 0);
  writer.addScalar('Environment/Cumulative Reward', -12.75, 512);
  writer.addScalar('Environment/Cumulative Reward', 0.1, 1024, 555.5);
  writer.close();
  assert.deepEqual(readEventFile(writer.path), [
    { wallTime: 101, step: 0, tag: 'Policy/Learning Rate', value: Math.fround(3e-4) },
    { wallTime: 102, step: 512, tag: 'Environment/Cumulative Reward', value: -12.75 },
    { wallTime: 555.5, step: 1024, tag: 'Environment/Cumulative Reward', value: Math.fround(0.1) },
  ]);
  const events = readEvents(writer.path);
  assert.equal(events.length, 4);
  assert.deepEqual(events[0], { wallTime: 100, step: 0, fileVersion: 'brain.Event:2', scalars: [] });
});

test('records reach the file every N records, on flush and on close, and only whole records', () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(1), hostname: 'h', everyChunks: 3, everySeconds: 3600 });
  const headerBytes = statSync(writer.path).size;
  assert.equal(headerBytes, 40); // the file-version record is written at once
  writer.addScalar('a', 1, 1);
  writer.addScalar('a', 2, 2);
  assert.equal(statSync(writer.path).size, headerBytes, 'two records wait in memory');
  writer.addScalar('a', 3, 3);
  assert.equal(readEventFile(writer.path).length, 3, 'the third record triggers a write of all three');
  writer.addScalar('a', 4, 4);
  assert.equal(readEventFile(writer.path).length, 3);
  writer.flush();
  assert.equal(readEventFile(writer.path).length, 4);
  writer.addScalar('a', 5, 5);
  writer.close();
  assert.deepEqual(readEventFile(writer.path).map((p) => p.value), [1, 2, 3, 4, 5]);
  writer.close(); // a second close does nothing
  assert.throws(() => writer.addScalar('a', 6, 6), /append after close/);
});

test('records older than everySeconds are written on the next append', () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(1), hostname: 'h', everyChunks: 1000, everySeconds: 0 });
  writer.addScalar('a', 1, 1);
  assert.equal(readEventFile(writer.path).length, 1);
  writer.close();
});

test('a timer writes waiting records after everySeconds even when nothing else is logged', async () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(1), hostname: 'h', everyChunks: 1000, everySeconds: 0.05 });
  writer.addScalar('a', 1, 1);
  writer.addScalar('a', 2, 2);
  // No further append, flush or close: only the timer (every 100 ms at the shortest) can write them.
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(readEventFile(writer.path).length, 2, 'the timer flushed the waiting records');
  writer.close();
});

test('a second writer in the same second gets its own file', () => {
  const dir = tempDir();
  const a = new TensorBoardWriter(dir, { now: clock(42.9), hostname: 'h' });
  const b = new TensorBoardWriter(dir, { now: clock(42.1), hostname: 'h' });
  a.close();
  b.close();
  assert.deepEqual(readdirSync(dir).sort(), ['events.out.tfevents.42.h', 'events.out.tfevents.42.h.1']);
});

test('bad points are refused before anything is written', () => {
  const writer = new TensorBoardWriter(tempDir(), { now: clock(1), hostname: 'h' });
  assert.throws(() => writer.addScalar('', 1, 1), /non-empty string/);
  assert.throws(() => writer.addScalar('a', 1, 1.5), /step must be a safe integer, got 1.5/);
  writer.close();
  assert.equal(readEventFile(writer.path).length, 0);
});

test('an event file with a flipped byte is rejected; a missing file is a clear error', () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(1), hostname: 'h' });
  writer.addScalar('Losses/Value Loss', 2.5, 10);
  writer.close();
  const bytes = readFileSync(writer.path);
  bytes[60]! ^= 0x80; // inside the second record's data (bytes 52 on)
  writeFileSync(writer.path, bytes);
  assert.throws(
    () => readEventFile(writer.path),
    (error: unknown) => isShivaError(error, 'SHIVA_ERR_TELEMETRY_FILE') && error.message.startsWith(`${writer.path}: record 1 at byte 40: data CRC mismatch`),
  );
  assert.throws(() => readEventFile(join(dir, 'nope')), (error: unknown) => isShivaError(error, 'SHIVA_ERR_TELEMETRY_FILE') && /cannot read the event file/.test(error.message));
});

const python = process.env.SHIVA_TENSORBOARD_PYTHON ?? 'python3';
const hasTensorBoard = spawnSync(python, ['-c', 'import tensorboard'], { stdio: 'ignore' }).status === 0;

test('TensorBoard itself reads the scalars', { skip: hasTensorBoard ? false : `TensorBoard is not importable by ${python}` }, () => {
  const dir = tempDir();
  const writer = new TensorBoardWriter(dir, { now: clock(1700000000), hostname: 'h' });
  for (let step = 0; step < 5; step += 1) writer.addScalar('Environment/Cumulative Reward', step * 1.5 - 2, step * 100, 1700000000 + step);
  writer.addScalar('Losses/Policy Loss', 0, 400, 1700000010);
  writer.close();
  const script = [
    'import json, sys',
    'from tensorboard.backend.event_processing.event_accumulator import EventAccumulator',
    'acc = EventAccumulator(sys.argv[1]); acc.Reload()',
    'print(json.dumps({t: [[e.wall_time, e.step, e.value] for e in acc.Scalars(t)] for t in acc.Tags()["scalars"]}))',
  ].join('\n');
  const run = spawnSync(python, ['-c', script, dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').at(-1)!), {
    'Environment/Cumulative Reward': [0, 1, 2, 3, 4].map((s) => [1700000000 + s, s * 100, s * 1.5 - 2]),
    'Losses/Policy Loss': [[1700000010, 400, 0]],
  });
});
