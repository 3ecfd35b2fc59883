/**
 * Training: the rollout loop (rollout-loop.ts) with learning on. Each behavior's actor is its learner acting
 * through the decision pipeline (src/decisions/decision-pipeline.ts) with the behavior's reasoning layer, so the
 * learner's sink collects the transitions; after every environment step, learners update when their buffers are
 * full. Summaries every summary_freq steps, checkpoints every checkpoint_interval steps and at the end (also when
 * stopped through the abort signal), and a summary of the run. With `learn: false` (inference) the policies only act.
 *
 * Ends and what they save (ML-Agents saves in a `finally` path): max_steps, the abort signal, and an environment
 * that failed (reset, step, a message from the scene: the learners are then between steps, as at a periodic
 * checkpoint) all end with a final checkpoint of the steps so far. When the simulation stopped the run itself (Unity's
 * status 400: the Editor left play mode) run() returns normally with `simulationStopped`; any other environment
 * failure is thrown after the checkpoint (`afterFailure` says what was saved). A failure inside a decision batch or
 * a learner's update may leave a learner half-updated: it is thrown with nothing saved (the last periodic
 * checkpoint stands).
 *
 * Scalars are written as ML-Agents' StatsReporter writes them: one value per tag per summary period, at the summary
 * step (period-stats.ts): the mean return, length and extrinsic reward of the episodes that ended in the period, the
 * mean of each update's stats, the mean value estimate of the period's decisions, the environment's stats of the
 * period, `Is Training`; and Shiva's own `Environment/Mean Return (last 100)` and `Performance/Steps Per Second`.
 */
import type { ActOutput } from '../../agents/networks/acting.js';
import type { Learner, LearnerState } from '../../agents/plugin/learner.js';
import { algorithmOf } from '../../agents/registry.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { Environment } from '../core/env/environment.js';
import { isSimulationStopped } from '../core/env/simulation-stopped.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { decide } from '../decisions/decision-pipeline.js';
import type { RouterOptions, RouterStats } from '../decisions/decision-router.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';
import type { EpisodeRecord } from './episode-tracker.js';
import type { MetaLearner } from './meta-learner.js';
import type { Curriculum, LessonChange } from './curriculum.js';
import { PeriodStats } from './period-stats.js';
import { RolloutLoop } from './rollout-loop.js';
import type { PhaseTimer } from './run-logs/run-timers.js';

export interface ScalarSink {
  record(tag: string, value: number, step: number): void;
  flush(): void;
}

