/**
 * `shiva bridge-demo`: the bridge end to end with no Unity (see bridge-demo.ts).
 */
import type { Command } from 'commander';
import { createLogger } from '../telemetry/logger.js';
import { progressBar } from '../telemetry/progress.js';
import { createDemoPool, runDemo } from './bridge-demo.js';
import { integer } from './parse-options.js';
import { onShutdownSignal } from './shutdown.js';

export function registerBridgeDemo(program: Command): void {
  program
    .command('bridge-demo')
    .description('launch stand-in scenes as child processes, drive them over the real ML-Agents gRPC protocol with random actions, and report (no Unity needed)')
    .option('--env <name>', 'built-in environment for the stand-ins', 'gridworld')
    .option('--num-envs <n>', 'stand-in processes, one per port', integer(1, 64), 2)
    .option('--steps <n>', 'steps to run', integer(1), 2000)
    .option('--base-port <port>', 'first port (one per stand-in); 0 picks free ports', integer(0, 65535), 5005)
    .option('--seed <seed>', 'seed', integer(0), 0)
    .option('--log-dir <dir>', 'stand-in player logs', 'results/demo')
    .action(async (opts: { env: string; numEnvs: number; steps: number; basePort: number; seed: number; logDir: string }) => {
      const logger = createLogger('bridge-demo');
      const pool = createDemoPool({ ...opts, logger });
      onShutdownSignal(() => pool.shutdown(), (m) => logger.warn(m));
      const bar = progressBar(opts.steps, `demo ${opts.env} x${opts.numEnvs}`, 'episodes {episodes}');
      const summary = await runDemo({ ...opts, logger, onProgress: (step, episodes) => bar.update(step, { episodes }) }, pool).finally(() => bar.stop());
      process.stdout.write(JSON.stringify(summary) + '\n');
    });
}
