/**
 * Distributed training's throughput (docs/DISTRIBUTED.md): PPO on CartPole, env steps/s (agent steps the actors
 * acted, all together) and learner updates/s, single-process (`shiva train`, 1 environment × 2 areas: one actor's
 * load) as the baseline, then a learner with 1, 2 and 4 actor processes (`shiva actor`, 1 × 2 areas each), all in
 * this run, on a real `nats-server -js` on loopback. Then the bytes each trajectory step costs on the wire for the
 * CartPole and scout specs (the actors' own counts), and the learner's cost per message (decode + replay).
 *
 *   npm run bench:cluster [-- --steps 16000 --actors 1,2,4 --skip-scout]
 *
 * On a 2-core machine the learner and the actors share the cores: flat (or falling) scaling is what to expect.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrainingCheckpoint } from '../src/training/checkpoint/index.js';
import { lastJsonLine, runCli } from '../test/helpers/processes.js';
import { natsServerMissing, startNatsServer } from '../test/helpers/nats-server.js';
import { repoRoot } from '../test/helpers/paths.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const STEPS = Number(flag('--steps', '16000'));
const ACTORS = flag('--actors', '1,2,4').split(',').map(Number);

function cartpole(dir: string, runId: string): string {
  const path = join(dir, `${runId}.yaml`);
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 128, buffer_size: 512, learning_rate: 1.0e-3, beta: 0.01, num_epoch: 4 }
    network_settings: { hidden_units: 64, num_layers: 2, activation: tanh }
    max_steps: ${STEPS}
    time_horizon: 128
    summary_freq: 100000
env_settings: { env_path: builtin:cartpole, num_envs: 1, num_areas: 2, seed: 7 }
checkpoint_settings: { run_id: ${runId}, results_dir: ${join(dir, 'results')} }
shiva: { backend: wasm }
`,
  );
  return path;
}

interface Row {
  readonly mode: string;
  readonly wallS: number;
  readonly envStepsPerS: number;
  readonly trainedStepsPerS: number;
  readonly updatesPerS: number;
  readonly dropped: string;
}

async function single(dir: string): Promise<Row> {
  const file = cartpole(dir, 'single');
  const t0 = performance.now();
  const run = await runCli(['train', file]).done;
  if (run.code !== 0) throw new Error(run.stderr.slice(-2000));
  const wallS = (performance.now() - t0) / 1000;
  const out = lastJsonLine<{ runDir: string; checkpoint: string; behaviors: Record<string, { steps: number; wallSeconds: number }> }>(run.stdout);
  const b = out.behaviors['CartPole?team=0']!;
  const updates = readTrainingCheckpoint(out.checkpoint).state.learners["CartPole"]!.updates;
  return { mode: 'single process', wallS, envStepsPerS: b.steps / b.wallSeconds, trainedStepsPerS: b.steps / b.wallSeconds, updatesPerS: updates / b.wallSeconds, dropped: '-' };
}

async function cluster(dir: string, url: string, actors: number, file: string, runId: string): Promise<{ row: Row; bytesPerStep: number; bytesPerMessage: number; learnerUsPerMessage: number }> {
  const t0 = performance.now();
  const learner = runCli(['train', file, '--cluster', url, '--run-id', runId]);
  const procs = Array.from({ length: actors }, (_, k) => runCli(['actor', file, '--cluster', url, '--run-id', runId, '--actor-id', `b${k}`]));
  const run = await learner.done;
  if (run.code !== 0) throw new Error(run.stderr.slice(-2000));
  // Actors end when the learner says the run is finished; one that has not within 30 s is killed and named.
  const late = setTimeout(() => procs.forEach((p, k) => p.child.exitCode === null && (process.stdout.write(`actor b${k} of ${runId} did not end 30 s after its learner: killed\n`), p.child.kill('SIGKILL'))), 30_000);
  const ended = await Promise.all(procs.map((p) => p.done));
  clearTimeout(late);
  const acted = ended.filter((r) => r.code === 0).map((r) => lastJsonLine<{ steps: number; messages: number; bytes: number }>(r.stdout));
  const wallS = (performance.now() - t0) / 1000;
  const out = lastJsonLine<{ runDir: string; checkpoint: string; behaviors: Record<string, { steps: number; wallSeconds: number }> }>(run.stdout);
  const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as { cluster: { trainedOnSteps: number; droppedSteps: number; consumedMessages: number; policyVersionsPublished: number } };
  const updates = Object.values(readTrainingCheckpoint(out.checkpoint).state.learners)[0]!.updates;
  const b = Object.values(out.behaviors)[0]!;
  const steps = acted.reduce((n, a) => n + a.steps, 0);
  const messages = acted.reduce((n, a) => n + a.messages, 0);
  const bytes = acted.reduce((n, a) => n + a.bytes, 0);
  const c = summary.cluster;
  return {
    row: {
      mode: `learner + ${actors} actor${actors > 1 ? 's' : ''}`,
      wallS,
      envStepsPerS: steps / b.wallSeconds,
      trainedStepsPerS: b.steps / b.wallSeconds,
      updatesPerS: updates / b.wallSeconds,
      dropped: `${((100 * c.droppedSteps) / Math.max(1, c.droppedSteps + c.trainedOnSteps)).toFixed(0)}%`,
    },
    bytesPerStep: bytes / Math.max(1, steps),
    bytesPerMessage: bytes / Math.max(1, messages),
    learnerUsPerMessage: (1e6 * b.wallSeconds) / Math.max(1, c.consumedMessages),
  };
}

async function main(): Promise<void> {
  if (natsServerMissing) {
    process.stdout.write(`bench:cluster skipped: ${natsServerMissing}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'shiva-bench-cluster-'));
  const nats = await startNatsServer();
  process.stdout.write(`cluster throughput: PPO CartPole, ${STEPS} steps per run; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(1)} at start\n`);
  try {
    const rows: Row[] = [await single(dir)];
    const wire: string[] = [];
    for (const n of ACTORS) {
      const r = await cluster(dir, nats.url, n, cartpole(dir, `c${n}`), `c${n}`);
      rows.push(r.row);
      wire.push(`CartPole (${n} actor${n > 1 ? 's' : ''}): ${r.bytesPerStep.toFixed(0)} bytes per agent step, ${r.bytesPerMessage.toFixed(0)} bytes per message (2 agents), learner wall time per consumed message ${r.learnerUsPerMessage.toFixed(0)} µs (updates included)`);
    }
    process.stdout.write(`\n| mode | wall s | env steps/s (acted) | steps/s trained | updates/s | dropped (stale) |\n|---|---|---|---|---|---|\n`);
    for (const r of rows) process.stdout.write(`| ${r.mode} | ${r.wallS.toFixed(1)} | ${r.envStepsPerS.toFixed(0)} | ${r.trainedStepsPerS.toFixed(0)} | ${r.updatesPerS.toFixed(2)} | ${r.dropped} |\n`);
    process.stdout.write(`\n${wire.join('\n')}\n`);
    if (!args.includes('--skip-scout')) {
      // The scout's spec (32 red agents in 16 areas, its rule file): bytes per step as the actor counted them.
      const scout = join(dir, 'scout.yaml');
      writeFileSync(scout, readFileSync(join(repoRoot, 'configs/scout.yaml'), 'utf8').replace(/max_steps: 400000/, 'max_steps: 6000').replace(/results_dir: .*/, `results_dir: ${join(dir, 'results')}`).replace(/rules: (?!\/)/g, `rules: ${repoRoot}/`));
      const r = await cluster(dir, nats.url, 1, scout, 'scout-bytes');
      process.stdout.write(`scout (1 actor, 16 areas): ${r.bytesPerStep.toFixed(0)} bytes per agent step, ${r.bytesPerMessage.toFixed(0)} bytes per message, learner wall time per consumed message ${r.learnerUsPerMessage.toFixed(0)} µs\n`);
    }
    process.stdout.write(`load average ${loadavg()[0]!.toFixed(1)} at the end\n`);
  } finally {
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
