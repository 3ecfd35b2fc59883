/**
 * The population checkpoint (RUN/checkpoints/population-STEP.ckpt): one file holding every member's state at one
 * moment, written after every ranking and when the run ends or is stopped, so that a resumed population continues
 * with each member as it was (population-trainer.ts `PopulationState`). The meta holds, beside the usual counters,
 * `format: "shiva-population-state"`, the run's seed, what the population was (size, explored keys, interval) so
 * that a resume with another configuration is refused, and `population`: the state itself. Each member's training
 * state is checked as a training checkpoint's is (training-checkpoint.ts); the rest here. Anything wrong is a
 * SHIVA_ERR_CHECKPOINT naming the file, the field, what was expected and what came.
 */
import { ShivaError } from '../../core/errors.js';
import type { RngState } from '../../core/runtime/rng.js';
import { trainingStateOf, type Checkpoint, type JsonValue } from '../checkpoint/index.js';
import type { SavedFitness } from './fitness-window.js';
import type { Hyperparameters } from './hyperparameter-draws.js';
import type { CheckpointMoment, LineageEntry, PopulationState, SavedMember, ScheduleEntry } from './population-trainer.js';

export const POPULATION_CHECKPOINT_FORMAT = 'shiva-population-state';
/** Checkpoint files are population-STEP.ckpt (CheckpointManager's prefix). */
export const POPULATION_CHECKPOINT_PREFIX = 'population';

/** What the population was when it was saved: a resume must match it. */
export interface PopulationShape {
  readonly size: number;
  /** The explored keys, sorted. */
  readonly explore: readonly string[];
  readonly interval: number;
}

export interface SavedPopulation {
  readonly step: number;
  readonly seed: number;
  readonly shape: PopulationShape;
  readonly state: PopulationState;
}

/** The checkpoint of `state` at `at`, for a run seeded `seed` from configuration file `config`. */
export function populationCheckpoint(state: PopulationState, at: CheckpointMoment, seed: number, shape: PopulationShape, config: string): Checkpoint {
  const learners = new Set(state.members.flatMap((m) => Object.keys(m.training.learners)));
  const episodes = state.members.reduce((n, m) => n + Object.values(m.training.episodes).reduce((a, b) => a + b, 0), 0);
  return {
    meta: {
      behavior: [...learners].join(','),
      step: at.step,
      episodes,
      format: POPULATION_CHECKPOINT_FORMAT,
      reason: at.reason,
      seed,
      config,
      shape: { size: shape.size, explore: [...shape.explore], interval: shape.interval },
      population: state as unknown as JsonValue,
    },
    tensors: {},
  };
}

/** The population state of a checkpoint already read; `source` names it in errors. */
export function populationStateOf(checkpoint: Checkpoint, source: string): SavedPopulation {
  const { meta } = checkpoint;
  if (meta['format'] !== POPULATION_CHECKPOINT_FORMAT) {
    throw fail(source, 'meta.format', `a population checkpoint ("${POPULATION_CHECKPOINT_FORMAT}")`, meta['format']);
  }
  const seed = meta['seed'];
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw fail(source, 'meta.seed', 'an integer (the run\'s seed)', seed);
  const shape = shapeOf(meta['shape'], source);
  const population = meta['population'];
  if (!isObject(population)) throw fail(source, 'meta.population', 'an object holding round, choices and members', population);
  const round = count(population['round'], 'meta.population.round', source, 1);
  const choices = rngState(population['choices'], 'meta.population.choices', source);
  const list = population['members'];
  if (!Array.isArray(list) || list.length !== shape.size) throw fail(source, 'meta.population.members', `a list of ${shape.size} members (meta.shape.size)`, list);
  const members = list.map((m, i) => member(m, `meta.population.members[${i}]`, source, meta));
  return { step: meta.step, seed, shape, state: { round, choices, members } };
}

/** The best member of a saved population: the highest fitness now (as the run's result names it), ties to the lowest index. */
export function bestMember(state: PopulationState): number {
  const score = (f: SavedFitness) => (f.count > 0 ? f.sum / f.count : (f.last ?? Number.NEGATIVE_INFINITY));
  let best = 0;
  state.members.forEach((m, i) => {
    if (score(m.fitness) > score(state.members[best]!.fitness)) best = i;
  });
  return best;
}

