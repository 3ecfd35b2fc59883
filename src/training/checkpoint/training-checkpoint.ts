/**
 * A training checkpoint: a checkpoint whose meta holds the learners' states (`shiva train`, `shiva imitate`,
 * `shiva dagger`). The one place its meta is read: the state is checked here (every learner has a trainer type
 * and integer step and update counters; the episode counts and wall time fit), so the commands that play, record,
 * resume or start from a checkpoint get typed values and never cast. Each learner's load() checks its own fields.
 * Anything wrong is a SHIVA_ERR_CHECKPOINT naming the file, the field, what was expected and what came.
 */
import { ShivaError } from '../../core/errors.js';
import type { LearnerState } from '../../../agents/plugin/learner.js';
import type { TrainingState } from '../trainer.js';
import type { Checkpoint, CheckpointTensor, JsonValue } from './checkpoint-format.js';
import { readCheckpoint } from './read-checkpoint.js';

/** The meta of a training checkpoint, typed; `state` is checked and held beside it. */
export interface TrainingCheckpointMeta {
  readonly behavior: string;
  readonly step: number;
  readonly episodes: number;
  /** "shiva-training-state" for the checkpoints Shiva writes; absent in older or hand-made ones. */
  readonly format?: string;
  /** The run's seed. */
  readonly seed?: number;
  /** The configuration the run was trained with (its file). */
  readonly config?: JsonValue;
  /** The whole meta as it is in the file (imitation, dagger and other extra fields included). */
  readonly raw: Checkpoint['meta'];
}

export interface TrainingCheckpoint {
  readonly meta: TrainingCheckpointMeta;
  readonly state: TrainingState;
  readonly tensors: Readonly<Record<string, CheckpointTensor>>;
}

/** Reads the checkpoint at `path` and checks that it is a training checkpoint (see trainingStateOf). */
export function readTrainingCheckpoint(path: string): TrainingCheckpoint {
  return trainingStateOf(readCheckpoint(path), path);
}

/**
 * The training state of a checkpoint already read; `source` names it in errors. Checks meta.state: an object
 * whose `learners` maps each learner id to an object with a string trainerType and non-negative integer steps
 * and updates; `episodes`, where present, maps learner ids to non-negative integers (absent: none counted);
 * `wallSeconds`, where present, is a finite number ≥ 0 (absent: 0); `recentReturns` (learner id → finite numbers) and
 * `environmentStats` (learner id → key → {sum, count}), where present, are kept. meta.format and meta.seed, where present,
 * are a string and a finite number.
 */
export function trainingStateOf(checkpoint: Checkpoint, source: string): TrainingCheckpoint {
  const raw = checkpoint.meta;
  const { format, seed, config } = raw;
  if (format !== undefined && typeof format !== 'string') throw fail(source, 'meta.format', 'a string', format);
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) throw fail(source, 'meta.seed', 'a finite number', seed);
  const meta: TrainingCheckpointMeta = {
    behavior: raw.behavior,
    step: raw.step,
    episodes: raw.episodes,
    ...(format !== undefined ? { format } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(config !== undefined ? { config } : {}),
    raw,
  };
  return { meta, state: checkState(raw['state'], source), tensors: checkpoint.tensors };
}

