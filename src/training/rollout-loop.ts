/**
 * The rollout loop: the one place where environments are stepped. Every command is a use of it: training (the
 * Trainer adds updates, summaries and checkpoints), evaluation, inference serving (`shiva serve`), recording demonstrations (scripted, checkpoint or
 * human), the probe, DAgger's rollouts and the imitation benchmarks' episodes. Each environment runs its own loop:
 *
 *   observe every driven behavior's steps (episodes, hooks) ─▶ ask the decision router for each behavior's
 *   actions ─▶ set them ─▶ step ─▶ drain the environment's stats ─▶ after-step hook (learning)
 *
 * The router (src/decisions) batches one behavior's requests from every environment into one call of that
 * behavior's actor: a learner's policy through the decision pipeline, a scripted expert, a person at a web page,
 * random actions. Environments in lock-step (the built-in scenes) share every batch without waiting; remote ones
 * are batched by count or a short window. The loop does not know whether anything learns: an actor is a
 * function of a batch, and what becomes of the transitions is the actor's business (a learner's sink, in this
 * process or, later, a stream to a learner elsewhere).
 *
 * The loop owns what every use needs: episode returns and lengths (EpisodeTracker), the environments' stats
 * summed per key, restarts of remote simulations, and yielding to the event loop so signals get through.
 */
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { AggregatedStat } from '../core/env/stats.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import { DecisionRouter, type DecisionRequest, type RouterOptions, type RouterStats } from '../decisions/decision-router.js';
import { EpisodeTracker, type EpisodeRecord } from './episode-tracker.js';
import type { PhaseTimer } from './run-logs/run-timers.js';

/** Acts for one batch of one behavior's requests: one action tuple per request, in order (may wait, e.g. for a person). */
export type BatchActor = (requests: readonly DecisionRequest[]) => ActionTuple[] | Promise<ActionTuple[]>;

/** Actions for every decision row of one behavior, one environment at a time (a scripted expert, random actions, a bare policy). */
export type Actor = (spec: BehaviorSpec, steps: DecisionSteps) => ActionTuple;

const NO_ACTIONS: ActionTuple = { continuous: new Float32Array(0), discrete: new Int32Array(0) };

/** An actor that may answer later (an ONNX model run by onnxruntime, as an expert). */
export type AsyncActor = (spec: BehaviorSpec, steps: DecisionSteps) => ActionTuple | Promise<ActionTuple>;

/** An AsyncActor as the loop takes it: each request of a batch in turn, awaited; nobody is asked for zero agents. */
export function asyncBatchActor(spec: BehaviorSpec, actor: AsyncActor): BatchActor {
  return async (requests) => {
    const out: ActionTuple[] = [];
    for (const r of requests) out.push(r.decisionSteps.count === 0 ? NO_ACTIONS : await actor(spec, r.decisionSteps));
    return out;
  };
}

/** An Actor as the loop takes it: each request of a batch in turn; nobody is asked for zero agents. */
export function batchActor(spec: BehaviorSpec, actor: Actor): BatchActor {
  return (requests) => requests.map((r) => (r.decisionSteps.count === 0 ? NO_ACTIONS : actor(spec, r.decisionSteps)));
}

/** Where in an environment's loop a stop is checked: after observing its steps, after its actions came, after it stepped. */
export type LoopPoint = 'observed' | 'decided' | 'stepped';

export interface RolloutHooks {
  /**
   * Who acts for `behavior` (in every environment: its batches span them), asked once when the behavior first
   * appears; null leaves it undriven (no actions are set, its steps are not observed).
   */
  actorFor(behavior: string, spec: BehaviorSpec): BatchActor | null;
  /** A driven behavior's steps as the environment gave them, before its batch is decided. */
  onSteps?(source: number, behavior: string, steps: { readonly decisionSteps: DecisionSteps; readonly terminalSteps: TerminalSteps }): void;
  /** Episodes that ended (since the previous call), once the environment's actions have come. */
  onEpisodes?(source: number, episodes: readonly EpisodeRecord[]): void;
  /** The actions about to be set for a behavior's deciding agents. */
  onActions?(source: number, behavior: string, decisionSteps: DecisionSteps, actions: ActionTuple): void;
  /**
   * Every non-empty drain of an environment's stats; `atReset`: what it reported while resetting, which the
   * loop's own totals leave out.
   */
  onStats?(source: number, stats: ReadonlyMap<string, AggregatedStat>, atReset: boolean): void;
  /** A remote simulation restarted under us (its half-open episodes are gone). */
  onRestart?(source: number): void;
  /** After each step of an environment (learning: updates, summaries, checkpoints). */
  afterStep?(source: number): void | Promise<void>;
  /** True ends environment `source`'s loop at `at` (its pending actions are not set). */
  shouldStop?(source: number, at: LoopPoint): boolean;
}

