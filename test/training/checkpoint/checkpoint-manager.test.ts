/**
 * CheckpointManager: keep rotation, the index, crash leftovers (a temp file without its rename), a lost or
 * damaged index, and labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isShivaError } from '../../../src/core/errors.js';
import { CheckpointManager, encodeCheckpoint, readCheckpoint } from '../../../src/training/checkpoint/index.js';
import { sampleCheckpoint } from './checkpoint-fixture.js';

const runDir = () => join(mkdtempSync(join(tmpdir(), 'shiva-ckpts-')), 'results', 'run-1', 'CartPole');
const fixedClock = () => new Date('2026-01-02T03:04:05.000Z');
const ckptFiles = (dir: string) => readdirSync(dir).filter((f) => f !== 'checkpoints.json').sort();

test('an empty folder has no latest checkpoint and an empty list', () => {
  const manager = new CheckpointManager(runDir(), 3);
  assert.equal(manager.latest(), null);
  assert.deepEqual(manager.list(), []);
});

test('keep_checkpoints = 3: the oldest go, the newest three stay, latest is the one just saved', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 3, { prefix: 'CartPole', now: fixedClock });
  for (const step of [1000, 2000, 3000, 4000, 5000]) {
    const entry = manager.save(step, sampleCheckpoint(step));
    assert.equal(entry.path, join(dir, `CartPole-${step}.ckpt`));
    assert.equal(manager.latest(), entry.path);
  }
  assert.deepEqual(ckptFiles(dir), ['CartPole-3000.ckpt', 'CartPole-4000.ckpt', 'CartPole-5000.ckpt']);
  assert.deepEqual(manager.list().map((e) => [e.file, e.step, e.episodes, e.behavior, e.savedAt]), [
    ['CartPole-3000.ckpt', 3000, 37, 'CartPole', '2026-01-02T03:04:05.000Z'],
    ['CartPole-4000.ckpt', 4000, 37, 'CartPole', '2026-01-02T03:04:05.000Z'],
    ['CartPole-5000.ckpt', 5000, 37, 'CartPole', '2026-01-02T03:04:05.000Z'],
  ]);
  assert.equal(manager.list()[2]!.bytes, encodeCheckpoint(sampleCheckpoint(5000)).length);
  assert.equal(readCheckpoint(manager.latest()!).meta.step, 5000);
  // The index is plain JSON that a person can read.
  const index = JSON.parse(readFileSync(join(dir, 'checkpoints.json'), 'utf8')) as { format: string; version: number; checkpoints: { file: string }[] };
  assert.equal(index.format, 'shiva-checkpoints');
  assert.equal(index.version, 1);
  assert.deepEqual(index.checkpoints.map((c) => c.file), ['CartPole-3000.ckpt', 'CartPole-4000.ckpt', 'CartPole-5000.ckpt']);
  // A new manager on the same folder (a resumed run) sees the same state.
  assert.equal(new CheckpointManager(dir, 3).latest(), join(dir, 'CartPole-5000.ckpt'));
});

test('keep = 1 keeps only the one just written; keep below 1 is refused', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 1);
  manager.save(10, sampleCheckpoint(10));
  manager.save(20, sampleCheckpoint(20));
  assert.deepEqual(ckptFiles(dir), ['checkpoint-20.ckpt']);
  assert.throws(() => new CheckpointManager(dir, 0), (error: unknown) => isShivaError(error, 'SHIVA_ERR_USAGE') && /keep_checkpoints: expected an integer of at least 1, got 0/.test(error.message));
});

test('a crash between writing the temp file and the rename: latest ignores the temp file, the next save removes it', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 5);
  manager.save(100, sampleCheckpoint(100));
  // What writeCheckpoint leaves when killed before its rename: a partial temp file beside the real ones.
  const partial = encodeCheckpoint(sampleCheckpoint(200)).subarray(0, 50);
  writeFileSync(join(dir, 'checkpoint-200.ckpt.tmp'), partial);
  writeFileSync(join(dir, 'checkpoints.json.tmp'), '{"format": "shiva-chec');
  assert.equal(manager.latest(), join(dir, 'checkpoint-100.ckpt'));
  assert.equal(new CheckpointManager(dir, 5).latest(), join(dir, 'checkpoint-100.ckpt'));
  manager.save(300, sampleCheckpoint(300));
  assert.deepEqual(readdirSync(dir).sort(), ['checkpoint-100.ckpt', 'checkpoint-300.ckpt', 'checkpoints.json']);
  assert.equal(manager.latest(), join(dir, 'checkpoint-300.ckpt'));
  // Saving the same step again after a crash at that step overwrites cleanly too.
  writeFileSync(join(dir, 'checkpoint-300.ckpt.tmp'), partial);
  manager.save(300, sampleCheckpoint(300));
  assert.deepEqual(readdirSync(dir).sort(), ['checkpoint-100.ckpt', 'checkpoint-300.ckpt', 'checkpoints.json']);
  assert.deepEqual(manager.cleanTemporaryFiles(), []);
});

test('with the index lost, the checkpoints are listed by the step in their meta', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 5);
  manager.save('zz-first', sampleCheckpoint(500));
  manager.save('aa-second', sampleCheckpoint(900));
  manager.save('mm-third', sampleCheckpoint(700));
  rmSync(join(dir, 'checkpoints.json'));
  assert.deepEqual(manager.list().map((e) => [e.file, e.step]), [['zz-first.ckpt', 500], ['mm-third.ckpt', 700], ['aa-second.ckpt', 900]]);
  assert.equal(manager.latest(), join(dir, 'aa-second.ckpt'));
});

test('a damaged index or a listed file that is gone is an error, never an empty run', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 5);
  manager.save(1, sampleCheckpoint(1));
  manager.save(2, sampleCheckpoint(2));
  const indexPath = join(dir, 'checkpoints.json');
  const good = readFileSync(indexPath, 'utf8');
  writeFileSync(indexPath, good.slice(0, good.length / 2));
  assert.throws(() => manager.latest(), (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && error.message.startsWith(`${indexPath}: expected JSON, found `));
  writeFileSync(indexPath, JSON.stringify({ format: 'shiva-checkpoints', version: 1, checkpoints: [{ file: '../etc/passwd.ckpt', step: 1, episodes: 0, bytes: 1, behavior: 'b', savedAt: '' }] }));
  assert.throws(() => manager.list(), (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && /checkpoints\[0\]\.file: a \.ckpt file name in this folder, found "\.\.\/etc\/passwd\.ckpt"/.test(error.message));
  writeFileSync(indexPath, good);
  rmSync(join(dir, 'checkpoint-2.ckpt'));
  assert.throws(
    () => manager.latest(),
    (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && error.message === `${indexPath}: lists "checkpoint-2.ckpt" (step 2), but ${join(dir, 'checkpoint-2.ckpt')} does not exist`,
  );
  // A corrupt checkpoint found while rebuilding a lost index is an error as well.
  rmSync(indexPath);
  writeFileSync(join(dir, 'checkpoint-1.ckpt'), 'not a checkpoint');
  assert.throws(() => manager.latest(), (error: unknown) => isShivaError(error, 'SHIVA_ERR_CHECKPOINT') && /checkpoint-1\.ckpt: header: expected the magic "SHIVACKP"/.test(error.message));
});

test('labels: saving a label again replaces it and makes it the latest; unsafe labels are refused', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 3);
  manager.save('final', sampleCheckpoint(10));
  manager.save(20, sampleCheckpoint(20));
  manager.save('final', sampleCheckpoint(30));
  assert.deepEqual(manager.list().map((e) => [e.file, e.step]), [['checkpoint-20.ckpt', 20], ['final.ckpt', 30]]);
  for (const bad of ['../x', 'a b', '', 'x.tmp', '.hidden']) {
    assert.throws(() => manager.save(bad, sampleCheckpoint(1)), (error: unknown) => isShivaError(error, 'SHIVA_ERR_USAGE') && /checkpoint label: expected letters, digits/.test(error.message), bad);
  }
  assert.throws(() => manager.save(-1, sampleCheckpoint(1)), /checkpoint step: expected a non-negative integer, got -1/);
  assert.ok(!existsSync(join(dir, 'checkpoint--1.ckpt')));
});

test('resume candidates: newest first, a listed file that is gone or a damaged index named as a problem; unlisted files are never overwritten', () => {
  const dir = runDir();
  const manager = new CheckpointManager(dir, 5, { prefix: 'CartPole', now: fixedClock });
  for (const step of [1000, 2000, 3000]) manager.save(step, sampleCheckpoint(step));
  rmSync(join(dir, 'CartPole-2000.ckpt'));
  const { entries, problems, indexDamaged } = manager.resumeCandidates();
  assert.deepEqual(entries.map((e) => e.step), [3000, 1000]);
  assert.equal(indexDamaged, false);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.path, join(dir, 'CartPole-2000.ckpt'));

  // The index rewritten without 3000 (set aside as damaged): a save at that step takes another name and leaves the file be.
  const kept = readFileSync(join(dir, 'CartPole-3000.ckpt'));
  manager.reindex(entries.slice(1).reverse());
  const entry = manager.save(3000, sampleCheckpoint(3000));
  assert.equal(entry.file, 'CartPole-3000.1.ckpt');
  assert.ok(readFileSync(join(dir, 'CartPole-3000.ckpt')).equals(kept));
  assert.deepEqual(manager.list().map((e) => e.file), ['CartPole-1000.ckpt', 'CartPole-3000.1.ckpt']);

  // A damaged index: the folder's files whose meta reads, by step; the index named as the problem.
  writeFileSync(join(dir, 'checkpoints.json'), '{');
  writeFileSync(join(dir, 'CartPole-9000.ckpt'), 'not a checkpoint');
  const scanned = manager.resumeCandidates();
  assert.equal(scanned.indexDamaged, true);
  assert.deepEqual(scanned.entries.map((e) => e.step), [3000, 3000, 1000]);
  assert.deepEqual(scanned.entries.map((e) => e.file).sort(), ['CartPole-1000.ckpt', 'CartPole-3000.1.ckpt', 'CartPole-3000.ckpt']);
  assert.deepEqual(scanned.problems.map((p) => p.path).sort(), [join(dir, 'CartPole-9000.ckpt'), join(dir, 'checkpoints.json')].sort());
});