function shapeOf(value: JsonValue | undefined, source: string): PopulationShape {
  if (!isObject(value)) throw fail(source, 'meta.shape', 'an object with size, explore and interval', value);
  const explore = value['explore'];
  if (!Array.isArray(explore) || !explore.every((k) => typeof k === 'string')) throw fail(source, 'meta.shape.explore', 'a list of hyperparameter names', explore);
  return { size: count(value['size'], 'meta.shape.size', source, 2), explore: (explore as string[]).slice().sort(), interval: count(value['interval'], 'meta.shape.interval', source, 1) };
}

function member(value: JsonValue, field: string, source: string, meta: Checkpoint['meta']): SavedMember {
  if (!isObject(value)) throw fail(source, field, 'an object (a member: values, schedule, lineage, fitness, training)', value);
  const schedule = value['schedule'];
  if (!Array.isArray(schedule) || schedule.length === 0) throw fail(source, `${field}.schedule`, 'a non-empty list of {step, values}', schedule);
  const lineage = value['lineage'];
  if (!Array.isArray(lineage)) throw fail(source, `${field}.lineage`, 'a list of {step, round, from}', lineage);
  // The member's training state is checked as a training checkpoint's meta.state.
  const training = trainingStateOf({ meta: { ...meta, state: value['training'] ?? null }, tensors: {} }, `${source}: ${field}.training`).state;
  return {
    values: hyperparameters(value['values'], `${field}.values`, source),
    schedule: schedule.map((e, i): ScheduleEntry => {
      const at = `${field}.schedule[${i}]`;
      if (!isObject(e)) throw fail(source, at, 'an object {step, values}', e);
      return { step: count(e['step'], `${at}.step`, source, 0), values: hyperparameters(e['values'], `${at}.values`, source) };
    }),
    lineage: lineage.map((e, i): LineageEntry => {
      const at = `${field}.lineage[${i}]`;
      if (!isObject(e)) throw fail(source, at, 'an object {step, round, from}', e);
      return { step: count(e['step'], `${at}.step`, source, 0), round: count(e['round'], `${at}.round`, source, 1), from: count(e['from'], `${at}.from`, source, 0) };
    }),
    fitness: fitness(value['fitness'], `${field}.fitness`, source),
    training,
  };
}

function fitness(value: JsonValue | undefined, field: string, source: string): SavedFitness {
  if (!isObject(value)) throw fail(source, field, 'an object {sum, count, last}', value);
  const { sum, last } = value;
  if (typeof sum !== 'number' || !Number.isFinite(sum)) throw fail(source, `${field}.sum`, 'a finite number', sum);
  if (last !== null && (typeof last !== 'number' || !Number.isFinite(last))) throw fail(source, `${field}.last`, 'a finite number or null', last);
  const n = value['count'];
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw fail(source, `${field}.count`, 'a number ≥ 0', n);
  return { sum, count: n, last: last ?? null };
}

function hyperparameters(value: JsonValue | undefined, field: string, source: string): Hyperparameters {
  if (!isObject(value)) throw fail(source, field, 'an object mapping explored keys to numbers', value);
  for (const [key, v] of Object.entries(value)) if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(source, `${field}.${key}`, 'a finite number', v);
  return value as Record<string, number>;
}

function rngState(value: JsonValue | undefined, field: string, source: string): RngState {
  const words = isObject(value) ? value['words'] : undefined;
  const spare = isObject(value) ? value['spareNormal'] : undefined;
  const wordsOk = Array.isArray(words) && words.length === 4 && words.every((w) => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < 2 ** 32);
  if (!wordsOk || !(spare === null || (typeof spare === 'number' && Number.isFinite(spare)))) throw fail(source, field, 'a random stream\'s state {words: four 32-bit integers, spareNormal}', value);
  return { words: words as unknown as RngState['words'], spareNormal: spare };
}

function count(value: JsonValue | undefined, field: string, source: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw fail(source, field, `an integer ≥ ${min}`, value);
  return value;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(source: string, field: string, expected: string, got: JsonValue | undefined): ShivaError {
  const json = got === undefined ? 'none' : JSON.stringify(got);
  return new ShivaError('SHIVA_ERR_CHECKPOINT', `${source}: ${field}: expected ${expected}, got ${json.length <= 80 ? json : `${json.slice(0, 77)}...`}`);
}
