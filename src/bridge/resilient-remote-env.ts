/**
 * A worker's simulation as an Environment that outlives the connection: when a launched simulation crashes,
 * drops off, goes quiet or stops with status 400, the launcher restarts it (one that still runs is ended first),
 * and the step waits for the new connection and resets it (so every agent starts a new episode; `restarts` counts
 * these). This repeats as often as the launcher's limits allow (max_lifetime_restarts, restarts_rate_limit_n per
 * restarts_rate_limit_period_s): a player killed again right after reconnecting is restarted again. Without a
 * launcher, failures are rethrown. A wait for the connection ends at once when the launcher gives the child up (it
 * cannot be started, or it exited past the restart limits) or when the caller's signal aborts (Ctrl-C while
 * waiting for the Editor). Only the launched player is claimed (session-hub.ts: a connection its process dialled,
 * or where that cannot be known one made after its (re)start), never a stranger on its port.
 */
import type { SceneDrawing } from '../core/env/scene-drawing.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { EngineConfiguration, EnvironmentParameter } from '../core/env/environment-parameters.js';
import { RemoteEnv } from '../core/env/remote-env.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { ShivaError, isShivaError } from '../core/errors.js';
import type { GrpcBridgeServer } from './grpc-server.js';
import type { UnityProcess } from './unity-launcher.js';

/** Failures of the connection itself, after which a restarted player can go on. */
const RECOVERABLE = new Set(['SHIVA_ERR_DISCONNECTED', 'SHIVA_ERR_TIMEOUT', 'SHIVA_ERR_CLOSED']);

export class ResilientRemoteEnv implements Environment {
  private current: RemoteEnv | null = null;
  /** The launched child whose session is `current`. */
  private currentGeneration = 0;
  private restartsValue = 0;
  private readonly specs = new Map<string, BehaviorSpec>();
  private parameters: Record<string, EnvironmentParameter> = {};
  private engine: EngineConfiguration = {};

  constructor(
    private readonly server: GrpcBridgeServer,
    private readonly process: UnityProcess | null,
    private readonly connectTimeoutMs: number | null,
  ) {}

  get name(): string {
    return this.current?.name ?? this.server.name;
  }

  /** How many times the simulation was replaced after a failure. */
  get restarts(): number {
    return this.restartsValue;
  }

  get behaviorSpecs(): ReadonlyMap<string, BehaviorSpec> {
    return this.specs;
  }

  /** Waits for the simulation to connect (and finish its handshake); `signal` ends the wait at once. */
  async connect(signal?: AbortSignal): Promise<RemoteEnv> {
    if (this.current) return this.current;
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal!.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const unsubscribe = this.process?.onFailure((error) => stop.abort(error));
    let session;
    try {
      session = await this.server.hub.nextSession(this.connectTimeoutMs, `the simulation on port ${this.server.boundPort}`, stop.signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe?.();
    }
    // The player finished its handshake and is ours: an exit from now on is a crash, not a failed start.
    this.process?.markConnected();
    this.currentGeneration = this.process?.generation ?? 0;
    const env = new RemoteEnv(session);
    // Parameters persist across restarts, as a trainer would resend them anyway.
    if (Object.keys(this.parameters).length > 0) env.setEnvironmentParameters(this.parameters);
    if (Object.keys(this.engine).length > 0) env.setEngineConfiguration(this.engine);
    this.current = env;
    return env;
  }

  async reset(): Promise<void> {
    await this.guard(async (env) => env.reset());
  }

  async step(): Promise<void> {
    await this.guard(async (env) => env.step());
  }

  getSteps(behavior: string) {
    return this.requireCurrent().getSteps(behavior);
  }

  setActions(behavior: string, actions: ActionTuple): void {
    this.requireCurrent().setActions(behavior, actions);
  }

  setActionForAgent(behavior: string, agentId: number, action: ActionTuple): void {
    this.requireCurrent().setActionForAgent(behavior, agentId, action);
  }

  setEnvironmentParameters(params: Readonly<Record<string, EnvironmentParameter>>): void {
    this.parameters = { ...this.parameters, ...params };
    this.current?.setEnvironmentParameters(params);
  }

  setEngineConfiguration(config: EngineConfiguration): void {
    this.engine = { ...this.engine, ...config };
    this.current?.setEngineConfiguration(config);
  }

  drainStats(): Map<string, AggregatedStat> {
    return this.current?.drainStats() ?? new Map();
  }

  drawing(area: number): SceneDrawing | null {
    return this.current?.drawing(area) ?? null;
  }

  async close(): Promise<void> {
    this.process?.expectExit();
    await this.current?.close();
    this.current = null;
  }

  private async guard(run: (env: RemoteEnv) => Promise<void>): Promise<void> {
    let env = await this.connect();
    let attempt = run;
    try {
      // Each failure of the player's connection restarts the player; the launcher's limits end the loop (the wait
      // for the connection then fails with SHIVA_ERR_LAUNCH).
      for (;;) {
        try {
          await attempt(env);
          return;
        } catch (error) {
          const process = this.process;
          // A player given up on (past the restart limits) ends the run with the launcher's reason, whichever of its
          // exit and its dropped connection was seen first.
          if (process?.failure && isShivaError(error) && RECOVERABLE.has(error.code)) throw process.failure;
          if (!process || process.retired || !isShivaError(error) || !RECOVERABLE.has(error.code)) throw error;
          this.current = null;
          this.restartsValue++;
          process.recycle(this.currentGeneration, `its connection failed (${error.code})`);
          env = await this.connect();
          attempt = (fresh) => fresh.reset();
        }
      }
    } finally {
      if (this.current) for (const [name, spec] of this.current.behaviorSpecs) this.specs.set(name, spec);
    }
  }

  private requireCurrent(): RemoteEnv {
    if (!this.current) throw new ShivaError('SHIVA_ERR_SESSION_STATE', `${this.server.name}: steps: expected a connected simulation (call reset() first), got none yet`);
    return this.current;
  }
}
