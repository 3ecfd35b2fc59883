/**
 * `shiva train`: one run from a run configuration. The run folder RESULTS/RUN_ID holds, as ML-Agents' results
 * folder does, configuration.yaml (the resolved configuration), copies of the rule files (rules/), run_logs/ (the
 * simulations' logs, timers.json, training_status.json) and one TensorBoard folder per learner (events and
 * scalars.csv; a learner of one behavior is named as the behavior, without ?team=); and Shiva's own run.json (the
 * file, seed, backend, rule copies), checkpoints/, and summary.json at the end. Stopping through the abort signal (Ctrl-C) saves a checkpoint first;
 * --resume continues from the latest checkpoint. With `shiva.final_evaluation`, a run that was not stopped then
 * evaluates its final checkpoint (final-evaluation.ts) and writes the result into summary.json.
 *
 * Faults (docs/RELIABILITY.md): when Unity stops the run (status 400: the Editor left play mode) it ends as at
 * max_steps (final checkpoint, summary.json with `simulationStopped`, exit 0); when an environment fails (a player
 * gone past its restarts, NaN from the scene) the steps so far are checkpointed and summary.json says why before the
 * coded error ends the command. --resume of a run whose learners all reached max_steps reports it and changes
 * nothing but a note in summary.json; --resume passes over damaged checkpoints (each named in a warning and left on
 * disk) to the newest valid one.
 */
import { randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { ListenOptions } from '../bridge/bridge-options.js';
import { assertTrainable, behaviorConfigFor, learnerIdFor, parseBehaviorId, type RunConfig } from '../config/index.js';
import type { AggregatedStat } from '../core/env/stats.js';
import { ShivaError, isShivaError } from '../core/errors.js';
import { chooseBackend, describeBackendChoice } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { ScalarLogger } from '../telemetry/scalar-logger.js';
import { CHECKPOINT_INDEX, CheckpointManager, collectExports, encodeExports, pruneOnnxModels, readCheckpoint, trainingStateOf, writeFileAtomicSync, writeOnnxModels, type JsonValue } from '../training/checkpoint/index.js';
import { SHIVA_PACKAGE_VERSION } from '../protocol/version.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { ImitationMetaLearner } from '../training/bc-meta-learner.js';
import { Trainer, type LearnerSummary, type ProgressReport, type TrainingState } from '../training/trainer.js';
import { Curriculum } from '../training/curriculum.js';
import { EpisodeFrames } from '../training/episode-frames.js';
import { goalConditioningWarnings } from './unbuilt-warnings.js';
import { environmentSettings, openEnvironments } from './environments.js';
import { runFinalEvaluation, type FinalEvaluation } from './final-evaluation.js';
import { planResolver } from '../training/plan-resolver.js';
import { imitationResolver } from './imitate-plans.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { copyRuleFiles, RunLogs, writeConfiguration } from './run-files.js';
import { assertSceneBehaviors } from '../config/scene-behaviors.js';
import { trainingAnalytics } from './training-analytics.js';
import { builtinCensus, preflight } from './preflight.js';
import { assertRunFolderWritable, runFolderError } from './run-folder-checks.js';
import { censusOf } from '../training/memory-budget.js';

export interface TrainHooks {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  readonly onStart?: (info: { runDir: string; environments: string; backend: string; resumedFromStep: number | null; inference: boolean }) => void;
  readonly onProgress?: (report: ProgressReport) => void;
  /** Every drain of an environment's stats (Stats side channel) as training reads it, for live displays. */
  readonly onEnvironmentStats?: (stats: ReadonlyMap<string, AggregatedStat>) => void;
  /** Training ended and the final evaluation begins. */
  readonly onFinalEvaluation?: (info: { episodes: number; checkpoint: string }) => void;
  /**
   * Which of --base-port and --timeout-wait the command line gave: the Editor listens on an explicit --base-port
   * (else 5004 or SHIVA_EDITOR_PORT) and waits for Play as long as it takes unless timeout_wait was given.
   */
  readonly explicit?: { readonly basePort?: boolean; readonly timeoutWait?: boolean };
  /** Where the gRPC listeners bind (--host; default loopback) and what reaches them off loopback (--allow-remote, token, TLS). */
  readonly listen?: ListenOptions;
  /** Keep the frames of each environment's last N episodes in RUN/episodes for the dashboard's map (--record-episodes). */
  readonly recordEpisodes?: number;
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
  /** Unity stopped the run (status 400: the Editor left play mode): why, in its words; the steps so far were checkpointed. Null otherwise. */
  readonly simulationStopped?: string | null;
  /** --resume of a run whose learners had all reached max_steps: the step it had finished at; nothing was trained or changed. */
  readonly alreadyFinished?: { readonly steps: number; readonly checkpoint: string } | null;
}

const CHECKPOINT_FORMAT = 'shiva-training-state';

export async function train(config: RunConfig, hooks: TrainHooks): Promise<TrainResult> {
  assertTrainable(config);
  // Rule files are checked before the run folder or any simulation is touched.
  const ruleSets = loadRuleSets(config);
  // So are the behavior names, against a built-in scene's (a Unity executable's are known once it connects).
  assertSceneBehaviors(config);
  // And what a built-in scene's specs allow checking (the learners' memory estimate, rules against the specs, demos,
  // warm starts), from a one-area copy of the scene (preflight.ts); a Unity scene's at its first reset, below.
  const builtin = await builtinCensus(config);
  if (builtin !== null) preflight(config, builtin, ruleSets, planResolver(config));
  const { logger } = hooks;
  for (const warning of config.warnings) logger.warn(warning);
  if (builtin !== null) for (const warning of goalConditioningWarnings(config, builtin)) logger.warn(warning);
  const inference = config.checkpointSettings.inference;
  logger.debug({ envSettings: config.envSettings, engineSettings: config.engineSettings, checkpointSettings: config.checkpointSettings, torchSettings: config.torchSettings, debug: config.debug }, 'run configuration (command line over file over defaults)');
  const runDir = resolve(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  const checkpointDir = join(runDir, 'checkpoints');
  const backend = await chooseBackend(config.shiva.backend);
  // One line for everyone; which backends were tried and why they were skipped only at debug level (--debug).
  const backendWords = describeBackendChoice(backend);
  logger.info({ backend: backend.name }, backendWords.line);
  logger.debug({ backend: backend.name, request: backend.request, requestSource: backend.requestSource, tried: backend.tried }, backendWords.details);
  // Everything above only reads; from here the run folder is written (a results folder that cannot hold it is refused first).
  assertRunFolderWritable(config, runDir);
  const restored = withRunFolderErrors(config, runDir, () => prepareRunFolder(config, runDir, checkpointDir, (m) => logger.warn(m)));
  // A finished run stays as it was: no simulation is started, no step taken, no checkpoint written or rotated.
  const finished = restored && !inference ? finishedAt(config, restored) : null;
  if (restored && finished !== null) return reportFinished(config, runDir, restored, finished, logger);
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
  // Environment parameters: samplers seeded from the run's seed, curricula at their lesson (a resumed run's).
  const curriculum = new Curriculum(config.environmentParameters, config.curricula, seed, restored?.lessons);
  for (const [parameter, lesson] of Object.entries(curriculum.lessonNumbers())) {
    logger.info({ parameter, lesson, name: curriculum.lessonOf(parameter)?.name }, `parameter "${parameter}" is in lesson ${lesson} ("${curriculum.lessonOf(parameter)?.name}")`);
  }
  const environments = await openEnvironments({
    ...environmentSettings(config, { seed, logDir: join(runDir, 'run_logs'), logger, ...hooks.listen, ...(hooks.explicit ? { explicit: hooks.explicit } : {}) }),
    parameters: curriculum.currentParameters(),
    analytics: trainingAnalytics(config, backend),
  }).catch(abandon);
  await environments
    .connect(hooks.signal)
    .then(() => hooks.signal?.throwIfAborted())
    .catch(async (error: unknown) => {
      await environments.close();
      return abandon(error);
    });
  // A Unity scene's specs are known at its first reset: the checks a built-in scene had before the run folder, now,
  // before any learner is created; a failure removes the run folder made for this attempt. Training continues the
  // episodes of this reset.
  const checkedAtReset = builtin === null;
  if (checkedAtReset) {
    await untilAborted(Promise.all(environments.envs.map((e) => e.reset())), hooks.signal)
      .then(() => {
        const census = censusOf(environments.envs);
        preflight(config, census, ruleSets, planResolver(config));
        for (const warning of goalConditioningWarnings(config, census)) logger.warn(warning);
      })
      .catch(async (error: unknown) => {
        await environments.close();
        return abandon(error);
      });
  }
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
    ...(checkedAtReset ? { reset: false } : {}),
    deterministic: deterministicActing(config, logger),
    scalars: inference ? undefined : (learnerId) => {
      const scalars = ScalarLogger.open(join(runDir, safeName(learnerId)));
      scalarLoggers.push(scalars);
      return scalars;
    },
    checkpoints: inference ? undefined : {
      save: async (step, state) => {
        // The acting networks ride along (meta.exports and their tensors) for `shiva export`; BEHAVIOR-STEP.onnx beside.
        const exported = collectExports(meta.learners.values(), (id) => meta.behaviorsOf(id));
        const { exports, tensors } = encodeExports(exported);
        const entry = checkpoints.save(step, { meta: { ...checkpointMeta(state, step, seed, config), exports }, tensors });
        writeOnnxModels(checkpointDir, exported, step, SHIVA_PACKAGE_VERSION);
        pruneOnnxModels(checkpointDir, new Set(checkpoints.list().map((e) => e.step)));
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
    curriculum,
    onLessonChange: (change) => logger.info(change, `parameter "${change.parameter}" moved to lesson ${change.lesson} ("${change.name}") at step ${change.step} of ${change.behavior}`),
    ...(hooks.recordEpisodes ? { afterEnvironmentStep: EpisodeFrames.hook(join(runDir, 'episodes'), environments.envs, hooks.recordEpisodes) } : {}),
    router: { windowMs: config.shiva.decisions.windowMs, maxBatchAgents: config.shiva.decisions.maxBatch },
  });
  let trained: { summary: TrainResult['summary']; stopped: boolean; simulationStopped: string | null; file: Record<string, unknown> };
  const byBehaviorOf = (summary: Record<string, LearnerSummary>): TrainResult['summary'] => {
    const byBehavior: TrainResult['summary'] = {};
    for (const [learner, s] of Object.entries(summary)) for (const behavior of s.behaviors) byBehavior[behavior] = { learner, ...s };
    return byBehavior;
  };
  try {
    // Environments step concurrently: their env_step blocks may add up to more than the run's time.
    if (environments.envs.length > 1) runLogs?.timers.parallel('Trainer.run', 'env_step');
    let run: Awaited<ReturnType<Trainer['run']>>;
    try {
      run = await (runLogs ? runLogs.timers.time(['Trainer.run'], () => trainer.run()) : trainer.run());
    } catch (error) {
      // An environment failed (a player gone past its restarts, NaN from the scene): the Trainer checkpointed the
      // steps so far; summary.json and training_status.json say so before the coded error ends the command.
      const saved = trainer.afterFailure;
      if (saved && !inference) {
        runLogs?.finished(saved.checkpoint, meta.learners);
        const failed = { code: isShivaError(error) ? error.code : null, message: error instanceof Error ? error.message : String(error) };
        writeSummary(runDir, { runId: config.checkpointSettings.runId, stopped: false, resumedFromStep: restored?.step ?? null, failed, checkpoint: saved.checkpoint, behaviors: byBehaviorOf(saved.summary) });
        if (saved.checkpoint !== null) logger.warn({ checkpoint: saved.checkpoint }, `the environment failed; the steps so far are saved in ${saved.checkpoint}: continue with --resume once it is fixed`);
        else if (saved.saveError !== undefined) logger.error({ error: String(saved.saveError) }, `the environment failed, and the checkpoint of the steps since the last one could not be written: ${saved.saveError instanceof Error ? saved.saveError.message : String(saved.saveError)}`);
      }
      throw error;
    }
    const { summary, stopped } = run;
    const simulationStopped = run.simulationStopped ?? null;
    if (simulationStopped !== null) logger.warn({ reason: simulationStopped }, `Unity stopped the run (${simulationStopped}); the steps so far are saved in the final checkpoint`);
    runLogs?.finished(lastCheckpoint as string | null, meta.learners);
    // RUN_ID/BEHAVIOR.onnx, as ML-Agents leaves it: the policy to drag into the agent's Behavior Parameters.
    if (!inference) for (const path of writeOnnxModels(runDir, collectExports(meta.learners.values(), (id) => meta.behaviorsOf(id)), null, SHIVA_PACKAGE_VERSION)) logger.info({ model: path }, 'ONNX model written');
    const byBehavior = byBehaviorOf(summary);
    const file = { runId: config.checkpointSettings.runId, stopped, ...(simulationStopped !== null ? { simulationStopped } : {}), resumedFromStep: restored?.step ?? null, behaviors: byBehavior };
    if (!inference) writeSummary(runDir, file); // inference leaves the trained run's summary.json as it was
    trained = { summary: byBehavior, stopped, simulationStopped, file };
  } finally {
    for (const s of scalarLoggers) s.close();
    meta.dispose();
    await environments.close();
  }
  // After the training environments closed: the evaluation's own take the same ports.
  let finalEvaluation: FinalEvaluation | null = null;
  const evaluation = config.shiva.finalEvaluation;
  const checkpoint = lastCheckpoint as string | null;
  // A run Unity stopped is not evaluated: the simulation it would play in has just gone.
  if (evaluation !== null && !trained.stopped && trained.simulationStopped === null && checkpoint !== null) {
    hooks.onFinalEvaluation?.({ episodes: evaluation.episodes, checkpoint });
    const endEvaluation = runLogs?.timers.begin('final_evaluation');
    finalEvaluation = await runFinalEvaluation(config, evaluation, checkpoint, logger);
    endEvaluation?.();
    writeSummary(runDir, { ...trained.file, finalEvaluation });
  }
  runLogs?.write();
  return { runDir, stopped: trained.stopped, summary: trained.summary, resumedFromStep: restored?.step ?? null, checkpoint, finalEvaluation, inference, simulationStopped: trained.simulationStopped };
}

/**
 * Each behavior acts with the mode of its policy when its network_settings.deterministic is set (in the file, or by
 * --deterministic for every behavior), as ML-Agents' policies do; said once per behavior.
 */
/** `promise`, or the abort signal's reason as soon as it aborts (Ctrl-C while the first reset waits for Unity). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new ShivaError('SHIVA_ERR_CLOSED', `stopped before training began (${String(signal.reason)})`));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** `make()` (prepareRunFolder), a file-system error of it named as SHIVA_ERR_RUN_FOLDER (run-folder-checks.ts). */
function withRunFolderErrors<T>(config: RunConfig, runDir: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw runFolderError(config, runDir, error);
  }
}

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

export interface Restored {
  readonly path: string;
  readonly step: number;
  readonly seed: number;
  readonly learners: Map<string, LearnerState>;
  readonly episodes: Record<string, number>;
  readonly wallSeconds: number;
  readonly recentReturns?: TrainingState['recentReturns'];
  readonly environmentStats?: TrainingState['environmentStats'];
  readonly lessons?: TrainingState['lessons'];
}

/** Applies --resume / --force / neither to the run folder; returns the checkpoint to resume from. */
function prepareRunFolder(config: RunConfig, runDir: string, checkpointDir: string, warn: (message: string) => void): Restored | null {
  const { resume, force, runId } = config.checkpointSettings;
  const exists = existsSync(runDir) && readdirSync(runDir).length > 0;
  if (resume) return resumeFrom(runId, checkpointDir, warn);
  if (exists && !force) {
    throw new ShivaError('SHIVA_ERR_USAGE', `run "${runId}": ${runDir} already holds a run; use --resume to continue it, --force to overwrite it, or another --run-id`);
  }
  if (exists) rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  return null;
}

/**
 * The newest valid checkpoint of the run. Damaged ones (a length or CRC32C that does not hold, a state that does not
 * check, a listed file that is gone, a damaged checkpoints.json) are each named in a warning and left on disk, and
 * the index is rewritten without them (a damaged index is kept beside it as checkpoints.json.damaged), so that the
 * resumed run neither rotates them out nor writes over them. With none valid, an error names every one.
 */
export function resumeFrom(runId: string, checkpointDir: string, warn: (message: string) => void): Restored {
  const manager = new CheckpointManager(checkpointDir, 1_000_000);
  const { entries, problems, indexDamaged } = existsSync(checkpointDir) ? manager.resumeCandidates() : { entries: [], problems: [], indexDamaged: false };
  const damaged = [...problems];
  for (const [k, entry] of entries.entries()) {
    let restored: Restored;
    try {
      restored = restoreFrom(entry.path);
    } catch (error) {
      if (!isShivaError(error, 'SHIVA_ERR_CHECKPOINT')) throw error;
      damaged.push({ path: entry.path, reason: error.message });
      continue;
    }
    if (damaged.length > 0) {
      for (const d of damaged) warn(`--resume: passed over the damaged ${d.path}, left as it is: ${d.reason}`);
      warn(`--resume: resuming from ${entry.path} (step ${restored.step}), the newest valid checkpoint of run "${runId}"`);
      const index = join(checkpointDir, CHECKPOINT_INDEX);
      if (indexDamaged) copyFileSync(index, `${index}.damaged`);
      manager.reindex(entries.slice(k).reverse());
    }
    return restored;
  }
  if (damaged.length === 0) {
    throw new ShivaError('SHIVA_ERR_USAGE', `--resume: expected a checkpoint of run "${runId}" in ${checkpointDir}, got none; start the run without --resume`);
  }
  throw new ShivaError(
    'SHIVA_ERR_CHECKPOINT',
    `--resume: expected a valid checkpoint of run "${runId}" in ${checkpointDir}, got ${damaged.length} damaged (each left as it is): ${damaged.map((d) => d.reason).join('; ')}`,
  );
}

/**
 * The step a resumed run had finished at: every learner of its checkpoint has reached its max_steps in `config`
 * (raising max_steps in the file continues the run); null when any has not, or is not in the configuration.
 */
function finishedAt(config: RunConfig, restored: Restored): number | null {
  if (restored.learners.size === 0) return null;
  for (const [id, state] of restored.learners) {
    const maxSteps = learnerMaxSteps(config, id);
    if (maxSteps === null || state.steps < maxSteps) return null;
  }
  return restored.step;
}

/** max_steps of the behaviors that learner `learnerId` trains in `config` (the largest), or null when none does. */
function learnerMaxSteps(config: RunConfig, learnerId: string): number | null {
  const { name, team } = parseBehaviorId(learnerId);
  const perTeam = learnerId !== name;
  const found: number[] = [];
  for (const member of config.shiva.learners.get(name) ?? [name]) {
    const behaviorId = perTeam ? `${member}?team=${team}` : member;
    try {
      if (learnerIdFor(config, behaviorId) === learnerId) found.push(behaviorConfigFor(config, behaviorId).maxSteps);
    } catch (error) {
      if (!isShivaError(error, 'SHIVA_ERR_CONFIG')) throw error; // not a behavior of this configuration
    }
  }
  return found.length > 0 ? Math.max(...found) : null;
}

/**
 * --resume of a finished run: says so and leaves the run folder as it was (no simulation started, no step, no
 * checkpoint written or rotated), but for a note in summary.json.
 */
function reportFinished(config: RunConfig, runDir: string, restored: Restored, steps: number, logger: Logger): TrainResult {
  const runId = config.checkpointSettings.runId;
  const note = `--resume at ${new Date().toISOString()}: run "${runId}" had already finished at ${steps} steps (every learner at its max_steps); nothing was trained or changed. Raise max_steps in the configuration to train further.`;
  logger.info({ runDir, steps, checkpoint: restored.path }, `run "${runId}" already finished at ${steps} steps; nothing to train (raise max_steps to continue it)`);
  let file: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) file = parsed as Record<string, unknown>;
  } catch {
    file = null; // no summary.json (a run killed after its last checkpoint): nothing to add a note to
  }
  if (file) writeSummary(runDir, { ...file, resumeNote: note });
  const behaviors = (file?.['behaviors'] ?? {}) as TrainResult['summary'];
  return { runDir, stopped: false, summary: behaviors, resumedFromStep: restored.step, checkpoint: restored.path, finalEvaluation: null, inference: false, simulationStopped: null, alreadyFinished: { steps, checkpoint: restored.path } };
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
    ...(state.lessons ? { lessons: state.lessons } : {}),
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
