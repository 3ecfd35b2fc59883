/**
 * What the meta-learner needs to know about a behavior: which learner serves it, which algorithm that learner
 * runs, and with what settings. plan-resolver.ts builds plans from a run configuration; tests build them directly.
 */
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { HyperparameterValues } from '../../agents/plugin/hyperparameter-table.js';
import type { ExpertData } from '../../agents/reward-signals/expert-samples.js';
import type { GailSettings } from '../../agents/reward-signals/gail-settings.js';
import type { CuriositySettings, RndSettings } from '../../agents/reward-signals/intrinsic-settings.js';
import type { SelfPlaySettings } from './self-play/self-play-settings.js';

export interface LearnerPlan<H = HyperparameterValues> {
  /** Learners are shared by id: every behavior resolving to the same id uses one policy. */
  readonly learnerId: string;
  /** A registered algorithm (agents/registry.ts). */
  readonly trainerType: string;
  /** Checked against the algorithm's table. */
  readonly hyperparameters: H;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  readonly rewardStrength: number;
  readonly summaryFreq: number;
  readonly checkpointInterval: number;
  readonly keepCheckpoints: number;
  /** reward_signals.gail, for algorithms that take it (absent without it). */
  readonly gail?: GailSettings | null;
  /** Reads GAIL's demonstrations (gail.demoPath) when the learner is created. */
  readonly gailExpert?: (() => ExpertData) | null;
  /** reward_signals.curiosity, for algorithms that take it (absent without it). */
  readonly curiosity?: CuriositySettings | null;
  /** reward_signals.rnd, for algorithms that take it (absent without it). */
  readonly rnd?: RndSettings | null;
  /** `threaded: true` where it is built (src/config/threaded-support.ts): updates in a thread of their own. */
  readonly threaded?: boolean;
  /** self_play: the teams of the behavior take turns learning against snapshots (src/training/ghost-learner.ts). */
  readonly selfPlay?: SelfPlaySettings | null;
}

/** The plan for a fully qualified behavior name ("Name?team=N"), or null when it is not trained. */
export type PlanResolver = (behavior: string) => LearnerPlan | null;
