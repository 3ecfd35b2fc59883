/**
 * The training loop. Every environment runs its own loop: it asks the decision router for the actions of each
 * of its behaviors, sets them, steps, and then lets learners update when their buffers are full. The router
 * (src/decisions) batches the requests of one behavior from every environment into one forward pass of its
 * learner, followed by the behavior's reasoning layer when it has a rule file; environments in lock-step (the
 * built-in scenes) are batched without waiting, and environments at different speeds (remote simulations) are
 * batched by count or a short time window. Summaries every summary_freq steps, checkpoints every
 * checkpoint_interval steps and at the end (also when stopped through the abort signal), and a summary of the run.
 */
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { DecisionRouter, type DecisionRequest, type RouterOptions, type RouterStats } from '../decisions/decision-router.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';
import { EpisodeTracker, type EpisodeRecord } from './episode-tracker.js';
import type { Learner, LearnerState } from './learner.js';
import type { MetaLearner } from './meta-learner.js';

export interface ScalarSink {
  record(tag: string, value: number, step: number): void;
  flush(): void;
}

export interface TrainingState {
  readonly learners: Record<string, LearnerState>;
  readonly episodes: Record<string, number>;
  readonly wallSeconds: number;
}

export interface CheckpointSink {
  /** Persists `state` (atomically); returns where. */
  save(learnerSteps: number, state: TrainingState): Promise<string>;
}

export interface ProgressReport {
  readonly learnerId: string;
  readonly steps: number;
  readonly maxSteps: number;
  readonly episodes: number;
  /** Mean return of the last 100 episodes, or null before the first episode. */
  readonly meanReturn: number | null;
  readonly stepsPerSecond: number;
}

export interface LearnerSummary {
  readonly behaviors: string[];
  readonly steps: number;
  readonly episodes: number;
  readonly meanReturnLast100: number | null;
  readonly wallSeconds: number;
  readonly stepsPerSecond: number;
  /** The environment's own stats (Stats side channel), mean of each key's reports over the run. */
  readonly environmentStats: Record<string, number>;
}

export interface TrainerOptions {
  /** Where each learner's scalars go (a TensorBoard run directory and a CSV per learner, as ML-Agents does). */
  readonly scalars?: (learnerId: string) => ScalarSink;
  readonly checkpoints?: CheckpointSink;
  /** Per learner id, from its plan. */
  readonly summaryFreq: (learnerId: string) => number;
  readonly checkpointInterval: (learnerId: string) => number;
  readonly onProgress?: (report: ProgressReport) => void;
  readonly onCheckpoint?: (path: string) => void;
  /** Every non-empty drain of an environment's stats (a live display's window; the trainer aggregates its own). */
  readonly onEnvironmentStats?: (stats: ReadonlyMap<string, AggregatedStat>) => void;
  readonly signal?: AbortSignal;
  /** Restored from a checkpoint: episodes counted so far and wall time already spent, per learner. */
  readonly resumed?: { readonly episodes: Record<string, number>; readonly wallSeconds: number };
  /** The reasoning layer of a behavior (its rule file), or null for the learned policy alone. Asked once per behavior. */
  readonly reasoners?: (behavior: string, spec: BehaviorSpec) => Reasoner | null;
  /** How the router batches one behavior's requests across environments (window, batch size). */
  readonly router?: RouterOptions;
}

/** How long the training loops may run without letting timers and signals in. */
const YIELD_EVERY_MS = 50;

export class Trainer {
  private readonly trackers = new Map<string, EpisodeTracker>();
  private readonly recentReturns = new Map<string, number[]>();
  private readonly environmentStats = new Map<string, Map<string, { sum: number; count: number }>>();
  private readonly restarts: number[];
  private wallOffset = 0;
  private started = 0;
  private stepsAtStart = new Map<string, number>();
  private readonly lastSummary = new Map<string, number>();
  private readonly lastCheckpoint = new Map<string, number>();
  private readonly reasoners = new Map<string, Reasoner | null>();
  private stopped = false;
  private router: DecisionRouter | null = null;
  private failure: { readonly error: unknown } | null = null;

