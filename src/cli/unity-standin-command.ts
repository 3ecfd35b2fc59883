/**
 * `shiva unity-standin`: a built-in environment served over the real protocol, in a Unity build's place.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getBuiltinEnv } from '../../envs/registry.js';
import { UnityStandIn } from '../../envs/standin/unity-standin.js';
import { grpcConnection, webSocketConnection } from '../../envs/standin/trainer-connection.js';
import { ShivaError } from '../core/errors.js';
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
    .option('--send-drawings', "send area 0's drawing with every step on Shiva's scene-drawing side channel, as a Unity scene that registered it does (for the dashboard's map)")
    .option('--token <token>', "the trainer's token, for a trainer listening off loopback (default: SHIVA_TOKEN, which shiva train sets for the stand-ins it launches)")
    .option('--tls-ca <file>', "connect with TLS, trusting this PEM certificate (the trainer's --tls-cert, or its CA)")
    .action(async (opts: { env: string; port: number; mlagentsPort?: number; ws?: string; numAreas?: number; seed?: number; decisionPeriod?: number; png: boolean; sendDrawings?: boolean; token?: string; tlsCa?: string }) => {
      const logger = createLogger('unity-standin');
      const env = getBuiltinEnv(opts.env);
      const port = opts.mlagentsPort ?? opts.port;
      const token = opts.token ?? (process.env.SHIVA_TOKEN || undefined);
      const security = { ...(token ? { token } : {}), ...(opts.tlsCa ? { tlsCa: readPem(opts.tlsCa) } : {}) };
      const connection = opts.ws ? await webSocketConnection(opts.ws, security) : grpcConnection(port, 'localhost', security);
      const standIn = new UnityStandIn(env, connection, {
        logger,
        compression: opts.png ? 'png' : 'none',
        sendDrawings: opts.sendDrawings === true,
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

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--tls-ca: expected a readable PEM file, got "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}