export interface RolloutOptions {
  readonly router?: RouterOptions;
  /** Ends every loop at its next check (Ctrl-C); run() then reports `stopped`. */
  readonly signal?: AbortSignal;
  /** Reset the environments first (default true); false continues their episodes (DAgger's rounds). */
  readonly reset?: boolean;
  /** Where each environment step's time goes (`env_step`; the Trainer's share of run_logs/timers.json). */
  readonly timers?: PhaseTimer;
}

/**
 * Where a failed loop was when it threw: an `environment` (reset, reading its steps, stepping it, draining its
 * stats: the learners are between steps), a `decision` batch (an actor: a learner may be mid-act), or a `hook` (the
 * after-step hook: a learner may be mid-update).
 */
export type FailureSource = 'environment' | 'decision' | 'hook';

/** One environment stat summed over a rollout. */
export interface StatTotal {
  sum: number;
  count: number;
}

/** How long loops of in-process environments may run without letting timers and signals in. */
const YIELD_EVERY_MS = 50;

export class RolloutLoop {
  /** Every driven behavior's finished episodes, all environments together. */
  readonly episodes = new EpisodeTracker();
  /** Each stat's reports summed (value × count) over the rollout's steps (not what came with the reset). */
  readonly stats = new Map<string, StatTotal>();
  private readonly actors = new Map<string, BatchActor | null>();
  private readonly restarts: number[];
  private router: DecisionRouter | null = null;
  private failure: { readonly error: unknown; readonly source: FailureSource } | null = null;
  private stopped = false;
  private lastYield = 0;

  constructor(
    private readonly envs: readonly Environment[],
    private readonly hooks: RolloutHooks,
    private readonly options: RolloutOptions = {},
  ) {
    this.restarts = envs.map((e) => restartsOf(e));
  }

  /** Runs every environment's loop until each stops; `stopped` is true when the abort signal ended them. */
  async run(): Promise<{ stopped: boolean }> {
    if (this.options.reset ?? true) {
      try {
        await Promise.all(this.envs.map((e) => e.reset()));
        this.envs.forEach((env, source) => this.drainStats(env, source, true));
      } catch (error) {
        this.failure = { error, source: 'environment' };
        throw error;
      }
    }
    // In-process scenes ask in lock-step on this thread, so their batches wait for all of them rather than a clock:
    // under load a clock would cut batches at whim, and the seeded run would depend on the machine's load.
    const inProcess = this.envs.length > 0 && this.envs.every((env) => env.inProcess === true);
    const router = new DecisionRouter((behavior, requests) => this.actors.get(behavior)!(requests), inProcess ? { ...this.options.router, windowMs: null } : this.options.router);
    this.router = router;
    // Every environment's behaviors are expected from the first step on, so that the first batch already waits for all.
    this.envs.forEach((env, source) => {
      for (const [name, spec] of env.behaviorSpecs) if (this.actorOf(name, spec)) router.expect(source, name);
    });
    const loops = this.envs.map((_, source) =>
      this.envLoop(router, source).catch((error: unknown) => {
        this.failure ??= { error, source: 'hook' };
        router.close(error);
      }),
    );
    await Promise.all(loops);
    router.close();
    if (this.failure) throw this.failure.error;
    return { stopped: this.stopped };
  }

  /** How the decision router batched: batches, requests, batches sent by the window. */
  get decisionStats(): RouterStats {
    return this.router?.counts ?? { batches: 0, requests: 0, windowed: 0 };
  }

  /** Where the first failure came from, once run() has thrown; null while nothing failed. */
  get failedIn(): FailureSource | null {
    return this.failure?.source ?? null;
  }

