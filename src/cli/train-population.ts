/**
 * `shiva train` of a configuration with `population:` (src/training/population/): the members train side by side
 * in this process on a built-in scene, each on its own environments (num_envs of them, seeded apart: member m's
 * environment i has seed + 1000·m + i; with shiva.env_workers, all members' environments share that many worker
 * threads). The run folder holds configuration.yaml, run.json, population.jsonl (every ranking and every
 * exploit/explore: who copied whom at which step, the values old → new), checkpoints/ (population-STEP.ckpt: every
 * member's state after each ranking and at the end, for --resume), one folder per member (`member-M`: a TensorBoard
 * folder per learner, its final training checkpoint in checkpoints/ and BEHAVIOR.onnx, its rule traces in traces/,
 * its recorded episodes in episodes/) and summary.json with each member's lineage and hyperparameter schedule, and
 * the final evaluation of the best member.
 *
 * Refused, each with the reason: members as separate learners on a cluster (--cluster, in train-command.ts), Unity
 * scenes (one executable per member and environment), --inference (which member's policies would act?).
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { RunConfig } from '../config/index.js';
import type { Environment } from '../core/env/environment.js';
import { LocalEnv } from '../core/env/local-env.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { deriveSeed, RunSeeds } from '../core/runtime/seeding.js';
import { SHIVA_PACKAGE_VERSION } from '../protocol/version.js';
import { CheckpointManager, collectExports, encodeExports, writeFileAtomicSync, writeOnnxModels, type JsonValue } from '../training/checkpoint/index.js';
import { EpisodeFrames } from '../training/episode-frames.js';
import { planResolver } from '../training/plan-resolver.js';
import { POPULATION_CHECKPOINT_PREFIX, populationCheckpoint } from '../training/population/population-checkpoint.js';
import { PopulationTrainer, type PopulationEvent, type PopulationResult } from '../training/population/population-trainer.js';
import type { CheckpointSink, ProgressReport } from '../training/trainer.js';
import type { MetaLearner } from '../training/meta-learner.js';
import { ScalarLogger } from '../telemetry/scalar-logger.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { openSceneWorkers } from '../../envs/workers/scene-workers.js';
import { assertSceneBehaviors } from '../config/scene-behaviors.js';
import { ImitationMetaLearner } from '../training/bc-meta-learner.js';
import { runFinalEvaluation, type FinalEvaluation } from './final-evaluation.js';
import { imitationResolver } from './imitate-plans.js';
import { cutEventsBack, populationShape, resumePopulation, type ResumedPopulation } from './population-resume.js';
import { builtinCensus, preflight } from './preflight.js';
import { loadRuleSets, reasonerResolver } from './reasoners.js';
import { assertRunFolderWritable } from './run-folder-checks.js';
import { copyRuleFiles, writeConfiguration } from './run-files.js';

export interface PopulationRunHooks {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** A member's learner reported progress (its summary period). */
  readonly onProgress?: (member: number, report: ProgressReport) => void;
  readonly onEvent?: (event: PopulationEvent) => void;
  /** The run folder is ready (written or, with --resume, read back) and training begins. */
  readonly onStart?: (info: { readonly runDir: string; readonly resumedFromStep: number | null }) => void;
  /** Keep the frames of each environment's last N episodes, per member in RUN/member-M/episodes (--record-episodes). */
  readonly recordEpisodes?: number;
  /** Training ended and the final evaluation of the best member begins. */
  readonly onFinalEvaluation?: (info: { readonly member: number; readonly episodes: number; readonly checkpoint: string }) => void;
}

/** The final evaluation (`shiva.final_evaluation`) of the best member's final checkpoint. */
export interface PopulationFinalEvaluation extends FinalEvaluation {
  readonly member: number;
  readonly checkpoint: string;
}

export interface PopulationRunResult extends PopulationResult {
  readonly runDir: string;
  /** --resume: the step of the population checkpoint it continued from; null for a new run. */
  readonly resumedFromStep: number | null;
  /** Each member's final training checkpoint (RUN/member-M/checkpoints), by member; null where none was written. */
  readonly checkpoints: readonly (string | null)[];
  /** Null when not configured, or the run was stopped. */
  readonly finalEvaluation: PopulationFinalEvaluation | null;
}

/** The seed offset between members' environments (member m's environment i: seed + MEMBER_SEED_STRIDE·m + i). */
export const MEMBER_SEED_STRIDE = 1000;

