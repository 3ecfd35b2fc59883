/**
 * An algorithm as the rest of Shiva sees it: a trainer_type, its hyperparameter schema, and a factory for its
 * learner. Each algorithm's folder exports one (its index.ts); agents/registry.ts lists them, and nothing else
 * names an algorithm: the run configuration reads `hyperparameters` by the schema, docs/CONFIGURATION.md shows
 * its rows, and the meta-learner creates learners through `createLearner`.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import type { ExpertData } from '../reward-signals/expert-samples.js';
import type { GailSettings } from '../reward-signals/gail-settings.js';
import type { CuriositySettings, RndSettings } from '../reward-signals/intrinsic-settings.js';
import type { HyperparameterSchema, HyperparameterValues } from './hyperparameter-table.js';
import type { Learner } from './learner.js';
import type { EstimateContext, MemoryEstimate } from './memory-estimate.js';

/** What every learner is built from, whatever its algorithm. */
export interface LearnerSettings<H = HyperparameterValues> {
  /** Learners are shared by id: every behavior resolving to the same id uses one policy. */
  readonly id: string;
  /** Checked against the plugin's schema (src/config, or resolveHyperparameters). */
  readonly hyperparameters: H;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards are scaled by it. */
  readonly rewardStrength: number;
  /** reward_signals.gail, for plugins whose `rewardSignals` include it. */
  readonly gail?: GailSettings | null;
  /** GAIL's demonstrations, read when the learner is created. */
  readonly gailExpert?: (() => ExpertData) | null;
  /** reward_signals.curiosity (ICM), for plugins whose `rewardSignals` include it. */
  readonly curiosity?: CuriositySettings | null;
  /** reward_signals.rnd (Random Network Distillation), for plugins whose `rewardSignals` include it. */
  readonly rnd?: RndSettings | null;
  /**
   * ML-Agents' `threaded`: updates run in a thread of their own (update-thread.ts) while the environments step,
   * for learners that can (PPO without memory or behavioral cloning); the plan sets it only there.
   */
  readonly threaded?: boolean;
}

export type PolicyFamily = 'on-policy' | 'off-policy';

export interface AlgorithmPlugin {
  /** The `trainer_type` that selects it. */
  readonly trainerType: string;
  readonly family: PolicyFamily;
  /** One line for docs and help: what it is. */
  readonly summary: string;
  readonly schema: HyperparameterSchema;
  /** Reward signals beside the extrinsic one that it trains with ('gail', 'curiosity', 'rnd'), each with its own value head. */
  readonly rewardSignals?: readonly string[];
  /**
   * Keys of other trainers that this one refuses for a reason worth saying (DDPG's policy_delay: "DDPG has no
   * policy delay or target smoothing"); the config error adds the reason.
   */
  readonly refusedKeys?: Readonly<Record<string, string>>;
  /**
   * Its extrinsic reward is (the agent's reward + its group's reward) × strength (PPO, POCA, MADDPG, as
   * ML-Agents' extrinsic signal); absent: the agent's own reward × strength. The Trainer reports the episodes'
   * sums of it as `Policy/Extrinsic Reward`.
   */
  readonly groupRewardInExtrinsic?: boolean;
  /**
   * The `values` of its act() output are its critic's value estimates (PPO); the Trainer reports their mean over
   * each summary period as `Policy/Extrinsic Value Estimate`. Absent: zero-filled or untrained values (POCA
   * reports its group critic's values with each update instead).
   */
  readonly valuesInAct?: boolean;
  /**
   * Hyperparameters its learners take after creation (`Learner.setHyperparameters`), which population-based
   * training may explore (`population.explore`). Absent: none.
   */
  readonly tunableHyperparameters?: readonly string[];
  /** Absent: the trainer_type parses but cannot train yet. */
  readonly createLearner?: (spec: BehaviorSpec, settings: LearnerSettings, seeds: RunSeeds) => Learner;
  /**
   * What `createLearner(spec, settings)` and the training that follows will allocate (networks, buffers, an
   * update's activations), computed without allocating anything (agents/plugin/memory-estimate.ts); checked
   * against the run's memory budget before learners are created (src/training/memory-budget.ts). A test holds it
   * to the bytes a real learner allocates. Absent: not estimated.
   */
  readonly estimateBytes?: (spec: BehaviorSpec, settings: LearnerSettings, context: EstimateContext) => MemoryEstimate;
}
