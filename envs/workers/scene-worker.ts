/**
 * The main thread's end of one scene worker thread: exchanges for the environments it hosts (one in flight per
 * environment, several environments' at once), their replies matched by environment, and the thread's end. Each
 * environment sees it through a WorkerLink (worker-link.ts), so RemoteEnv steps it exactly as it steps a connected
 * simulation.
 *
 * Failures: an exchange the scene refused is that environment's error (its ShivaError code and message, with the
 * environment and worker named); a thread that crashes or exits on its own fails every environment it hosts. The
 * thread keeps the process alive only while an exchange is in flight, so a run that forgets to close it still ends.
 */
import type { Worker } from 'node:worker_threads';
import { unpackAgentInfos } from '../../src/core/env/agent-info-pack.js';
import type { SceneDrawing } from '../../src/core/env/scene-drawing.js';
import type { SimulationOutput } from '../../src/core/env/simulation-link.js';
import { ERROR_CODES, ShivaError, type ErrorCode } from '../../src/core/errors.js';
import type { ExchangeRequest, FromSceneWorker } from './worker-messages.js';

/** How long a closed thread may take to end on its own before it is terminated. */
const CLOSE_GRACE_MS = 2000;

export interface SceneWorkerOptions {
  /** Default CLOSE_GRACE_MS. */
  readonly closeGraceMs?: number;
}

export interface WorkerExchangeResult {
  readonly output: SimulationOutput;
  readonly drawings: readonly (readonly [number, SceneDrawing | null])[];
}

interface Pending {
  resolve(result: WorkerExchangeResult): void;
  reject(error: unknown): void;
}

export class SceneWorker {
  private readonly pending = new Map<number, Pending>();
  private readonly open: Set<number>;
  private failure: ShivaError | null = null;
  private closing: Promise<void> | null = null;
  private readonly exited: Promise<void>;

  /** `names`: the hosted environments by their index in the run. */
  constructor(
    readonly label: string,
    private readonly worker: Worker,
    private readonly names: ReadonlyMap<number, string>,
    private readonly options: SceneWorkerOptions = {},
  ) {
    this.open = new Set(names.keys());
    worker.unref();
    worker.on('message', (message: FromSceneWorker) => this.receive(message));
    worker.on('messageerror', (error: Error) => this.fail(`a message could not be read (${error.message})`, error));
    worker.on('error', (error: Error) => this.fail(`the thread failed: ${error.message}`, error));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code: number) => {
        if (this.closing === null) this.fail(`the thread exited (code ${code}) before it was closed`);
        resolve();
      });
    });
  }

  /** Who this worker is in messages: "scene worker 1 (builtin:scout#1, builtin:scout#3)". */
  get description(): string {
    return `${this.label} (${[...this.names.values()].join(', ')})`;
  }

  exchange(request: ExchangeRequest): Promise<WorkerExchangeResult> {
    const name = this.names.get(request.env) ?? `environment ${request.env}`;
    if (this.failure) return Promise.reject(new ShivaError(this.failure.code, `${name}: ${this.failure.message}`, { cause: this.failure }));
    if (this.closing || !this.open.has(request.env)) return Promise.reject(new ShivaError('SHIVA_ERR_CLOSED', `${name} (${this.label}): expected an open environment, got an exchange after close`));
    if (this.pending.has(request.env)) return Promise.reject(new ShivaError('SHIVA_ERR_SESSION_STATE', `${name} (${this.label}): expected one exchange at a time, got a second before the first was answered`));
    return new Promise<WorkerExchangeResult>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.env, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  /** Environment `env` is done with the thread; the thread ends when all of its environments are. */
  release(env: number): Promise<void> {
    this.open.delete(env);
    return this.open.size === 0 ? this.close() : Promise.resolve();
  }

  /** Ends the thread: asked to close, terminated if it has not ended within the grace period. Exchanges in flight fail. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.open.clear();
      this.settleAll(new ShivaError('SHIVA_ERR_CLOSED', `${this.description}: closed while an exchange was in flight`));
      // A thread that already ended ignores this; one that failed but lives is terminated below.
      this.worker.postMessage({ kind: 'close' });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.options.closeGraceMs ?? CLOSE_GRACE_MS)));
      const ended = await Promise.race([this.exited.then(() => 'ended' as const), late]);
      clearTimeout(timer);
      if (ended === 'late') await this.worker.terminate();
    })();
    return this.closing;
  }

  private receive(message: FromSceneWorker): void {
    // A reply to an exchange that the close already failed.
    if (this.closing) return;
    const pending = this.pending.get(message.env);
    if (!pending) return this.fail(`a reply for environment ${message.env}, which has no exchange in flight`);
    this.pending.delete(message.env);
    if (this.pending.size === 0) this.worker.unref();
    if (message.kind === 'error') {
      const code: ErrorCode = message.code in ERROR_CODES ? (message.code as ErrorCode) : 'SHIVA_ERR_ENV';
      pending.reject(new ShivaError(code, `${this.names.get(message.env)} (${this.label}): ${message.message}`));
      return;
    }
    const output: SimulationOutput = { agentInfos: unpackAgentInfos(message.agentInfos), newBehaviors: message.newBehaviors, stats: message.stats };
    pending.resolve({ output, drawings: message.drawings });
  }

  private fail(reason: string, cause?: unknown): void {
    if (this.failure) return;
    this.failure = new ShivaError('SHIVA_ERR_ENV', `${this.description}: ${reason}`, cause === undefined ? undefined : { cause });
    this.settleAll(this.failure);
  }

  private settleAll(error: ShivaError): void {
    for (const [env, pending] of this.pending) pending.reject(new ShivaError(error.code, `${this.names.get(env)}: ${error.message}`, { cause: error }));
    this.pending.clear();
    this.worker.unref();
  }
}
