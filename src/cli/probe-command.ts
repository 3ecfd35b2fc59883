/**
 * `shiva probe`: check a Unity scene before training.
 */
import type { Command } from 'commander';
import { createLogger } from '../telemetry/logger.js';
import { ENVIRONMENT_HELP } from './help-text.js';
import { LISTEN_HELP, listenFromFlags, type ListenFlags } from './listen-flags.js';
import { integer, nonNegativeNumber, timeoutMs } from './parse-options.js';
import { formatSpecs, probe } from './probe.js';

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('wait for a Unity scene (press Play), print its behavior specs, run random steps that respect its masks, reset, and close; prints one JSON summary line on stdout')
    .option('--port <port>', 'port to listen on (5004 = the Editor)', integer(0, 65535), 5004)
    .option('--steps <n>', 'random steps to run', integer(0), 100)
    .option('--timeout <seconds>', 'wait for the scene, and for each of its messages; 0 waits forever', nonNegativeNumber, 60)
    .option('--seed <seed>', 'seed for the random actions and the handshake', integer(0), 0)
    .option('--host <address>', 'address to listen on (default: localhost, i.e. 127.0.0.1 and ::1)')
    .option('--allow-remote', LISTEN_HELP.allowRemote)
    .option('--token <token>', LISTEN_HELP.token)
    .option('--insecure-no-token', LISTEN_HELP.insecureNoToken)
    .option('--tls-cert <file>', LISTEN_HELP.tlsCert)
    .option('--tls-key <file>', LISTEN_HELP.tlsKey)
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (opts: { port: number; steps: number; timeout: number; seed: number } & ListenFlags) => {
      const listen = await listenFromFlags(opts, 'shiva probe', (line) => process.stderr.write(line));
      const logger = createLogger('probe');
      const summary = await probe({
        port: opts.port,
        steps: opts.steps,
        timeoutMs: timeoutMs(opts.timeout),
        seed: opts.seed,
        logger,
        ...listen,
        onListening: (port) => process.stderr.write(`shiva probe: listening on ${opts.host ?? 'localhost'}:${port}; press Play in the Unity Editor (or start the build with --mlagents-port ${port})\n`),
        onSpecs: (specs) => process.stderr.write(`shiva probe: the scene has ${specs.length} behavior(s):\n${formatSpecs(specs)}\n`),
      });
      process.stdout.write(JSON.stringify(summary) + '\n');
    });
}
