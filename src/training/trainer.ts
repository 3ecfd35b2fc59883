/**
 * The training loop: step every environment of the pool together; each step, hand every learner the steps of
 * its behaviors from every environment, send back its actions, and let learners update when their buffers are
 * full. Summaries every summary_freq steps, checkpoints every checkpoint_interval steps and at the end (also
 * when stopped through the abort signal), and a summary of the run.
 */
import type { Environment } from '../env/environment.js';
import type { AggregatedStat } from '../env/stats.js';
import { EpisodeTracker, type EpisodeRecord } from './episode-tracker.js';
import type { Learner, LearnerState, StepsFromSource } from './learner.js';
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
  readonly signal?: AbortSignal;
  /** Restored from a checkpoint: episodes counted so far and wall time already spent, per learner. */
  readonly resumed?: { readonly episodes: Record<string, number>; readonly wallSeconds: number };
}

export class Trainer {
  private readonly trackers = new Map<string, EpisodeTracker>();
  private readonly recentReturns = new Map<string, number[]>();
  private readonly environmentStats = new Map<string, Map<string, { sum: number; count: number }>>();
  private readonly restarts: number[];
  private wallOffset = 0;
  private started = 0;
  private stepsAtStart = new Map<string, number>();

  constructor(
    private readonly envs: readonly Environment[],
    private readonly meta: MetaLearner,
    private readonly options: TrainerOptions,
  ) {
    this.restarts = envs.map(() => 0);
    this.wallOffset = options.resumed?.wallSeconds ?? 0;
  }

  async run(): Promise<{ summary: Record<string, LearnerSummary>; stopped: boolean }> {
    this.started = performance.now();
    await Promise.all(this.envs.map((e) => e.reset()));
    const lastSummary = new Map<string, number>();
    const lastCheckpoint = new Map<string, number>();
    let stopped = false;
    for (;;) {
      this.decideAll();
      for (const learner of this.meta.learners.values()) {
        if (!this.stepsAtStart.has(learner.id)) this.stepsAtStart.set(learner.id, learner.steps);
        if (!lastSummary.has(learner.id)) lastSummary.set(learner.id, learner.steps);
        if (!lastCheckpoint.has(learner.id)) lastCheckpoint.set(learner.id, learner.steps);
      }
      if (this.meta.finished) break;
      if (this.options.signal?.aborted) {
        stopped = true;
        break;
      }
      await Promise.all(this.envs.map((e) => e.step()));
      this.noticeRestarts();
      this.collectEnvironmentStats();
      for (const learner of this.meta.learners.values()) {
        const stats = learner.maybeUpdate();
        if (stats) for (const [tag, value] of Object.entries(stats)) this.scalarsOf(learner.id)?.record(tag, value, learner.steps);
        if (learner.steps - lastSummary.get(learner.id)! >= this.options.summaryFreq(learner.id)) {
          lastSummary.set(learner.id, learner.steps);
          this.summarize(learner);
        }
        if (this.options.checkpoints && learner.steps - lastCheckpoint.get(learner.id)! >= this.options.checkpointInterval(learner.id)) {
          lastCheckpoint.set(learner.id, learner.steps);
          await this.checkpoint(learner.steps);
        }
      }
    }
    for (const learner of this.meta.learners.values()) this.summarize(learner);
    if (this.options.checkpoints && this.meta.learners.size > 0) await this.checkpoint(Math.max(...[...this.meta.learners.values()].map((l) => l.steps)));
    for (const sink of this.sinks.values()) sink.flush();
    return { summary: this.summary(), stopped };
  }

  /** Everything a checkpoint holds about the run. */
  state(): TrainingState {
    return {
      learners: Object.fromEntries([...this.meta.learners].map(([id, l]) => [id, l.save()])),
      episodes: Object.fromEntries([...this.meta.learners.keys()].map((id) => [id, this.tracker(id).episodes])),
      wallSeconds: this.wallSeconds(),
    };
  }

  private decideAll(): void {
    // Group every behavior's steps from every environment by learner, so one forward pass serves them all.
    const groups = new Map<Learner, Map<string, StepsFromSource[]>>();
    this.envs.forEach((env, source) => {
      for (const [name, spec] of env.behaviorSpecs) {
        const learner = this.meta.learnerFor(spec);
        if (!learner) continue;
        const { decisionSteps, terminalSteps } = env.getSteps(name);
        if (decisionSteps.count === 0 && terminalSteps.count === 0) continue;
        this.tracker(learner.id).observe(source, name, decisionSteps, terminalSteps);
        let byBehavior = groups.get(learner);
        if (!byBehavior) groups.set(learner, (byBehavior = new Map()));
        let parts = byBehavior.get(name);
        if (!parts) byBehavior.set(name, (parts = []));
        parts.push({ source, decisionSteps, terminalSteps });
      }
    });
    for (const [learner, byBehavior] of groups) {
      for (const [behavior, parts] of byBehavior) {
        const actions = learner.decide(parts);
        parts.forEach((part, k) => {
          if (part.decisionSteps.count > 0) this.envs[part.source]!.setActions(behavior, actions[k]!);
        });
      }
      this.recordEpisodes(learner, this.tracker(learner.id).drain());
    }
  }

  private recordEpisodes(learner: Learner, episodes: EpisodeRecord[]): void {
    if (episodes.length === 0) return;
    let recent = this.recentReturns.get(learner.id);
    if (!recent) this.recentReturns.set(learner.id, (recent = []));
    for (const e of episodes) {
      recent.push(e.return);
      this.scalarsOf(learner.id)?.record('Environment/Cumulative Reward', e.return, learner.steps);
      this.scalarsOf(learner.id)?.record('Environment/Episode Length', e.length, learner.steps);
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
  private noticeRestarts(): void {
    this.envs.forEach((env, source) => {
      const restarts = (env as { restarts?: number }).restarts ?? 0;
      if (restarts === this.restarts[source]) return;
      this.restarts[source] = restarts;
      for (const learner of this.meta.learners.values()) learner.forgetSource(source);
      for (const tracker of this.trackers.values()) tracker.forgetSource(source);
    });
  }

  /** Stats the environments reported (Stats side channel), credited to the learners of the env's behaviors. */
  private collectEnvironmentStats(): void {
    this.envs.forEach((env) => {
      const stats: Map<string, AggregatedStat> = env.drainStats();
      if (stats.size === 0) return;
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
    });
  }
}
