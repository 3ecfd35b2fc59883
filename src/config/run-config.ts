/**
 * The run configuration of `shiva train`, as loaded from YAML: Unity ML-Agents' trainer-config format (every key
 * in camelCase here, snake_case in the file) with Shiva's own keys beside theirs. Every field is filled in
 * (defaults are ML-Agents' published ones) and the whole object is frozen. docs/CONFIGURATION.md lists the keys.
 */
import type { EngineConfiguration, EnvironmentParameter } from '../core/env/environment-parameters.js';
import { BACKEND_REQUESTS, type BackendRequest } from '../core/runtime/backend.js';
import type { HyperparameterValues } from '../../agents/plugin/hyperparameter-table.js';
import { algorithmOf } from '../../agents/registry.js';

import type { VisEncodeType } from '../../agents/networks/visual-encoder-types.js';
export { VIS_ENCODE_TYPES, type VisEncodeType } from '../../agents/networks/visual-encoder-types.js';
export type Activation = 'tanh' | 'relu' | 'leaky_relu' | 'swish' | 'linear';
export const ACTIVATION_NAMES: readonly Activation[] = ['tanh', 'relu', 'leaky_relu', 'swish', 'linear'];

export interface NetworkSettingsConfig {
  readonly normalize: boolean;
  readonly hiddenUnits: number;
  readonly numLayers: number;
  readonly visEncodeType: VisEncodeType;
  /**
   * ML-Agents' recurrent memory, validated as ML-Agents does: an LSTM after the encoders for trainer_type ppo;
   * other trainers train without it, with a warning (behavior-settings.ts); null when absent.
   */
  readonly memory: MemorySettingsConfig | null;
  /** ML-Agents: 'hyper' generates the last trunk layer's weights from goal-signal observations; 'none' encodes them as any other. */
  readonly goalConditioningType: 'hyper' | 'none';
  /** ML-Agents: act with the distribution's mode instead of sampling. */
  readonly deterministic: boolean;
  /** Shiva: the trunk's activation (ML-Agents uses swish, the default; CleanRL's PPO uses tanh). */
  readonly activation: Activation;
}

/** ML-Agents' NetworkSettings.MemorySettings. */
export interface MemorySettingsConfig {
  readonly sequenceLength: number;
  /** Even and > 0, as ML-Agents requires. */
  readonly memorySize: number;
}

export interface ExtrinsicRewardConfig {
  readonly gamma: number;
  readonly strength: number;
}

export interface GailRewardConfig {
  readonly gamma: number;
  readonly strength: number;
  readonly demoPath: string;
  readonly learningRate: number;
  readonly useActions: boolean;
  readonly useVail: boolean;
  /** The discriminator's network (ML-Agents' deprecated `encoding_size` sets its hiddenUnits). */
  readonly networkSettings: NetworkSettingsConfig;
}

/**
 * ML-Agents' CuriositySettings and RNDSettings: accepted and validated, each with a warning (not built yet, issue
 * 12): the behavior trains without the signal.
 */
export interface IntrinsicRewardConfig {
  readonly gamma: number;
  readonly strength: number;
  readonly learningRate: number;
  /** ML-Agents' deprecated `encoding_size` sets its hiddenUnits when network_settings is absent. */
  readonly networkSettings: NetworkSettingsConfig;
}

export interface RewardSignalsConfig {
  readonly extrinsic?: ExtrinsicRewardConfig;
  readonly gail?: GailRewardConfig;
  readonly curiosity?: IntrinsicRewardConfig;
  readonly rnd?: IntrinsicRewardConfig;
}

/** ML-Agents' CompletionCriteriaSettings: when a lesson ends. */
export interface CompletionCriteriaConfig {
  /** The behavior (ML-Agents' behavior name, without ?team=) whose progress or rewards are measured. */
  readonly behavior: string;
  readonly measure: 'progress' | 'reward';
  /** Episodes of the behavior the reward buffer must hold before the lesson can end. */
  readonly minLessonLength: number;
  readonly signalSmoothing: boolean;
  /** progress: in [0, 1]. */
  readonly threshold: number;
  readonly requireReset: boolean;
}

/** One lesson of a curriculum: its name, the value (a number or a sampler) and, unless it is the last, when it ends. */
export interface LessonConfig {
  readonly name: string;
  readonly value: EnvironmentParameter;
  /** null for the last lesson (ML-Agents ignores, with a warning, criteria written there). */
  readonly completionCriteria: CompletionCriteriaConfig | null;
}