export interface TrainingState {
  readonly learners: Record<string, LearnerState>;
  readonly episodes: Record<string, number>;
  readonly wallSeconds: number;
  /** Each learner's last 100 returns (absent in older checkpoints), so that a resumed run keeps its mean return. */
  readonly recentReturns?: Record<string, number[]>;
  /** Each learner's environment stats over the run so far, key → sum and count of the reports (absent in older checkpoints). */
  readonly environmentStats?: Record<string, Record<string, { sum: number; count: number }>>;
  /** The lesson number of each curriculum parameter (absent without curricula, and in older checkpoints). */
  readonly lessons?: Record<string, number>;
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

/** What run() saved before it threw an environment's failure. */
export interface FailureSave {
  /** The checkpoint of the steps so far (null when saving failed too, or nothing checkpoints). */
  readonly checkpoint: string | null;
  readonly summary: Record<string, LearnerSummary>;
  /** Why the checkpoint could not be written, if it could not. */
  readonly saveError?: unknown;
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
  /**
   * Restored from a checkpoint: episodes counted so far and wall time already spent, per learner, and (where the
   * checkpoint has them) the last returns and environment stats, so that the summary of a resumed run keeps them.
   */
  readonly resumed?: Pick<TrainingState, 'episodes' | 'wallSeconds' | 'recentReturns' | 'environmentStats'>;
  /** The reasoning layer of a behavior (its rule file), or null for the learned policy alone. Asked once per behavior. */
  readonly reasoners?: (behavior: string, spec: BehaviorSpec) => Reasoner | null;
  /** How the router batches one behavior's requests across environments (window, batch size). */
  readonly router?: RouterOptions;
  /**
   * Act with the mode of the policy instead of sampling (ML-Agents' network_settings.deterministic, --deterministic),
   * for every behavior or per behavior. Default false.
   */
  readonly deterministic?: boolean | ((behavior: string) => boolean);
  /**
   * false: inference (ML-Agents' --inference): the policies act, but nothing is recorded, updated or checkpointed;
   * the run ends when every learner has acted for max_steps agent steps (counted from 0), or when stopped.
   * Default true.
   */
  readonly learn?: boolean;
  /** false: the environments were reset by the caller (to read specs first) and training continues those episodes. Default true. */
  readonly reset?: boolean;
  /**
   * Every finished episode a learner's reward statistics count, as it ends, with the learner's step (benchmarks and
   * tests that watch returns; the scalars get one mean per summary period).
   */
  readonly onEpisode?: (learnerId: string, episode: EpisodeRecord, step: number) => void;
  /**
   * Where the run's phases are timed (decide, update, summary, checkpoint; env_step through the rollout loop) and
   * each summary's values go as gauges: run_logs/timers.json.
   */
  readonly timers?: PhaseTimer;
  /**
   * The run's curricula (src/training/curriculum.ts): fed every finished episode, asked after every step whether a
   * lesson moved on (the new values then go to every environment through the EnvironmentParameters side channel),
   * and its lesson numbers written with each summary as `Environment/Lesson Number/NAME` and kept in checkpoints.
   */
  readonly curriculum?: Curriculum;
  /** A lesson moved on (after its value was sent). */
  readonly onLessonChange?: (change: LessonChange) => void;
  /** After each step of environment `source`, before learning (recent episodes' frames for the map: episode-frames.ts). */
  readonly afterEnvironmentStep?: (source: number) => void;
  /**
   * After each step's updates, summaries and checkpoint (learners between steps, as at a checkpoint): a promise the
   * environment's loop waits for before its next decision, or undefined to go on. Population-based training holds a
   * member here until every member has reached the ranking step (src/training/population/).
   */
  readonly holdAfterStep?: (source: number) => Promise<void> | undefined;
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
  private failureSave: FailureSave | null = null;
  /** Inference: agent steps acted per learner (learners do not count steps when they do not learn). */
  private readonly acted = new Map<string, number>();
  /** Each learner's statistics since its last summary. */
  private readonly periods = new Map<string, PeriodStats>();
  /** The step of each learner's last written summary. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly envs: readonly Environment[],
    private readonly meta: MetaLearner,
    private readonly options: TrainerOptions,
  ) {
    this.wallOffset = options.resumed?.wallSeconds ?? 0;
    for (const [id, n] of Object.entries(options.resumed?.episodes ?? {})) this.episodeCounts.set(id, n);
    for (const [id, returns] of Object.entries(options.resumed?.recentReturns ?? {})) this.recentReturns.set(id, returns.slice(-100));
    for (const [id, stats] of Object.entries(options.resumed?.environmentStats ?? {})) {
      this.environmentStats.set(id, new Map(Object.entries(stats).map(([key, { sum, count }]) => [key, { sum, count }])));
    }
  }

  /**
   * `stopped`: the abort signal ended it. `simulationStopped`: the simulation ended the run (Unity's status 400), with
   * the message that said so; the steps so far were checkpointed as at max_steps.
   */
  async run(): Promise<{ summary: Record<string, LearnerSummary>; stopped: boolean; simulationStopped?: string }> {
    this.started = performance.now();
    this.failureSave = null;
    const meta = this.meta;
    const loop = new RolloutLoop(
      this.envs,
      {
        actorFor: (behavior, spec) => {
          const learner = meta.learnerFor(spec);
          if (!learner) return null;
          const reasoner = this.reasonerFor(behavior, spec);
          const deterministic = typeof this.options.deterministic === 'function' ? this.options.deterministic(behavior) : (this.options.deterministic ?? false);
          if (this.learning) {
            const onOutput = this.valueEstimates(learner, behavior);
            return (requests) => this.timed('decide', () => decide(learner, requests, { reasoner, deterministic, ...(onOutput ? { onOutput } : {}) }));
          }
          return (requests) => {
            this.acted.set(learner.id, (this.acted.get(learner.id) ?? 0) + requests.reduce((n, r) => n + r.decisionSteps.count, 0));
            return decide(learner, requests, { reasoner, deterministic, learn: false });
          };
        },
        onEpisodes: (_source, episodes) => this.recordEpisodes(episodes),
        onStats: (source, stats) => this.collectEnvironmentStats(this.envs[source]!, stats),
        onRestart: (source) => {
          for (const learner of meta.learners.values()) learner.forgetSource(source);
        },
        afterStep: (source) => {
          this.options.afterEnvironmentStep?.(source);
          const checkpointAt = this.afterStep();
          const saved = checkpointAt === null ? undefined : this.checkpoint(checkpointAt);
          const hold = this.options.holdAfterStep;
          if (!hold) return saved?.then(() => undefined);
          return saved ? saved.then(() => hold(source)) : hold(source);
        },
        shouldStop: (_source, at) => {
          if (at === 'decided') this.noteLearners();
          return at === 'decided' && (this.learning ? meta.finished : this.actedEnough());
        },
      },
      {
        ...(this.options.router ? { router: this.options.router } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        ...(this.options.timers ? { timers: this.options.timers } : {}),
        ...(this.options.reset === false ? { reset: false } : {}),
      },
    );
    this.loop = loop;
    let stopped = false;
    let failure: { readonly error: unknown } | null = null;
    try {
      ({ stopped } = await loop.run());
    } catch (error) {
      // Only an environment's failure leaves every learner between steps; anything else is thrown unsaved.
      if (loop.failedIn !== 'environment') throw error;
      failure = { error };
    } finally {
      for (const reasoner of this.reasoners.values()) reasoner?.close?.();
    }
    // The last update's stats (a threaded learner reports each update's with the next) go into the last summary.
    if (this.learning && !failure) for (const learner of this.meta.learners.values()) this.addUpdateStats(learner, learner.finishUpdates?.() ?? null);
    for (const learner of this.meta.learners.values()) this.summarize(learner);
    let checkpoint: string | null = null;
    let saveError: unknown;
    try {
      if (this.learning && this.options.checkpoints && this.meta.learners.size > 0) checkpoint = await this.checkpoint(Math.max(...[...this.meta.learners.values()].map((l) => l.steps)));
    } catch (error) {
      if (!failure) throw error;
      saveError = error;
    }
    for (const sink of this.sinks.values()) sink.flush();
    if (failure && isSimulationStopped(failure.error) && saveError === undefined) return { summary: this.summary(), stopped: false, simulationStopped: failure.error.message };
    if (failure) {
      this.failureSave = { checkpoint, summary: this.summary(), ...(saveError !== undefined ? { saveError } : {}) };
      throw failure.error;
    }
    return { summary: this.summary(), stopped };
  }

  /** After run() threw an environment's failure: the checkpoint saved then and the summary; null otherwise. */
  get afterFailure(): FailureSave | null {
    return this.failureSave;
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
      recentReturns: Object.fromEntries([...this.meta.learners.keys()].map((id) => [id, [...(this.recentReturns.get(id) ?? [])]])),
      environmentStats: Object.fromEntries(
        [...this.meta.learners.keys()].map((id) => [id, Object.fromEntries([...(this.environmentStats.get(id) ?? [])].map(([key, { sum, count }]) => [key, { sum, count }]))]),
      ),
      ...(this.options.curriculum?.hasLessons ? { lessons: this.options.curriculum.lessonNumbers() } : {}),
    };
  }

