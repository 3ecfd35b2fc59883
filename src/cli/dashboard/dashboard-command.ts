/**
 * `shiva dashboard --results-dir DIR [--port P] [--host H --allow-remote [--token T]]`: a view-only web page over a
 * results folder (curves of every run, live for the running one; why each traced decision was taken), served on
 * loopback until stopped (Ctrl-C). Off loopback it needs --allow-remote and a token (listen-flags.ts: --token,
 * SHIVA_TOKEN, or one generated and printed once); the page is then opened at /?token=TOKEN.
 *
 * `--seat ENV --seat-out FILE.demo`: the human seat of `shiva record --human` (record-human.ts) on the same server:
 * a Seat tab where a person plays ENV's behavior from the map, recorded as a .demo. Loopback only (refused with
 * --allow-remote or a --host that is not loopback). When its episodes are recorded the file is written (temporary
 * name, then renamed), the page and stdout say so, and the dashboard keeps serving; Ctrl-C during the recording
 * leaves no file. A seat that cannot start (an unknown scene or behavior) ends the command with its error.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { checkBind } from '../../bridge/listen.js';
import type { EnvironmentParameter } from '../../core/env/environment-parameters.js';
import { ShivaError, isShivaError } from '../../core/errors.js';
import { createLogger } from '../../telemetry/logger.js';
import { LISTEN_HELP, listenFromFlags } from '../listen-flags.js';
import { integer, nonNegativeNumber, timeoutMs } from '../parse-options.js';
import type { RecordResult } from '../record.js';
import { recordHuman } from '../record-human.js';
import { onShutdownSignal } from '../shutdown.js';
import { DashboardServer } from './dashboard-server.js';

export const DEFAULT_DASHBOARD_PORT = 6070;

interface DashboardFlags {
  resultsDir: string;
  port: number;
  host?: string;
  allowRemote?: boolean;
  token?: string;
  seat?: string;
  seatOut?: string;
  seatBehavior?: string;
  seatEpisodes: number;
  seatSeed: number;
  seatParam?: Record<string, EnvironmentParameter>;
  seatBasePort?: number;
  seatTimeoutWait: number;
}

/** `--seat-param NAME=VALUE`, repeatable: environment parameters sent before the seat's first episode. */
function seatParam(value: string, previous: Record<string, EnvironmentParameter> | undefined): Record<string, EnvironmentParameter> {
  const at = value.indexOf('=');
  const name = at > 0 ? value.slice(0, at) : '';
  const x = Number(at > 0 ? value.slice(at + 1) : NaN);
  if (name === '' || value.slice(at + 1).trim() === '' || !Number.isFinite(x)) throw new InvalidArgumentError(`expected NAME=NUMBER, got "${value}"`);
  return { ...(previous ?? {}), [name]: x };
}

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description(
      'serve a view-only web dashboard of a results folder: every run\'s curves (live for a running one; smoothing, log scale, zoom, runs overlaid), recorded episodes on the mission map, and why each traced decision was taken (the policy, each rule\'s factor, the combined distribution, `shiva explain`\'s text); on loopback unless --allow-remote. With --seat ENV --seat-out FILE.demo it also serves the human seat in a Seat tab (loopback only): a person plays ENV from the map, picking actions by name, and the episodes are recorded as a .demo (a JSON line {seat: {file, behavior, steps, episodes, meanReward}} on stdout when done; the dashboard keeps serving)',
    )
    .option('--results-dir <dir>', 'the results folder whose runs it shows', 'results')
    .option('--port <port>', 'port to listen on (0: a free one)', integer(0, 65535), DEFAULT_DASHBOARD_PORT)
    .option('--host <address>', 'address to listen on (default: localhost, i.e. 127.0.0.1 and ::1)')
    .option('--allow-remote', LISTEN_HELP.allowRemote)
    .option('--token <token>', 'the secret every request must present (open the page at /?token=TOKEN; or "authorization: Bearer TOKEN"); default off loopback: SHIVA_TOKEN, else one is generated')
    .option('--seat <env>', 'serve the human seat for this environment (builtin:NAME, standin:NAME or a Unity executable), as `shiva record --human` does, in a Seat tab and at /seat/; loopback only')
    .option('--seat-out <file>', 'with --seat: the .demo file to write (written under a temporary name, then renamed)')
    .option('--seat-behavior <name>', 'with --seat: the behavior the person plays, "Name?team=N" or "Name" (default: the only one)')
    .option('--seat-episodes <n>', 'with --seat: complete episodes to record', integer(1), 1)
    .option('--seat-seed <seed>', 'with --seat: seed of the environment and of the other behaviors\' experts', integer(0), 12345)
    .option('--seat-param <name=value>', 'with --seat: an environment parameter sent before the first episode (repeatable; e.g. max_steps=50)', seatParam)
    .option('--seat-base-port <port>', 'with --seat: gRPC port of the stand-in or executable; 0: any free port (default 5005)', integer(0, 65535))
    .option('--seat-timeout-wait <seconds>', 'with --seat: wait this long for a simulation over gRPC (0: for ever)', nonNegativeNumber, 60)
    .action(async (flags: DashboardFlags, command: Command) => {
      const print = (line: string) => process.stderr.write(line);
      await checkSeatFlags(flags, command);
      const listen = await listenFromFlags({ ...(flags.host !== undefined ? { host: flags.host } : {}), ...(flags.allowRemote ? { allowRemote: true } : {}), ...(flags.token !== undefined ? { token: flags.token } : {}) }, 'shiva dashboard', print);
      const status: Record<string, unknown> = flags.seat === undefined ? {} : { env: flags.seat, behavior: flags.seatBehavior ?? null, out: flags.seatOut, episodes: flags.seatEpisodes, state: 'starting' };
      const server = await DashboardServer.open({
        resultsDir: flags.resultsDir,
        port: flags.port,
        ...(listen.host !== undefined ? { host: listen.host } : {}),
        ...(listen.allowRemote ? { allowRemote: true } : {}),
        ...(listen.token !== undefined ? { token: listen.token } : {}),
        ...(flags.seat !== undefined ? { seat: { describe: () => status } } : {}),
      });
      const open = listen.token !== undefined ? `${server.url}?token=TOKEN` : server.url;
      process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, resultsDir: flags.resultsDir, ...(server.seat ? { seat: server.seat.url } : {}) })}\n`);
      print(`shiva dashboard: ${flags.resultsDir} at ${open} (view-only${server.seat ? '; the human seat in its Seat tab' : ''}; Ctrl-C stops it)\n`);
      const stop = new AbortController();
      const recording = server.seat ? runSeat(flags, server, status, stop.signal) : null;
      onShutdownSignal(
        async () => {
          // The recording first: its decision waiting is dropped, its environment closed, its temporary file removed.
          stop.abort();
          await recording;
          await server.close();
        },
        () => undefined,
        { message: () => null },
      );
    });
}

/** The seat's flags belong together, and the seat stays on loopback (as `shiva record --human`'s page does). */
async function checkSeatFlags(flags: DashboardFlags, command: Command): Promise<void> {
  if (flags.seat === undefined) {
    const given = ['seatOut', 'seatBehavior', 'seatEpisodes', 'seatSeed', 'seatParam', 'seatBasePort', 'seatTimeoutWait'].filter((k) => command.getOptionValueSource(k) === 'cli');
    if (given.length > 0) throw new ShivaError('SHIVA_ERR_USAGE', `shiva dashboard: ${given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}: expected only with --seat ENV, got no --seat`);
    return;
  }
  if (flags.seatOut === undefined) throw new ShivaError('SHIVA_ERR_USAGE', `shiva dashboard: --seat-out: expected the .demo file the seat records to (with --seat ${flags.seat}), got none`);
  if (flags.allowRemote) throw new ShivaError('SHIVA_ERR_USAGE', 'shiva dashboard: --seat: expected a dashboard on loopback (the human seat is served on loopback only, as `shiva record --human`), got --allow-remote; drop one of them');
  const host = flags.host ?? 'localhost';
  const { remote, addresses } = await checkBind(host, { allowRemote: true, insecureNoToken: true }, 'shiva dashboard');
  if (remote) throw new ShivaError('SHIVA_ERR_BIND', `shiva dashboard: --seat: expected a loopback --host (the human seat is served on loopback only: 127.0.0.1, localhost, ::1), got "${host}" (${addresses.join(', ')})`);
}

/**
 * Records the seat's episodes through the dashboard's seat page; resolves when it has ended (done, failed or
 * stopped). A failure before the page was greeted (the scene or behavior cannot be had) ends the command.
 */
async function runSeat(flags: DashboardFlags, server: DashboardServer, status: Record<string, unknown>, signal: AbortSignal): Promise<void> {
  const print = (line: string) => process.stderr.write(line);
  let greeted = false;
  try {
    const result: RecordResult = await recordHuman({
      env: flags.seat!,
      ...(flags.seatBehavior !== undefined ? { behavior: flags.seatBehavior } : {}),
      episodes: flags.seatEpisodes,
      out: flags.seatOut!,
      seed: flags.seatSeed,
      ...(flags.seatBasePort !== undefined ? { basePort: flags.seatBasePort } : {}),
      timeoutMs: timeoutMs(flags.seatTimeoutWait),
      parameters: flags.seatParam ?? {},
      page: server.seat!,
      signal,
      logger: createLogger('dashboard-seat'),
      onListening: (url) => {
        greeted = true;
        status['state'] = 'recording';
        print(`shiva dashboard: the human seat is ready: open the Seat tab, or ${url}\n`);
      },
    });
    Object.assign(status, { state: 'done', behavior: result.behavior, result });
    process.stdout.write(`${JSON.stringify({ seat: result })}\n`);
    print(`shiva dashboard: the seat recorded ${result.episodes} episode(s), ${result.steps} rows, to ${result.file}; the dashboard keeps serving\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = isShivaError(error) ? error.code : 'unexpected';
    if (signal.aborted) {
      Object.assign(status, { state: 'stopped' });
      return;
    }
    Object.assign(status, { state: 'failed', error: `${message} [${code}]` });
    server.seat!.notify({ type: 'error', message });
    print(`shiva: --seat: ${message} [${code}]\n`);
    if (!greeted) {
      await server.close();
      process.exit(1);
    }
  }
}