const TRAINING_CHECKPOINT_FORMAT = 'shiva-training-state';

export async function trainPopulation(config: RunConfig, hooks: PopulationRunHooks): Promise<PopulationRunResult> {
  const population = config.population;
  if (!population) throw new ShivaError('SHIVA_ERR_USAGE', `${config.file}: population: expected a population section for a population run, got none`);
  refuseUnbuilt(config);
  // The checks `shiva train` makes before the run folder: rule files, behavior names against the scene's, and what
  // its specs allow (plans, the memory estimate of one member's learners, rules, demonstrations, warm starts).
  const ruleSets = loadRuleSets(config);
  assertSceneBehaviors(config);
  const census = await builtinCensus(config);
  if (census !== null) preflight(config, census, ruleSets, planResolver(config));
  const { logger } = hooks;
  for (const warning of config.warnings) logger.warn(warning);
  const scene = getBuiltinEnv(config.envSettings.builtinEnv!);
  const backend = await chooseBackend(config.shiva.backend);
  const runDir = resolve(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  const checkpointDir = join(runDir, 'checkpoints');
  assertRunFolderWritable(config, runDir);
  const resumed = config.checkpointSettings.resume ? resumePopulation(config, checkpointDir, (m) => logger.warn(m)) : null;
  if (!resumed) prepareFolder(config, runDir);
  const seed = resumed?.seed ?? (config.envSettings.seed === -1 ? Math.floor(Math.random() * (2 ** 31 - 1)) : config.envSettings.seed);
  const startedAt = new Date().toISOString();
  writeConfiguration(config, runDir, startedAt);
  const ruleCopies = copyRuleFiles(config, runDir);
  const runInfo = { config: config.file, runId: config.checkpointSettings.runId, seed, backend: backend.name, resumedFromStep: resumed?.step ?? null, population: { size: population.size, seed: population.seed ?? seed }, ...(ruleCopies.length > 0 ? { rules: ruleCopies } : {}), startedAt };
  writeFileAtomicSync(join(runDir, 'run.json'), [Buffer.from(JSON.stringify(runInfo, null, 2) + '\n')]);
  const eventsFile = join(runDir, 'population.jsonl');
  if (resumed) continueEvents(eventsFile, resumed, logger);
  const scalars: ScalarLogger[] = [];
  const members = openMemberEnvironments(config, seed);
  const memberDir = (m: number) => join(runDir, `member-${m}`);
  const populationCheckpoints = new CheckpointManager(checkpointDir, keepCheckpoints(config), { prefix: POPULATION_CHECKPOINT_PREFIX });
  const memberCheckpoints: (string | null)[] = Array.from({ length: population.size }, () => null);
  const metas: MetaLearner[] = [];
  const runner = new PopulationTrainer({
    population,
    seed: population.seed ?? seed,
    resolve: planResolver(config),
    member: (m) => ({ envs: members.envs[m]!, seeds: new RunSeeds(deriveSeed(seed, `population:member:${m}`)) }),
    // Imitation as in `shiva train`: behavioral_cloning beside PPO, and init_path / initialize_from warm starts: every
    // member's learners start from the same weights (restored learners keep their own, as --resume does).
    metaLearner: (m, resolve, seeds, restored) => {
      const meta = new ImitationMetaLearner(resolve, seeds, restored, resumed ? `${resumed.path}: member ${m}` : 'checkpoint', imitationResolver(config));
      metas[m] = meta;
      return meta;
    },
    trainer: (m) => ({
      summaryFreq: (id) => summaryFreqOf(config, id),
      checkpointInterval: () => Number.MAX_SAFE_INTEGER,
      // The member's final checkpoint (at max_steps or when stopped): its policies for evaluate, export, initialize_from.
      checkpoints: memberCheckpointSink(config, memberDir(m), seed, () => metas[m]!, (path) => (memberCheckpoints[m] = path)),
      scalars: (learnerId) => {
        const sink = ScalarLogger.open(join(memberDir(m), safeName(learnerId)));
        scalars.push(sink);
        return sink;
      },
      // Each member's reasoning layers write their traces in its own folder (RUN/member-M/traces/BEHAVIOR.jsonl).
      reasoners: reasonerResolver(config, ruleSets, { runDir: memberDir(m), seeds: new RunSeeds(deriveSeed(seed, `population:member:${m}`)) }),
      ...(hooks.recordEpisodes ? { afterEnvironmentStep: EpisodeFrames.hook(join(memberDir(m), 'episodes'), members.envs[m]!, hooks.recordEpisodes) } : {}),
      ...(hooks.onProgress ? { onProgress: (p: ProgressReport) => hooks.onProgress!(m, p) } : {}),
      router: { windowMs: config.shiva.decisions.windowMs, maxBatchAgents: config.shiva.decisions.maxBatch },
    }),
    onEvent: (event) => {
      appendFileSync(eventsFile, JSON.stringify(event) + '\n');
      if (event.kind === 'exploit') {
        const changes = Object.entries(event.hyperparameters).map(([k, v]) => `${k} ${v.old.toPrecision(3)} → ${v.new.toPrecision(3)}`).join(', ');
        logger.info(event, `population: member ${event.member} copied member ${event.from} at step ${event.step} (fitness ${fmt(event.fitness.member)} < ${fmt(event.fitness.from)}); ${changes}`);
      }
      hooks.onEvent?.(event);
    },
    onCheckpoint: (state, at) => {
      const entry = populationCheckpoints.save(at.step, populationCheckpoint(state, at, seed, populationShape(config), config.file));
      logger.info({ checkpoint: entry.path, reason: at.reason }, `population checkpoint saved (${at.reason === 'ranking' ? `ranking at step ${at.step}` : 'end of the run'})`);
    },
    ...(resumed ? { resume: resumed.state } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  });
  const { numEnvs } = config.envSettings;
  const where = members.workers > 0 ? ` in ${members.workers} worker thread(s)` : '';
  const resumedWords = resumed ? `, resumed at step ${resumed.step} before ranking ${resumed.state.round}` : '';
  logger.info({ runDir, members: population.size, backend: backend.name }, `population of ${population.size} on ${numEnvs} × builtin:${scene.name} each${where} (${backend.name}${resumedWords}); run folder ${runDir}`);
  hooks.onStart?.({ runDir, resumedFromStep: resumed?.step ?? null });
  let result: PopulationResult;
  try {
    result = await runner.run();
  } finally {
    for (const s of scalars) s.close();
    runner.dispose();
    await members.close();
  }
  const summary = { runId: config.checkpointSettings.runId, stopped: result.stopped, resumedFromStep: resumed?.step ?? null, population: { fitness: population.fitness, interval: population.interval, rounds: result.rounds, best: result.best, members: result.members, checkpoints: memberCheckpoints } };
  writeFileAtomicSync(join(runDir, 'summary.json'), [Buffer.from(JSON.stringify(summary, null, 2) + '\n')]);
  const finalEvaluation = await evaluateBest(config, result, memberCheckpoints, hooks);
  if (finalEvaluation) writeFileAtomicSync(join(runDir, 'summary.json'), [Buffer.from(JSON.stringify({ ...summary, finalEvaluation }, null, 2) + '\n')]);
  return { ...result, runDir, resumedFromStep: resumed?.step ?? null, checkpoints: memberCheckpoints, finalEvaluation };
}

/** What a population run cannot do, each with the reason. */
function refuseUnbuilt(config: RunConfig): void {
  const refuse = (what: string, why: string): never => {
    throw new ShivaError('SHIVA_ERR_USAGE', `${config.file}: population: expected ${what}, got ${why}`);
  };
  if (config.envSettings.builtinEnv === null) refuse('a built-in scene (env_settings.env_path: builtin:NAME; each member needs environments of its own)', config.envSettings.envPath === null ? 'the Unity Editor' : `"${config.envSettings.envPath}"`);
  if (config.checkpointSettings.inference) refuse('training (--inference runs one set of policies; evaluate a member with shiva evaluate --checkpoint RUN/member-M)', '--inference');
}

function prepareFolder(config: RunConfig, runDir: string): void {
  const exists = existsSync(runDir) && readdirSync(runDir).length > 0;
  if (exists && !config.checkpointSettings.force) {
    throw new ShivaError('SHIVA_ERR_USAGE', `run "${config.checkpointSettings.runId}": ${runDir} already holds a run; use --resume to continue it, --force to overwrite it, or another --run-id`);
  }
  if (exists) rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
}

/** population.jsonl as of the checkpoint (population-resume.ts), said when events after it were dropped. */
function continueEvents(eventsFile: string, resumed: ResumedPopulation, logger: Logger): void {
  const dropped = cutEventsBack(eventsFile, resumed.state.round);
  if (dropped > 0) logger.warn({ eventsFile, dropped }, `--resume: ${dropped} event(s) of population.jsonl from ranking ${resumed.state.round} on came after ${resumed.path} and were dropped; those rankings run again`);
}

/**
 * Each member's environments: in this thread (LocalEnv), or with shiva.env_workers all members' in one pool of
 * that many threads (at most every environment of the population), each environment named and seeded as in-process.
 */
function openMemberEnvironments(config: RunConfig, seed: number): { envs: Environment[][]; workers: number; close: () => Promise<void> } {
  const scene = getBuiltinEnv(config.envSettings.builtinEnv!);
  const { numEnvs, numAreas } = config.envSettings;
  const size = config.population!.size;
  const named = Array.from({ length: size }, (_, m) => Array.from({ length: numEnvs }, (_, i) => ({ name: `builtin:${scene.name}#${m}.${i}`, seed: seed + MEMBER_SEED_STRIDE * m + i })));
  const parameters = config.environmentParameters;
  const withParameters = (env: Environment) => {
    if (Object.keys(parameters).length > 0) env.setEnvironmentParameters(parameters);
    return env;
  };
  const workers = Math.min(config.shiva.envWorkers, size * numEnvs);
  if (workers === 0) {
    const envs = named.map((list) => list.map((e) => withParameters(new LocalEnv(e.name, scene.factory, { numAreas, seed: e.seed, decisionPeriod: scene.decisionPeriod }))));
    return { envs, workers: 0, close: async () => undefined };
  }
  const pool = openSceneWorkers({ scene: scene.name, numEnvs: size * numEnvs, numWorkers: workers, numAreas, seed, environments: named.flat() });
  const envs = named.map((_, m) => pool.envs.slice(m * numEnvs, (m + 1) * numEnvs).map(withParameters));
  return { envs, workers, close: () => pool.close() };
}

/** A member's Trainer saves its training checkpoint (as `shiva train` writes one) and BEHAVIOR.onnx in its folder. */
function memberCheckpointSink(config: RunConfig, dir: string, seed: number, meta: () => MetaLearner, saved: (path: string) => void): CheckpointSink {
  const manager = new CheckpointManager(join(dir, 'checkpoints'), keepCheckpoints(config));
  return {
    save: async (step, state) => {
      const learners = meta();
      const exported = collectExports(learners.learners.values(), (id) => learners.behaviorsOf(id));
      const { exports, tensors } = encodeExports(exported);
      const episodes = Object.values(state.episodes).reduce((a, b) => a + b, 0);
      const entry = manager.save(step, { meta: { behavior: Object.keys(state.learners).join(','), step, episodes, format: TRAINING_CHECKPOINT_FORMAT, seed, config: config.file, state: state as unknown as JsonValue, exports }, tensors });
      writeOnnxModels(dir, exported, null, SHIVA_PACKAGE_VERSION);
      saved(entry.path);
      return entry.path;
    },
  };
}

/** shiva.final_evaluation of the best member's final checkpoint, unless the run was stopped. */
async function evaluateBest(config: RunConfig, result: PopulationResult, checkpoints: readonly (string | null)[], hooks: PopulationRunHooks): Promise<PopulationFinalEvaluation | null> {
  const evaluation = config.shiva.finalEvaluation;
  const checkpoint = checkpoints[result.best] ?? null;
  if (evaluation === null || result.stopped || checkpoint === null) return null;
  hooks.onFinalEvaluation?.({ member: result.best, episodes: evaluation.episodes, checkpoint });
  hooks.logger.info({ member: result.best, checkpoint }, `final evaluation of the best member, ${result.best} (${checkpoint}), over ${evaluation.episodes} episodes`);
  return { member: result.best, checkpoint, ...(await runFinalEvaluation(config, evaluation, checkpoint, hooks.logger)) };
}

function keepCheckpoints(config: RunConfig): number {
  return Math.max(1, ...[...config.behaviors.values()].map((b) => b.keepCheckpoints));
}

/** A learner's summary_freq: its first behavior's (the behaviors of one learner share their learner's settings). */
function summaryFreqOf(config: RunConfig, learnerId: string): number {
  const behavior = config.shiva.learners.get(learnerId)?.[0];
  return (behavior !== undefined ? config.behaviors.get(behavior)?.summaryFreq : undefined) ?? config.defaultSettings?.summaryFreq ?? 50_000;
}

function fmt(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.=-]/g, '_');
}
