/**
 * `shiva train`: one run from a run configuration. The run folder RESULTS/RUN_ID holds the configuration used
 * (run.json), one folder per learner with its TensorBoard events and scalars.csv, checkpoints/, the simulations'
 * logs, and summary.json at the end. Stopping through the abort signal (Ctrl-C) saves a checkpoint first;
 * --resume continues from the latest checkpoint. With `shiva.final_evaluation`, a run that was not stopped then
 * evaluates its final checkpoint (final-evaluation.ts) and writes the result into summary.json.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { assertTrainable, type RunConfig } from '../config/index.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
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

export interface TrainHooks {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  readonly onStart?: (info: { runDir: string; environments: string; backend: string; resumedFromStep: number | null }) => void;
  readonly onProgress?: (report: ProgressReport) => void;
  /** Every drain of an environment's stats (Stats side channel) as training reads it, for live displays. */
  readonly onEnvironmentStats?: (stats: ReadonlyMap<string, AggregatedStat>) => void;
  /** Training ended and the final evaluation begins. */
  readonly onFinalEvaluation?: (info: { episodes: number; checkpoint: string }) => void;
}

export interface TrainResult {
  readonly runDir: string;
  readonly stopped: boolean;
  readonly summary: Record<string, LearnerSummary & { learner: string }>;
  readonly resumedFromStep: number | null;
  readonly checkpoint: string | null;
  /** The final evaluation (`shiva.final_evaluation`), or null when not configured or the run was stopped. */
  readonly finalEvaluation: FinalEvaluation | null;
}

const CHECKPOINT_FORMAT = 'shiva-training-state';

export async function train(config: RunConfig, hooks: TrainHooks): Promise<TrainResult> {
  assertTrainable(config);
  // Rule files are checked before the run folder or any simulation is touched.
  const ruleSets = loadRuleSets(config);
  const { logger } = hooks;
  for (const warning of config.warnings) logger.warn(warning);
  const runDir = resolve(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  const checkpointDir = join(runDir, 'checkpoints');
  const restored = prepareRunFolder(config, runDir, checkpointDir);

  const backend = await chooseBackend(config.shiva.backend);
  logger.info({ backend: backend.name, tried: backend.tried }, `tfjs backend: ${backend.name}`);
  const seed = restored?.seed ?? (config.envSettings.seed === -1 ? randomInt(0, 2 ** 31 - 1) : config.envSettings.seed);
  writeFileAtomicSync(join(runDir, 'run.json'), [Buffer.from(JSON.stringify({ config: config.file, runId: config.checkpointSettings.runId, seed, backend: backend.name, resumedFromStep: restored?.step ?? null, startedAt: new Date().toISOString() }, null, 2) + '\n')]);

  const environments = await openEnvironments(environmentSettings(config, { seed, logDir: join(runDir, 'run_logs'), logger }));
  hooks.onStart?.({ runDir, environments: environments.describe, backend: backend.name, resumedFromStep: restored?.step ?? null });

  const resolvePlan = planResolver(config);
  const seeds = new RunSeeds(seed);
  // Imitation: warm starts (init_path, initialize_from) and behavioral_cloning beside PPO (src/cli/imitate-plans.ts).
  const meta = new ImitationMetaLearner(resolvePlan, seeds, restored?.learners ?? new Map(), restored?.path ?? 'checkpoint', imitationResolver(config));
  const checkpoints = new CheckpointManager(checkpointDir, Math.max(1, ...Object.values(Object.fromEntries(config.behaviors)).map((b) => b.keepCheckpoints)));
  const scalarLoggers: ScalarLogger[] = [];
  let lastCheckpoint: string | null = null;
  const trainer = new Trainer(environments.envs, meta, {
    scalars: (learnerId) => {
      const scalars = ScalarLogger.open(join(runDir, safeName(learnerId)));
      scalarLoggers.push(scalars);
      return scalars;
    },
    checkpoints: {
      save: async (step, state) => {
        const entry = checkpoints.save(step, { meta: checkpointMeta(state, step, seed, config), tensors: {} });
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
    ...(restored ? { resumed: { episodes: restored.episodes, wallSeconds: restored.wallSeconds } } : {}),
    reasoners: reasonerResolver(config, ruleSets, { runDir, seeds }),
    router: { windowMs: config.shiva.decisions.windowMs, maxBatchAgents: config.shiva.decisions.maxBatch },
  });
  let trained: { summary: TrainResult['summary']; stopped: boolean; file: Record<string, unknown> };
  try {
    const { summary, stopped } = await trainer.run();
    const byBehavior: TrainResult['summary'] = {};
    for (const [learner, s] of Object.entries(summary)) for (const behavior of s.behaviors) byBehavior[behavior] = { learner, ...s };
    const file = { runId: config.checkpointSettings.runId, stopped, resumedFromStep: restored?.step ?? null, behaviors: byBehavior };
    writeSummary(runDir, file);
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
    finalEvaluation = await runFinalEvaluation(config, evaluation, checkpoint, logger);
    writeSummary(runDir, { ...trained.file, finalEvaluation });
  }
  return { runDir, stopped: trained.stopped, summary: trained.summary, resumedFromStep: restored?.step ?? null, checkpoint, finalEvaluation };
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
