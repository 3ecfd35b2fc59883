/**
 * The decision router: every environment hands it the steps of each behavior it needs decided (a request), and
 * gets back a promise of that behavior's actions, one row per agent in the order its agents asked. Requests are
 * grouped per behavior across all environments (rxjs: groupBy, then bufferUntil) and a batch goes to the handler
 * — learner, then reasoning layer — as soon as every environment that serves the behavior has asked, or the batch
 * holds `maxBatchAgents` agents, or `windowMs` passed since its first request. Environments in lock-step (the
 * built-in scenes) therefore never wait for a timer, and simulations that run at different speeds (remote
 * ones) share a forward pass when their requests fall in the same window, without the fast ones waiting longer
 * than the window for the slow ones.
 */
import { groupBy, mergeMap, Subject, type SchedulerLike, type Subscription } from 'rxjs';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import { bufferUntil } from './buffer-until.js';

export interface DecisionRequest {
  /** Fully qualified behavior name ("Name?team=N"). */
  readonly behavior: string;
  /** Index of the environment in the pool. */
  readonly source: number;
  readonly decisionSteps: DecisionSteps;
  readonly terminalSteps: TerminalSteps;
}

/**
 * Serves one batch of one behavior's requests: one action tuple per request, in the requests' order. A handler
 * may answer later (a person choosing at a web page); its batch's requests wait for it.
 */
export type BatchHandler = (behavior: string, requests: readonly DecisionRequest[]) => ActionTuple[] | Promise<ActionTuple[]>;

export interface RouterOptions {
  /**
   * The longest a request waits for the other environments' requests of its behavior (default 2 ms); null: no
   * clock, a batch waits for every expected environment (or one leaving), as in-process environments in lock-step
   * always ask.
   */
  readonly windowMs?: number | null;
  /** A batch goes at once when it holds this many deciding agents (default 4096). */
  readonly maxBatchAgents?: number;
  readonly scheduler?: SchedulerLike;
}

export const ROUTER_DEFAULTS = { windowMs: 2, maxBatchAgents: 4096 } as const;

interface Pending {
  readonly request: DecisionRequest;
  readonly resolve: (actions: ActionTuple) => void;
  readonly reject: (error: unknown) => void;
}

export interface RouterStats {
  /** Batches served and requests in them; requests / batches is the mean batch size. */
  readonly batches: number;
  readonly requests: number;
  /** Batches that went because the window closed rather than because every environment had asked. */
  readonly windowed: number;
}

export class DecisionRouter {
  private readonly requests = new Subject<Pending>();
  private readonly recheck = new Subject<void>();
  /** behavior → the environments that will ask for it. */
  private readonly expected = new Map<string, Set<number>>();
  private readonly pending = new Set<Pending>();
  private readonly subscription: Subscription;
  private readonly maxBatchAgents: number;
  private closedBy: unknown = null;
  private stats = { batches: 0, requests: 0, windowed: 0 };

  constructor(
    private readonly handler: BatchHandler,
    options: RouterOptions = {},
  ) {
    this.maxBatchAgents = options.maxBatchAgents ?? ROUTER_DEFAULTS.maxBatchAgents;
    const windowMs = options.windowMs === undefined ? ROUTER_DEFAULTS.windowMs : options.windowMs;
    this.subscription = this.requests
      .pipe(
        groupBy((p) => p.request.behavior),
        mergeMap((group) =>
          group.pipe(
            bufferUntil<Pending>({
              isFull: (batch) => this.isFull(group.key, batch),
              windowMs,
              recheck: this.recheck,
              ...(options.scheduler ? { scheduler: options.scheduler } : {}),
            }),
          ),
        ),
      )
      .subscribe((batch) => this.serve(batch));
  }

  /** Declares that `source` serves `behavior`: its batches wait for `source`'s request (up to the window). */
  expect(source: number, behavior: string): void {
    let sources = this.expected.get(behavior);
    if (!sources) this.expected.set(behavior, (sources = new Set()));
    sources.add(source);
  }

  /** `source` asks no more (it stopped or failed); batches waiting for it go if everyone else has asked. */
  leave(source: number): void {
    for (const sources of this.expected.values()) sources.delete(source);
    this.recheck.next();
  }

  /** The actions for `request`'s deciding agents, in their order. */
  decide(request: DecisionRequest): Promise<ActionTuple> {
    if (this.closedBy !== null) return Promise.reject(this.closedBy);
    this.expect(request.source, request.behavior);
    return new Promise<ActionTuple>((resolve, reject) => {
      const pending: Pending = { request, resolve, reject };
      this.pending.add(pending);
      this.requests.next(pending);
    });
  }

  get counts(): RouterStats {
    return { ...this.stats };
  }

  /** Stops routing; requests still waiting are rejected with `reason`. */
  close(reason: unknown = new ShivaError('SHIVA_ERR_CLOSED', 'decision router: closed while requests were waiting')): void {
    if (this.closedBy !== null) return;
    this.closedBy = reason;
    this.subscription.unsubscribe();
    for (const p of this.pending) p.reject(reason);
    this.pending.clear();
  }

  private isFull(behavior: string, batch: readonly Pending[]): boolean {
    let agents = 0;
    for (const p of batch) agents += p.request.decisionSteps.count;
    if (agents >= this.maxBatchAgents) return true;
    const sources = this.expected.get(behavior);
    if (!sources || batch.length < sources.size) return false;
    let present = 0;
    for (const p of batch) if (sources.has(p.request.source)) present++;
    return present >= sources.size;
  }

  private serve(batch: Pending[]): void {
    const behavior = batch[0]!.request.behavior;
    this.stats.batches++;
    this.stats.requests += batch.length;
    if (!this.isFull(behavior, batch)) this.stats.windowed++;
    for (const p of batch) this.pending.delete(p);
    let actions: ActionTuple[] | Promise<ActionTuple[]>;
    try {
      actions = this.handler(
        behavior,
        batch.map((p) => p.request),
      );
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    if (actions instanceof Promise) {
      // Still waiting: a close() meanwhile rejects them like any other pending request.
      for (const p of batch) this.pending.add(p);
      actions.then(
        (answered) => batch.forEach((p, i) => this.pending.delete(p) && p.resolve(answered[i]!)),
        (error: unknown) => batch.forEach((p) => this.pending.delete(p) && p.reject(error)),
      );
      return;
    }
    const answered = actions;
    batch.forEach((p, i) => p.resolve(answered[i]!));
  }
}
