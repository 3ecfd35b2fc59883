/**
 * Many simulations at once: one listener per port (base_port + worker_id, as ML-Agents assigns them), and
 * optionally one launched executable per port, restarted when it crashes. Each connected simulation is a
 * session; `envs[i]` is worker i's as an Environment that survives restarts. A port with a launched player serves
 * only that player: one connection made after each (re)start; any other is refused (session-hub.ts).
 */
import type { Logger } from 'pino';
import { DEFAULT_TIMEOUT_MS, type BridgeOptions } from './bridge-options.js';
import { GrpcBridgeServer } from './grpc-server.js';
import { UnityProcess } from './unity-launcher.js';
import { ResilientRemoteEnv } from './resilient-remote-env.js';
import { silentLogger } from '../telemetry/logger.js';

export interface PoolOptions extends BridgeOptions {
  readonly basePort: number;
  readonly numEnvs: number;
  /** Launch this executable per worker; without it the pool waits for simulations started elsewhere. */
  readonly launch?: {
    readonly command: string;
    readonly args?: readonly string[];
    readonly noGraphics?: boolean;
    readonly logDir: string;
    readonly maxRestarts?: number;
    readonly restartsRateLimit?: { readonly n: number; readonly periodS: number };
  };
  /** How long to wait for each simulation to connect; null waits forever. */
  readonly connectTimeoutMs?: number | null;
  /** How long a launched child gets to exit after the closing 400 before SIGTERM (ML-Agents' timeout_wait). Default: timeoutMs, else 60 s. */
  readonly exitWaitMs?: number;
}

export class BridgePool {
  readonly servers: GrpcBridgeServer[] = [];
  readonly processes: UnityProcess[] = [];
  readonly envs: ResilientRemoteEnv[] = [];
  private readonly logger: Logger;

  constructor(readonly options: PoolOptions) {
    this.logger = options.logger ?? silentLogger();
  }

  async start(): Promise<this> {
    try {
      for (let worker = 0; worker < this.options.numEnvs; worker++) {
        // Port 0 asks each listener for a free port (tests); otherwise base_port + worker_id, as ML-Agents assigns.
        const port = this.options.basePort === 0 ? 0 : this.options.basePort + worker;
        // As mlagents-learn: only worker 0 tells its simulation which behaviors train (TrainingBehaviorInitialized).
        const { behaviorAnalytics, ...shared } = this.options;
        const server = await new GrpcBridgeServer(port, { ...shared, ...(worker === 0 && behaviorAnalytics ? { behaviorAnalytics } : {}), logger: this.logger }).start();
        this.servers.push(server);
        let process: UnityProcess | null = null;
        if (this.options.launch) {
          const l = this.options.launch;
          process = new UnityProcess({
            command: l.command,
            ...(l.args ? { args: l.args } : {}),
            port: server.boundPort,
            workerId: worker,
            ...(l.noGraphics !== undefined ? { noGraphics: l.noGraphics } : {}),
            logDir: l.logDir,
            ...(l.maxRestarts !== undefined ? { maxRestarts: l.maxRestarts } : {}),
            ...(l.restartsRateLimit ? { restartsRateLimit: l.restartsRateLimit } : {}),
            logger: this.logger,
          });
          this.processes.push(process);
          // The port is the launched player's: at each (re)start the listener serves only a connection its process
          // dialled (or, where that cannot be known, one made after the start), and only one (the others are
          // strangers: refused with SHIVA_ERR_STRANGER).
          const who = `worker ${worker}: ${l.command}, port ${server.boundPort}`;
          const player = process;
          process.onStart = () => server.hub.expectPlayer(who, performance.now(), player.pid ?? null);
          process.start();
        }
        // null waits forever (the Editor's Play); only an absent option means the 120 s default.
        this.envs.push(new ResilientRemoteEnv(server, process, this.options.connectTimeoutMs === undefined ? 120_000 : this.options.connectTimeoutMs));
      }
    } catch (error) {
      await this.shutdown();
      throw error;
    }
    return this;
  }

  /** Held calls answered with status 400, listeners closed, children ended. */
  async shutdown(): Promise<void> {
    for (const p of this.processes) p.expectExit(); // told to stop with 400: their exit is no crash
    await Promise.allSettled(this.servers.map((s) => s.stop()));
    const exitWaitMs = this.options.exitWaitMs ?? (this.options.timeoutMs || DEFAULT_TIMEOUT_MS);
    await Promise.allSettled(this.processes.map((p) => p.stop({ exitWaitMs })));
  }
}