export interface BehavioralCloningConfig {
  readonly demoPath: string;
  readonly steps: number;
  readonly strength: number;
  readonly samplesPerUpdate: number;
  /** Defaults to the trainer's numEpoch (1 for off-policy trainers), as in ML-Agents. */
  readonly numEpoch: number;
  /** Defaults to the trainer's batchSize. */
  readonly batchSize: number;
}

export interface SelfPlayConfig {
  readonly saveSteps: number;
  /** Defaults to 5 × saveSteps. */
  readonly teamChange: number;
  readonly swapSteps: number;
  readonly window: number;
  readonly playAgainstLatestModelRatio: number;
  readonly initialElo: number;
}

export interface BehaviorConfig {
  /** The key under `behaviors` ("CartPole"), or "default_settings". */
  readonly name: string;
  /** A registered algorithm's trainer_type (agents/registry.ts). */
  readonly trainerType: string;
  /**
   * The algorithm's hyperparameters, read by its table (agents/<algorithm>/hyperparameters.ts) and named as in
   * the file (snake_case): every key the algorithm uses, with γ and time_horizon filled in from the behavior.
   */
  readonly hyperparameters: HyperparameterValues;
  readonly networkSettings: NetworkSettingsConfig;
  readonly rewardSignals: RewardSignalsConfig;
  readonly maxSteps: number;
  readonly timeHorizon: number;
  readonly summaryFreq: number;
  /** With evenCheckpoints, ML-Agents' ⌊maxSteps / keepCheckpoints⌋. */
  readonly checkpointInterval: number;
  readonly keepCheckpoints: number;
  readonly evenCheckpoints: boolean;
  /** As written; where it is built (threaded-support.ts) PPO's updates run in their own thread, elsewhere a warning says why not. */
  readonly threaded: boolean;
  readonly initPath: string | null;
  readonly behavioralCloning: BehavioralCloningConfig | null;
  readonly selfPlay: SelfPlayConfig | null;
  /**
   * Shiva: the learner (one policy) this behavior trains; behaviors naming the same learner share its policy.
   * Resolved to the behavior's own name when not set; null only in defaultSettings when it does not set one
   * (each behavior then gets its own). Use learnerIdFor() rather than reading it.
   */
  readonly learner: string | null;
  /** Shiva: each team (`Name?team=N`) of this behavior gets its own policy. */
  readonly policyPerTeam: boolean;
}

/** Whether the behavior's algorithm learns on-policy (PPO, POCA): it has num_epoch, time_horizon. */
export function isOnPolicy(behavior: BehaviorConfig): boolean {
  return algorithmOf(behavior.trainerType)?.family === 'on-policy';
}

export interface EnvSettingsConfig {
  /** A Unity executable to launch; null with builtinEnv null means "wait for the Editor". */
  readonly envPath: string | null;
  /** A built-in environment (`env_path: builtin:NAME`), lower-case. */
  readonly builtinEnv: string | null;
  readonly envArgs: readonly string[];
  readonly numEnvs: number;
  readonly basePort: number;
  /** -1: pick a random seed at start (ML-Agents' convention). */
  readonly seed: number;
  /** ML-Agents' default is 1; a built-in environment's own default when the file does not say. */
  readonly numAreas: number;
  /** Seconds to wait for an environment to connect. */
  readonly timeoutWait: number;
  /** -1: no limit. */
  readonly maxLifetimeRestarts: number;
  /** -1: no rate limit. */
  readonly restartsRateLimitN: number;
  readonly restartsRateLimitPeriodS: number;
}

export interface EngineSettingsConfig {
  readonly width: number;
  readonly height: number;
  readonly qualityLevel: number;
  readonly timeScale: number;
  readonly targetFrameRate: number;
  readonly captureFrameRate: number;
  readonly noGraphics: boolean;
}

export interface CheckpointSettingsConfig {
  readonly runId: string;
  readonly resume: boolean;
  readonly force: boolean;
  readonly resultsDir: string;
  /** A previous run id to initialise from; dropped (with a warning) when resuming, as ML-Agents does. */
  readonly initializeFrom: string | null;
  /** ML-Agents' inference mode: act with the restored policies (resume or initialize_from), no updates, no checkpoints. */
  readonly inference: boolean;
}

export interface TorchSettingsConfig {
  /** Accepted for compatibility and ignored (Shiva runs on TensorFlow.js; see shiva.backend). */
  readonly device: string | null;
}

/** The backends `shiva.backend` and `--backend` take: the chooser's list (src/core/runtime/backend.ts). */
export const SHIVA_BACKENDS = BACKEND_REQUESTS;
export type ShivaBackend = BackendRequest;

