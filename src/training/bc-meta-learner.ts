/**
 * The meta-learner with imitation: when a learner is created it may start from a pretrained policy (init_path /
 * initialize_from: a BC fit by `shiva imitate`, or any earlier run) and may train with behavioral cloning beside
 * its own algorithm (the `behavioral_cloning` section, bc-auxiliary.ts): any learner that offers its actor to BC
 * (agents/plugin/imitation-hook.ts: PPO, SAC, POCA), as every ML-Agents optimizer builds a BC module. What applies to a behavior comes from
 * `imitationFor`, which the command line builds from the configuration (src/cli/imitate-plans.ts).
 *
 * A learner restored from the run's own checkpoint (--resume) keeps its weights: a warm start applies to new
 * learners only, as ML-Agents ignores initialize_from when resuming. Its BC optimiser state is restored from
 * the checkpoint.
 */
import type { SavedActorCritic } from '../../agents/networks/actor-critic.js';
import type { ImitationDataset } from '../../agents/imitation/imitation-dataset.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import { BcAuxiliary, type BcAuxiliarySettings } from '../../agents/imitation/bc-auxiliary.js';
import type { Learner, LearnerState } from '../../agents/plugin/learner.js';
import { imitationHostOf } from '../../agents/plugin/imitation-hook.js';
import type { LearnerPlan, PlanResolver } from './learner-plan.js';
import { GhostLearner } from './ghost-learner.js';
import { MetaLearner } from './meta-learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';

/** What imitation does for one learner; every part optional. */
export interface ImitationPlan {
  /** Policy weights (and normalisers) to start from, and where they came from (for errors and logs). */
  readonly initPolicy?: {
    readonly policy: SavedActorCritic;
    readonly where: string;
    /** The setting that named it, as errors say it (default `init_path`; `--initialize-from (command line, …)`). */
    readonly key?: string;
  } | null;
  /** BC beside the learner's algorithm: the demonstration is read for the learner's spec (and checked against it). */
  readonly behavioralCloning?: {
    readonly settings: BcAuxiliarySettings;
    readonly dataset: (spec: BehaviorSpec) => ImitationDataset;
  } | null;
}

export type ImitationResolver = (behavior: string, learnerId: string) => ImitationPlan | null;

export class ImitationMetaLearner extends MetaLearner {
  /** Learners already given their plan (a self-play learner's, not each team's view). */
  private readonly prepared = new Set<Learner>();
  /** What was applied, per learner id: for the run's log. */
  readonly applied = new Map<string, { initFrom: string | null; behavioralCloning: boolean }>();

  constructor(
    resolve: PlanResolver,
    private readonly imitationSeeds: RunSeeds,
    private readonly restored: ReadonlyMap<string, LearnerState>,
    restoreSource: string,
    private readonly imitationFor: ImitationResolver,
  ) {
    super(resolve, imitationSeeds, restored, restoreSource);
  }

  override learnerFor(spec: BehaviorSpec): Learner | null {
    const learner = super.learnerFor(spec);
    if (!learner) return learner;
    // A self-play learner serves each team through its own view: prepare the learner behind them once.
    const own = this.learners.get(learner.id) ?? learner;
    if (this.prepared.has(own)) return learner;
    this.prepared.add(own);
    const plan = this.imitationFor(spec.name, learner.id);
    if (!plan) return learner;
    const saved = this.restored.get(learner.id);
    let initFrom: string | null = null;
    if (plan.initPolicy && !saved) {
      const policy = policyOf(learner, plan.initPolicy.key ?? 'init_path', this.plans.get(learner.id));
      policy.load(plan.initPolicy.policy, plan.initPolicy.where);
      policy.syncHost();
      initFrom = plan.initPolicy.where;
    }
    if (plan.behavioralCloning) {
      // With self_play, BC trains the learning policy (ML-Agents' ghost trainer wraps a trainer whose optimizer has the BC module).
      const ghost = own instanceof GhostLearner ? own : null;
      const host = imitationHostOf(ghost ? ghost.learner : own);
      if (!host) throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${learner.id}": behavioral_cloning: expected a learner whose actor takes behavioral cloning (trainer_type ppo, sac or poca), got ${describeLearner(learner, this.plans.get(learner.id))}`);
      const { settings, dataset } = plan.behavioralCloning;
      host.imitation = new BcAuxiliary(host.bcActor(), dataset(learner.spec), settings, this.imitationSeeds.rng(`learner:${learner.id}:bc`));
      const savedBc = ghost ? (saved?.['learner'] as LearnerState | undefined)?.['imitation'] : saved?.['imitation'];
      if (savedBc !== undefined) host.imitation.load(savedBc, `checkpoint: learner "${learner.id}": imitation`);
    }
    this.applied.set(learner.id, { initFrom, behavioralCloning: Boolean(plan.behavioralCloning) });
    return learner;
  }
}

/** The policy network of a learner whose algorithm has one (PPO's actor-critic). */
function policyOf(learner: Learner, key: string, plan: LearnerPlan | undefined) {
  if (learner instanceof PpoLearner) return learner.policy;
  throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${learner.id}": ${key}: expected a plain PPO learner (trainer_type ppo without self_play: an actor-critic policy to load), got ${describeLearner(learner, plan)}`);
}

/** How a learner that cannot take imitation is named in errors: its trainer type, and self-play where it wraps one. */
function describeLearner(learner: Learner, plan: LearnerPlan | undefined): string {
  return plan?.selfPlay ? `trainer_type "${learner.trainerType}" with self_play` : `trainer_type "${learner.trainerType}"`;
}
