/**
 * `shiva train CONFIG`: train on a built-in environment, Unity executables, or the Unity Editor.
 */
import { basename, join, relative } from 'node:path';
import type { Command } from 'commander';
import { loadRunConfig, type CliOverrides } from '../config/index.js';
import { createLogger } from '../telemetry/logger.js';
import { RecentStats, progressBar, type Progress } from '../telemetry/progress.js';
import { formatFinalEvaluation } from './final-evaluation.js';
import { integer } from './parse-options.js';
import { onShutdownSignal } from './shutdown.js';
import { train } from './train.js';

interface TrainFlags {
  runId?: string;
  resume?: boolean;
  force?: boolean;
  env?: string;
  numEnvs?: number;
  basePort?: number;
  seed?: number;
  resultsDir?: string;
  backend?: string;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train the behaviors of a run configuration (ML-Agents trainer-config YAML); with no environment in the config or on the command line it listens on 5004 for the Unity Editor')
    .argument('<config>', 'run configuration (YAML)')
    .option('--run-id <id>', 'names the run folder RESULTS/RUN_ID')
    .option('--resume', 'continue the run from its latest checkpoint')
    .option('--force', 'overwrite an existing run folder')
    .option('--env <env>', 'builtin:NAME (in-process), standin:NAME (stand-in children over gRPC), or a Unity executable')
    .option('--num-envs <n>', 'simulations to run at once', integer(1, 256))
    .option('--base-port <port>', 'first port for executables (one per simulation); 0 picks free ports', integer(0, 65535))
    .option('--seed <seed>', 'seed of the run', integer(-1))
    .option('--results-dir <dir>', 'where run folders go')
    .option('--initialize-from <run-id>', "start the policies from another run's latest checkpoint (e.g. a `shiva imitate` run)")
    .option('--backend <backend>', 'tfjs backend: auto, tensorflow-gpu, tensorflow, wasm, cpu (or SHIVA_BACKEND)')
    .action(async (file: string, flags: TrainFlags) => {
      const logger = createLogger('train');
      const overrides: CliOverrides = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
      const config = loadRunConfig(file, overrides);
      const controller = new AbortController();
      onShutdownSignal(async () => controller.abort(), (m) => logger.warn(m), { exit: false });
      const bars = new Map<string, Progress>();
      // shiva.progress_stats: environment stats over a recent window, beside the bar (e.g. the scout's win rate).
      const recent = new RecentStats(config.shiva.progressStats);
      const shown = recent.specs.length > 0;
      const result = await train(config, {
        logger,
        signal: controller.signal,
        ...(shown ? { onEnvironmentStats: (stats: Parameters<RecentStats['add']>[0]) => recent.add(stats) } : {}),
        onFinalEvaluation: (info) => {
          bars.forEach((b) => b.stop());
          bars.clear();
          logger.info(info, `training done; final evaluation of ${info.checkpoint} over ${info.episodes} episodes`);
        },
        onStart: (info) => {
          const resumed = info.resumedFromStep !== null ? `, resumed at step ${info.resumedFromStep}` : '';
          logger.info(info, `training ${config.checkpointSettings.runId} on ${info.environments} (${info.backend}${resumed}); run folder ${info.runDir}`);
        },
        onProgress: (p) => {
          let bar = bars.get(p.learnerId);
          if (!bar) bars.set(p.learnerId, (bar = progressBar(p.maxSteps, p.learnerId, `return {meanReturn} | {episodes} episodes | {stepsPerSecond} steps/s${shown ? ' | {stats}' : ''}`, { meanReturn: '-', episodes: 0, stepsPerSecond: 0, stats: '' })));
          const stats = recent.format();
          bar.update(Math.min(p.steps, p.maxSteps), { meanReturn: p.meanReturn === null ? '-' : p.meanReturn.toFixed(1), episodes: p.episodes, stepsPerSecond: Math.round(p.stepsPerSecond), stats });
          if (!process.stderr.isTTY) {
            const extra = shown ? `, ${stats}` : '';
            logger.info({ ...p, meanReturn: p.meanReturn, ...(shown ? { stats: recent.values() } : {}) }, `${p.learnerId}: step ${p.steps}/${p.maxSteps}, mean return ${p.meanReturn?.toFixed(2) ?? '-'}, ${p.episodes} episodes, ${Math.round(p.stepsPerSecond)} steps/s${extra}`);
          }
        },
      }).finally(() => bars.forEach((b) => b.stop()));
      for (const [behavior, s] of Object.entries(result.summary)) {
        process.stderr.write(`${behavior}: ${s.steps} steps, ${s.episodes} episodes, mean return (last 100) ${s.meanReturnLast100?.toFixed(2) ?? '-'}, ${Math.round(s.stepsPerSecond)} steps/s\n`);
      }
      if (result.finalEvaluation) process.stderr.write(formatFinalEvaluation(result.finalEvaluation, config.shiva.progressStats) + '\n');
      process.stderr.write(`${result.stopped ? 'stopped early; checkpoint saved; continue with --resume. ' : ''}run folder: ${result.runDir} (summary.json, checkpoints/, TensorBoard events per learner)\n`);
      process.stderr.write(runFiles(result.runDir, result.checkpoint));
      // One JSON line for scripts and CI when stdout is piped; in a terminal the report above says it and summary.json holds it.
      if (!process.stdout.isTTY) process.stdout.write(JSON.stringify({ runDir: result.runDir, stopped: result.stopped, resumedFromStep: result.resumedFromStep, checkpoint: result.checkpoint, behaviors: result.summary, finalEvaluation: result.finalEvaluation }) + '\n');
      if (result.stopped) process.exitCode = 130;
    });
}

/** Where a run's files are, relative to the working directory where that is shorter. */
function runFiles(runDir: string, checkpoint: string | null): string {
  const at = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel !== '' && !rel.startsWith('..') ? rel : path;
  };
  return [
    `  summary:     ${at(join(runDir, 'summary.json'))}`,
    `  TensorBoard: tensorboard --logdir ${at(runDir)}`,
    `  checkpoints: ${at(join(runDir, 'checkpoints'))}${checkpoint ? ` (final: ${basename(checkpoint)})` : ''}`,
    '',
  ].join('\n');
}