/** Shiva: one behavior's entry under `cognitive:` (src/config/cognitive-settings.ts). */
export interface CognitiveBehaviorConfig {
  /** The key as written ("CartPole", or "CartPole?team=1" for one team). */
  readonly name: string;
  /** The rule file (relative to the working directory). */
  readonly rules: string;
  /** false keeps the entry but acts with the learned policy alone. */
  readonly enabled: boolean;
  /** Share of decisions written to the trace file, in [0, 1]. */
  readonly traceSampleRate: number;
  /** The trace file is rotated before it passes this size. */
  readonly traceMaxBytes: number;
  /** Rotated trace files kept. */
  readonly traceKeep: number;
}

/** Shiva: how the decision router batches one behavior's requests across environments (`shiva.decisions`). */
export interface DecisionRoutingConfig {
  /** The longest a request waits for the other environments' requests, in milliseconds. */
  readonly windowMs: number;
  /** A batch goes at once when it holds this many deciding agents. */
  readonly maxBatch: number;
}

export interface ShivaSettingsConfig {
  /** The TensorFlow.js backend (src/runtime/backend.ts; SHIVA_BACKEND still overrides it). */
  readonly backend: ShivaBackend;
  /**
   * Learner → the behaviors it trains, for the behaviors under `behaviors` (from their `learner` keys and the
   * `shiva.learners` map). A behavior without either has a learner of its own name.
   */
  readonly learners: ReadonlyMap<string, readonly string[]>;
  readonly decisions: DecisionRoutingConfig;
  /** `shiva.final_evaluation`: the trained policies play this many episodes after training (null: none). */
  readonly finalEvaluation: FinalEvaluationConfig | null;
  /** `shiva.progress_stats`: environment stats shown beside the progress bar, each over a recent window. */
  readonly progressStats: readonly ProgressStatConfig[];
  /**
   * `shiva.memory_budget`: bytes the learners' estimated allocations may add up to (src/training/memory-budget.ts);
   * null: half of this machine's memory.
   */
  readonly memoryBudget: number | null;
  /** `shiva.cluster`: how a learner treats actors over NATS JetStream (`shiva train --cluster`; docs/DISTRIBUTED.md). */
  readonly cluster: ClusterConfig;
  /**
   * `shiva.env_workers` (`--env-workers`): worker threads that step a built-in environment's num_envs scenes
   * (envs/workers/); 0 steps them on the main thread.
   */
  readonly envWorkers: number;
}

/** Shiva: distributed training (src/cluster/). */
export interface ClusterConfig {
  /**
   * On-policy learners (PPO, POCA) drop transitions acted by a policy more than this many versions (updates) behind
   * the learner's; off-policy learners take everything.
   */
  readonly maxPolicyLag: number;
  /** An actor silent (no heartbeat) for this long has left: its open episodes are forgotten. */
  readonly actorTimeoutS: number;
  /**
   * The run's stream on the NATS server keeps at most this many bytes, seconds and messages of trajectories (the
   * oldest go first; null: no such limit): src/cluster/run-stream.ts.
   */
  readonly streamMaxBytes: number | null;
  readonly streamMaxAgeS: number | null;
  readonly streamMaxMsgs: number | null;
}

/** Shiva: an evaluation of the final policies, run by `shiva train` when training ends (src/cli/final-evaluation.ts). */
export interface FinalEvaluationConfig {
  /** Episodes to play (per behavior; or of the environment, counted by `episodeStat`'s reports). */
  readonly episodes: number;
  /** A stat the environment reports once per episode of its own (e.g. Scout/Red/Win): episodes are counted by it. */
  readonly episodeStat: string | null;
  /** Greedy (the best combined score) rather than sampled actions. */
  readonly deterministic: boolean;
  /** Seed of the evaluation environments. */
  readonly seed: number;
  /** Also evaluate freshly initialised (untrained) policies, sampling, the same way: a baseline to compare with. */
  readonly baseline: boolean;
}

/** Shiva: one environment stat on the progress bar: the mean of its last `window` reports. */
export interface ProgressStatConfig {
  readonly stat: string;
  readonly label: string;
  readonly window: number;
  /** Shown as a percentage (a 0/1 stat such as a win). */
  readonly percent: boolean;
}

/** Shiva: one explored hyperparameter of `population.explore`: the initial draw's range, which perturbed values stay in. */
export interface ExploredRange {
  readonly min: number;
  readonly max: number;
  /** Drawn uniformly in log space (learning rates, β). */
  readonly log: boolean;
}

