/**
 * Population-based training in one process (Jaderberg et al. 2017): `size` members of the same behaviors, each
 * with its own learners (a MetaLearner whose plans carry the member's explored hyperparameters), its own
 * environments and its own Trainer. The members' Trainers run side by side in this process, their loops
 * interleaved at every await, and meet at each ranking step (every `interval` agent steps):
 *
 *   1. every member reaches the step and waits there (Trainer.holdAfterStep: learners between steps, as at a
 *      checkpoint); members that already finished count as there;
 *   2. rank by fitness (fitness-window.ts: mean return, or an environment stat, since the last ranking);
 *   3. exploit: each of the bottom `truncation` copies the full learner state (weights, optimiser, normalisers) of a
 *      member drawn from the top `truncation`, keeping its own step count and random streams, and drops its
 *      half-collected trajectories (acted by the weights it no longer has);
 *   4. explore: the copied member's hyperparameters, times a factor drawn from `perturb`, clamped to the ranges
 *      (hyperparameter-draws.ts), set on its learners (Learner.setHyperparameters).
 *
 * Every ranking and exploit is reported (onEvent: the run's population.jsonl), and the result holds each member's
 * lineage (whom it copied, when) and hyperparameter schedule (values from each step on).
 *
 * After every ranking, and when the run ends (max_steps or the abort signal), the whole population's state is handed
 * to `onCheckpoint` (population-checkpoint.ts writes it): each member's training state (learners with their step
 * counts and random streams, episode counts, returns), its current values, schedule, lineage and fitness window, the
 * next ranking's round and the exploit/explore choices' random stream. `resume` starts the members from such a state.
 */
import type { Learner, LearnerState } from '../../../agents/plugin/learner.js';
import type { PopulationConfig } from '../../config/run-config.js';
import type { Environment } from '../../core/env/environment.js';
import { ShivaError } from '../../core/errors.js';
import { RunSeeds } from '../../core/runtime/seeding.js';
import type { Rng, RngState } from '../../core/runtime/rng.js';
import type { PlanResolver } from '../learner-plan.js';
import { MetaLearner } from '../meta-learner.js';
import { Trainer, type LearnerSummary, type TrainerOptions, type TrainingState } from '../trainer.js';
import { exploitedState } from './exploited-state.js';
import { FitnessWindow, type SavedFitness } from './fitness-window.js';
import { drawInitial, perturb, truncationCount, type Hyperparameters } from './hyperparameter-draws.js';

/** The fitness statistic that means "mean episode return" rather than an environment stat's key. */
export const MEAN_RETURN = 'mean_return';

export interface RankingEvent {
  readonly kind: 'ranking';
  readonly round: number;
  /** The ranking step (round × interval). */
  readonly step: number;
  /** Each member's fitness, by member index (null: no report yet). */
  readonly fitness: readonly (number | null)[];
  /** Member indices, best first. */
  readonly order: readonly number[];
}

export interface ExploitEvent {
  readonly kind: 'exploit';
  readonly round: number;
  /** The exploited member's agent steps. */
  readonly step: number;
  readonly member: number;
  /** The member whose state it copied. */
  readonly from: number;
  readonly fitness: { readonly member: number | null; readonly from: number | null };
  /** Per explored key: the member's value before, the source's it inherited, the factor, the value now. */
  readonly hyperparameters: Readonly<Record<string, { readonly old: number; readonly inherited: number; readonly factor: number; readonly new: number }>>;
}

export type PopulationEvent = RankingEvent | ExploitEvent;

/** Values from `step` on. */
export interface ScheduleEntry {
  readonly step: number;
  readonly values: Hyperparameters;
}

export interface LineageEntry {
  readonly step: number;
  readonly round: number;
  readonly from: number;
}

export interface MemberSummary {
  readonly member: number;
  readonly hyperparameters: Hyperparameters;
  readonly schedule: readonly ScheduleEntry[];
  readonly lineage: readonly LineageEntry[];
  /** Fitness at the end (its reports since the last ranking, else the last ranking's). */
  readonly fitness: number | null;
  readonly learners: Record<string, LearnerSummary>;
}

