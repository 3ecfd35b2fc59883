/**
 * `shiva serve` (and `shiva evaluate` with onnx:PATH) through the real CLI: ML-Agents' Basic model served over gRPC
 * to stand-ins of the Basic scene until Ctrl-C; a Shiva checkpoint served the same way; the rules still apply and
 * traces are written; a model that does not fit is a coded error; `shiva train --inference` learns nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServeResult } from '../../src/cli/serve.js';
import type { EvaluationResult } from '../../src/cli/evaluate.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { mlagentsFixtures } from '../helpers/paths.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-serve-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const basicModel = join(mlagentsFixtures, 'onnx', 'Basic.onnx');
const OPTIMUM = 0.93;

function config(name: string, extra = ''): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `behaviors:\n  Basic:\n    trainer_type: ppo\n    max_steps: 1000\n    hyperparameters: { batch_size: 32, buffer_size: 256 }\n    network_settings: { hidden_units: 16, num_layers: 1 }\n    summary_freq: 500\nenv_settings:\n  env_path: builtin:basic\n  num_areas: 2\ncheckpoint_settings:\n  results_dir: ${join(work, 'results')}\n  run_id: ${name}\n${extra}`,
  );
  return file;
}

/** Runs `shiva serve` until it says it serves, lets it serve for `ms`, then sends SIGINT. */
async function serveUntilInterrupted(args: string[], ms: number) {
  const running = runCli(['serve', ...args], { SHIVA_LOG_LEVEL: 'info' });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    running.child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('Ctrl-C ends it')) resolve();
    });
    running.child.once('exit', () => reject(new Error(`serve ended before serving: ${stderr.slice(-2000)}`)));
  });
  await new Promise((r) => setTimeout(r, ms));
  running.child.kill('SIGINT');
  return running.done;
}

test("shiva serve onnx:Basic.onnx to two stand-ins over gRPC: decisions at Basic's optimum until Ctrl-C, then a clean end", async () => {
  const done = await serveUntilInterrupted([config('served'), '--checkpoint', `onnx:${basicModel}`, '--env', 'standin:basic', '--num-envs', '2', '--base-port', '0'], 1500);
  assert.equal(done.code, 0, done.stderr.slice(-2000));
  const out = lastJsonLine<ServeResult>(done.stdout);
  assert.equal(out.runtime, 'onnxruntime');
  assert.equal(out.stopped, true);
  assert.match(out.environments, /2 × stand-in basic over gRPC/);
  const basic = out.behaviors['Basic?team=0']!;
  assert.ok(basic.decisions > 20 && basic.episodes > 2, JSON.stringify(basic));
  assert.ok(Math.abs(basic.meanReturn! - OPTIMUM) < 1e-6, `mean return ${basic.meanReturn}`);
  assert.match(done.stderr, /session closed/);
});

test('shiva evaluate --checkpoint onnx:Basic.onnx on a stand-in over gRPC reaches the optimum, 0.93 ± 1e-6', async () => {
  const done = await runCli(['evaluate', config('evaluated'), '--checkpoint', `onnx:${basicModel}`, '--env', 'standin:basic', '--episodes', '6']).done;
  assert.equal(done.code, 0, done.stderr.slice(-2000));
  const basic = lastJsonLine<EvaluationResult>(done.stdout).behaviors['Basic?team=0']!;
  assert.equal(basic.episodes, 6);
  assert.ok(Math.abs(basic.meanReturn - OPTIMUM) < 1e-6, `mean return ${basic.meanReturn}`);
  assert.equal(basic.meanLength, 7);
});

test('the rules still apply to an ONNX model and its decisions are traced: a veto of "right" at 12 keeps it from the large goal', async () => {
  const rules = join(work, 'basic-veto.rules.yaml');
  writeFileSync(
    rules,
    [
      'version: 1',
      'name: basic-veto',
      'types:',
      '  step: [stay, left, right]',
      'predicates:',
      '  at_twelve: {}',
      '  move: { args: { dir: step! } }',
      'observation:',
      '  p12: 12',
      'perception:',
      '  - { predicate: at_twelve, index: p12, above: 0.5 }',
      'branches: [move]',
      'fallback:',
      '  none: policy',
      'conditionals:',
      '  - name: no-right-at-twelve',
      '    conditions: [at_twelve]',
      '    reject: move(dir=right)',
      '',
    ].join('\n'),
  );
  const file = config('ruled', `cognitive:\n  Basic:\n    rules: ${rules}\n    trace_sample_rate: 1\n`);
  const done = await runCli(['serve', file, '--checkpoint', `onnx:${basicModel}`, '--duration', '0.5']).done;
  assert.equal(done.code, 0, done.stderr.slice(-2000));
  const basic = lastJsonLine<ServeResult>(done.stdout).behaviors['Basic?team=0']!;
  assert.ok(basic.decisions > 10);
  assert.equal(basic.episodes, 0, 'the veto keeps every agent from 17 (and the model never goes left to 7)');
  const traces = join(work, 'results', 'ruled', 'traces');
  const files = readdirSync(traces).filter((f) => f.endsWith('.jsonl'));
  assert.equal(files.length, 1);
  const text = readFileSync(join(traces, files[0]!), 'utf8');
  assert.ok(text.trim().split('\n').length >= basic.decisions / 2, 'every decision sampled (trace_sample_rate 1)');
  assert.match(text, /no-right-at-twelve/);
});

test('a tfjs checkpoint is served too; shiva train --inference on it learns nothing (no checkpoint written)', async () => {
  const file = config('tiny');
  const trained = await runCli(['train', file, '--force']).done;
  assert.equal(trained.code, 0, trained.stderr.slice(-2000));
  const checkpoint = lastJsonLine<{ checkpoint: string }>(trained.stdout).checkpoint;
  const served = await runCli(['serve', file, '--checkpoint', checkpoint, '--duration', '0.5']).done;
  assert.equal(served.code, 0, served.stderr.slice(-2000));
  const out = lastJsonLine<ServeResult>(served.stdout);
  assert.equal(out.runtime, 'tfjs');
  assert.ok(out.decisions > 10);
  const folder = join(work, 'results', 'tiny', 'checkpoints');
  const before = readdirSync(folder).map((f) => `${f}:${statSync(join(folder, f)).mtimeMs}`).sort();
  const inference = await runCli(['train', file, '--resume', '--inference']).done;
  assert.equal(inference.code, 0, inference.stderr.slice(-2000));
  assert.equal(lastJsonLine<{ inference?: boolean }>(inference.stdout).inference, true);
  assert.deepEqual(readdirSync(folder).map((f) => `${f}:${statSync(join(folder, f)).mtimeMs}`).sort(), before);
});

test('a model that does not fit the behavior ends serve with SHIVA_ERR_ONNX_MODEL naming the input', async () => {
  const done = await runCli(['serve', config('unfit'), '--checkpoint', `onnx:${join(mlagentsFixtures, 'onnx', '3DBall.onnx')}`, '--duration', '1']).done;
  assert.equal(done.code, 1);
  assert.match(done.stderr, /3DBall\.onnx: input obs_0: expected float32 \[batch, 20\].*got float32 \[batch, 8\] \[SHIVA_ERR_ONNX_MODEL\]/);
  assert.ok(!existsSync(join(work, 'results', 'unfit', 'checkpoints')));
});
