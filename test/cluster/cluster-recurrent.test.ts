/**
 * Recurrent policies (network_settings.memory) on a cluster: `shiva train --cluster` and one `shiva actor` process
 * against a real `nats-server -js` train PPO with an LSTM on the T-maze (envs/tmaze: the cue is seen only at the
 * first of 5 decisions, so only a policy that remembers it beats chance) to the threshold of the single-process test
 * (test/agents/ppo/ppo-memory-learning.test.ts: the cue's way in ≥ 90% of the last episodes, with the same
 * hyperparameters, network and budget of 6,000 steps). The actor acts with its LSTM and keeps each agent's memory
 * across decisions and policy versions; the messages carry each step's memories; the learner trains on sequences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainWithActors } from '../helpers/cluster-run.js';
import type { RunningCli } from '../helpers/processes.js';
import { natsServerMissing, startNatsServer } from '../helpers/nats-server.js';

const STEPS = 6_000;

/** test/helpers/tmaze-run.ts's tmazeSettings(true) as a run configuration. */
function tmazeConfig(dir: string): string {
  const path = join(dir, 'tmaze.yaml');
  writeFileSync(
    path,
    `behaviors:
  TMaze:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 320, num_epoch: 4, learning_rate: 3.0e-3, beta: 0.01, epsilon: 0.2, lambd: 0.95, learning_rate_schedule: constant, beta_schedule: constant, epsilon_schedule: constant }
    network_settings: { hidden_units: 32, num_layers: 1, memory: { sequence_length: 8, memory_size: 32 } }
    reward_signals: { extrinsic: { gamma: 0.99, strength: 1.0 } }
    max_steps: ${STEPS}
    time_horizon: 64
    summary_freq: 1000
env_settings:
  env_path: builtin:tmaze
  num_envs: 1
  num_areas: 8
  seed: 1
checkpoint_settings:
  run_id: cl-tmaze
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
`,
  );
  return path;
}

test(`recurrent PPO on the T-maze with a learner and an actor process: the cue's way in ≥ 90% of the last 100 episodes after ${STEPS} steps`, { skip: natsServerMissing ?? false, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-cluster-tmaze-'));
  const nats = await startNatsServer();
  const procs: RunningCli[] = [];
  try {
    const file = tmazeConfig(dir);
    const { summary } = await trainWithActors<{
      behaviors: Record<string, { steps: number; meanReturnLast100: number }>;
      cluster: { trainedOnSteps: number; trajectoryMessages: number; trainedOnMessages: number; droppedMessages: number };
    }>(file, nats.url, procs);
    const tmaze = summary.behaviors['TMaze?team=0']!;
    assert.equal(tmaze.steps, STEPS);
    assert.equal(summary.cluster.trainedOnSteps, STEPS);
    assert.equal(summary.cluster.trainedOnMessages + summary.cluster.droppedMessages, summary.cluster.trajectoryMessages);
    // Every return is +1 (the cue's way) or −1: a mean of at least 0.8 is a success rate of at least 90%.
    assert.ok(tmaze.meanReturnLast100 >= 0.8, `mean return of the last 100 episodes: ${tmaze.meanReturnLast100} (success ${(tmaze.meanReturnLast100 + 1) / 2})`);
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
