/**
 * `shiva export` and the models a run writes, with the real binary: a tiny PPO run on the built-in CartPole leaves
 * RUN_ID/CartPole.onnx and CartPole-STEP.onnx beside its checkpoints (as many as the checkpoints kept); `shiva export`
 * of its checkpoint writes a model that onnxruntime runs and that acts as the run's own model; a missing file, a file
 * that is not a checkpoint and an unknown --behavior fail with coded errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { lastJsonLine, runCli } from '../helpers/processes.js';

function config(dir: string): string {
  const path = join(dir, 'run.yaml');
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1, normalize: true }
    max_steps: 1000
    time_horizon: 64
    summary_freq: 250
    checkpoint_interval: 250
    keep_checkpoints: 2
env_settings:
  env_path: builtin:cartpole
  num_areas: 4
  seed: 5
checkpoint_settings:
  run_id: tiny
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
`,
  );
  return path;
}

async function actions(model: string | Uint8Array, obs: Float32Array, rows: number, size: number): Promise<number[]> {
  const session = await ort.InferenceSession.create(model as Uint8Array);
  const feeds: Record<string, ort.Tensor> = { obs_0: new ort.Tensor('float32', obs, [rows, size]) };
  if (session.inputNames.includes('action_masks')) feeds['action_masks'] = new ort.Tensor('float32', new Float32Array(rows * 2).fill(1), [rows, 2]);
  const out = await session.run(feeds);
  const det = out['deterministic_discrete_actions'] ?? out['deterministic_continuous_actions'];
  await session.release();
  return Array.from(det!.data as ArrayLike<number | bigint>, Number);
}

test('a run writes BEHAVIOR.onnx and BEHAVIOR-STEP.onnx; `shiva export` of its checkpoint gives the same policy; bad input fails with codes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-export-'));
  const run = await runCli(['train', config(dir)]).done;
  assert.equal(run.code, 0, run.stderr.slice(-2000));
  const { runDir } = lastJsonLine<{ runDir: string }>(run.stdout);
  const checkpoints = join(runDir, 'checkpoints');
  const index = JSON.parse(readFileSync(join(checkpoints, 'checkpoints.json'), 'utf8')) as { checkpoints: { file: string; step: number }[] };
  assert.ok(readdirSync(runDir).includes('CartPole.onnx'), `run folder: ${readdirSync(runDir).join(', ')}`);
  const stepModels = readdirSync(checkpoints).filter((f) => f.endsWith('.onnx')).sort();
  assert.deepEqual(stepModels, index.checkpoints.map((c) => `CartPole-${c.step}.onnx`).sort(), 'one model per checkpoint kept');

  const latest = index.checkpoints.reduce((a, b) => (b.step > a.step ? b : a));
  const out = join(dir, 'exported');
  const exported = await runCli(['export', join(checkpoints, latest.file), '--out', out, '--behavior', 'CartPole']).done;
  assert.equal(exported.code, 0, exported.stderr.slice(-2000));
  const result = lastJsonLine<{ models: string[]; step: number }>(exported.stdout);
  assert.deepEqual(result.models, [join(out, 'CartPole.onnx')]);

  // The exported model acts as the run's final model and the checkpoint's step model (all three hold the last weights).
  const rows = 200;
  const obs = Float32Array.from({ length: rows * 4 }, (_, k) => Math.sin(k * 12.9898) * 2);
  const mine = await actions(readFileSync(result.models[0]!), obs, rows, 4);
  assert.deepEqual(mine, await actions(readFileSync(join(runDir, 'CartPole.onnx')), obs, rows, 4));
  assert.deepEqual(mine, await actions(readFileSync(join(checkpoints, `CartPole-${latest.step}.onnx`)), obs, rows, 4));
  assert.ok(mine.every((a) => a === 0 || a === 1));

  const missing = await runCli(['export', join(dir, 'nothing.ckpt')]).done;
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nothing\.ckpt: cannot read checkpoint.*\[SHIVA_ERR_CHECKPOINT\]/);
  const notCheckpoint = await runCli(['export', join(dir, 'run.yaml')]).done;
  assert.equal(notCheckpoint.code, 1);
  assert.match(notCheckpoint.stderr, /run\.yaml: header: expected the magic "SHIVACKP".*\[SHIVA_ERR_CHECKPOINT\]/);
  const unknown = await runCli(['export', join(checkpoints, latest.file), '--behavior', 'CartPol']).done;
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /--behavior: expected one of the checkpoint's behaviors \(CartPole\?team=0\), got "CartPol"; did you mean "CartPole"\?.*\[SHIVA_ERR_USAGE\]/);
});
