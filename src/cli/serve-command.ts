/**
 * `shiva serve CONFIG --checkpoint PATH|onnx:PATH [--env ENV] [--num-envs N] [--base-port P] [--stochastic]
 * [--duration S] [--seed S] [listener flags]`: trained policies act for every connected scene without learning,
 * until Ctrl-C (or --duration); one JSON line of what was served.
 */
import type { Command } from 'commander';
import { loadRunConfig, type CliOverrides } from '../config/index.js';
import { createLogger } from '../telemetry/logger.js';
import { LISTEN_HELP, listenFromFlags, type ListenFlags } from './listen-flags.js';
import { integer, number } from './parse-options.js';
import { serve } from './serve.js';
import { onShutdownSignal } from './shutdown.js';

interface ServeFlags extends ListenFlags {
  checkpoint: string;
  env?: string;
  numEnvs?: number;
  basePort?: number;
  runId?: string;
  stochastic?: boolean;
  duration?: number;
  seed: number;
}

export const SERVE_EXAMPLES = `
Examples:
  shiva serve run.yaml --checkpoint results/ppo/checkpoints/checkpoint-final.ckpt     (the Editor: press Play)
  shiva serve run.yaml --checkpoint onnx:results/ppo/Basic.onnx --env ./Build/Basic.x86_64 --num-envs 4
  shiva serve run.yaml --checkpoint onnx:results/ppo --env standin:basic --num-envs 16 --duration 60
`;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('inference serving: scenes connect as for training and trained policies act for them (through the rules), nothing learns; until Ctrl-C; prints one JSON line (decisions, episodes, mean returns)')
    .argument('<config>', 'the run configuration (behaviors, rule files, environment)')
    .requiredOption('--checkpoint <path>', 'a Shiva checkpoint (RESULTS/RUN_ID/checkpoints/*.ckpt, tfjs), or onnx:PATH: an ONNX model in ML-Agents\' contract (BEHAVIOR.onnx) or a folder of them, run by onnxruntime')
    .option('--env <env>', "builtin:NAME, standin:NAME or a Unity executable (default: the config's; none: the Editor)")
    .option('--num-envs <n>', 'simulations to serve at once (default: the config\'s)', integer(1, 256))
    .option('--base-port <port>', "first port, one per simulation (default: the config's)", integer(0, 65535))
    .option('--run-id <id>', "where traces go: RESULTS/RUN_ID/traces (default: the config's run id)")
    .option('--stochastic', 'sample actions from the policy instead of taking the most probable (greedy) ones')
    .option('--duration <seconds>', 'stop after this many seconds of serving (default: until Ctrl-C)', number(0, { exclusive: true }))
    .option('--seed <seed>', 'seed of built-in scenes and of the rules\' sampling', integer(0), 0)
    .option('--host <host>', 'the address the listeners bind (default localhost)')
    .option('--allow-remote', LISTEN_HELP.allowRemote)
    .option('--token <token>', LISTEN_HELP.token)
    .option('--insecure-no-token', LISTEN_HELP.insecureNoToken)
    .option('--tls-cert <file>', LISTEN_HELP.tlsCert)
    .option('--tls-key <file>', LISTEN_HELP.tlsKey)
    .addHelpText('after', SERVE_EXAMPLES)
    .action(async (file: string, flags: ServeFlags) => {
      const overrides: CliOverrides = {
        ...(flags.env ? { env: flags.env } : {}),
        ...(flags.numEnvs !== undefined ? { numEnvs: flags.numEnvs } : {}),
        ...(flags.basePort !== undefined ? { basePort: flags.basePort } : {}),
        ...(flags.runId ? { runId: flags.runId } : {}),
      };
      const config = loadRunConfig(file, overrides);
      const logger = createLogger('serve');
      const listen = await listenFromFlags(flags, 'shiva serve', (line) => process.stderr.write(line));
      const stop = new AbortController();
      const off = onShutdownSignal(
        async () => stop.abort(),
        (m) => logger.info(m),
        { exit: false, message: (signal) => `${signal}: serving ends once the decisions in flight are answered (press Ctrl-C again to force)` },
      );
      try {
        const result = await serve(config, {
          policy: flags.checkpoint,
          deterministic: !flags.stochastic,
          seed: flags.seed,
          durationS: flags.duration ?? null,
          signal: stop.signal,
          listen,
          explicit: { basePort: flags.basePort !== undefined },
          logger,
          onServing: (environments) => logger.info(`serving ${flags.checkpoint} to ${environments}; Ctrl-C ends it`),
        });
        logger.info(`served ${result.decisions} decisions in ${result.seconds.toFixed(1)} s (${Math.round(result.decisionsPerSecond)}/s) with ${result.runtime}`);
        process.stdout.write(JSON.stringify(result) + '\n');
      } finally {
        off();
      }
    });
}
