/**
 * What the meta-learner needs to know about a behavior: which learner serves it, and how that learner is set
 * up. The run configuration resolves this (src/config); tests build plans directly.
 */
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { DqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import type { PpoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import type { PocaHyperparameters } from '../../agents/poca/hyperparameters.js';
import type { SacHyperparameters } from '../../agents/sac/hyperparameters.js';
import type { Td3Hyperparameters } from '../../agents/td3/hyperparameters.js';
import type { MaddpgHyperparameters } from '../../agents/maddpg/hyperparameters.js';
import type { ExpertData } from '../../agents/reward-signals/expert-samples.js';
import type { GailSettings } from '../../agents/reward-signals/gail-settings.js';
import type { SelfPlaySettings } from './self-play/self-play-settings.js';

/** One member per trainable trainer_type, each with its algorithm's hyperparameters. */
export type LearnerPlan = PpoLearnerPlan | DqnLearnerPlan | MaddpgLearnerPlan | Td3LearnerPlan | SacLearnerPlan | PocaLearnerPlan;

export interface PpoLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'ppo';
  readonly hyperparameters: PpoHyperparameters;
  /** reward_signals.gail (src/cli/plans/gail-plan.ts); absent without it. */
  readonly gail?: GailSettings | null;
  /** Reads GAIL's demonstrations (gail.demoPath) when the learner is created. */
  readonly gailExpert?: (() => ExpertData) | null;
}

/** MA-POCA (agents/poca): PPO's on-policy keys, one actor and a centralised group critic. */
export interface PocaLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'poca';
  readonly hyperparameters: PocaHyperparameters;
}

/** td3 and ddpg (TD3 with DDPG_SWITCHES): agents/td3. */
export interface Td3LearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'td3' | 'ddpg';
  readonly hyperparameters: Td3Hyperparameters;
}

export interface SacLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'sac';
  readonly hyperparameters: SacHyperparameters;
}

export interface DqnLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'dqn';
  readonly hyperparameters: DqnHyperparameters;
}

export interface MaddpgLearnerPlan extends LearnerPlanBase {
  readonly trainerType: 'maddpg';
  readonly hyperparameters: MaddpgHyperparameters;
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
  /** self_play: the teams of the behavior take turns learning against snapshots (src/training/ghost-learner.ts). */
  readonly selfPlay?: SelfPlaySettings | null;
}

/** The plan for a fully qualified behavior name ("Name?team=N"), or null when it is not trained. */
export type PlanResolver = (behavior: string) => LearnerPlan | null;
