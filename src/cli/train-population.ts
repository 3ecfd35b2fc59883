/**
 * `shiva train` of a configuration with `population:` (src/training/population/): the members train side by side
 * in this process on a built-in scene, each on its own environments (num_envs of them, seeded apart: member m's
 * environment i has seed + 1000·m + i). The run folder holds configuration.yaml, run.json, one TensorBoard folder
 * per member and learner (`member-M/LEARNER`), population.jsonl (every ranking and every exploit/explore: who
 * copied whom at which step, the values old → new) and summary.json with each member's lineage and hyperparameter
 * schedule.
 *
 * Not yet (each refused with the reason): members as separate learners on a cluster (--cluster), Unity scenes
 * (one executable per member and environment), --resume and --inference (no population checkpoint yet), rule
 * files (their traces would be written by every member at once).
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { RunConfig } from '../config/index.js';
import { LocalEnv } from '../core/env/local-env.js';
import { ShivaError } from '../core/errors.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { deriveSeed, RunSeeds } from '../core/runtime/seeding.js';
import { writeFileAtomicSync } from '../training/checkpoint/index.js';
import { planResolver } from '../training/plan-resolver.js';
import { PopulationTrainer, type PopulationEvent, type PopulationResult } from '../training/population/population-trainer.js';
import type { ProgressReport } from '../training/trainer.js';
import { ScalarLogger } from '../telemetry/scalar-logger.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { assertSceneBehaviors } from '../config/scene-behaviors.js';
import { ImitationMetaLearner } from '../training/bc-meta-learner.js';
import { imitationResolver } from './imitate-plans.js';
import { builtinCensus, preflight } from './preflight.js';
import { assertRunFolderWritable } from './run-folder-checks.js';
import { writeConfiguration } from './run-files.js';

export interface PopulationRunHooks {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** A member's learner reported progress (its summary period). */
  readonly onProgress?: (member: number, report: ProgressReport) => void;
  readonly onEvent?: (event: PopulationEvent) => void;
}

export interface PopulationRunResult extends PopulationResult {
  readonly runDir: string;
}

/** The seed offset between members' environments (member m's environment i: seed + MEMBER_SEED_STRIDE·m + i). */
export const MEMBER_SEED_STRIDE = 1000;