/** One member as a population checkpoint holds it. */
export interface SavedMember {
  readonly values: Hyperparameters;
  readonly schedule: readonly ScheduleEntry[];
  readonly lineage: readonly LineageEntry[];
  readonly fitness: SavedFitness;
  /** Its Trainer's state: learners (weights, optimiser, step counts, random streams), episodes, returns, stats. */
  readonly training: TrainingState;
}

/** Everything a population run needs to continue where it was (population-checkpoint.ts reads and writes it). */
export interface PopulationState {
  /** The next ranking's round: rankings 1 .. round - 1 are done (their events written). */
  readonly round: number;
  /** The exploit/explore choices' random stream. */
  readonly choices: RngState;
  readonly members: readonly SavedMember[];
}

/** Why a population state was handed over: a ranking's end (its step: round × interval) or the run's. */
export interface CheckpointMoment {
  readonly reason: 'ranking' | 'end';
  readonly step: number;
}

export interface PopulationResult {
  readonly stopped: boolean;
  /** The member with the best final fitness. */
  readonly best: number;
  readonly rounds: number;
  readonly members: readonly MemberSummary[];
}

/** What the runner sets itself on each member's Trainer. */
type RunnerOwned = 'holdAfterStep' | 'signal';

export interface PopulationOptions {
  readonly population: PopulationConfig;
  /** Seeds the draws and exploit choices (population.seed, else the run's). */
  readonly seed: number;
  /** The run's plans; each member's get its explored values laid over their hyperparameters. */
  readonly resolve: PlanResolver;
  /** Member `index`'s own environments and learner seeds (its environments seeded apart from the others'). */
  readonly member: (index: number) => { readonly envs: readonly Environment[]; readonly seeds: RunSeeds };
  /** Member `index`'s Trainer options (scalars, summaries, progress); the runner adds its hold and the signal. */
  readonly trainer: (index: number) => Omit<TrainerOptions, RunnerOwned>;
  /** Member `index`'s meta-learner from its resolver, loading `restored` learners (default a plain MetaLearner). */
  readonly metaLearner?: (index: number, resolve: PlanResolver, seeds: RunSeeds, restored: ReadonlyMap<string, LearnerState>) => MetaLearner;
  readonly onEvent?: (event: PopulationEvent) => void;
  /** The population's state after every ranking and at the end of the run (written as a checkpoint); a throw fails the run. */
  readonly onCheckpoint?: (state: PopulationState, at: CheckpointMoment) => void;
  /** Continue from a saved state (its size already checked against `population.size`) instead of fresh draws. */
  readonly resume?: PopulationState;
  readonly signal?: AbortSignal;
}

interface Member {
  readonly index: number;
  readonly envs: readonly Environment[];
  readonly meta: MetaLearner;
  readonly trainer: Trainer;
  readonly fitness: FitnessWindow;
  values: Hyperparameters;
  readonly schedule: ScheduleEntry[];
  readonly lineage: LineageEntry[];
}

export class PopulationTrainer {
  private readonly members: Member[];
  private readonly choices: Rng;
  private readonly controller = new AbortController();
  /** The next ranking's round. */
  private round = 1;
  private failure: { readonly error: unknown } | null = null;
  private readonly arrived = new Set<number>();
  private readonly ended = new Set<number>();
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  constructor(private readonly options: PopulationOptions) {
    const { population, resume } = options;
    const seeds = new RunSeeds(options.seed);
    const draws = seeds.rng('population:draws');
    this.choices = seeds.rng('population:choices');
    if (resume) {
      if (resume.members.length !== population.size) throw new ShivaError('SHIVA_ERR_USAGE', `population resume: expected the state of ${population.size} members (population.size), got ${resume.members.length}`);
      this.choices.setState(resume.choices);
      this.round = resume.round;
      this.members = resume.members.map((saved, index) => this.createMember(index, saved.values, saved));
    } else {
      this.members = Array.from({ length: population.size }, (_, index) => this.createMember(index, drawInitial(population.explore, draws)));
    }
  }

  /** The whole population as a checkpoint holds it (members between steps: at a ranking, or after the run). */
  state(): PopulationState {
    return {
      round: this.round,
      choices: this.choices.getState(),
      members: this.members.map((m) => ({ values: m.values, schedule: m.schedule, lineage: m.lineage, fitness: m.fitness.save(), training: m.trainer.state() })),
    };
  }

