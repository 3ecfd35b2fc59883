/**
 * A real `nats-server -js` for the cluster tests: on a free loopback port, with its JetStream store in a temporary
 * folder, killed (and the folder removed) by stop(). Debian's package `nats-server` provides it (.ci/run installs
 * it); without one on PATH, `natsServerMissing` says why the tests skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freePort } from './free-port.js';

/** null when `nats-server` runs here; otherwise the reason to skip a test that needs it. */
export const natsServerMissing: string | null = (() => {
  const probe = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? 'nats-server is not on PATH (Debian: apt-get install nats-server; .ci/run installs it)' : null;
})();

export interface NatsServer {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** Kills the server (SIGKILL) and removes its store unless `keepStore`. */
  stop(options?: { keepStore?: boolean }): Promise<void>;
  /** Starts it again on the same port and store (a NATS restart under a run). */
  restart(): Promise<void>;
}

/** `token`: `--auth TOKEN`; `nkeyUsers`: public user NKeys (U…) the server accepts, through a config file. */
export async function startNatsServer(options: { readonly token?: string; readonly nkeyUsers?: readonly string[] } = {}): Promise<NatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'shiva-nats-'));
  const configArgs: string[] = [];
  if (options.nkeyUsers) {
    const file = join(storeDir, 'auth.conf');
    writeFileSync(file, `authorization {\n  users = [\n${options.nkeyUsers.map((k) => `    { nkey: ${k} }`).join('\n')}\n  ]\n}\n`);
    configArgs.push('-c', file);
  }
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, ...(options.token ? ['--auth', options.token] : []), ...configArgs];
    const proc = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    child = proc;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`nats-server exited with ${proc.exitCode}: ${log}`);
      if (await accepts(port)) return;
      if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port} within 10 s: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await launch();
  const kill = async (): Promise<void> => {
    const proc = child as ChildProcess | null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    async stop({ keepStore = false } = {}) {
      await kill();
      if (!keepStore) rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `fn` with a client of a fresh server and a temporary folder (named after `prefix`); all three are gone after it. */
export async function withNatsConnection(prefix: string, fn: (nc: NatsConnection, dir: string) => Promise<void>): Promise<void> {
  const nats = await startNatsServer();
  const nc = await connect({ servers: nats.url });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await fn(nc, dir);
  } finally {
    await nc.close();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