function checkState(state: JsonValue | undefined, source: string): TrainingState {
  if (state === undefined || state === null) {
    throw new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: meta.state: expected a Shiva training checkpoint with learner states, got none`);
  }
  if (!isObject(state)) throw fail(source, 'meta.state', 'an object holding learners, episodes and wallSeconds (a Shiva training state)', state);
  const { learners, episodes, wallSeconds, recentReturns, environmentStats, lessons } = state;
  if (!isObject(learners)) throw fail(source, 'meta.state.learners', 'an object mapping learner ids to learner states', learners);
  // fromEntries defines the keys, so an id such as "__proto__" stays an id.
  const checkedLearners = Object.fromEntries(Object.entries(learners).map(([id, learner]) => [id, checkLearner(learner, `meta.state.learners.${id}`, source)]));
  if (episodes !== undefined && !isObject(episodes)) throw fail(source, 'meta.state.episodes', 'an object mapping learner ids to episode counts', episodes);
  const checkedEpisodes = Object.fromEntries(Object.entries(episodes ?? {}).map(([id, count]) => [id, checkCount(count, `meta.state.episodes.${id}`, source)]));
  if (wallSeconds !== undefined && (typeof wallSeconds !== 'number' || !Number.isFinite(wallSeconds) || wallSeconds < 0)) {
    throw fail(source, 'meta.state.wallSeconds', 'a finite number ≥ 0', wallSeconds);
  }
  return {
    learners: checkedLearners,
    episodes: checkedEpisodes,
    wallSeconds: wallSeconds ?? 0,
    ...(recentReturns !== undefined ? { recentReturns: checkReturns(recentReturns, source) } : {}),
    ...(environmentStats !== undefined ? { environmentStats: checkEnvironmentStats(environmentStats, source) } : {}),
    ...(lessons !== undefined ? { lessons: checkLessons(lessons, source) } : {}),
  };
}

/** `lessons`: curriculum parameter → its lesson number (a non-negative integer). */
function checkLessons(value: JsonValue, source: string): Record<string, number> {
  if (!isObject(value)) throw fail(source, 'meta.state.lessons', 'an object mapping curriculum parameters to lesson numbers', value);
  return Object.fromEntries(Object.entries(value).map(([name, n]) => [name, checkCount(n, `meta.state.lessons.${name}`, source)]));
}

/** `recentReturns`: learner id → a list of finite numbers (the last returns its summary means). */
function checkReturns(value: JsonValue, source: string): Record<string, number[]> {
  const field = 'meta.state.recentReturns';
  if (!isObject(value)) throw fail(source, field, 'an object mapping learner ids to lists of returns', value);
  return Object.fromEntries(
    Object.entries(value).map(([id, list]) => {
      if (!Array.isArray(list) || !list.every((r) => typeof r === 'number' && Number.isFinite(r))) throw fail(source, `${field}.${id}`, 'a list of finite numbers', list);
      return [id, list as number[]];
    }),
  );
}

/** `environmentStats`: learner id → stat key → {sum: a finite number, count: a non-negative integer}. */
function checkEnvironmentStats(value: JsonValue, source: string): Record<string, Record<string, { sum: number; count: number }>> {
  const field = 'meta.state.environmentStats';
  if (!isObject(value)) throw fail(source, field, 'an object mapping learner ids to their environment stats', value);
  return Object.fromEntries(
    Object.entries(value).map(([id, stats]) => {
      if (!isObject(stats)) throw fail(source, `${field}.${id}`, 'an object mapping stat keys to {sum, count}', stats);
      const checked = Object.entries(stats).map(([key, entry]) => {
        const at = `${field}.${id}.${key}`;
        if (!isObject(entry) || typeof entry['sum'] !== 'number' || !Number.isFinite(entry['sum'])) throw fail(source, at, '{sum: a finite number, count: a non-negative integer}', entry);
        return [key, { sum: entry['sum'], count: checkCount(entry['count'], `${at}.count`, source) }] as const;
      });
      return [id, Object.fromEntries(checked)];
    }),
  );
}

function checkLearner(learner: JsonValue | undefined, field: string, source: string): LearnerState {
  if (!isObject(learner)) throw fail(source, field, 'an object (a learner state)', learner);
  const { trainerType, steps, updates } = learner;
  if (typeof trainerType !== 'string') throw fail(source, `${field}.trainerType`, 'a string', trainerType);
  return { ...learner, trainerType, steps: checkCount(steps, `${field}.steps`, source), updates: checkCount(updates, `${field}.updates`, source) };
}

function checkCount(value: JsonValue | undefined, field: string, source: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw fail(source, field, 'a non-negative integer', value);
  return value;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(source: string, field: string, expected: string, got: JsonValue | undefined): ShivaError {
  return new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: ${field}: expected ${expected}, got ${got === undefined ? 'none' : describe(got)}`);
}

/** The value as JSON, cut short when long (a learner state can hold a whole network). */
function describe(value: JsonValue): string {
  const json = JSON.stringify(value);
  if (Array.isArray(value)) return json.length <= 80 ? `an array ${json}` : `an array of ${value.length} items`;
  return json.length <= 80 ? json : `${json.slice(0, 77)}...`;
}