/** Shiva: population-based training (`population:`; src/config/population-settings.ts, src/training/population/). */
export interface PopulationConfig {
  /** Members, each with its own learners and environments. */
  readonly size: number;
  readonly explore: Readonly<Record<string, ExploredRange>>;
  /** "mean_return" or an environment stat's key (e.g. Scout/Red/Win). */
  readonly fitness: string;
  /** Agent steps between rankings. */
  readonly interval: number;
  /** The bottom fraction of the ranking copies a member of the top fraction. */
  readonly truncation: number;
  /** Factors an explored value is multiplied by, one drawn per key. */
  readonly perturb: readonly number[];
  /** Seed of the draws and choices; null: the run's seed. */
  readonly seed: number | null;
}

export interface RunConfig {
  /** The file it was read from, as given. */
  readonly file: string;
  /**
   * Keyed by behavior name as written. "Name" applies to "Name?team=N" for every team; an exact "Name?team=1"
   * key applies to that team only and wins over "Name". Look behaviors up with behaviorConfigFor().
   */
  readonly behaviors: ReadonlyMap<string, BehaviorConfig>;
  /** ML-Agents' default_settings: laid under every behavior's entry, and used whole for behaviors without one. */
  readonly defaultSettings: BehaviorConfig | null;
  readonly envSettings: EnvSettingsConfig;
  readonly engineSettings: EngineSettingsConfig;
  /**
   * Sent to the environment through the EnvironmentParameters side channel: every parameter, a curriculum's as the
   * value of its first lesson (training moves it on: src/training/curriculum.ts).
   */
  readonly environmentParameters: Readonly<Record<string, EnvironmentParameter>>;
  /** The parameters given as curricula (`environment_parameters.NAME.curriculum`), their lessons in order. */
  readonly curricula: Readonly<Record<string, readonly LessonConfig[]>>;
  readonly checkpointSettings: CheckpointSettingsConfig;
  readonly torchSettings: TorchSettingsConfig;
  readonly debug: boolean;
  readonly shiva: ShivaSettingsConfig;
  /** Shiva: population-based training (`population:`), or null. */
  readonly population: PopulationConfig | null;
  /** Shiva: behavior key → its reasoning layer (rule file, on/off, traces); empty when the file has no `cognitive:`. */
  readonly cognitive: ReadonlyMap<string, CognitiveBehaviorConfig>;
  /** Things accepted but ignored, deprecated or suspicious, each `FILE:LINE: PATH: message`; never printed here. */
  readonly warnings: readonly string[];
  /** Key path → 1-based line of every value read from the file, for errors found after loading (configErrorAt). */
  readonly lines: ReadonlyMap<string, number>;
}

/** `shiva train` flags; each wins over the file (as in mlagents-learn). */
export interface CliOverrides extends EngineConfiguration {
  readonly runId?: string;
  readonly resume?: boolean;
  readonly force?: boolean;
  /** An executable path, or `builtin:NAME`. */
  readonly env?: string;
  readonly numEnvs?: number;
  readonly basePort?: number;
  readonly seed?: number;
  readonly resultsDir?: string;
  readonly backend?: string;
  /** Worker threads for a built-in environment's scenes (shiva.env_workers). */
  readonly envWorkers?: number;
  /** A run id whose latest checkpoint's policies start this run (ML-Agents' --initialize-from). */
  readonly initializeFrom?: string;
  // env_settings (mlagents-learn's general options)
  readonly numAreas?: number;
  readonly timeoutWait?: number;
  /** Everything after --env-args on the command line (ML-Agents' argparse.REMAINDER). */
  readonly envArgs?: readonly string[];
  readonly maxLifetimeRestarts?: number;
  readonly restartsRateLimitN?: number;
  readonly restartsRateLimitPeriodS?: number;
  // engine_settings (mlagents-learn's "Engine Configuration"): EngineConfiguration's fields, and no_graphics.
  readonly noGraphics?: boolean;
  /** Top-level `debug`. */
  readonly debug?: boolean;
  /** network_settings.deterministic of every behavior in the file (and of default_settings), as mlagents-learn sets it. */
  readonly deterministic?: boolean;
  readonly inference?: boolean;
  /** ML-Agents' deprecated --load (checkpoint_settings.load_model): the same as --resume. */
  readonly load?: boolean;
  /** ML-Agents' deprecated --train (checkpoint_settings.train_model): ignored, training is the default. */
  readonly train?: boolean;
  /** torch_settings.device (--torch-device): accepted and ignored with a warning naming --backend. */
  readonly torchDevice?: string;
}
