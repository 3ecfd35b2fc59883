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
 * A sampler without a seed (or with ML-Agents' -1) leaves `seed` unset: ML-Agents then gives each sampler the run's
 * seed plus its index, which is the trainer's business. Curriculum lessons are refused until they are implemented.
 */
import type { EnvironmentParameter } from '../core/env/environment-parameters.js';
import type { ConfigContext } from './config-context.js';
import { SAMPLER_DEFAULTS } from './defaults.js';
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

export function parseEnvironmentParameters(ctx: ConfigContext, node: SourceNode | undefined, path: string): Record<string, EnvironmentParameter> {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return {};
  if (node.kind !== 'map') ctx.expected(node.origin, path, 'a mapping of parameter names to numbers or samplers', describeNode(node));
  const out: [string, EnvironmentParameter][] = [];
  for (const [name, entry] of node.entries) {
    ctx.record(`${path}.${name}`, entry.keyOrigin);
    out.push([name, parseParameter(ctx, entry.value, `${path}.${name}`, entry.keyOrigin)]);
  }
  return Object.fromEntries(out);
}

function parseParameter(ctx: ConfigContext, node: SourceNode, path: string, keyOrigin: Origin): EnvironmentParameter {
  if (node.kind === 'scalar' && typeof node.value === 'number') {
    if (!Number.isFinite(node.value)) ctx.expected(node.origin, path, 'a finite number or a sampler', describeNode(node));
    return node.value;
  }
  if (node.kind !== 'map') {
    return ctx.expected(node.origin, path, 'a number, or a mapping with sampler_type and sampler_parameters', describeNode(node));
  }
  if (node.entries.has('curriculum')) {
    const at = node.entries.get('curriculum')!.keyOrigin;
    return ctx.expected(at, `${path}.curriculum`, 'a number or a sampler', 'a curriculum; curriculum lessons are not supported yet (use a constant or a sampler)');
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
