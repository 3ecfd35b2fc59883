/**
 * `shiva demo info` as a user runs it: the compiled CLI in a child process, one JSON line on stdout, exit 1 with a
 * message naming the file when it cannot read it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoInfo } from '../../src/cli/demo-command.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { fixtureDemos } from '../helpers/paths.js';

const demos = fixtureDemos;
const work = mkdtempSync(join(tmpdir(), 'shiva-demo-info-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

test('demo info on a file, on a folder, and on files it cannot read', async () => {
  const ball = join(demos, 'Expert3DBall.demo');
  const folder = join(work, 'basic');
  mkdirSync(folder);
  copyFileSync(join(demos, 'ExpertBasic.demo'), join(folder, 'one.demo'));
  copyFileSync(join(demos, 'ExpertBasic.demo'), join(folder, 'two.demo'));
  const truncated = join(work, 'cut.demo');
  writeFileSync(truncated, readFileSync(join(demos, 'ExpertBasic.demo')).subarray(0, 30));
  const missing = join(work, 'missing.demo');

  const [file, dir, mixed, cut, gone] = await Promise.all(
    [ball, folder, demos, truncated, missing].map((path) => runCli(['demo', 'info', path]).done),
  );

  assert.equal(file.code, 0, file.stderr);
  assert.deepEqual(lastJsonLine<DemoInfo>(file.stdout), {
    files: [ball],
    apiVersion: 1,
    name: 'Expert3DBall',
    behavior: {
      name: '3DBallLearning',
      observations: [{ name: '', shape: [8], observationType: 0 }],
      actions: { continuous: 2, discreteBranches: [] },
      actionMasks: false,
    },
    steps: 549,
    episodes: 1,
    meanReward: Math.fround(54.79973602294922),
    perFile: [{ file: ball, apiVersion: 1, name: 'Expert3DBall', steps: 549, episodes: 1, meanReward: Math.fround(54.79973602294922) }],
  });
  assert.equal(file.stdout.trim().split('\n').length, 1, 'one line');

  assert.equal(dir.code, 0, dir.stderr);
  const both = lastJsonLine<DemoInfo>(dir.stdout);
  assert.deepEqual(both.files, [join(folder, 'one.demo'), join(folder, 'two.demo')]);
  assert.equal(both.steps, 146);
  assert.equal(both.episodes, 22);
  assert.equal(both.name, 'ExpertBasic');
  assert.deepEqual(both.behavior.actions, { continuous: 0, discreteBranches: [3] });
  assert.ok(Math.abs(both.meanReward - 0.843635618686676) < 1e-6);
  assert.deepEqual(both.perFile.map((f) => f.steps), [73, 73]);

  // The fixtures folder holds three different behaviors (3DBall, Basic, Pyramids): not one dataset.
  assert.equal(mixed.code, 1);
  assert.equal(mixed.stdout, '');
  assert.equal(
    mixed.stderr,
    `shiva: ${join(demos, 'ExpertBasic.demo')}: observation 0 shape: expected [8] as in ${join(demos, 'Expert3DBall.demo')} (the files of one folder are one dataset of one behavior), got [20] [SHIVA_ERR_DEMO_FILE]\n`,
  );
  assert.equal(cut.code, 1);
  assert.equal(cut.stderr, `shiva: ${truncated}: expected the brain parameters at byte 33, got the end of the file (30 bytes): truncated [SHIVA_ERR_DEMO_FILE]\n`);
  assert.equal(gone.code, 1);
  assert.equal(gone.stderr, `shiva: ${missing}: expected a .demo file or a folder of them, but it does not exist [SHIVA_ERR_DEMO_FILE]\n`);
});