  /** A stat's mean over the rollout, or null when it was never reported. */
  statMean(key: string): number | null {
    const total = this.stats.get(key);
    return total && total.count > 0 ? total.sum / total.count : null;
  }

  private actorOf(behavior: string, spec: BehaviorSpec): BatchActor | null {
    let actor = this.actors.get(behavior);
    if (actor === undefined) this.actors.set(behavior, (actor = this.hooks.actorFor(behavior, spec)));
    return actor;
  }

  private stop(source: number, at: LoopPoint): boolean {
    if (this.failure) return true;
    if (this.hooks.shouldStop?.(source, at)) return true;
    // Ctrl-C is heeded once the batch in flight has been decided, so what it taught is kept.
    if (at === 'decided' && this.options.signal?.aborted) {
      this.stopped = true;
      return true;
    }
    return false;
  }

  /** One environment's loop: observe, ask, set, step, until a hook, the signal or another loop's failure ends it. */
  private async envLoop(router: DecisionRouter, source: number): Promise<void> {
    const env = this.envs[source]!;
    const hooks = this.hooks;
    // What this loop is doing, so that a failure says whether the learners were between steps (see FailureSource).
    let phase: FailureSource = 'environment';
    try {
      for (;;) {
        phase = 'environment';
        const asked: { behavior: string; decisionSteps: DecisionSteps; terminalSteps: TerminalSteps }[] = [];
        for (const [name, spec] of env.behaviorSpecs) {
          if (!this.actorOf(name, spec)) continue;
          const steps = env.getSteps(name);
          this.episodes.observe(source, name, steps.decisionSteps, steps.terminalSteps);
          hooks.onSteps?.(source, name, steps);
          asked.push({ behavior: name, ...steps });
        }
        if (this.stop(source, 'observed')) return;
        phase = 'decision';
        const answers = asked.map((a) => router.decide({ behavior: a.behavior, source, decisionSteps: a.decisionSteps, terminalSteps: a.terminalSteps }));
        // (One behavior, the common case, skips Promise.all: this runs once per step of every environment.)
        const actions = answers.length === 1 ? [await answers[0]!] : await Promise.all(answers);
        const finished = this.episodes.drain();
        if (finished.length > 0) hooks.onEpisodes?.(source, finished);
        if (this.stop(source, 'decided')) return;
        asked.forEach((a, k) => {
          if (a.decisionSteps.count === 0) return;
          hooks.onActions?.(source, a.behavior, a.decisionSteps, actions[k]!);
          env.setActions(a.behavior, actions[k]!);
        });
        const timers = this.options.timers;
        const t0 = timers ? performance.now() : 0;
        phase = 'environment';
        await env.step();
        if (timers) timers.add('env_step', (performance.now() - t0) / 1000);
        // In-process environments resolve at once, so a loop of them runs on microtasks alone and would starve
        // timers and signal handlers (Ctrl-C must reach the abort signal): yield to the event loop now and then.
        if (performance.now() - this.lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          this.lastYield = performance.now();
        }
        if (this.failure) return;
        this.noticeRestart(env, source);
        this.drainStats(env, source, false);
        phase = 'hook';
        const after = hooks.afterStep?.(source);
        if (after) await after;
        if (this.stop(source, 'stepped')) return;
      }
    } catch (error) {
      this.failure ??= { error, source: phase };
      throw error;
    } finally {
      router.leave(source);
    }
  }

  private drainStats(env: Environment, source: number, atReset: boolean): void {
    const drained = env.drainStats();
    if (drained.size === 0) return;
    if (!atReset) for (const [key, stat] of drained) {
      const total = this.stats.get(key) ?? { sum: 0, count: 0 };
      total.sum += stat.value * stat.count;
      total.count += stat.count;
      this.stats.set(key, total);
    }
    this.hooks.onStats?.(source, drained, atReset);
  }

  /** A simulation restarted under us (ResilientRemoteEnv): its agents' running episodes are forgotten. */
  private noticeRestart(env: Environment, source: number): void {
    const restarts = restartsOf(env);
    if (restarts === this.restarts[source]) return;
    this.restarts[source] = restarts;
    this.episodes.forgetSource(source);
    this.hooks.onRestart?.(source);
  }
}

function restartsOf(env: Environment): number {
  return (env as { restarts?: number }).restarts ?? 0;
}
