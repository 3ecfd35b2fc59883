/**
 * `shiva dagger --env ENV --expert scripted:NAME | --expert onnx:PATH | --expert-checkpoint PATH --expert-config CONFIG --out FILE.ckpt`:
 * DAgger on one behavior (src/cli/imitate-dagger.ts); prints one JSON line with every iteration's labels and return.
 */
import type { Command } from 'commander';
import { ShivaError } from '../core/errors.js';
import { createLogger } from '../telemetry/logger.js';
import { parseBeta, runDaggerCommand, type DaggerExpertChoice } from './imitate-dagger.js';
import { onnxPathOf } from './onnx-actors.js';
import { integer, nonNegativeNumber, timeoutMs } from './parse-options.js';

interface DaggerFlags {
  env: string;
  behavior?: string;
  expert?: string;
  expertCheckpoint?: string;
  expertConfig?: string;
  config?: string;
  iterations: number;
  labels: number;
  beta: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  evalEpisodes: number;
  targetReturn?: string;
  seed: number;
  numAreas?: number;
  basePort?: number;
  timeoutWait: number;
  out: string;
}

export function registerDagger(program: Command): void {
  program
    .command('dagger')
    .description(
      'DAgger: roll out the learner (mixed with the expert with probability beta_i), label every visited state with the expert, aggregate, refit by behavioral cloning; writes a checkpoint `shiva train` can start from (init_path) and prints one JSON line {behavior, expertReturn, iterations, totalLabels, finalReturn, checkpoint}',
    )
    .requiredOption('--env <env>', 'builtin:NAME or standin:NAME')
    .option('--behavior <name>', 'the behavior to imitate, "Name?team=N" or "Name" (default: the scripted expert\'s, or the only one)')
    .option('--expert <expert>', 'scripted:NAME, one of envs/experts.ts (cartpole-balance, scout-red, scout-blue), or onnx:PATH, an ONNX model (ML-Agents\' BEHAVIOR.onnx, or a folder of them) run by onnxruntime')
    .option('--expert-checkpoint <path>', 'a trained checkpoint as expert (with --expert-config)')
    .option('--expert-config <config>', 'the run configuration the expert checkpoint was trained with')
    .option('--config <config>', "the learner's run configuration (network_settings); default: PPO's default settings")
    .option('--iterations <n>', 'DAgger iterations', integer(1), 5)
    .option('--labels <n>', 'decisions rolled out and labelled by the expert per iteration', integer(1), 1000)
    .option('--beta <beta>', 'p for beta_i = p^i, or "first" (beta_0 = 1, then 0)', '0.5')
    .option('--epochs <n>', 'BC passes over the aggregate after each iteration', integer(1), 10)
    .option('--batch-size <n>', 'BC minibatch size', integer(1), 64)
    .option('--learning-rate <lr>', 'BC Adam step size', nonNegativeNumber, 1e-3)
    .option('--eval-episodes <n>', 'greedy episodes scoring the learner after each iteration (and the expert once)', integer(1), 5)
    .option('--target-return <r>', 'stop once the learner\'s mean return reaches this')
    .option('--seed <seed>', 'seed of the environments, the expert and the learner', integer(0), 12345)
    .option('--num-areas <n>', "copies of the task in the scene (default: the environment's)", integer(1))
    .option('--base-port <port>', 'first gRPC port of the stand-ins; 0: any free port (default 5005)', integer(0, 65535))
    .option('--timeout-wait <seconds>', 'wait this long for a stand-in over gRPC (0: for ever)', nonNegativeNumber, 60)
    .requiredOption('--out <file>', 'the checkpoint to write')
    .action(async (flags: DaggerFlags) => {
      const logger = createLogger('dagger');
      const targetReturn = flags.targetReturn === undefined ? null : Number(flags.targetReturn);
      if (targetReturn !== null && !Number.isFinite(targetReturn)) throw new ShivaError('SHIVA_ERR_USAGE', `--target-return: expected a number, got "${flags.targetReturn}"`);
      const result = await runDaggerCommand({
        env: flags.env,
        ...(flags.behavior !== undefined ? { behavior: flags.behavior } : {}),
        expert: expertOf(flags),
        config: flags.config ?? null,
        iterations: flags.iterations,
        labelsPerIteration: flags.labels,
        beta: parseBeta(flags.beta),
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        learningRate: flags.learningRate,
        evalEpisodes: flags.evalEpisodes,
        targetReturn,
        seed: flags.seed,
        ...(flags.numAreas !== undefined ? { numAreas: flags.numAreas } : {}),
        ...(flags.basePort !== undefined ? { basePort: flags.basePort } : {}),
        timeoutMs: timeoutMs(flags.timeoutWait),
        out: flags.out,
        logger,
        onIteration: (r) => logger.info(r, `iteration ${r.iteration}: beta ${r.beta.toFixed(3)}, ${r.totalLabels} labels, mean return ${r.meanReturn.toFixed(2)}`),
      });
      process.stdout.write(JSON.stringify(result) + '\n');
    });
}

function expertOf(flags: DaggerFlags): DaggerExpertChoice {
  if (flags.expert !== undefined && flags.expertCheckpoint !== undefined) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--expert and --expert-checkpoint: expected one expert, got both ("${flags.expert}" and "${flags.expertCheckpoint}")`);
  }
  if (flags.expertCheckpoint !== undefined) {
    if (flags.expertConfig === undefined) throw new ShivaError('SHIVA_ERR_USAGE', `--expert-config: expected the run configuration that ${flags.expertCheckpoint} was trained with, got none`);
    return { kind: 'checkpoint', path: flags.expertCheckpoint, config: flags.expertConfig };
  }
  const onnx = onnxPathOf(flags.expert);
  if (onnx !== null) return { kind: 'onnx', path: onnx };
  if (flags.expert === undefined || !flags.expert.startsWith('scripted:')) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--expert: expected scripted:NAME or onnx:PATH, or --expert-checkpoint PATH --expert-config CONFIG, got ${flags.expert === undefined ? 'neither' : `"${flags.expert}"`}`);
  }
  return { kind: 'scripted', name: flags.expert.slice('scripted:'.length) };
}