  constructor(
    private readonly envs: readonly Environment[],
    private readonly meta: MetaLearner,
    private readonly options: TrainerOptions,
  ) {
    this.restarts = envs.map(() => 0);
    this.wallOffset = options.resumed?.wallSeconds ?? 0;
  }

  private lastYield = 0;

  async run(): Promise<{ summary: Record<string, LearnerSummary>; stopped: boolean }> {
    this.started = performance.now();
    await Promise.all(this.envs.map((e) => e.reset()));
    const router = new DecisionRouter((behavior, requests) => this.serve(behavior, requests), this.options.router);
    this.router = router;
    // Every environment's behaviors are expected from the first step on, so the first batch already waits for all.
    this.envs.forEach((env, source) => {
      for (const [name, spec] of env.behaviorSpecs) if (this.meta.learnerFor(spec)) router.expect(source, name);
    });
    const loops = this.envs.map((_, source) =>
      this.envLoop(router, source).catch((error: unknown) => {
        this.failure ??= { error };
        router.close(error);
      }),
    );
    await Promise.all(loops);
    router.close();
    for (const reasoner of this.reasoners.values()) reasoner?.close?.();
    if (this.failure) throw this.failure.error;
    for (const learner of this.meta.learners.values()) this.summarize(learner);
    if (this.options.checkpoints && this.meta.learners.size > 0) await this.checkpoint(Math.max(...[...this.meta.learners.values()].map((l) => l.steps)));
    for (const sink of this.sinks.values()) sink.flush();
    return { summary: this.summary(), stopped: this.stopped };
  }

  /** How the decision router batched (after or during run): batches, requests, batches sent by the window. */
  get decisionStats(): RouterStats {
    return this.router?.counts ?? { batches: 0, requests: 0, windowed: 0 };
  }

  /** Everything a checkpoint holds about the run. */
  state(): TrainingState {
    return {
      learners: Object.fromEntries([...this.meta.learners].map(([id, l]) => [id, l.save()])),
      episodes: Object.fromEntries([...this.meta.learners.keys()].map((id) => [id, this.tracker(id).episodes])),
      wallSeconds: this.wallSeconds(),
    };
  }

  /**
   * One environment's loop: ask for every behavior's actions, set them, step, update. It ends when every learner
   * reached max_steps, on the abort signal, or when another loop failed.
   */
  private async envLoop(router: DecisionRouter, source: number): Promise<void> {
    const env = this.envs[source]!;
    try {
      for (;;) {
        const asked: { behavior: string; deciding: number; learner: Learner }[] = [];
        const answers: Promise<ActionTuple>[] = [];
        for (const [name, spec] of env.behaviorSpecs) {
          const learner = this.meta.learnerFor(spec);
          if (!learner) continue;
          const { decisionSteps, terminalSteps } = env.getSteps(name);
          this.tracker(learner.id).observe(source, name, decisionSteps, terminalSteps);
          asked.push({ behavior: name, deciding: decisionSteps.count, learner });
          answers.push(router.decide({ behavior: name, source, decisionSteps, terminalSteps }));
        }
        // (One behavior, the common case, skips Promise.all: this loop runs once per step of every environment.)
        const actions = answers.length === 1 ? [await answers[0]!] : await Promise.all(answers);
        for (let k = 0; k < asked.length; k++) {
          const learner = asked[k]!.learner;
          if (asked.findIndex((a) => a.learner === learner) === k) this.recordEpisodes(learner, this.tracker(learner.id).drain());
        }
        this.noteLearners();
        if (this.failure || this.meta.finished) return;
        if (this.options.signal?.aborted) {
          this.stopped = true;
          return;
        }
        asked.forEach((a, k) => {
          if (a.deciding > 0) env.setActions(a.behavior, actions[k]!);
        });
        await env.step();
        // In-process environments resolve at once, so a loop of them runs on microtasks alone and would starve
        // timers and signal handlers (Ctrl-C must reach the abort signal): yield to the event loop now and then.
        if (performance.now() - this.lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          this.lastYield = performance.now();
        }
        if (this.failure) return;
        this.noticeRestart(source);
        this.collectEnvironmentStats(env);
        const checkpointAt = this.afterStep();
        if (checkpointAt !== null) await this.checkpoint(checkpointAt);
      }
    } finally {
      router.leave(source);
    }
  }