export async function trainPopulation(config: RunConfig, hooks: PopulationRunHooks): Promise<PopulationRunResult> {
  const population = config.population;
  if (!population) throw new ShivaError('SHIVA_ERR_USAGE', `${config.file}: population: expected a population section for a population run, got none`);
  refuseUnbuilt(config);
  // The checks `shiva train` makes before the run folder: behavior names against the scene's, and what its specs
  // allow (plans, the memory estimate of one member's learners, demonstrations, warm starts).
  assertSceneBehaviors(config);
  const census = await builtinCensus(config);
  if (census !== null) preflight(config, census, new Map(), planResolver(config));
  const { logger } = hooks;
  for (const warning of config.warnings) logger.warn(warning);
  const scene = getBuiltinEnv(config.envSettings.builtinEnv!);
  const backend = await chooseBackend(config.shiva.backend);
  const runDir = resolve(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  assertRunFolderWritable(config, runDir);
  prepareFolder(config, runDir);
  const seed = config.envSettings.seed === -1 ? Math.floor(Math.random() * (2 ** 31 - 1)) : config.envSettings.seed;
  const startedAt = new Date().toISOString();
  writeConfiguration(config, runDir, startedAt);
  writeFileAtomicSync(join(runDir, 'run.json'), [Buffer.from(JSON.stringify({ config: config.file, runId: config.checkpointSettings.runId, seed, backend: backend.name, population: { size: population.size, seed: population.seed ?? seed }, startedAt }, null, 2) + '\n')]);
  const eventsFile = join(runDir, 'population.jsonl');
  const scalars: ScalarLogger[] = [];
  const { numEnvs, numAreas } = config.envSettings;
  const resolvePlan = planResolver(config);
  const runner = new PopulationTrainer({
    population,
    seed: population.seed ?? seed,
    resolve: resolvePlan,
    member: (m) => ({
      envs: Array.from({ length: numEnvs }, (_, i) => {
        const env = new LocalEnv(`builtin:${scene.name}#${m}.${i}`, scene.factory, { numAreas, seed: seed + MEMBER_SEED_STRIDE * m + i, decisionPeriod: scene.decisionPeriod });
        if (Object.keys(config.environmentParameters).length > 0) env.setEnvironmentParameters(config.environmentParameters);
        return env;
      }),
      seeds: new RunSeeds(deriveSeed(seed, `population:member:${m}`)),
    }),
    // Imitation as in `shiva train`: behavioral_cloning beside PPO and init_path warm starts, per member.
    metaLearner: (_m, resolve, seeds) => new ImitationMetaLearner(resolve, seeds, new Map(), 'checkpoint', imitationResolver(config)),
    trainer: (m) => ({
      summaryFreq: (id) => summaryFreqOf(config, id),
      checkpointInterval: () => Number.MAX_SAFE_INTEGER,
      scalars: (learnerId) => {
        const sink = ScalarLogger.open(join(runDir, `member-${m}`, safeName(learnerId)));
        scalars.push(sink);
        return sink;
      },
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
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  });
  logger.info({ runDir, members: population.size, backend: backend.name }, `population of ${population.size} on ${numEnvs} × builtin:${scene.name} each (${backend.name}); run folder ${runDir}`);
  try {
    const result = await runner.run();
    const summary = { runId: config.checkpointSettings.runId, stopped: result.stopped, population: { fitness: population.fitness, interval: population.interval, rounds: result.rounds, best: result.best, members: result.members } };
    writeFileAtomicSync(join(runDir, 'summary.json'), [Buffer.from(JSON.stringify(summary, null, 2) + '\n')]);
    return { ...result, runDir };
  } finally {
    for (const s of scalars) s.close();
    runner.dispose();
  }
}

/** What a population run cannot do yet, each with the reason. */
function refuseUnbuilt(config: RunConfig): void {
  const refuse = (what: string, why: string): never => {
    throw new ShivaError('SHIVA_ERR_USAGE', `${config.file}: population: expected ${what}, got ${why}`);
  };
  if (config.envSettings.builtinEnv === null) refuse('a built-in scene (env_settings.env_path: builtin:NAME; each member needs environments of its own)', config.envSettings.envPath === null ? 'the Unity Editor' : `"${config.envSettings.envPath}"`);
  if (config.checkpointSettings.resume) refuse('a new run (population checkpoints are not built yet)', '--resume');
  if (config.checkpointSettings.inference) refuse('training', '--inference');
  if (config.checkpointSettings.initializeFrom !== null) refuse('members that start fresh', `initialize_from "${config.checkpointSettings.initializeFrom}"`);
  if (config.cognitive.size > 0) refuse('no rule files (every member would write the same trace files)', `cognitive: ${[...config.cognitive.keys()].join(', ')}`);
  const selfPlay = [...config.behaviors.values()].find((b) => b.selfPlay !== null);
  if (selfPlay) refuse('behaviors without self_play (the ghost learner takes no hyperparameters after creation yet)', `self_play under behaviors.${selfPlay.name}`);
  if (config.shiva.envWorkers > 0) refuse('the main thread (shiva.env_workers 0)', `env_workers ${config.shiva.envWorkers}`);
}

function prepareFolder(config: RunConfig, runDir: string): void {
  const exists = existsSync(runDir) && readdirSync(runDir).length > 0;
  if (exists && !config.checkpointSettings.force) {
    throw new ShivaError('SHIVA_ERR_USAGE', `run "${config.checkpointSettings.runId}": ${runDir} already holds a run; use --force to overwrite it, or another --run-id`);
  }
  if (exists) rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
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
