/**
 * `shiva imitate CONFIG`: offline behavioral cloning. Every behavior of the configuration with a
 * `behavioral_cloning` section gets its learner (as `shiva train` would create it, from the demonstration's spec),
 * fitted to the demonstration for --epochs passes, and one training checkpoint holding them all is written to
 * RESULTS/RUN_ID/checkpoints. `shiva train` starts from it with `init_path: RESULTS/RUN_ID` (or
 * `checkpoint_settings.initialize_from: RUN_ID`); `shiva evaluate` plays it.
 *
 * The fit: observations folded into the normaliser once (with normalize: true), then --epochs BC updates of one
 * pass each with the trainer's learning_rate, behavioral_cloning.batch_size and samples_per_update
 * (agents/imitation/behavioral-cloning.ts). With --validation F the last F of the episodes are held out and
 * scored, not trained on.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { BehavioralCloning, type BcEvaluation } from '../../agents/imitation/behavioral-cloning.js';
import { datasetFromDemonstration, splitHeldOut } from '../../agents/imitation/imitation-dataset.js';
import { behaviorConfigFor, learnerIdFor, type RunConfig } from '../config/index.js';
import { behaviorKey, parseBehaviorName } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import { readDemonstrations } from '../protocol/demo-file/index.js';
import { chooseBackend } from '../core/runtime/backend.js';
import { RunSeeds } from '../core/runtime/seeding.js';
import { CheckpointManager } from '../training/checkpoint/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { MetaLearner } from '../training/meta-learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';
import { planResolver } from '../training/plan-resolver.js';

export interface ImitateOptions {
  /** BC passes over the demonstration (default: behavioral_cloning.num_epoch × 10, at least 30). */
  readonly epochs?: number;
  /** Fraction of the episodes held out and scored (default 0). */
  readonly validation?: number;
  readonly logger: Logger;
  /** Called after every epoch. */
  readonly onEpoch?: (report: { behavior: string; epoch: number; epochs: number; loss: number }) => void;
}

export interface ImitateBehaviorResult {
  readonly behavior: string;
  readonly learner: string;
  readonly demo: string;
  readonly rows: number;
  readonly heldOutRows: number;
  readonly epochs: number;
  readonly train: BcEvaluation;
  readonly heldOut: BcEvaluation | null;
}

export interface ImitateResult {
  readonly runDir: string;
  readonly checkpoint: string;
  readonly behaviors: readonly ImitateBehaviorResult[];
}

const CHECKPOINT_FORMAT = 'shiva-training-state';

export async function imitate(config: RunConfig, options: ImitateOptions): Promise<ImitateResult> {
  const names = [...config.behaviors.keys()].filter((name) => config.behaviors.get(name)!.behavioralCloning !== null);
  if (names.length === 0) {
    throw new ShivaError('SHIVA_ERR_USAGE', `${config.file}: behaviors: expected at least one behavior with a behavioral_cloning section (demo_path) to fit, got none`);
  }
  const validation = options.validation ?? 0;
  if (!(validation >= 0 && validation < 1)) throw new ShivaError('SHIVA_ERR_USAGE', `--validation: expected a fraction in [0, 1), got ${validation}`);
  await chooseBackend(config.shiva.backend);
  const runDir = resolve(config.checkpointSettings.resultsDir, config.checkpointSettings.runId);
  if (existsSync(runDir) && readdirSync(runDir).length > 0) {
    if (!config.checkpointSettings.force) throw new ShivaError('SHIVA_ERR_USAGE', `run "${config.checkpointSettings.runId}": ${runDir} already holds a run; use --force to overwrite it, or another --run-id`);
    rmSync(runDir, { recursive: true, force: true });
  }
  mkdirSync(runDir, { recursive: true });
  const seed = config.envSettings.seed === -1 ? 0 : config.envSettings.seed;
  const seeds = new RunSeeds(seed);
  const meta = new MetaLearner(planResolver(config), seeds);
  const results: ImitateBehaviorResult[] = [];
  const learners: Record<string, LearnerState> = {};
  try {
    for (const name of names) {
      const b = behaviorConfigFor(config, name);
      const bc = b.behavioralCloning!;
      const demo = readDemonstrations(bc.demoPath);
      // The learner is the one `shiva train` would create for this behavior, shaped by the demonstration's spec.
      const behavior = name.includes('?team=') ? name : behaviorKey(parseBehaviorName(name).name, parseBehaviorName(demo.spec.name).team);
      const spec = { ...demo.spec, name: behavior };
      const learner = meta.learnerFor(spec);
      if (!(learner instanceof PpoLearner)) {
        throw new ShivaError('SHIVA_ERR_CONFIG', `${config.file}: behaviors.${name}.trainer_type: expected ppo for shiva imitate (an actor-critic policy to fit), got "${b.trainerType}"`);
      }
      const { dataset } = datasetFromDemonstration(demo, spec);
      const { train, heldOut } = splitHeldOut(dataset, validation);
      const policy = learner.policy;
      policy.updateNormalizers(train.observations, train.size);
      policy.syncHost();
      const fit = new BehavioralCloning(policy, { numEpoch: 1, batchSize: bc.batchSize, samplesPerUpdate: bc.samplesPerUpdate, learningRate: b.hyperparameters['learning_rate'] as number }, seeds.rng(`imitate:${learner.id}`));
      const epochs = options.epochs ?? Math.max(30, bc.numEpoch * 10);
      for (let epoch = 1; epoch <= epochs; epoch++) {
        const stats = fit.update(train);
        options.onEpoch?.({ behavior, epoch, epochs, loss: stats.loss });
      }
      const result: ImitateBehaviorResult = {
        behavior,
        learner: learnerIdFor(config, behavior),
        demo: demo.files.join(', '),
        rows: train.size,
        heldOutRows: heldOut.size,
        epochs,
        train: fit.evaluate(train),
        heldOut: heldOut.size > 0 ? fit.evaluate(heldOut) : null,
      };
      options.logger.info(result, `${behavior}: fitted to ${train.size} expert decisions in ${epochs} epochs`);
      results.push(result);
      learners[learner.id] = learner.save();
      fit.dispose();
    }
    const checkpoints = new CheckpointManager(join(runDir, 'checkpoints'), 1);
    const entry = checkpoints.save(0, {
      meta: {
        behavior: Object.keys(learners).join(','),
        step: 0,
        episodes: 0,
        format: CHECKPOINT_FORMAT,
        seed,
        config: config.file,
        imitation: JSON.parse(JSON.stringify(results)),
        state: JSON.parse(JSON.stringify({ learners, episodes: {}, wallSeconds: 0 })),
      },
      tensors: {},
    });
    return { runDir, checkpoint: entry.path, behaviors: results };
  } finally {
    meta.dispose();
  }
}