  /** One batch of the router: the behavior's learner acts for every request, then its reasoning layer decides. */
  private serve(behavior: string, requests: readonly DecisionRequest[]): ActionTuple[] {
    const spec = this.envs[requests[0]!.source]!.behaviorSpecs.get(behavior)!;
    const learner = this.meta.learnerFor(spec)!;
    return learner.decide(requests, { reasoner: this.reasonerFor(behavior, spec) });
  }

  private reasonerFor(behavior: string, spec: BehaviorSpec): Reasoner | null {
    let reasoner = this.reasoners.get(behavior);
    if (reasoner === undefined) this.reasoners.set(behavior, (reasoner = this.options.reasoners?.(behavior, spec) ?? null));
    return reasoner;
  }

  /** Counters start from a learner's steps when it first appears (resumed learners start past 0). */
  private noteLearners(): void {
    for (const learner of this.meta.learners.values()) {
      if (!this.stepsAtStart.has(learner.id)) this.stepsAtStart.set(learner.id, learner.steps);
      if (!this.lastSummary.has(learner.id)) this.lastSummary.set(learner.id, learner.steps);
      if (!this.lastCheckpoint.has(learner.id)) this.lastCheckpoint.set(learner.id, learner.steps);
    }
  }

  /** Updates and summaries that are due, after any environment stepped; returns the step to checkpoint at, if due. */
  private afterStep(): number | null {
    let checkpointAt: number | null = null;
    for (const learner of this.meta.learners.values()) {
      const stats = learner.maybeUpdate();
      if (stats) for (const [tag, value] of Object.entries(stats)) this.scalarsOf(learner.id)?.record(tag, value, learner.steps);
      if (!this.lastSummary.has(learner.id)) continue;
      if (learner.steps - this.lastSummary.get(learner.id)! >= this.options.summaryFreq(learner.id)) {
        this.lastSummary.set(learner.id, learner.steps);
        this.summarize(learner);
      }
      if (this.options.checkpoints && learner.steps - this.lastCheckpoint.get(learner.id)! >= this.options.checkpointInterval(learner.id)) {
        this.lastCheckpoint.set(learner.id, learner.steps);
        checkpointAt = Math.max(checkpointAt ?? 0, learner.steps);
      }
    }
    return checkpointAt;
  }

  private recordEpisodes(learner: Learner, episodes: EpisodeRecord[]): void {
    if (episodes.length === 0) return;
    let recent = this.recentReturns.get(learner.id);
    if (!recent) this.recentReturns.set(learner.id, (recent = []));
    for (const e of episodes) {
      if (learner.countsEpisodesOf && !learner.countsEpisodesOf(e.behavior)) continue;
      recent.push(e.return);
      this.scalarsOf(learner.id)?.record('Environment/Cumulative Reward', e.return, learner.steps);
      this.scalarsOf(learner.id)?.record('Environment/Episode Length', e.length, learner.steps);
      if (e.groupReturn !== null) this.scalarsOf(learner.id)?.record('Environment/Group Cumulative Reward', e.groupReturn, learner.steps);
    }
    if (recent.length > 100) recent.splice(0, recent.length - 100);
  }

