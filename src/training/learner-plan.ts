/**
 * What the meta-learner needs to know about a behavior: which learner serves it, and how that learner is set
 * up. The run configuration resolves this (src/config); tests build plans directly.
 */
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { PpoHyperparameters } from '../../agents/ppo/hyperparameters.js';

export interface LearnerPlan {
  /** Learners are shared by id: every behavior resolving to the same id uses one policy. */
  readonly learnerId: string;
  readonly trainerType: 'ppo';
  readonly hyperparameters: PpoHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  readonly rewardStrength: number;
  readonly summaryFreq: number;
  readonly checkpointInterval: number;
  readonly keepCheckpoints: number;
}

/** The plan for a fully qualified behavior name ("Name?team=N"), or null when it is not trained. */
export type PlanResolver = (behavior: string) => LearnerPlan | null;