  private reasonerFor(behavior: string, spec: BehaviorSpec): Reasoner | null {
    let reasoner = this.reasoners.get(behavior);
    if (reasoner === undefined) this.reasoners.set(behavior, (reasoner = this.options.reasoners?.(behavior, spec) ?? null));
    return reasoner;
  }
  private get learning(): boolean {
    return this.options.learn ?? true;
  }

  /** Inference is done when every learner has acted for its max_steps. */
  private actedEnough(): boolean {
    const learners = [...this.meta.learners.values()];
    return learners.length > 0 && learners.every((l) => (this.acted.get(l.id) ?? 0) >= l.maxSteps);
  }

  /** A learner's step count: the agent steps it learned from, or in inference the agent steps it acted for. */
  private stepsOf(learner: Learner): number {
    return this.learning ? learner.steps : (this.acted.get(learner.id) ?? 0);
  }

  /** Counters start from a learner's steps when it first appears (resumed learners start past 0). */
  private noteLearners(): void {
    for (const learner of this.meta.learners.values()) {
      if (!this.stepsAtStart.has(learner.id)) this.stepsAtStart.set(learner.id, this.stepsOf(learner));
      if (!this.lastSummary.has(learner.id)) this.lastSummary.set(learner.id, this.stepsOf(learner));
      if (!this.lastCheckpoint.has(learner.id)) this.lastCheckpoint.set(learner.id, learner.steps);
    }
  }

