/**
 * `shiva dashboard --results-dir DIR [--port P] [--host H --allow-remote [--token T]]`: a view-only web page over a
 * results folder (curves of every run, live for the running one; why each traced decision was taken), served on
 * loopback until stopped (Ctrl-C). Off loopback it needs --allow-remote and a token (listen-flags.ts: --token,
 * SHIVA_TOKEN, or one generated and printed once); the page is then opened at /?token=TOKEN.
 */
import type { Command } from 'commander';
import { LISTEN_HELP, listenFromFlags } from '../listen-flags.js';
import { integer } from '../parse-options.js';
import { onShutdownSignal } from '../shutdown.js';
import { DashboardServer } from './dashboard-server.js';

export const DEFAULT_DASHBOARD_PORT = 6070;

interface DashboardFlags {
  resultsDir: string;
  port: number;
  host?: string;
  allowRemote?: boolean;
  token?: string;
}

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('serve a view-only web dashboard of a results folder: every run\'s curves (live for a running one; smoothing, log scale, zoom, runs overlaid) and why each traced decision was taken (the policy, each rule\'s factor, the combined distribution, `shiva explain`\'s text); on loopback unless --allow-remote')
    .option('--results-dir <dir>', 'the results folder whose runs it shows', 'results')
    .option('--port <port>', 'port to listen on (0: a free one)', integer(0, 65535), DEFAULT_DASHBOARD_PORT)
    .option('--host <address>', 'address to listen on (default: localhost, i.e. 127.0.0.1 and ::1)')
    .option('--allow-remote', LISTEN_HELP.allowRemote)
    .option('--token <token>', 'the secret every request must present (open the page at /?token=TOKEN; or "authorization: Bearer TOKEN"); default off loopback: SHIVA_TOKEN, else one is generated')
    .action(async (flags: DashboardFlags) => {
      const print = (line: string) => process.stderr.write(line);
      const listen = await listenFromFlags({ ...(flags.host !== undefined ? { host: flags.host } : {}), ...(flags.allowRemote ? { allowRemote: true } : {}), ...(flags.token !== undefined ? { token: flags.token } : {}) }, 'shiva dashboard', print);
      const server = await DashboardServer.open({
        resultsDir: flags.resultsDir,
        port: flags.port,
        ...(listen.host !== undefined ? { host: listen.host } : {}),
        ...(listen.allowRemote ? { allowRemote: true } : {}),
        ...(listen.token !== undefined ? { token: listen.token } : {}),
      });
      const open = listen.token !== undefined ? `${server.url}?token=TOKEN` : server.url;
      process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, resultsDir: flags.resultsDir })}\n`);
      print(`shiva dashboard: ${flags.resultsDir} at ${open} (view-only; Ctrl-C stops it)\n`);
      onShutdownSignal(() => server.close(), () => undefined, { message: () => null });
    });
}
