/**
 * Default values, ML-Agents' where ML-Agents has the key (mlagents/trainers/settings.py and cli_utils.py, and the
 * docs' Training-Configuration-File.md), Shiva's own otherwise. An algorithm's `hyperparameters` defaults are in
 * its own table (agents/<algorithm>/hyperparameters.ts), not here.
 */
import { DEFAULT_ENGINE_CONFIGURATION } from '../core/env/environment-parameters.js';
import type {
  CheckpointSettingsConfig,
  ClusterConfig,
  DecisionRoutingConfig,
  EngineSettingsConfig,
  EnvSettingsConfig,
  NetworkSettingsConfig,
  SelfPlayConfig,
} from './run-config.js';

/** NetworkSettings, plus Shiva's activation (ML-Agents' networks use swish). */
export const NETWORK_DEFAULTS: NetworkSettingsConfig = {
  normalize: false,
  hiddenUnits: 128,
  numLayers: 2,
  visEncodeType: 'simple',
  memory: null,
  goalConditioningType: 'hyper',
  deterministic: false,
  activation: 'swish',
};

/** TrainerSettings' scalar fields. */
export const TRAINER_DEFAULTS = {
  maxSteps: 500000,
  timeHorizon: 64,
  summaryFreq: 50000,
  checkpointInterval: 500000,
  keepCheckpoints: 5,
  evenCheckpoints: false,
  threaded: false,
} as const;

export const REWARD_SIGNAL_DEFAULTS = { gamma: 0.99, strength: 1.0 } as const;
/** GAIL's (and curiosity's) own learning rate. */
export const GAIL_LEARNING_RATE = 3e-4;

export const BEHAVIORAL_CLONING_DEFAULTS = { steps: 0, strength: 1.0, samplesPerUpdate: 0 } as const;

/**
 * SelfPlaySettings as settings.py has them (teamChange = 5 × saveSteps). The docs page says swap_steps defaults to
 * 10000; the code, which is what runs, says 2000.
 */
export const SELF_PLAY_DEFAULTS: Omit<SelfPlayConfig, 'teamChange'> = {
  saveSteps: 20000,
  swapSteps: 2000,
  window: 10,
  playAgainstLatestModelRatio: 0.5,
  initialElo: 1200.0,
};

/** mlagents-learn's command-line defaults (cli_utils.py), which are env_settings' defaults. */
export const ENV_DEFAULTS: EnvSettingsConfig = {
  envPath: null,
  builtinEnv: null,
  envArgs: [],
  numEnvs: 1,
  basePort: 5005,
  seed: -1,
  numAreas: 1,
  timeoutWait: 60,
  maxLifetimeRestarts: 10,
  restartsRateLimitN: 1,
  restartsRateLimitPeriodS: 60,
};

export const ENGINE_DEFAULTS: EngineSettingsConfig = { ...DEFAULT_ENGINE_CONFIGURATION, noGraphics: false };

export const CHECKPOINT_DEFAULTS: CheckpointSettingsConfig = {
  runId: 'ppo',
  resume: false,
  force: false,
  resultsDir: 'results',
  initializeFrom: null,
  inference: false,
};

/** Sampler parameters ML-Agents fills in when a sampler leaves them out. */
export const SAMPLER_DEFAULTS = {
  uniform: { min: 0.0, max: 1.0 },
  gaussian: { mean: 1.0, stddev: 1.0 },
  multirangeuniform: { intervals: [[0.0, 1.0]] as const },
  constant: { value: 0.0 },
} as const;

/** Shiva's `shiva.decisions` (the decision router's own defaults, src/decisions/decision-router.ts; a test keeps them equal). */
export const DECISION_ROUTING_DEFAULTS: DecisionRoutingConfig = { windowMs: 2, maxBatch: 4096 };

/**
 * `shiva.cluster` (docs/DISTRIBUTED.md): two versions of lag (an open trajectory acted before one update closes after
 * the next). The stream: at most 8 GiB and a day of trajectories on the server's disk (at the capacity model's
 * 43 MB/s, 8 GiB is over 3 minutes, many checkpoints of a fast run; a CartPole run's 0.8 MB/s fills it in hours).
 */
export const CLUSTER_DEFAULTS: ClusterConfig = { maxPolicyLag: 2, actorTimeoutS: 5, streamMaxBytes: 8 * 2 ** 30, streamMaxAgeS: 86_400, streamMaxMsgs: null };
