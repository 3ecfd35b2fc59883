/**
 * `shiva evaluate CONFIG --checkpoint PATH|onnx:PATH [--episodes N] [--stochastic] [--env ENV] [--seed S] [--episode-stat KEY]`.
 */
import type { Command } from 'commander';
import { loadRunConfig } from '../config/index.js';
import { createLogger } from '../telemetry/logger.js';
import { evaluate } from './evaluate.js';
import { integer } from './parse-options.js';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('play N episodes per behavior with a trained checkpoint, without learning; prints one JSON line (mean, std, min, max return, mean length)')
    .argument('<config>', 'the run configuration the checkpoint was trained with')
    .requiredOption('--checkpoint <path>', 'a checkpoint file (RESULTS/RUN_ID/checkpoints/*.ckpt), or onnx:PATH (an ONNX model, e.g. ML-Agents\' BEHAVIOR.onnx, or a folder of them) run by onnxruntime')
    .option('--episodes <n>', 'episodes per behavior', integer(1), 100)
    .option('--stochastic', 'sample actions from the policy instead of taking the most probable (greedy) ones')
    .option('--env <env>', 'builtin:NAME, standin:NAME or a Unity executable (default: the config\'s)')
    .option('--seed <seed>', 'seed of the evaluation environments', integer(0), 12345)
    .option('--episode-stat <key>', "count the environment's episodes by the reports of this stat (e.g. Scout/Red/Win) instead of agent episodes")
    .action(async (file: string, flags: { checkpoint: string; episodes: number; stochastic?: boolean; env?: string; seed: number; episodeStat?: string }) => {
      const config = loadRunConfig(file, flags.env ? { env: flags.env } : {});
      const result = await evaluate(config, { checkpoint: flags.checkpoint, episodes: flags.episodes, deterministic: !flags.stochastic, seed: flags.seed, episodeStat: flags.episodeStat ?? null, logger: createLogger('evaluate') });
      process.stdout.write(JSON.stringify(result) + '\n');
    });
}
