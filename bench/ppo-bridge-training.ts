/**
 * PPO training through the bridge against in-process: the same CartPole run (configs/cartpole.yaml, a fixed
 * number of steps) once with the built-in scene stepped in this process and once with Unity stand-ins launched
 * as child processes and connected over gRPC (env_path standin:cartpole). Each runs twice: through `train()`
 * exactly as `shiva train` runs it (run folder, TensorBoard and CSV scalars, the final checkpoint, under a
 * temporary results directory), and through the bare Trainer loop of ppo-bench-common.ts (no telemetry files).
 * Prints, for each, the Trainer's own steps/s (from its first reset, so the stand-in's connection is in it) and
 * the steady rate after the first WARMUP steps, and the ratios bridge / in-process. Not a test.
 *
 *   npm run bench:ppo-bridge [-- --steps 30000 --warmup 10000 --envs 1 --backend wasm]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train } from '../src/cli/train.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { flag, machineLoad, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = 'configs/cartpole.yaml';
const STEPS = numberFlag('steps', 30_000);
const WARMUP = numberFlag('warmup', 10_000);
const ENVS = numberFlag('envs', 1);
const BACKEND = flag('backend', 'wasm');

function configFor(env: string, resultsDir: string) {
  return runConfigFrom(
    CONFIG,
    [
      [['behaviors', 'CartPole', 'max_steps'], STEPS],
      [['behaviors', 'CartPole', 'summary_freq'], WARMUP],
      [['env_settings', 'num_areas'], 4 / ENVS],
    ],
    { env, numEnvs: ENVS, basePort: 0, seed: 1, runId: env.replace(':', '-'), resultsDir, force: true, backend: BACKEND },
  );
}

interface Row {
  readonly how: string;
  readonly env: string;
  readonly steps: number;
  readonly stepsPerSecond: number;
  readonly steadyStepsPerSecond: number;
  readonly wall: number;
  readonly meanReturn: number | null;
}

/** Through train(); the steady rate is taken between the progress report at WARMUP steps and the last one. */
async function viaTrain(env: string, resultsDir: string): Promise<Row> {
  const t0 = performance.now();
  const reports: { at: number; steps: number }[] = [];
  const result = await train(configFor(env, resultsDir), { logger: silentLogger(), onProgress: (r) => reports.push({ at: performance.now(), steps: r.steps }) });
  const wall = (performance.now() - t0) / 1000;
  const s = result.summary['CartPole?team=0']!;
  const first = reports.find((r) => r.steps >= WARMUP)!;
  const last = reports[reports.length - 1]!;
  const steady = last.steps > first.steps ? (last.steps - first.steps) / ((last.at - first.at) / 1000) : NaN;
  return { how: 'train()', env, steps: s.steps, stepsPerSecond: s.stepsPerSecond, steadyStepsPerSecond: steady, wall, meanReturn: s.meanReturnLast100 };
}

/** Through the bare Trainer loop. */
async function viaLoop(env: string, resultsDir: string): Promise<Row> {
  const t0 = performance.now();
  const steady = await runLoop(configFor(env, resultsDir), { untimed: true, warmupSteps: WARMUP });
  const wall = (performance.now() - t0) / 1000;
  const last100 = steady.episodes.slice(-100).map((e) => e.return);
  return {
    how: 'Trainer loop',
    env,
    steps: steady.totalSteps,
    stepsPerSecond: steady.totalSteps / steady.totalSeconds,
    steadyStepsPerSecond: steady.steps / steady.seconds,
    wall,
    meanReturn: last100.length ? last100.reduce((a, b) => a + b, 0) / last100.length : null,
  };
}

async function main(): Promise<void> {
  if (!Number.isInteger(4 / ENVS)) throw new Error(`--envs: expected 1, 2 or 4 (4 carts in all), got ${ENVS}`);
  console.log(`PPO CartPole through the bridge vs in-process: ${CONFIG}, ${STEPS} steps, ${ENVS} env(s) × ${4 / ENVS} area(s), backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const resultsDir = mkdtempSync(join(tmpdir(), 'shiva-bench-bridge-'));
  try {
    const rows: Row[] = [];
    for (const run of [viaTrain, viaLoop]) {
      for (const env of ['builtin:cartpole', 'standin:cartpole']) {
        rows.push(await run(env, resultsDir));
        console.log(`  ${rows[rows.length - 1]!.how} ${env} done (${machineLoad()})`);
      }
    }
    console.log();
    console.log(
      table(
        ['run', 'environment', 'steps', 'steps/s', `steps/s after ${WARMUP}`, 'wall s', 'mean return (last 100)'],
        rows.map((r) => [r.how, r.env, r.steps, Math.round(r.stepsPerSecond), Math.round(r.steadyStepsPerSecond), r.wall.toFixed(1), r.meanReturn?.toFixed(1) ?? '-']),
      ),
    );
    console.log();
    for (let i = 0; i < rows.length; i += 2) {
      const [local, bridge] = [rows[i]!, rows[i + 1]!];
      console.log(`${local.how}: bridge / in-process steps/s ${(bridge.stepsPerSecond / local.stepsPerSecond).toFixed(3)} (after ${WARMUP} steps: ${(bridge.steadyStepsPerSecond / local.steadyStepsPerSecond).toFixed(3)})`);
    }
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
