/**
 * `shiva train`: one run from a run configuration. The run folder RESULTS/RUN_ID holds, as ML-Agents' results
 * folder does, configuration.yaml (the resolved configuration), copies of the rule files (rules/), run_logs/ (the
 * simulations' logs, timers.json, training_status.json) and one TensorBoard folder per learner (events and
 * scalars.csv; a learner of one behavior is named as the behavior, without ?team=); and Shiva's own run.json (the
 * file, seed, backend, rule copies), checkpoints/, and summary.json at the end. Stopping through the abort signal (Ctrl-C) saves a checkpoint first;
 * --resume continues from the latest checkpoint. With `shiva.final_evaluation`, a run that was not stopped then
 * evaluates its final checkpoint (final-evaluation.ts) and writes the result into summary.json.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { assertTrainable, behaviorConfigFor, type RunConfig } from '../config/index.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend, describeBackendChoice } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { ScalarLogger } from '../telemetry/scalar-logger.js';
import { CheckpointManager, readCheckpoint, trainingStateOf, writeFileAtomicSync, type JsonValue } from '../training/checkpoint/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { ImitationMetaLearner } from '../training/bc-meta-learner.js';
import { Trainer, type LearnerSummary, type ProgressReport, type TrainingState } from '../training/trainer.js';
import { environmentSettings, openEnvironments } from './environments.js';
import { runFinalEvaluation, type FinalEvaluation } from './final-evaluation.js';
import { planResolver } from '../training/plan-resolver.js';
import { imitationResolver } from './imitate-plans.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { copyRuleFiles, RunLogs, writeConfiguration } from './run-files.js';
import { assertSceneBehaviors } from '../config/scene-behaviors.js';
import { trainingAnalytics } from './training-analytics.js';

export interface TrainHooks {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  readonly onStart?: (info: { runDir: string; environments: string; backend: string; resumedFromStep: number | null; inference: boolean }) => void;
  readonly onProgress?: (report: ProgressReport) => void;
  /** Every drain of an environment's stats (Stats side channel) as training reads it, for live displays. */
  readonly onEnvironmentStats?: (stats: ReadonlyMap<string, AggregatedStat>) => void;
  /** Training ended and the final evaluation begins. */
  readonly onFinalEvaluation?: (info: { episodes: number; checkpoint: string }) => void;
  /** Where the gRPC listeners bind (--host; default loopback) and whether a non-loopback address is allowed (--allow-remote). */
  readonly listen?: { readonly host?: string; readonly allowRemote?: boolean };
}

export interface TrainResult {
  readonly runDir: string;
  readonly stopped: boolean;
  readonly summary: Record<string, LearnerSummary & { learner: string }>;
  readonly resumedFromStep: number | null;
  readonly checkpoint: string | null;
  /** The final evaluation (`shiva.final_evaluation`), or null when not configured or the run was stopped. */
  readonly finalEvaluation: FinalEvaluation | null;
  /** ML-Agents' inference mode (--inference): the policies acted without learning; no checkpoint and no summary.json were written. */
  readonly inference: boolean;
}

const CHECKPOINT_FORMAT = 'shiva-training-state';

