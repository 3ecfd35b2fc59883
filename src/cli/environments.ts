/**
 * The environments of a run, from its settings:
 * - `builtin:NAME`: NUM_ENVS scenes stepped in-process (no Unity, no sockets), on the main thread or, with
 *   `envWorkers` (shiva.env_workers, --env-workers), in that many worker threads (envs/workers/);
 * - `standin:NAME`: NUM_ENVS Unity stand-ins launched as child processes and connected over gRPC exactly as
 *   Unity builds are (base_port + worker_id) — the whole bridge, with no Unity;
 * - a path: NUM_ENVS Unity executables launched the same way;
 * - nothing: listen on 5004 (or SHIVA_EDITOR_PORT, or an explicit --base-port) for the Unity Editor (press Play), as
 *   mlagents-learn does on 5004.
 */
import type { Logger } from 'pino';
import type { RunConfig } from '../config/index.js';
import { BridgePool } from '../bridge/bridge-pool.js';
import { EDITOR_PORT, listenOptionsOf, type ListenOptions } from '../bridge/bridge-options.js';
import type { Environment } from '../core/env/environment.js';
import { LocalEnv } from '../core/env/local-env.js';
import type { EngineConfiguration, EnvironmentParameter } from '../core/env/environment-parameters.js';
import { ShivaError } from '../core/errors.js';
import type { TrainingBehaviorInitialized, TrainingEnvironmentInitialized } from '../protocol/side-channels/training-analytics.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { openSceneWorkers } from '../../envs/workers/scene-workers.js';
import { shivaCommand } from './self-command.js';

/** With ListenOptions: where the gRPC listeners bind (default loopback), and what reaches them off loopback. */
export interface EnvironmentSettings extends ListenOptions {
  /** "builtin:NAME", "standin:NAME", an executable path, or null for the Editor. */
  readonly env: string | null;
  readonly envArgs: readonly string[];
  readonly numEnvs: number;
  /** Built-in scenes only: worker threads that step them (at most numEnvs are used); 0 or absent: the main thread. */
  readonly envWorkers?: number;
  readonly numAreas: number;
  readonly basePort: number;
  readonly seed: number;
  readonly timeoutMs: number | null;
  readonly noGraphics: boolean;
  readonly logDir: string;
  readonly maxRestarts: number;
  /** restarts_rate_limit_n (-1: none) and restarts_rate_limit_period_s. */
  readonly restartsRateLimit?: { readonly n: number; readonly periodS: number };
  readonly engine: EngineConfiguration;
  readonly parameters: Readonly<Record<string, EnvironmentParameter>>;
  readonly logger: Logger;
  /**
   * The Editor (no env): the port it is awaited on (an explicit --base-port; absent: SHIVA_EDITOR_PORT or 5004), and
   * how long to wait for Play (absent or null: as long as it takes).
   */
  readonly editor?: { readonly port?: number; readonly connectTimeoutMs?: number | null };
  /** What a trainer tells Unity on the TrainingAnalytics side channel (shiva train); without it nothing is sent there. */
  readonly analytics?: { readonly environment: TrainingEnvironmentInitialized; readonly behavior: (behaviorName: string) => TrainingBehaviorInitialized | null };
}

/**
 * The environment settings of a run configuration, with what the caller decides (seed, logs, restarts). `explicit`:
 * which of --base-port and --timeout-wait the command line gave. For the Editor, Shiva honours an explicit
 * --base-port (a departure: mlagents-learn always uses 5004 there) and waits for Play as long as it takes unless
 * timeout_wait was given (in the file or by --timeout-wait).
 */
export function environmentSettings(
  config: RunConfig,
  run: { seed: number; logDir: string; maxRestarts?: number; logger: Logger; explicit?: { readonly basePort?: boolean; readonly timeoutWait?: boolean } } & ListenOptions,
): EnvironmentSettings {
  const env = config.envSettings;
  const timeoutGiven = run.explicit?.timeoutWait === true || config.lines.has('env_settings.timeout_wait');
  return {
    env: env.builtinEnv ? `builtin:${env.builtinEnv}` : env.envPath,
    envArgs: env.envArgs,
    numEnvs: env.numEnvs,
    envWorkers: config.shiva.envWorkers,
    numAreas: env.numAreas,
    basePort: env.basePort,
    seed: run.seed,
    timeoutMs: env.timeoutWait > 0 ? env.timeoutWait * 1000 : null,
    noGraphics: config.engineSettings.noGraphics,
    logDir: run.logDir,
    maxRestarts: run.maxRestarts ?? (env.maxLifetimeRestarts < 0 ? Number.MAX_SAFE_INTEGER : env.maxLifetimeRestarts),
    restartsRateLimit: { n: env.restartsRateLimitN, periodS: env.restartsRateLimitPeriodS },
    ...listenOptionsOf(run),
    editor: { ...(run.explicit?.basePort ? { port: env.basePort } : {}), connectTimeoutMs: timeoutGiven ? env.timeoutWait * 1000 : null },
    engine: config.engineSettings,
    parameters: config.environmentParameters,
    logger: run.logger,
  };
}