  private summarize(learner: Learner): void {
    const seconds = (performance.now() - this.started) / 1000;
    const stepsPerSecond = seconds > 0 ? (learner.steps - (this.stepsAtStart.get(learner.id) ?? 0)) / seconds : 0;
    const meanReturn = this.meanReturn(learner.id);
    const scalars = this.scalarsOf(learner.id);
    if (meanReturn !== null) scalars?.record('Environment/Mean Return (last 100)', meanReturn, learner.steps);
    scalars?.record('Performance/Steps Per Second', stepsPerSecond, learner.steps);
    for (const [key, { sum, count }] of this.environmentStats.get(learner.id) ?? []) scalars?.record(key, sum / count, learner.steps);
    scalars?.flush();
    this.options.onProgress?.({ learnerId: learner.id, steps: learner.steps, maxSteps: learner.maxSteps, episodes: this.tracker(learner.id).episodes, meanReturn, stepsPerSecond });
  }

  private async checkpoint(steps: number): Promise<void> {
    const path = await this.options.checkpoints!.save(steps, this.state());
    this.options.onCheckpoint?.(path);
  }

  private summary(): Record<string, LearnerSummary> {
    const seconds = (performance.now() - this.started) / 1000;
    return Object.fromEntries(
      [...this.meta.learners].map(([id, learner]) => [
        id,
        {
          behaviors: this.meta.behaviorsOf(id),
          steps: learner.steps,
          episodes: this.tracker(id).episodes,
          meanReturnLast100: this.meanReturn(id),
          wallSeconds: this.wallSeconds(),
          stepsPerSecond: seconds > 0 ? (learner.steps - (this.stepsAtStart.get(id) ?? 0)) / seconds : 0,
          environmentStats: Object.fromEntries([...(this.environmentStats.get(id) ?? [])].map(([k, v]) => [k, v.sum / v.count])),
        },
      ]),
    );
  }

  private meanReturn(learnerId: string): number | null {
    const recent = this.recentReturns.get(learnerId);
    return recent && recent.length > 0 ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
  }

  private readonly sinks = new Map<string, ScalarSink>();

  private scalarsOf(learnerId: string): ScalarSink | undefined {
    if (!this.options.scalars) return undefined;
    let sink = this.sinks.get(learnerId);
    if (!sink) this.sinks.set(learnerId, (sink = this.options.scalars(learnerId)));
    return sink;
  }

  private tracker(learnerId: string): EpisodeTracker {
    let tracker = this.trackers.get(learnerId);
    if (!tracker) {
      tracker = new EpisodeTracker();
      tracker.episodes = this.options.resumed?.episodes[learnerId] ?? 0;
      this.trackers.set(learnerId, tracker);
    }
    return tracker;
  }

  private wallSeconds(): number {
    return this.wallOffset + (performance.now() - this.started) / 1000;
  }

  /** A simulation restarted under us (ResilientRemoteEnv): its agents' half-open transitions are dropped. */
  private noticeRestart(source: number): void {
    const restarts = (this.envs[source] as { restarts?: number }).restarts ?? 0;
    if (restarts === this.restarts[source]) return;
    this.restarts[source] = restarts;
    for (const learner of this.meta.learners.values()) learner.forgetSource(source);
    for (const tracker of this.trackers.values()) tracker.forgetSource(source);
  }

  /** Stats an environment reported (Stats side channel), credited to the learners of its behaviors. */
  private collectEnvironmentStats(env: Environment): void {
    const stats: Map<string, AggregatedStat> = env.drainStats();
    if (stats.size === 0) return;
    this.options.onEnvironmentStats?.(stats);
    const learners = new Set<string>();
    for (const spec of env.behaviorSpecs.values()) {
      const learner = this.meta.learnerFor(spec);
      if (learner) learners.add(learner.id);
    }
    for (const id of learners) {
      let byKey = this.environmentStats.get(id);
      if (!byKey) this.environmentStats.set(id, (byKey = new Map()));
      for (const [key, stat] of stats) {
        const entry = byKey.get(key) ?? { sum: 0, count: 0 };
        entry.sum += stat.value * stat.count;
        entry.count += stat.count;
        byKey.set(key, entry);
      }
    }
  }
}