  /** Updates and summaries that are due, after any environment stepped; returns the step to checkpoint at, if due. */
  private afterStep(): number | null {
    let checkpointAt: number | null = null;
    for (const learner of this.meta.learners.values()) {
      this.addUpdateStats(learner, this.learning ? this.update(learner) : null);
      if (!this.lastSummary.has(learner.id)) continue;
      const steps = this.stepsOf(learner);
      if (steps - this.lastSummary.get(learner.id)! >= this.options.summaryFreq(learner.id)) {
        this.lastSummary.set(learner.id, steps);
        this.timed('summary', () => this.summarize(learner));
      }
      if (this.learning && this.options.checkpoints && learner.steps - this.lastCheckpoint.get(learner.id)! >= this.options.checkpointInterval(learner.id)) {
        this.lastCheckpoint.set(learner.id, learner.steps);
        checkpointAt = Math.max(checkpointAt ?? 0, learner.steps);
      }
    }
    if (this.learning) this.advanceLessons();
    return checkpointAt;
  }

  /** Curricula: lessons whose completion criteria are met move on, and their values go to every environment. */
  private advanceLessons(): void {
    const curriculum = this.options.curriculum;
    if (!curriculum?.hasLessons) return;
    const changes = curriculum.update((behavior) => {
      const learner = this.meta.learnerOfBehavior(behavior) ?? [...this.meta.learners.values()].find((l) => this.meta.behaviorsOf(l.id).some((b) => baseName(b) === behavior));
      return learner ? { steps: learner.steps, maxSteps: learner.maxSteps } : null;
    });
    if (changes.length === 0) return;
    const values = Object.fromEntries(changes.map((c) => [c.parameter, c.value]));
    for (const env of this.envs) env.setEnvironmentParameters(values);
    for (const change of changes) this.options.onLessonChange?.(change);
  }

  /** Finished episodes, credited to the learner of their behavior (its episode count, returns and scalars). */
  private recordEpisodes(episodes: readonly EpisodeRecord[]): void {
    for (const e of episodes) {
      const learner = this.meta.learnerOfBehavior(e.behavior);
      if (!learner) continue;
      this.episodeCounts.set(learner.id, (this.episodeCounts.get(learner.id) ?? 0) + 1);
      if (learner.countsEpisodesOf && !learner.countsEpisodesOf(e.behavior)) continue;
      this.options.curriculum?.recordEpisode(baseName(e.behavior), e.return);
      let recent = this.recentReturns.get(learner.id);
      if (!recent) this.recentReturns.set(learner.id, (recent = []));
      recent.push(e.return);
      if (recent.length > 100) recent.shift();
      const period = this.periodOf(learner.id);
      period.add('Environment/Cumulative Reward', e.return);
      period.add('Environment/Episode Length', e.length);
      if (e.groupReturn !== null) period.add('Environment/Group Cumulative Reward', e.groupReturn);
      const extrinsic = this.extrinsicReward(learner.id, e);
      if (extrinsic !== null) period.add('Policy/Extrinsic Reward', extrinsic);
      this.options.onEpisode?.(learner.id, e, this.stepsOf(learner));
    }
  }

  /**
   * ML-Agents' `Policy/Extrinsic Reward` of an episode: the sum of the extrinsic reward signal as the learner took
   * it, (reward + the group's reward, for algorithms that add it) × strength; null without an extrinsic signal.
   */
  private extrinsicReward(learnerId: string, e: EpisodeRecord): number | null {
    const plan = this.meta.plans.get(learnerId);
    if (!plan || plan.rewardStrength === 0) return null;
    const withGroup = algorithmOf(plan.trainerType)?.groupRewardInExtrinsic ?? false;
    return (e.return + (withGroup ? (e.groupReturn ?? 0) : 0)) * plan.rewardStrength;
  }

  /**
   * For learners whose act() values are their critic's estimates: adds each decided batch's mean value (weighted by
   * its rows) to the period, as ML-Agents' `Policy/Extrinsic Value Estimate`. Self-play counts the learning team's.
   */
  private valueEstimates(learner: Learner, behavior: string): ((output: ActOutput) => void) | null {
    const plan = this.meta.plans.get(learner.id);
    if (!plan || !algorithmOf(plan.trainerType)?.valuesInAct) return null;
    return (output) => {
      if (output.count === 0 || output.values.length < output.count) return;
      if (learner.countsEpisodesOf && !learner.countsEpisodesOf(behavior)) return;
      let sum = 0;
      for (let i = 0; i < output.count; i++) sum += output.values[i]!;
      this.periodOf(learner.id).add('Policy/Extrinsic Value Estimate', sum / output.count, output.count);
    };
  }

  private periodOf(learnerId: string): PeriodStats {
    let period = this.periods.get(learnerId);
    if (!period) this.periods.set(learnerId, (period = new PeriodStats()));
    return period;
  }