export interface RunEnvironments {
  readonly envs: Environment[];
  readonly describe: string;
  /**
   * Waits until every simulation has connected (nothing to wait for in-process). Fails at once when a launched
   * one cannot be started or keeps exiting (SHIVA_ERR_LAUNCH), and ends at once when `signal` aborts.
   */
  connect(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * The port the Unity Editor connects to: 5004, as in ML-Agents, or SHIVA_EDITOR_PORT when the Editor's ML-Agents
 * project settings use another (Unity's MLAgentsSettings.EditorPort).
 */
export function editorPort(): number {
  const text = process.env.SHIVA_EDITOR_PORT;
  if (text === undefined || text === '') return EDITOR_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ShivaError('SHIVA_ERR_USAGE', `SHIVA_EDITOR_PORT: expected a port 1..65535 (the Editor's ML-Agents port), got "${text}"`);
  return port;
}

/** A built-in scene's environments in `workers` threads: stepped as connected simulations are (RemoteEnv). */
function builtinInWorkers(scene: string, workers: number, s: EnvironmentSettings): RunEnvironments {
  const opened = openSceneWorkers({ scene, numEnvs: s.numEnvs, numWorkers: workers, numAreas: s.numAreas, seed: s.seed });
  for (const env of opened.envs) if (Object.keys(s.parameters).length > 0) env.setEnvironmentParameters(s.parameters);
  return {
    envs: opened.envs,
    describe: `${s.numEnvs} × builtin:${scene} in ${workers} worker thread(s) (${s.numAreas} area(s) each)`,
    connect: async () => undefined,
    close: () => opened.close(),
  };
}

export async function openEnvironments(s: EnvironmentSettings): Promise<RunEnvironments> {
  if (s.env?.startsWith('builtin:')) {
    const builtin = getBuiltinEnv(s.env.slice('builtin:'.length));
    // A command that runs fewer environments than the file (record: one) runs them in as many threads.
    const workers = Math.min(s.envWorkers ?? 0, s.numEnvs);
    if (workers > 0) return builtinInWorkers(builtin.name, workers, s);
    const envs = Array.from({ length: s.numEnvs }, (_, i) => new LocalEnv(`builtin:${builtin.name}#${i}`, builtin.factory, { numAreas: s.numAreas, seed: s.seed + i, decisionPeriod: builtin.decisionPeriod }));
    for (const env of envs) if (Object.keys(s.parameters).length > 0) env.setEnvironmentParameters(s.parameters);
    return { envs, describe: `${s.numEnvs} × builtin:${builtin.name} in-process (${s.numAreas} area(s) each)`, connect: async () => undefined, close: async () => undefined };
  }
  let launch: ConstructorParameters<typeof BridgePool>[0]['launch'];
  let describe: string;
  const on = s.host !== undefined ? ` on ${s.host}` : '';
  const limit = s.restartsRateLimit ? { restartsRateLimit: s.restartsRateLimit } : {};
  if (s.env?.startsWith('standin:')) {
    const name = getBuiltinEnv(s.env.slice('standin:'.length)).name;
    const self = shivaCommand();
    launch = { command: self.command, args: [...self.args, 'unity-standin', '--env', name], logDir: s.logDir, maxRestarts: s.maxRestarts, ...limit, noGraphics: true };
    describe = `${s.numEnvs} × stand-in ${name} over gRPC${on} from port ${s.basePort}`;
  } else if (s.env) {
    launch = { command: s.env, args: s.envArgs, logDir: s.logDir, maxRestarts: s.maxRestarts, ...limit, noGraphics: s.noGraphics };
    describe = `${s.numEnvs} × ${s.env} over gRPC${on} from port ${s.basePort}`;
  } else {
    describe = `the Unity Editor on ${s.host ?? 'localhost'}:${s.editor?.port ?? editorPort()} (press Play)`;
  }
  const pool = new BridgePool({
    basePort: s.env ? s.basePort : (s.editor?.port ?? editorPort()),
    numEnvs: s.env ? s.numEnvs : 1,
    seed: s.seed,
    numAreas: s.numAreas,
    timeoutMs: s.timeoutMs,
    // The Editor: as long as it takes for Play, unless timeout_wait was given.
    connectTimeoutMs: s.env ? s.timeoutMs : (s.editor?.connectTimeoutMs ?? null),
    logger: s.logger,
    ...listenOptionsOf(s),
    ...(launch ? { launch } : {}),
    ...(s.analytics ? { analytics: s.analytics.environment, behaviorAnalytics: s.analytics.behavior } : {}),
  });
  await pool.start();
  for (const env of pool.envs) {
    env.setEngineConfiguration(s.engine);
    if (Object.keys(s.parameters).length > 0) env.setEnvironmentParameters(s.parameters);
  }
  if (!s.env) s.logger.info({ port: pool.servers[0]!.boundPort }, `Listening on port ${pool.servers[0]!.boundPort}. Start training by pressing the Play button in the Unity Editor.`);
  const connect = async (signal?: AbortSignal) => {
    // The first failure ends the other waits too.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal!.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.all(
        pool.envs.map((env) =>
          env.connect(stop.signal).catch((error: unknown) => {
            stop.abort(error);
            throw error;
          }),
        ),
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };
  return { envs: pool.envs, describe, connect, close: () => pool.shutdown() };
}
