/**
 * `shiva unity-standin`: a built-in environment served over the real protocol, in a Unity build's place.
 */
import type { Command } from 'commander';
import { getBuiltinEnv } from '../../envs/registry.js';
import { UnityStandIn } from '../../envs/standin/unity-standin.js';
import { grpcConnection, webSocketConnection } from '../../envs/standin/trainer-connection.js';
import { createLogger } from '../telemetry/logger.js';
import { integer } from './parse-options.js';

export function registerUnityStandIn(program: Command): void {
  program
    .command('unity-standin')
    .description('serve a built-in environment to a trainer over the ML-Agents protocol, as a Unity build does; exits 0 when the trainer closes (status 400)')
    .requiredOption('--env <name>', 'built-in environment (cartpole, gridworld, ...)')
    .option('--port <port>', 'trainer port on localhost (gRPC)', integer(1, 65535), 5004)
    .option('--mlagents-port <port>', "same as --port; the flag Unity players read, so a launcher can start the stand-in like a build", integer(1, 65535))
    .option('--ws <url>', 'connect over WebSocket to this URL instead of gRPC')
    .option('--num-areas <n>', "copies of the task (default: the trainer's num_areas)", integer(1))
    .option('--seed <seed>', "overrides the trainer's seed", integer(0))
    .option('--decision-period <n>', 'academy steps between decisions', integer(1))
    .option('--no-png', 'send visual observations uncompressed')
    .action(async (opts: { env: string; port: number; mlagentsPort?: number; ws?: string; numAreas?: number; seed?: number; decisionPeriod?: number; png: boolean }) => {
      const logger = createLogger('unity-standin');
      const env = getBuiltinEnv(opts.env);
      const port = opts.mlagentsPort ?? opts.port;
      const connection = opts.ws ? await webSocketConnection(opts.ws) : grpcConnection(port);
      const standIn = new UnityStandIn(env, connection, {
        logger,
        compression: opts.png ? 'png' : 'none',
        ...(opts.numAreas !== undefined ? { numAreas: opts.numAreas } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.decisionPeriod !== undefined ? { decisionPeriod: opts.decisionPeriod } : {}),
      });
      try {
        const report = await standIn.run();
        logger.info(report, 'trainer closed the connection');
        process.stdout.write(JSON.stringify({ env: env.name, ...report }) + '\n');
      } finally {
        connection.close();
      }
    });
}