  /** An update's stats into the learner's summary period. */
  private addUpdateStats(learner: Learner, stats: Record<string, number> | null): void {
    if (!stats) return;
    const period = this.periodOf(learner.id);
    for (const [tag, value] of Object.entries(stats)) period.add(tag, value);
  }

  /** maybeUpdate(), timed when it updated. */
  private update(learner: Learner): Record<string, number> | null {
    const timers = this.options.timers;
    const t0 = timers ? performance.now() : 0;
    const stats = learner.maybeUpdate();
    if (stats && timers) timers.add('update', (performance.now() - t0) / 1000);
    return stats;
  }

  /** `fn`, timed as one run of phase `name` when the run is timed. */
  private timed<T>(name: string, fn: () => T): T {
    const timers = this.options.timers;
    if (!timers) return fn();
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      timers.add(name, (performance.now() - t0) / 1000);
    }
  }

  /**
   * The summary of a learner's period: one value per tag at the learner's step (nothing when neither its step nor
   * its statistics moved since the last one: the end of a run that had just summarised, a resumed finished run).
   */
  private summarize(learner: Learner): void {
    const steps = this.stepsOf(learner);
    const seconds = (performance.now() - this.started) / 1000;
    const stepsPerSecond = seconds > 0 ? (steps - (this.stepsAtStart.get(learner.id) ?? 0)) / seconds : 0;
    const meanReturn = this.meanReturn(learner.id);
    const period = this.periods.get(learner.id);
    const since = this.written.get(learner.id) ?? this.stepsAtStart.get(learner.id);
    if (steps !== since || (period !== undefined && !period.empty)) {
      this.written.set(learner.id, steps);
      const values = period?.drain() ?? new Map<string, { value: number; sum: number; count: number }>();
      // Shiva's own beside ML-Agents' tags: the mean of the last 100 returns, and the speed since the run started.
      if (meanReturn !== null) values.set('Environment/Mean Return (last 100)', { value: meanReturn, sum: meanReturn, count: 1 });
      values.set('Performance/Steps Per Second', { value: stepsPerSecond, sum: stepsPerSecond, count: 1 });
      const training = this.learning && steps < learner.maxSteps ? 1 : 0;
      values.set('Is Training', { value: training, sum: training, count: 1 });
      // Curricula: each lesson parameter's number, as ML-Agents' trainer controller reports it to every trainer.
      for (const [name, lesson] of Object.entries(this.options.curriculum?.lessonNumbers() ?? {})) {
        values.set(`Environment/Lesson Number/${name}`, { value: lesson, sum: lesson, count: 1 });
      }
      const scalars = this.scalarsOf(learner.id);
      for (const [tag, { value, sum }] of values) {
        scalars?.record(tag, value, steps);
        // ML-Agents' GaugeWriter: CATEGORY.TAG.mean and .sum, "/" as "." and spaces dropped.
        const gauge = `${learner.id}.${tag}`.replace(/\//g, '.').replace(/ /g, '');
        this.options.timers?.gauge(`${gauge}.mean`, value);
        this.options.timers?.gauge(`${gauge}.sum`, sum);
      }
      scalars?.flush();
    }
    this.options.onProgress?.({ learnerId: learner.id, steps: this.stepsOf(learner), maxSteps: learner.maxSteps, episodes: this.episodeCounts.get(learner.id) ?? 0, meanReturn, stepsPerSecond });
  }

  private async checkpoint(steps: number): Promise<string> {
    const t0 = performance.now();
    const path = await this.options.checkpoints!.save(steps, this.state());
    this.options.timers?.add('checkpoint', (performance.now() - t0) / 1000);
    this.options.onCheckpoint?.(path);
    return path;
  }

  private summary(): Record<string, LearnerSummary> {
    const seconds = (performance.now() - this.started) / 1000;
    return Object.fromEntries(
      [...this.meta.learners].map(([id, learner]) => [
        id,
        {
          behaviors: this.meta.behaviorsOf(id),
          steps: this.stepsOf(learner),
          episodes: this.episodeCounts.get(id) ?? 0,
          meanReturnLast100: this.meanReturn(id),
          wallSeconds: this.wallSeconds(),
          stepsPerSecond: seconds > 0 ? (this.stepsOf(learner) - (this.stepsAtStart.get(id) ?? 0)) / seconds : 0,
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
      this.periodOf(id).addEnvironment(stats);
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

/** A behavior's name without `?team=N`: the name completion criteria use (ML-Agents' brain name). */
function baseName(behavior: string): string {
  const q = behavior.indexOf('?');
  return q < 0 ? behavior : behavior.slice(0, q);
}
