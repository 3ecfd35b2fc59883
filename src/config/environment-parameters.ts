/**
 * `environment_parameters`: ML-Agents' forms for a value the trainer sets inside the simulation, turned into the
 * EnvironmentParameter values the side channel sends:
 *
 *   gravity: 9.81                                   → 9.81
 *   mass: {sampler_type: uniform, sampler_parameters: {min_value: 0.5, max_value: 10, seed: 3}}
 *   scale: {sampler_type: gaussian, sampler_parameters: {mean: 2, st_dev: 0.3}}
 *   size: {sampler_type: multirangeuniform, sampler_parameters: {intervals: [[7, 10], [15, 20]]}}
 *   (and sampler_type: constant, sampler_parameters: {value: 1}, which is a plain number)
 *
 *   wall: {curriculum: [{name: L0, value: 1.5, completion_criteria: {behavior: B, measure: reward, threshold: 0.5}},
 *                       {name: L1, value: {sampler_type: ...}}]}
 *
 * A curriculum (ML-Agents' EnvironmentParameterSettings) is a list of lessons, each a name, a value (a number or a
 * sampler) and, for every lesson but the last, completion_criteria (ML-Agents' CompletionCriteriaSettings: behavior,
 * measure progress|reward, min_lesson_length, signal_smoothing, threshold, require_reset). Its first lesson's value
 * is the parameter's value; training moves it on (src/training/curriculum.ts).
 *
 * A sampler without a seed (or with ML-Agents' -1) leaves `seed` unset: the trainer gives it the run's seed plus its
 * index among the unseeded values, as ML-Agents does (samplerSeeds in src/training/curriculum.ts).
 */
import type { EnvironmentParameter } from '../core/env/environment-parameters.js';
import type { ConfigContext } from './config-context.js';
import { SAMPLER_DEFAULTS } from './defaults.js';
import type { CompletionCriteriaConfig, LessonConfig } from './run-config.js';
import { Section } from './section.js';
import { describeNode, type Origin, type SourceNode } from './source-tree.js';

const SAMPLER_TYPES = ['uniform', 'gaussian', 'multirangeuniform', 'constant'] as const;
const SAMPLER_KEYS = {
  uniform: ['min_value', 'max_value', 'seed'],
  gaussian: ['mean', 'st_dev', 'seed'],
  multirangeuniform: ['intervals', 'seed'],
  constant: ['value', 'seed'],
} as const;
const INT32_MAX = 2 ** 31 - 1;
const LESSON_KEYS = ['name', 'value', 'completion_criteria'] as const;
const CRITERIA_KEYS = ['behavior', 'measure', 'min_lesson_length', 'signal_smoothing', 'threshold', 'require_reset'] as const;
/** ML-Agents' CompletionCriteriaSettings defaults. */
const CRITERIA_DEFAULTS = { measure: 'reward', minLessonLength: 0, signalSmoothing: true, threshold: 0, requireReset: false } as const;

export interface EnvironmentParametersConfig {
  /** Every parameter: a curriculum's as its first lesson's value. */
  readonly parameters: Record<string, EnvironmentParameter>;
  readonly curricula: Record<string, readonly LessonConfig[]>;
}

export function parseEnvironmentParameters(ctx: ConfigContext, node: SourceNode | undefined, path: string): EnvironmentParametersConfig {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return { parameters: {}, curricula: {} };
  if (node.kind !== 'map') ctx.expected(node.origin, path, 'a mapping of parameter names to numbers or samplers', describeNode(node));
  const parameters: [string, EnvironmentParameter][] = [];
  const curricula: [string, readonly LessonConfig[]][] = [];
  for (const [name, entry] of node.entries) {
    ctx.record(`${path}.${name}`, entry.keyOrigin);
    if (entry.value.kind === 'map' && entry.value.entries.has('curriculum')) {
      const lessons = parseCurriculum(ctx, entry.value, `${path}.${name}`, entry.keyOrigin);
      curricula.push([name, lessons]);
      parameters.push([name, lessons[0]!.value]);
    } else {
      parameters.push([name, parseParameter(ctx, entry.value, `${path}.${name}`, entry.keyOrigin)]);
    }
  }
  return { parameters: Object.fromEntries(parameters), curricula: Object.fromEntries(curricula) };
}

/** `{curriculum: [lesson, ...]}`: every lesson but the last needs completion_criteria (ML-Agents' _check_lesson_chain). */
function parseCurriculum(ctx: ConfigContext, node: SourceNode, path: string, keyOrigin: Origin): LessonConfig[] {
  const s = new Section(ctx, node, path, ['curriculum'], keyOrigin);
  const list = s.node('curriculum')!;
  const at = s.child('curriculum');
  if (list.kind !== 'seq' || list.items.length === 0) return ctx.expected(list.origin, at, 'a non-empty list of lessons (name, value, completion_criteria)', describeNode(list));
  return list.items.map((item, i) => {
    const where = `${at}[${i}]`;
    const last = i === list.items.length - 1;
    const lesson = new Section(ctx, item, where, LESSON_KEYS, item.origin);
    if (!lesson.present) ctx.expected(item.origin, where, 'a lesson: a mapping of name, value and completion_criteria', describeNode(item));
    const name = lesson.nullableString('name', true) ?? lesson.fail('name', "the lesson's name", describeNode(lesson.node('name')));
    if (!lesson.has('value')) lesson.fail('value', "the lesson's value: a number or a sampler", describeNode(undefined));
    const value = parseParameter(ctx, lesson.node('value')!, lesson.child('value'), lesson.keyOriginOf('value'));
    let completionCriteria: CompletionCriteriaConfig | null = null;
    if (lesson.isNull('completion_criteria')) {
      if (!last) lesson.fail('completion_criteria', `completion_criteria (every lesson but the last needs one, as in ML-Agents)`, describeNode(lesson.node('completion_criteria')));
    } else if (last) {
      lesson.node('completion_criteria');
      lesson.warn('completion_criteria', 'ignored: this is the last lesson of the curriculum, which never ends (as in ML-Agents)');
    } else {
      completionCriteria = parseCriteria(lesson.section('completion_criteria', CRITERIA_KEYS));
    }
    return { name, value, completionCriteria };
  });
}

