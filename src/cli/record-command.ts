/**
 * `shiva record --env ENV --expert scripted:NAME | --expert onnx:PATH | --checkpoint PATH --config CONFIG | --expert human [--port P]
 *  --episodes N --out FILE.demo`.
 */
import type { Command } from 'commander';
import { ShivaError } from '../core/errors.js';
import { createLogger } from '../telemetry/logger.js';
import { integer, nonNegativeNumber, timeoutMs } from './parse-options.js';
import { parseScriptedExpert, record, type ExpertChoice } from './record.js';
import { recordHuman } from './record-human.js';

interface RecordFlags {
  env: string;
  behavior?: string;
  expert?: string;
  checkpoint?: string;
  config?: string;
  stochastic?: boolean;
  episodes: number;
  out: string;
  seed: number;
  numAreas?: number;
  basePort?: number;
  timeoutWait: number;
  human?: boolean;
  port: number;
}

export function registerRecord(program: Command): void {
  program
    .command('record')
    .description(
      'an expert plays an environment and every decision of one behavior is written to a Unity ML-Agents .demo file; other behaviors are played by the checkpoint where it has a learner for them, else by their scripted expert, else randomly within their masks; prints one JSON line {file, behavior, steps, episodes, meanReward}',
    )
    .requiredOption('--env <env>', 'builtin:NAME, standin:NAME or a Unity executable')
    .option('--behavior <name>', 'the behavior to record, "Name?team=N" or "Name" (default: the only one, or the one the scripted expert is for)')
    .option('--expert <expert>', 'scripted:NAME, one of envs/experts.ts (cartpole-balance, scout-red, scout-blue); onnx:PATH, an ONNX model (ML-Agents\' BEHAVIOR.onnx, or a folder of them) run by onnxruntime; or human (see --human)')
    .option('--checkpoint <path>', 'a trained checkpoint as expert (with --config)')
    .option('--config <config>', 'the run configuration the checkpoint was trained with')
    .option('--stochastic', 'with --checkpoint or --expert onnx:PATH: sample actions instead of taking the most probable ones')
    .requiredOption('--episodes <n>', 'complete episodes of the behavior to record', integer(1))
    .requiredOption('--out <file>', 'the .demo file to write (written under a temporary name, then renamed)')
    .option('--seed <seed>', 'seed of the environment and of the experts', integer(0), 12345)
    .option('--num-areas <n>', 'copies of the task in the scene (default: the environment\'s)', integer(1))
    .option('--base-port <port>', 'gRPC port of the stand-in or executable; 0: any free port (default 5005, or the config\'s)', integer(0, 65535))
    .option('--timeout-wait <seconds>', 'wait this long for a simulation over gRPC (0: for ever)', nonNegativeNumber, 60)
    .option('--human', 'a person plays from a web page served on 127.0.0.1 (WebSocket); same as --expert human')
    .option('--port <port>', 'with --human: port of the page; 0: any free port (the address is logged)', integer(0, 65535), 8765)
    .action(async (flags: RecordFlags) => {
      if (flags.human || flags.expert === 'human') {
        if (flags.checkpoint !== undefined) throw new ShivaError('SHIVA_ERR_USAGE', `--human and --checkpoint: expected one expert, got both`);
        const human = await recordHuman({
          env: flags.env,
          ...(flags.behavior !== undefined ? { behavior: flags.behavior } : {}),
          episodes: flags.episodes,
          out: flags.out,
          seed: flags.seed,
          ...(flags.numAreas !== undefined ? { numAreas: flags.numAreas } : {}),
          ...(flags.basePort !== undefined ? { basePort: flags.basePort } : {}),
          timeoutMs: timeoutMs(flags.timeoutWait),
          port: flags.port,
          onListening: (url) => process.stderr.write(`open ${url} in a browser to play\n`),
          logger: createLogger('record'),
        });
        process.stdout.write(JSON.stringify(human) + '\n');
        return;
      }
      const result = await record({
        env: flags.env,
        ...(flags.behavior !== undefined ? { behavior: flags.behavior } : {}),
        expert: expertOf(flags),
        episodes: flags.episodes,
        out: flags.out,
        seed: flags.seed,
        ...(flags.numAreas !== undefined ? { numAreas: flags.numAreas } : {}),
        ...(flags.basePort !== undefined ? { basePort: flags.basePort } : {}),
        timeoutMs: timeoutMs(flags.timeoutWait),
        logger: createLogger('record'),
      });
      process.stdout.write(JSON.stringify(result) + '\n');
    });
}

function expertOf(flags: RecordFlags): ExpertChoice {
  if (flags.expert !== undefined && flags.checkpoint !== undefined) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--expert and --checkpoint: expected one expert, got both ("${flags.expert}" and "${flags.checkpoint}")`);
  }
  if (flags.checkpoint !== undefined) {
    if (flags.config === undefined) throw new ShivaError('SHIVA_ERR_USAGE', `--config: expected the run configuration that checkpoint ${flags.checkpoint} was trained with, got none`);
    return { kind: 'checkpoint', path: flags.checkpoint, config: flags.config, deterministic: !flags.stochastic };
  }
  if (flags.expert === undefined) throw new ShivaError('SHIVA_ERR_USAGE', '--expert: expected scripted:NAME, or --checkpoint PATH --config CONFIG, got neither');
  if (flags.stochastic && !flags.expert.startsWith('onnx:')) throw new ShivaError('SHIVA_ERR_USAGE', '--stochastic: expected only with --checkpoint or --expert onnx:PATH (a scripted expert acts as written)');
  return parseScriptedExpert(flags.expert, !flags.stochastic);
}
