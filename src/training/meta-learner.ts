/**
 * The meta-learner: behaviors → learners. A learner is created when the first behavior that resolves to it
 * appears (its spec is known only then); later behaviors that resolve to the same learner must have the same
 * spec. One policy serves every agent of its behaviors in every environment.
 */
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { LearnerSettings } from '../../agents/plugin/algorithm-plugin.js';
import { algorithmOf, trainableTrainerTypes } from '../../agents/registry.js';
import { ShivaError } from '../core/errors.js';
import { createGhostLearner, GhostLearner } from './ghost-learner.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import type { Learner, LearnerState } from '../../agents/plugin/learner.js';
import type { LearnerPlan, PlanResolver } from './learner-plan.js';

export class MetaLearner {
  readonly learners = new Map<string, Learner>();
  readonly plans = new Map<string, LearnerPlan>();
  private readonly byBehavior = new Map<string, Learner | null>();

  constructor(
    private readonly resolve: PlanResolver,
    private readonly seeds: RunSeeds,
    /** Learner states from a checkpoint, loaded into each learner as it is created. */
    private readonly restore: ReadonlyMap<string, LearnerState> = new Map(),
    private readonly restoreSource = 'checkpoint',
  ) {}

  /** The learner for `spec`'s behavior (created on first sight), or null when the behavior is not trained. */
  learnerFor(spec: BehaviorSpec): Learner | null {
    const known = this.byBehavior.get(spec.name);
    if (known !== undefined) return known;
    const plan = this.resolve(spec.name);
    if (!plan) {
      this.byBehavior.set(spec.name, null);
      return null;
    }
    let learner = this.learners.get(plan.learnerId);
    if (!learner) {
      learner = createLearner(spec, plan, this.seeds);
      const saved = this.restore.get(plan.learnerId);
      if (saved) learner.load(saved, `${this.restoreSource}: learner "${plan.learnerId}"`);
      this.learners.set(plan.learnerId, learner);
      this.plans.set(plan.learnerId, plan);
    } else {
      checkSameSpec(learner, spec);
    }
    // A self-play learner serves each team through a view that tells it which team asks.
    const served = learner instanceof GhostLearner ? learner.forBehavior(spec) : learner;
    this.byBehavior.set(spec.name, served);
    return served;
  }

  /** The learner serving `behavior`, once it has appeared (null: not trained, or not seen yet). */
  learnerOfBehavior(behavior: string): Learner | null {
    return this.byBehavior.get(behavior) ?? null;
  }

  /** Behaviors served so far, by learner id. */
  behaviorsOf(learnerId: string): string[] {
    return [...this.byBehavior].filter(([, l]) => l?.id === learnerId).map(([b]) => b);
  }

  /** True when every learner reached its max_steps (and there is at least one). */
  get finished(): boolean {
    return this.learners.size > 0 && [...this.learners.values()].every((l) => l.steps >= l.maxSteps);
  }

  dispose(): void {
    for (const learner of this.learners.values()) learner.dispose();
  }
}

function createLearner(spec: BehaviorSpec, plan: LearnerPlan, seeds: RunSeeds): Learner {
  if (plan.selfPlay) return createGhostLearner(plan.learnerId, plan.selfPlay, (learnerId) => createLearner(spec, { ...plan, learnerId, selfPlay: null }, seeds), seeds);
  const plugin = algorithmOf(plan.trainerType);
  if (!plugin?.createLearner) {
    throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${plan.learnerId}": trainer_type: expected one of ${trainableTrainerTypes().join(', ')}, got "${plan.trainerType}"`);
  }
  const settings: LearnerSettings = {
    id: plan.learnerId,
    hyperparameters: plan.hyperparameters,
    network: plan.network,
    maxSteps: plan.maxSteps,
    rewardStrength: plan.rewardStrength,
    ...(plan.gail ? { gail: plan.gail, gailExpert: plan.gailExpert ?? null } : {}),
    ...(plan.curiosity ? { curiosity: plan.curiosity } : {}),
    ...(plan.rnd ? { rnd: plan.rnd } : {}),
    ...(plan.threaded ? { threaded: true } : {}),
  };
  return plugin.createLearner(spec, settings, seeds);
}

function checkSameSpec(learner: Learner, spec: BehaviorSpec): void {
  const a = learner.spec;
  const same =
    JSON.stringify(a.actionSpec) === JSON.stringify(spec.actionSpec) &&
    a.observationSpecs.length === spec.observationSpecs.length &&
    a.observationSpecs.every((o, i) => JSON.stringify(o.shape) === JSON.stringify(spec.observationSpecs[i]!.shape));
  if (!same) {
    const describe = (s: BehaviorSpec) => `observations [${s.observationSpecs.map((o) => `[${o.shape.join(',')}]`).join(', ')}], actions ${s.actionSpec.continuousSize} continuous + branches [${s.actionSpec.discreteBranches.join(', ')}]`;
    throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${learner.id}": behavior "${spec.name}" shares the learner with "${a.name}" but its spec differs: expected ${describe(a)}, got ${describe(spec)}`);
  }
}
