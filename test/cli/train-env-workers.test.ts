/**
 * `shiva train` with a built-in environment's scenes in worker threads (shiva.env_workers): a short PPO run on
 * CartPole completes, learns (updates, a checkpoint), its environment stats come through, and the threads end with
 * it (a thread left running would keep this test's process alive). It is not the same run as in-process bit for bit:
 * a decision batch's rows come in the order the environments asked (src/decisions/decision-router.ts), and threads
 * answer in any order; scene-workers.test.ts shows that the environments themselves step identically.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../../src/cli/train.js';
import { parseRunConfig } from '../../src/config/index.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { readCheckpoint } from '../../src/training/checkpoint/index.js';

await chooseBackend('wasm');
const work = mkdtempSync(join(tmpdir(), 'shiva-train-env-workers-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('train-env-workers-test');
logger.level = 'warn';

function config(runId: string, envWorkers: number) {
  return parseRunConfig(
    [
      'behaviors:',
      '  CartPole:',
      '    trainer_type: ppo',
      '    hyperparameters: {batch_size: 64, buffer_size: 256, learning_rate: 0.001, num_epoch: 2}',
      '    network_settings: {hidden_units: 16, num_layers: 1}',
      '    max_steps: 1200',
      '    time_horizon: 32',
      '    summary_freq: 600',
      'env_settings: {env_path: "builtin:cartpole", num_envs: 2, num_areas: 2, seed: 4}',
      `checkpoint_settings: {run_id: ${runId}, results_dir: ${JSON.stringify(work)}}`,
      'shiva:',
      '  backend: wasm',
      `  env_workers: ${envWorkers}`,
      '  final_evaluation: false',
      '',
    ].join('\n'),
    `${runId}.yaml`,
  );
}

test('a short PPO run with its CartPole scenes in 2 worker threads completes', async () => {
  let environments = '';
  const inWorkers = await train(config('workers', 2), { logger, onStart: (info) => (environments = info.environments) });
  assert.match(environments, /2 × builtin:cartpole in 2 worker thread\(s\)/);
  const b = inWorkers.summary['CartPole?team=0']!;
  assert.ok(b.steps >= 1200, `steps ${b.steps}`);
  assert.ok(b.episodes > 10, `episodes ${b.episodes}`);
  assert.ok((b.environmentStats['CartPole/Episode Return'] ?? 0) > 0, 'the scenes\' stats came from the threads');
  const state = (readCheckpoint(inWorkers.checkpoint!).meta as unknown as { state: { learners: Record<string, { steps: number; updates: number }> } }).state;
  assert.equal(state.learners['CartPole']!.steps, b.steps);
  assert.ok(state.learners['CartPole']!.updates >= 3, `PPO updated ${state.learners['CartPole']!.updates} times`);
});
