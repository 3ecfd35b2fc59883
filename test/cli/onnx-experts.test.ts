/**
 * onnx:PATH as an expert: `shiva record --expert onnx:…` writes Basic's optimal play to a .demo file,
 * `shiva dagger --expert onnx:…` teaches a learner to play as well, and init_path refuses onnx: with a coded error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { mlagentsFixtures } from '../helpers/paths.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-onnx-experts-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const basicModel = join(mlagentsFixtures, 'onnx', 'Basic.onnx');

test('shiva record --expert onnx:FOLDER (BEHAVIOR.onnx inside) records Basic at its optimum', async () => {
  const folder = join(work, 'models');
  mkdirSync(folder);
  copyFileSync(basicModel, join(folder, 'Basic.onnx'));
  const out = join(work, 'basic.demo');
  const done = await runCli(['record', '--env', 'builtin:basic', '--expert', `onnx:${folder}`, '--episodes', '4', '--out', out]).done;
  assert.equal(done.code, 0, done.stderr.slice(-2000));
  const result = lastJsonLine<{ episodes: number; steps: number; meanReward: number }>(done.stdout);
  assert.equal(result.episodes, 4);
  assert.equal(result.steps, 4 * 8); // seven decisions and one end per episode
  assert.ok(Math.abs(result.meanReward - 0.93) < 1e-6);
});

test('shiva dagger --expert onnx:Basic.onnx: the expert scores 0.93 and the learner learns to', async () => {
  const done = await runCli(['dagger', '--env', 'builtin:basic', '--expert', `onnx:${basicModel}`, '--out', join(work, 'dagger.ckpt'), '--iterations', '2', '--labels', '200', '--eval-episodes', '3']).done;
  assert.equal(done.code, 0, done.stderr.slice(-2000));
  const result = lastJsonLine<{ expertReturn: number; finalReturn: number }>(done.stdout);
  assert.ok(Math.abs(result.expertReturn - 0.93) < 1e-6);
  assert.ok(Math.abs(result.finalReturn - 0.93) < 1e-6, `final return ${result.finalReturn}`);
});

test('init_path: onnx:PATH is refused with SHIVA_ERR_CONFIG saying what to do instead', async () => {
  const file = join(work, 'init.yaml');
  writeFileSync(file, `behaviors:\n  Basic:\n    trainer_type: ppo\n    init_path: onnx:${basicModel}\nenv_settings:\n  env_path: builtin:basic\ncheckpoint_settings:\n  results_dir: ${join(work, 'results')}\n`);
  const done = await runCli(['train', file]).done;
  assert.equal(done.code, 1);
  assert.match(done.stderr, /init_path: expected a Shiva checkpoint \(an ONNX model cannot warm-start a learner yet.*\[SHIVA_ERR_CONFIG\]/);
});