  /** Member `index`'s learners (tests and benchmarks look at them between rankings). */
  learnersOf(index: number): ReadonlyMap<string, Learner> {
    return this.members[index]!.meta.learners;
  }

  async run(): Promise<PopulationResult> {
    const outer = this.options.signal;
    const stop = () => this.controller.abort(outer?.reason);
    if (outer?.aborted) stop();
    outer?.addEventListener('abort', stop, { once: true });
    // A stopped run must not leave members waiting at a ranking for ones that will never come.
    this.controller.signal.addEventListener('abort', () => this.openGate(), { once: true });
    const summaries = new Map<number, Record<string, LearnerSummary>>();
    let stopped = false;
    try {
      await Promise.all(
        this.members.map((m) =>
          m.trainer
            .run()
            .then((r) => {
              summaries.set(m.index, r.summary);
              stopped ||= r.stopped;
            })
            .catch((error: unknown) => this.fail(error))
            .finally(() => {
              this.ended.add(m.index);
              this.maybeRank();
            }),
        ),
      );
    } finally {
      outer?.removeEventListener('abort', stop);
    }
    if (this.failure === null) this.checkpoint({ reason: 'end', step: Math.max(0, ...this.members.map((m) => this.stepsOf(m))) });
    if (this.failure !== null) throw (this.failure as { readonly error: unknown }).error;
    const finalFitness = this.members.map((m) => m.fitness.peek());
    const best = rankOrder(finalFitness)[0]!;
    return {
      stopped,
      best,
      rounds: this.round - 1,
      members: this.members.map((m) => ({
        member: m.index,
        hyperparameters: m.values,
        schedule: m.schedule,
        lineage: m.lineage,
        fitness: finalFitness[m.index]!,
        learners: summaries.get(m.index) ?? {},
      })),
    };
  }

  dispose(): void {
    for (const m of this.members) m.meta.dispose();
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.controller.abort(error);
  }

  /** Hands the population's state to onCheckpoint; a failure to write it fails the run. */
  private checkpoint(at: CheckpointMoment): void {
    if (!this.options.onCheckpoint) return;
    try {
      this.options.onCheckpoint(this.state(), at);
    } catch (error) {
      this.fail(error);
    }
  }

  private createMember(index: number, values: Hyperparameters, saved?: SavedMember): Member {
    const { envs, seeds } = this.options.member(index);
    const base = this.options.resolve;
    const resolve: PlanResolver = (behavior) => {
      const plan = base(behavior);
      return plan && { ...plan, hyperparameters: { ...plan.hyperparameters, ...values } };
    };
    const restored = new Map(Object.entries(saved?.training.learners ?? {}));
    const meta = this.options.metaLearner?.(index, resolve, seeds, restored) ?? new MetaLearner(resolve, seeds, restored, `population checkpoint: member ${index}`);
    const fitness = new FitnessWindow();
    if (saved) fitness.load(saved.fitness);
    const own = this.options.trainer(index);
    const statKey = this.options.population.fitness;
    const member: Member = {
      index,
      envs,
      meta,
      fitness,
      values,
      schedule: saved ? [...saved.schedule] : [{ step: 0, values }],
      lineage: saved ? [...saved.lineage] : [],
      trainer: new Trainer(envs, meta, {
        ...own,
        ...(saved ? { resumed: saved.training } : {}),
        signal: this.controller.signal,
        holdAfterStep: () => this.hold(member),
        onEpisode: (learnerId, episode, step) => {
          if (statKey === MEAN_RETURN) fitness.add(episode.return);
          own.onEpisode?.(learnerId, episode, step);
        },
        onEnvironmentStats: (stats) => {
          const stat = statKey === MEAN_RETURN ? undefined : stats.get(statKey);
          if (stat) fitness.add(stat.value, stat.count);
          own.onEnvironmentStats?.(stats);
        },
      }),
    };
    return member;
  }

