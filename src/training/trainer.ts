/**
 * Training: the rollout loop (rollout-loop.ts) with learning on. Each behavior's actor is its learner acting
 * through the decision pipeline (src/decisions/decision-pipeline.ts) with the behavior's reasoning layer, so the
 * learner's sink collects the transitions; after every environment step, learners update when their buffers are
 * full. Summaries every summary_freq steps, checkpoints every checkpoint_interval steps and at the end (also when
 * stopped through the abort signal), and a summary of the run.
 */
import type { Learner, LearnerState } from '../../agents/plugin/learner.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { decide } from '../decisions/decision-pipeline.js';
import type { RouterOptions, RouterStats } from '../decisions/decision-router.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';
import type { EpisodeRecord } from './episode-tracker.js';
import type { MetaLearner } from './meta-learner.js';
import { RolloutLoop } from './rollout-loop.js';

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

export class Trainer {
  private readonly episodeCounts = new Map<string, number>();
  private readonly recentReturns = new Map<string, number[]>();
  private readonly environmentStats = new Map<string, Map<string, { sum: number; count: number }>>();
  private wallOffset = 0;
  private started = 0;
  private stepsAtStart = new Map<string, number>();
  private readonly lastSummary = new Map<string, number>();
  private readonly lastCheckpoint = new Map<string, number>();
  private readonly reasoners = new Map<string, Reasoner | null>();
  private loop: RolloutLoop | null = null;

  constructor(
    private readonly envs: readonly Environment[],
    private readonly meta: MetaLearner,
    private readonly options: TrainerOptions,
  ) {
    this.wallOffset = options.resumed?.wallSeconds ?? 0;
    for (const [id, n] of Object.entries(options.resumed?.episodes ?? {})) this.episodeCounts.set(id, n);
  }

  async run(): Promise<{ summary: Record<string, LearnerSummary>; stopped: boolean }> {
    this.started = performance.now();
    const meta = this.meta;
    const loop = new RolloutLoop(
      this.envs,
      {
        actorFor: (behavior, spec) => {
          const learner = meta.learnerFor(spec);
          if (!learner) return null;
          const reasoner = this.reasonerFor(behavior, spec);
          return (requests) => decide(learner, requests, { reasoner });
        },
        onEpisodes: (_source, episodes) => this.recordEpisodes(episodes),
        onStats: (source, stats) => this.collectEnvironmentStats(this.envs[source]!, stats),
        onRestart: (source) => {
          for (const learner of meta.learners.values()) learner.forgetSource(source);
        },
        afterStep: () => {
          const checkpointAt = this.afterStep();
          return checkpointAt === null ? undefined : this.checkpoint(checkpointAt);
        },
        shouldStop: (_source, at) => {
          if (at === 'decided') this.noteLearners();
          return at === 'decided' && meta.finished;
        },
      },
      { ...(this.options.router ? { router: this.options.router } : {}), ...(this.options.signal ? { signal: this.options.signal } : {}) },
    );
    this.loop = loop;
    let stopped: boolean;
    try {
      ({ stopped } = await loop.run());
    } finally {
      for (const reasoner of this.reasoners.values()) reasoner?.close?.();
    }
    for (const learner of this.meta.learners.values()) this.summarize(learner);
    if (this.options.checkpoints && this.meta.learners.size > 0) await this.checkpoint(Math.max(...[...this.meta.learners.values()].map((l) => l.steps)));
    for (const sink of this.sinks.values()) sink.flush();
    return { summary: this.summary(), stopped };
  }

  /** How the decision router batched (after or during run): batches, requests, batches sent by the window. */
  get decisionStats(): RouterStats {
    return this.loop?.decisionStats ?? { batches: 0, requests: 0, windowed: 0 };
  }

  /** Everything a checkpoint holds about the run. */
  state(): TrainingState {
    return {
      learners: Object.fromEntries([...this.meta.learners].map(([id, l]) => [id, l.save()])),
      episodes: Object.fromEntries([...this.meta.learners.keys()].map((id) => [id, this.episodeCounts.get(id) ?? 0])),
      wallSeconds: this.wallSeconds(),
    };
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

  /** Finished episodes, credited to the learner of their behavior (its episode count, returns and scalars). */
  private recordEpisodes(episodes: readonly EpisodeRecord[]): void {
    for (const e of episodes) {
      const learner = this.meta.learnerOfBehavior(e.behavior);
      if (!learner) continue;
      this.episodeCounts.set(learner.id, (this.episodeCounts.get(learner.id) ?? 0) + 1);
      if (learner.countsEpisodesOf && !learner.countsEpisodesOf(e.behavior)) continue;
      let recent = this.recentReturns.get(learner.id);
      if (!recent) this.recentReturns.set(learner.id, (recent = []));
      recent.push(e.return);
      if (recent.length > 100) recent.shift();
      this.scalarsOf(learner.id)?.record('Environment/Cumulative Reward', e.return, learner.steps);
      this.scalarsOf(learner.id)?.record('Environment/Episode Length', e.length, learner.steps);
      if (e.groupReturn !== null) this.scalarsOf(learner.id)?.record('Environment/Group Cumulative Reward', e.groupReturn, learner.steps);
    }
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
    this.options.onProgress?.({ learnerId: learner.id, steps: learner.steps, maxSteps: learner.maxSteps, episodes: this.episodeCounts.get(learner.id) ?? 0, meanReturn, stepsPerSecond });
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
          episodes: this.episodeCounts.get(id) ?? 0,
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

  private wallSeconds(): number {
    return this.wallOffset + (performance.now() - this.started) / 1000;
  }

  /** Stats an environment reported (Stats side channel), credited to the learners of its behaviors. */
  private collectEnvironmentStats(env: Environment, stats: ReadonlyMap<string, AggregatedStat>): void {
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