function parseCriteria(c: Section): CompletionCriteriaConfig {
  const behavior = c.nullableString('behavior', true) ?? c.fail('behavior', 'the name of the behavior whose progress or rewards end the lesson', describeNode(c.node('behavior')));
  const measure = c.oneOf('measure', ['progress', 'reward'] as const, CRITERIA_DEFAULTS.measure);
  // ML-Agents: a progress threshold is a share of max_steps, in [0, 1].
  const threshold = c.number('threshold', CRITERIA_DEFAULTS.threshold, measure === 'progress' ? { min: 0, max: 1, bounds: 'progress is steps / max_steps' } : {});
  const requireReset = c.bool('require_reset', CRITERIA_DEFAULTS.requireReset);
  if (requireReset) c.warn('require_reset', 'true: ending the episodes in progress when the lesson changes is not built yet (issue 12); the next lesson\'s value is sent at once and the scene applies it as it reads the parameter (a Unity agent, usually at its next episode)');
  return {
    behavior,
    measure,
    minLessonLength: c.int('min_lesson_length', CRITERIA_DEFAULTS.minLessonLength, 0, INT32_MAX),
    signalSmoothing: c.bool('signal_smoothing', CRITERIA_DEFAULTS.signalSmoothing),
    threshold,
    requireReset,
  };
}

function parseParameter(ctx: ConfigContext, node: SourceNode, path: string, keyOrigin: Origin): EnvironmentParameter {
  if (node.kind === 'scalar' && typeof node.value === 'number') {
    if (!Number.isFinite(node.value)) ctx.expected(node.origin, path, 'a finite number or a sampler', describeNode(node));
    return node.value;
  }
  if (node.kind !== 'map') {
    return ctx.expected(node.origin, path, 'a number, or a mapping with sampler_type and sampler_parameters', describeNode(node));
  }
  const s = new Section(ctx, node, path, ['sampler_type', 'sampler_parameters'], keyOrigin);
  if (!s.has('sampler_type')) s.fail('sampler_type', `one of ${SAMPLER_TYPES.join(', ')}`, describeNode(undefined));
  const type = s.oneOf('sampler_type', SAMPLER_TYPES, 'constant');
  if (!s.has('sampler_parameters')) s.fail('sampler_parameters', `a mapping of ${SAMPLER_KEYS[type].join(', ')}`, describeNode(undefined));
  const p = s.section('sampler_parameters', SAMPLER_KEYS[type]);
  const rawSeed = p.int('seed', -1, -1, INT32_MAX);
  const seed = rawSeed === -1 ? {} : { seed: rawSeed };
  switch (type) {
    case 'constant':
      return p.number('value', SAMPLER_DEFAULTS.constant.value);
    case 'uniform': {
      const min = p.number('min_value', SAMPLER_DEFAULTS.uniform.min);
      const max = p.number('max_value', SAMPLER_DEFAULTS.uniform.max);
      if (min > max) p.fail(p.has('min_value') ? 'min_value' : 'max_value', `min_value ≤ max_value`, `min_value ${min} and max_value ${max}`);
      return { sampler: 'uniform', min, max, ...seed };
    }
    case 'gaussian':
      return { sampler: 'gaussian', mean: p.number('mean', SAMPLER_DEFAULTS.gaussian.mean), stddev: p.number('st_dev', SAMPLER_DEFAULTS.gaussian.stddev, { min: 0 }), ...seed };
    case 'multirangeuniform': {
      const intervals = p.has('intervals') ? parseIntervals(ctx, p.node('intervals')!, p.child('intervals')) : SAMPLER_DEFAULTS.multirangeuniform.intervals.map(([a, b]) => [a, b] as const);
      return { sampler: 'multirange_uniform', intervals, ...seed };
    }
  }
}

function parseIntervals(ctx: ConfigContext, node: SourceNode, path: string): (readonly [number, number])[] {
  const expected = 'a non-empty list of [min, max] pairs with min ≤ max';
  if (node.kind !== 'seq' || node.items.length === 0) return ctx.expected(node.origin, path, expected, describeNode(node));
  return node.items.map((item, i) => {
    const at = `${path}[${i}]`;
    const pair = item.kind === 'seq' ? item.items.map((x) => (x.kind === 'scalar' && typeof x.value === 'number' && Number.isFinite(x.value) ? x.value : NaN)) : [];
    if (pair.length !== 2 || pair.some(Number.isNaN)) ctx.expected(item.origin, at, 'a pair [min, max] of numbers', describeNode(item));
    const [a, b] = pair as [number, number];
    if (a > b) ctx.expected(item.origin, at, 'min ≤ max', `[${a}, ${b}]`);
    return [a, b] as const;
  });
}