  /** A member's agent steps: its furthest learner's. */
  private stepsOf(member: Member): number {
    let steps = 0;
    for (const learner of member.meta.learners.values()) steps = Math.max(steps, learner.steps);
    return steps;
  }

  /** After each of a member's steps: at a ranking step it waits for the others (the same gate for all its environments). */
  private hold(member: Member): Promise<void> | undefined {
    if (this.controller.signal.aborted || this.stepsOf(member) < this.round * this.options.population.interval) return undefined;
    this.arrived.add(member.index);
    const gate = (this.gate ??= openable());
    this.maybeRank();
    return gate.promise;
  }

  /** Ranks once someone waits and every member has arrived or ended, then lets them go on. */
  private maybeRank(): void {
    if (this.gate === null || this.arrived.size === 0) return;
    if (!this.members.every((m) => this.arrived.has(m.index) || this.ended.has(m.index))) return;
    if (!this.controller.signal.aborted) {
      const step = this.round * this.options.population.interval;
      this.rank();
      this.round++;
      this.checkpoint({ reason: 'ranking', step });
    }
    this.openGate();
  }

  /** Lets the waiting members go on (after a ranking, or without one when the run stops: the round stays to do). */
  private openGate(): void {
    const gate = this.gate;
    this.gate = null;
    this.arrived.clear();
    gate?.open();
  }

  private rank(): void {
    const { population } = this.options;
    const fitness = this.members.map((m) => m.fitness.take());
    const order = rankOrder(fitness);
    this.options.onEvent?.({ kind: 'ranking', round: this.round, step: this.round * population.interval, fitness, order });
    // Nothing to go by before the best has reported.
    if (fitness[order[0]!] === null) return;
    const count = truncationCount(this.members.length, population.truncation);
    const top = order.slice(0, count);
    for (const target of order.slice(order.length - count)) {
      if (this.ended.has(target)) continue;
      const source = top[this.choices.int(top.length)]!;
      this.exploitExplore(this.members[target]!, this.members[source]!, fitness);
    }
  }

  private exploitExplore(target: Member, source: Member, fitness: readonly (number | null)[]): void {
    const where = `population member ${target.index}`;
    const step = this.stepsOf(target);
    // Exploit: the source's whole learner state, but the member's own step count and random streams.
    for (const [id, learner] of target.meta.learners) {
      const from = source.meta.learners.get(id);
      if (!from) throw new ShivaError('SHIVA_ERR_CONFIG', `${where}: learner "${id}": expected member ${source.index} to have it too (members train the same behaviors), got only ${[...source.meta.learners.keys()].join(', ') || 'none'}`);
      learner.load(exploitedState(learner.save(), from.save()), `${where}: exploit of member ${source.index}, learner "${id}"`);
      for (let s = 0; s < target.envs.length; s++) learner.forgetSource(s);
    }
    // Explore: the source's values, perturbed.
    const { values, factors } = perturb(source.values, this.options.population.explore, this.options.population.perturb, this.choices);
    for (const [id, learner] of target.meta.learners) {
      if (!learner.setHyperparameters) throw new ShivaError('SHIVA_ERR_CONFIG', `${where}: learner "${id}": expected a learner that takes hyperparameters after creation (population.explore), got trainer_type ${learner.trainerType}, which does not`);
      learner.setHyperparameters(values, `${where}: learner "${id}"`);
    }
    const changes = Object.fromEntries(Object.keys(values).map((key) => [key, { old: target.values[key]!, inherited: source.values[key]!, factor: factors[key]!, new: values[key]! }]));
    target.values = values;
    target.schedule.push({ step, values });
    target.lineage.push({ step, round: this.round, from: source.index });
    target.fitness.inherit(source.fitness);
    this.options.onEvent?.({ kind: 'exploit', round: this.round, step, member: target.index, from: source.index, fitness: { member: fitness[target.index]!, from: fitness[source.index]! }, hyperparameters: changes });
  }
}

/** Member indices best first; no fitness ranks last, ties by index. */
function rankOrder(fitness: readonly (number | null)[]): number[] {
  const score = (i: number) => fitness[i] ?? Number.NEGATIVE_INFINITY;
  return fitness.map((_, i) => i).sort((a, b) => score(b) - score(a) || a - b);
}

function openable(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
