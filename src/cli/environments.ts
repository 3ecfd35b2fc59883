/**
 * The environments of a run, from its settings:
 * - `builtin:NAME`: NUM_ENVS scenes stepped in-process (no Unity, no sockets);
 * - `standin:NAME`: NUM_ENVS Unity stand-ins launched as child processes and connected over gRPC exactly as
 *   Unity builds are (base_port + worker_id) — the whole bridge, with no Unity;
 * - a path: NUM_ENVS Unity executables launched the same way;
 * - nothing: listen on 5004 for the Unity Editor (press Play), as mlagents-learn does.
 */
import type { Logger } from 'pino';
import type { RunConfig } from '../config/index.js';
import { BridgePool } from '../bridge/bridge-pool.js';
import { EDITOR_PORT } from '../bridge/bridge-options.js';
import type { Environment } from '../core/env/environment.js';
import { LocalEnv } from '../core/env/local-env.js';
import type { EngineConfiguration, EnvironmentParameter } from '../core/env/environment-parameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { shivaCommand } from './self-command.js';

export interface EnvironmentSettings {
  /** "builtin:NAME", "standin:NAME", an executable path, or null for the Editor. */
  readonly env: string | null;
  readonly envArgs: readonly string[];
  readonly numEnvs: number;
  readonly numAreas: number;
  readonly basePort: number;
  readonly seed: number;
  readonly timeoutMs: number | null;
  readonly noGraphics: boolean;
  readonly logDir: string;
  readonly maxRestarts: number;
  readonly engine: EngineConfiguration;
  readonly parameters: Readonly<Record<string, EnvironmentParameter>>;
  readonly logger: Logger;
}

/** The environment settings of a run configuration, with what the caller decides (seed, logs, restarts). */
export function environmentSettings(config: RunConfig, run: { seed: number; logDir: string; maxRestarts?: number; logger: Logger }): EnvironmentSettings {
  const env = config.envSettings;
  return {
    env: env.builtinEnv ? `builtin:${env.builtinEnv}` : env.envPath,
    envArgs: env.envArgs,
    numEnvs: env.numEnvs,
    numAreas: env.numAreas,
    basePort: env.basePort,
    seed: run.seed,
    timeoutMs: env.timeoutWait > 0 ? env.timeoutWait * 1000 : null,
    noGraphics: config.engineSettings.noGraphics,
    logDir: run.logDir,
    maxRestarts: run.maxRestarts ?? (env.maxLifetimeRestarts < 0 ? Number.MAX_SAFE_INTEGER : env.maxLifetimeRestarts),
    engine: config.engineSettings,
    parameters: config.environmentParameters,
    logger: run.logger,
  };
}

export interface RunEnvironments {
  readonly envs: Environment[];
  readonly describe: string;
  close(): Promise<void>;
}

export async function openEnvironments(s: EnvironmentSettings): Promise<RunEnvironments> {
  if (s.env?.startsWith('builtin:')) {
    const builtin = getBuiltinEnv(s.env.slice('builtin:'.length));
    const envs = Array.from({ length: s.numEnvs }, (_, i) => new LocalEnv(`builtin:${builtin.name}#${i}`, builtin.factory, { numAreas: s.numAreas, seed: s.seed + i, decisionPeriod: builtin.decisionPeriod }));
    for (const env of envs) if (Object.keys(s.parameters).length > 0) env.setEnvironmentParameters(s.parameters);
    return { envs, describe: `${s.numEnvs} × builtin:${builtin.name} in-process (${s.numAreas} area(s) each)`, close: async () => undefined };
  }
  let launch: ConstructorParameters<typeof BridgePool>[0]['launch'];
  let describe: string;
  if (s.env?.startsWith('standin:')) {
    const name = getBuiltinEnv(s.env.slice('standin:'.length)).name;
    const self = shivaCommand();
    launch = { command: self.command, args: [...self.args, 'unity-standin', '--env', name], logDir: s.logDir, maxRestarts: s.maxRestarts, noGraphics: true };
    describe = `${s.numEnvs} × stand-in ${name} over gRPC from port ${s.basePort}`;
  } else if (s.env) {
    launch = { command: s.env, args: s.envArgs, logDir: s.logDir, maxRestarts: s.maxRestarts, noGraphics: s.noGraphics };
    describe = `${s.numEnvs} × ${s.env} over gRPC from port ${s.basePort}`;
  } else {
    describe = `the Unity Editor on port ${EDITOR_PORT} (press Play)`;
  }
  const pool = new BridgePool({
    basePort: s.env ? s.basePort : EDITOR_PORT,
    numEnvs: s.env ? s.numEnvs : 1,
    seed: s.seed,
    numAreas: s.numAreas,
    timeoutMs: s.timeoutMs,
    connectTimeoutMs: s.env ? s.timeoutMs : null,
    logger: s.logger,
    ...(launch ? { launch } : {}),
  });
  await pool.start();
  for (const env of pool.envs) {
    env.setEngineConfiguration(s.engine);
    if (Object.keys(s.parameters).length > 0) env.setEnvironmentParameters(s.parameters);
  }
  return { envs: pool.envs, describe, close: () => pool.shutdown() };
}