export async function train(config: RunConfig, hooks: TrainHooks): Promise<TrainResult> {
  assertTrainable(config);
  // Rule files are checked before the run folder or any simulation is touched.
  const ruleSets = loadRuleSets(config);
  // So are the behavior names, against a built-in scene's (a Unity executable's are known once it connects).
  assertSceneBehaviors(config);
  const { logger } = hooks;
  for (const warning of config.warnings) logger.warn(warning);
  const inference = config.checkpointSettings.inference;
  logger.debug({ envSettings: config.envSettings, engineSettings: config.engineSettings, checkpointSettings: config.checkpointSettings, torchSettings: config.torchSettings, debug: config.debug }, 'run configuration (command line over file over defaults)');
  const runDir = resolve(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  const checkpointDir = join(runDir, 'checkpoints');
  const backend = await chooseBackend(config.shiva.backend);
  // One line for everyone; which backends were tried and why they were skipped only at debug level (--debug).
  const backendWords = describeBackendChoice(backend);
  logger.info({ backend: backend.name }, backendWords.line);
  logger.debug({ backend: backend.name, request: backend.request, requestSource: backend.requestSource, tried: backend.tried }, backendWords.details);
  // Everything above only reads; from here the run folder is written.
  const restored = prepareRunFolder(config, runDir, checkpointDir);
  const seed = restored?.seed ?? (config.envSettings.seed === -1 ? randomInt(0, 2 ** 31 - 1) : config.envSettings.seed);
  const startedAt = new Date().toISOString();
  // The results folder ML-Agents' users and tools expect (run-files.ts): configuration.yaml, the rule files, and
  // run_logs/timers.json and training_status.json (kept up to date at each checkpoint). Inference leaves a trained
  // run's files as they were.
  const runLogs = inference ? null : new RunLogs(runDir, { resumed: restored !== null, backend: backend.name, warn: (m) => logger.warn(m) });
  const ruleCopies = inference ? [] : copyRuleFiles(config, runDir);
  if (!inference) writeConfiguration(config, runDir, startedAt);
  writeFileAtomicSync(join(runDir, 'run.json'), [Buffer.from(JSON.stringify({ config: config.file, runId: config.checkpointSettings.runId, seed, backend: backend.name, resumedFromStep: restored?.step ?? null, ...(inference ? { inference: true } : {}), ...(ruleCopies.length > 0 ? { rules: ruleCopies } : {}), startedAt }, null, 2) + '\n')]);

  // Until every simulation has connected (an executable that cannot start, or keeps exiting: SHIVA_ERR_LAUNCH at
  // once; Ctrl-C or SIGTERM while waiting for the Editor), a failure removes the run folder made for this attempt,
  // so that the same run id can be tried again without --force.
  const abandon = (error: unknown): never => {
    if (restored === null) rmSync(runDir, { recursive: true, force: true });
    throw error;
  };
  const endSetup = runLogs?.timers.begin('setup');
  const environments = await openEnvironments({
    ...environmentSettings(config, { seed, logDir: join(runDir, 'run_logs'), logger, ...hooks.listen }),
    analytics: trainingAnalytics(config, backend),
  }).catch(abandon);
  await environments
    .connect(hooks.signal)
    .then(() => hooks.signal?.throwIfAborted())
    .catch(async (error: unknown) => {
      await environments.close();
      return abandon(error);
    });
  endSetup?.();
  hooks.onStart?.({ runDir, environments: environments.describe, backend: backend.name, resumedFromStep: restored?.step ?? null, inference });

  const resolvePlan = planResolver(config);
  const seeds = new RunSeeds(seed);
  // Imitation: warm starts (init_path, initialize_from) and behavioral_cloning beside PPO (src/cli/imitate-plans.ts).
  const meta = new ImitationMetaLearner(resolvePlan, seeds, restored?.learners ?? new Map(), restored?.path ?? 'checkpoint', imitationResolver(config));
  const checkpoints = new CheckpointManager(checkpointDir, Math.max(1, ...Object.values(Object.fromEntries(config.behaviors)).map((b) => b.keepCheckpoints)));
  const scalarLoggers: ScalarLogger[] = [];
  let lastCheckpoint: string | null = null;
  const trainer = new Trainer(environments.envs, meta, {
    // Inference (--inference): the restored policies act; nothing is learned, summarised to TensorBoard or checkpointed.
    learn: !inference,
    deterministic: deterministicActing(config, logger),
    scalars: inference ? undefined : (learnerId) => {
      const scalars = ScalarLogger.open(join(runDir, safeName(learnerId)));
      scalarLoggers.push(scalars);
      return scalars;
    },
    checkpoints: inference ? undefined : {
      save: async (step, state) => {
        const entry = checkpoints.save(step, { meta: checkpointMeta(state, step, seed, config), tensors: {} });
        runLogs?.checkpointSaved(entry.path, state);
        return entry.path;
      },
    },
    summaryFreq: (id) => meta.plans.get(id)?.summaryFreq ?? 50_000,
    checkpointInterval: (id) => meta.plans.get(id)?.checkpointInterval ?? 500_000,
    onProgress: hooks.onProgress,
    ...(hooks.onEnvironmentStats ? { onEnvironmentStats: hooks.onEnvironmentStats } : {}),
    onCheckpoint: (path) => {
      lastCheckpoint = path;
      logger.info({ checkpoint: path }, 'checkpoint saved');
    },
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(restored && !inference ? { resumed: { episodes: restored.episodes, wallSeconds: restored.wallSeconds, recentReturns: restored.recentReturns, environmentStats: restored.environmentStats } } : {}),
    ...(runLogs ? { timers: runLogs.timers.scope('Trainer.run') } : {}),
    reasoners: reasonerResolver(config, ruleSets, { runDir, seeds }),
    router: { windowMs: config.shiva.decisions.windowMs, maxBatchAgents: config.shiva.decisions.maxBatch },
  });
  let trained: { summary: TrainResult['summary']; stopped: boolean; file: Record<string, unknown> };
  try {
    // Environments step concurrently: their env_step blocks may add up to more than the run's time.
    if (environments.envs.length > 1) runLogs?.timers.parallel('Trainer.run', 'env_step');
    const { summary, stopped } = await (runLogs ? runLogs.timers.time(['Trainer.run'], () => trainer.run()) : trainer.run());
    runLogs?.finished(lastCheckpoint as string | null, meta.learners);
    const byBehavior: TrainResult['summary'] = {};
    for (const [learner, s] of Object.entries(summary)) for (const behavior of s.behaviors) byBehavior[behavior] = { learner, ...s };
    const file = { runId: config.checkpointSettings.runId, stopped, resumedFromStep: restored?.step ?? null, behaviors: byBehavior };
    if (!inference) writeSummary(runDir, file); // inference leaves the trained run's summary.json as it was
    trained = { summary: byBehavior, stopped, file };
  } finally {
    for (const s of scalarLoggers) s.close();
    meta.dispose();
    await environments.close();
  }
  // After the training environments closed: the evaluation's own take the same ports.
  let finalEvaluation: FinalEvaluation | null = null;
  const evaluation = config.shiva.finalEvaluation;
  const checkpoint = lastCheckpoint as string | null;
  if (evaluation !== null && !trained.stopped && checkpoint !== null) {
    hooks.onFinalEvaluation?.({ episodes: evaluation.episodes, checkpoint });
    const endEvaluation = runLogs?.timers.begin('final_evaluation');
    finalEvaluation = await runFinalEvaluation(config, evaluation, checkpoint, logger);
    endEvaluation?.();
    writeSummary(runDir, { ...trained.file, finalEvaluation });
  }
  runLogs?.write();
  return { runDir, stopped: trained.stopped, summary: trained.summary, resumedFromStep: restored?.step ?? null, checkpoint, finalEvaluation, inference };
}

/**
 * Each behavior acts with the mode of its policy when its network_settings.deterministic is set (in the file, or by
 * --deterministic for every behavior), as ML-Agents' policies do; said once per behavior.
 */
function deterministicActing(config: RunConfig, logger: Logger): (behavior: string) => boolean {
  const said = new Set<string>();
  return (behavior) => {
    const deterministic = behaviorConfigFor(config, behavior).networkSettings.deterministic;
    if (deterministic && !said.has(behavior)) {
      said.add(behavior);
      logger.info({ behavior, deterministic }, `${behavior}: acting deterministically (the mode of the policy: network_settings.deterministic, --deterministic)`);
    }
    return deterministic;
  };
}

function writeSummary(runDir: string, summary: Record<string, unknown>): void {
  writeFileAtomicSync(join(runDir, 'summary.json'), [Buffer.from(JSON.stringify(summary, null, 2) + '\n')]);
}

interface Restored {
  readonly path: string;
  readonly step: number;
  readonly seed: number;
  readonly learners: Map<string, LearnerState>;
  readonly episodes: Record<string, number>;
  readonly wallSeconds: number;
  readonly recentReturns?: TrainingState['recentReturns'];
  readonly environmentStats?: TrainingState['environmentStats'];
}

/** Applies --resume / --force / neither to the run folder; returns the checkpoint to resume from. */
function prepareRunFolder(config: RunConfig, runDir: string, checkpointDir: string): Restored | null {
  const { resume, force, runId } = config.checkpointSettings;
  const exists = existsSync(runDir) && readdirSync(runDir).length > 0;
  if (resume) {
    const manager = new CheckpointManager(checkpointDir, 1_000_000);
    const latest = existsSync(checkpointDir) ? manager.latest() : null;
    if (!latest) {
      throw new ShivaError('SHIVA_ERR_USAGE', `--resume: expected a checkpoint of run "${runId}" in ${checkpointDir}, got none; start the run without --resume`);
    }
    return restoreFrom(latest);
  }
  if (exists && !force) {
    throw new ShivaError('SHIVA_ERR_USAGE', `run "${runId}": ${runDir} already holds a run; use --resume to continue it, --force to overwrite it, or another --run-id`);
  }
  if (exists) rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  return null;
}

function restoreFrom(path: string): Restored {
  const checkpoint = readCheckpoint(path);
  const { format, seed } = checkpoint.meta;
  if (format !== CHECKPOINT_FORMAT || typeof seed !== 'number') {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${path}: meta.format: expected a Shiva training checkpoint ("${CHECKPOINT_FORMAT}"), got ${JSON.stringify(format ?? null)}`);
  }
  const { meta, state } = trainingStateOf(checkpoint, path);
  return {
    path,
    step: meta.step,
    seed,
    learners: new Map(Object.entries(state.learners)),
    episodes: state.episodes,
    wallSeconds: state.wallSeconds,
    ...(state.recentReturns ? { recentReturns: state.recentReturns } : {}),
    ...(state.environmentStats ? { environmentStats: state.environmentStats } : {}),
  };
}

function checkpointMeta(state: TrainingState, step: number, seed: number, config: RunConfig) {
  return {
    behavior: Object.keys(state.learners).join(','),
    step,
    episodes: Object.values(state.episodes).reduce((a, b) => a + b, 0),
    format: CHECKPOINT_FORMAT,
    seed,
    config: config.file,
    state: state as unknown as JsonValue,
  };
}

/** A learner id as a folder name ("Striker?team=1" -> "Striker_team=1"). */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.=-]/g, '_');
}
