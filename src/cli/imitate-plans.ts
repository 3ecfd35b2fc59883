/**
 * From the run configuration to imitation plans (src/training/bc-meta-learner.ts), for `shiva train`:
 * - a warm start from a behavior's `init_path` (ML-Agents' key), else from checkpoint_settings.initialize_from (a
 *   run id under results_dir): a checkpoint file, or a run folder / checkpoints folder whose latest checkpoint is
 *   used. The learner's saved policy is loaded (weights and normalisers); its optimiser and counters are not, so
 *   the new run counts its steps from 0, as ML-Agents' initialize_from does.
 * - behavioral cloning beside PPO, SAC or POCA from the behavior's `behavioral_cloning` section (demo_path relative
 *   to the working directory, as mlagents-learn reads it).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { datasetFromDemonstration } from '../../agents/imitation/imitation-dataset.js';
import type { SavedActorCritic } from '../../agents/networks/actor-critic.js';
import { behaviorConfigFor, type BehaviorConfig, type RunConfig } from '../config/index.js';
import { ShivaError } from '../core/errors.js';
import { readDemonstrations } from '../protocol/demo-file/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { CheckpointManager, readCheckpoint, trainingStateOf } from '../training/checkpoint/index.js';
import { bestMember, POPULATION_CHECKPOINT_FORMAT, populationStateOf } from '../training/population/population-checkpoint.js';
import type { ImitationPlan, ImitationResolver } from '../training/bc-meta-learner.js';

export function imitationResolver(config: RunConfig): ImitationResolver {
  return (behavior, learnerId) => {
    const b = behaviorConfigFor(config, behavior);
    const from = initSource(config, b);
    const plan: ImitationPlan = {
      initPolicy: from !== null ? { ...initialPolicy(from.path, learnerId, from.key), key: from.key } : null,
      behavioralCloning: b.behavioralCloning ? bcPlan(b) : null,
    };
    return plan.initPolicy || plan.behavioralCloning ? plan : null;
  };
}

/**
 * Where a behavior's warm start comes from, and the key that said so as errors name it: `FILE:LINE:
 * behaviors.NAME.init_path`, `FILE:LINE: checkpoint_settings.initialize_from`, or `--initialize-from (command
 * line, checkpoint_settings.initialize_from)`.
 */
function initSource(config: RunConfig, b: BehaviorConfig): { path: string; key: string; runId?: string } | null {
  if (b.initPath !== null) {
    const path = config.behaviors.has(b.name) ? `behaviors.${b.name}.init_path` : 'default_settings.init_path';
    const line = config.lines.get(path);
    return { path: b.initPath, key: `${config.file}${line === undefined ? '' : `:${line}`}: ${path}` };
  }
  const from = config.checkpointSettings.initializeFrom;
  if (from === null) return null;
  const line = config.lines.get('checkpoint_settings.initialize_from');
  const key = line === undefined ? '--initialize-from (command line, checkpoint_settings.initialize_from)' : `${config.file}:${line}: checkpoint_settings.initialize_from`;
  return { path: resolve(config.checkpointSettings.resultsDir, from), key, runId: from };
}

function bcPlan(b: BehaviorConfig): NonNullable<ImitationPlan['behavioralCloning']> {
  const bc = b.behavioralCloning!;
  return {
    settings: {
      learningRate: b.hyperparameters['learning_rate'] as number,
      strength: bc.strength,
      steps: bc.steps,
      numEpoch: bc.numEpoch,
      batchSize: bc.batchSize,
      samplesPerUpdate: bc.samplesPerUpdate,
    },
    dataset: (spec) => datasetFromDemonstration(readDemonstrations(bc.demoPath), spec).dataset,
  };
}

/**
 * The policy of `learnerId` in the checkpoint at `path` (a file, a run folder or a checkpoints folder); a
 * checkpoint holding a single learner serves any learner id. `key` names the setting that gave the path in errors
 * (default `init_path`).
 */
export function initialPolicy(path: string, learnerId: string, key = 'init_path'): { policy: SavedActorCritic; where: string } {
  const file = checkpointFile(path, key);
  const { learners, source } = learnersOf(file);
  const ids = Object.keys(learners);
  const state = learners[learnerId] ?? (ids.length === 1 ? learners[ids[0]!] : undefined);
  if (!state) throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: meta.state.learners: expected learner "${learnerId}" (or a single learner), got [${ids.join(', ')}]`);
  const policy = state['policy'] as SavedActorCritic | undefined;
  if (!policy || policy.format !== 'shiva-actor-critic') {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${file}: learner "${ids.length === 1 ? ids[0] : learnerId}": policy: expected an actor-critic policy (trainer_type ppo), got trainer_type "${state.trainerType}"`);
  }
  return { policy, where: `${source}: learner "${learners[learnerId] ? learnerId : ids[0]}"` };
}

/**
 * The learner states of a training checkpoint; of a population checkpoint (a population run's folder), its best
 * member's (by fitness, as the run's summary names it), so that every learner started from it gets that policy.
 */
function learnersOf(file: string): { learners: Record<string, LearnerState>; source: string } {
  const checkpoint = readCheckpoint(file);
  if (checkpoint.meta['format'] !== POPULATION_CHECKPOINT_FORMAT) return { learners: trainingStateOf(checkpoint, file).state.learners, source: file };
  const { state } = populationStateOf(checkpoint, file);
  const best = bestMember(state);
  return { learners: state.members[best]!.training.learners, source: `${file}: member ${best} (the best by fitness)` };
}

function checkpointFile(path: string, key: string): string {
  if (!existsSync(path)) throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${key}: expected a checkpoint file, a run folder or a checkpoints folder, got ${path}, which does not exist`);
  if (!statSync(path).isDirectory()) return path;
  for (const dir of [join(path, 'checkpoints'), path]) {
    const latest = existsSync(dir) ? new CheckpointManager(dir, 1).latest() : null;
    if (latest) return latest;
  }
  throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${key}: expected a folder holding checkpoints (or checkpoints/ with them), got ${path}, which holds none`);
}
