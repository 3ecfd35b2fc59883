/**
 * What the meta-learner needs to know about a behavior: which learner serves it, and how that learner is set
 * up. The run configuration resolves this (src/config); tests build plans directly.
 */
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { DqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import type { PpoHyperparameters } from '../../agents/ppo/hyperparameters.js';

/** One member per trainable trainer_type, each with its algorithm's hyperparameters. */
export type LearnerPlan = PpoLearnerPlan | DqnLearnerPlan;

export interface PpoLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'ppo';
  readonly hyperparameters: PpoHyperparameters;
}

export interface DqnLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'dqn';
  readonly hyperparameters: DqnHyperparameters;
}

interface LearnerPlanBase {
  /** Learners are shared by id: every behavior resolving to the same id uses one policy. */
  readonly learnerId: string;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  readonly rewardStrength: number;
  readonly summaryFreq: number;
  readonly checkpointInterval: number;
  readonly keepCheckpoints: number;
}

/** The plan for a fully qualified behavior name ("Name?team=N"), or null when it is not trained. */
export type PlanResolver = (behavior: string) => LearnerPlan | null;
