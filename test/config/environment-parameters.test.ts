/**
 * environment_parameters in ML-Agents' forms become the EnvironmentParameter values the side channel sends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseError, yaml } from './helpers.js';

test('constants and the four sampler types are parsed, with ML-Agents\' defaults for missing parameters', () => {
  const c = parse(
    yaml(
      'environment_parameters:',
      '  gravity: 9.81',
      '  mass:',
      '    sampler_type: uniform',
      '    sampler_parameters: {min_value: 0.5, max_value: 10, seed: 3}',
      '  scale:',
      '    sampler_type: gaussian',
      '    sampler_parameters: {mean: 2, st_dev: 0.3}',
      '  size:',
      '    sampler_type: multirangeuniform',
      '    sampler_parameters:',
      '      intervals: [[7, 10], [15, 20]]',
      '  lights:',
      '    sampler_type: constant',
      '    sampler_parameters: {value: 2}',
      '  unit:',
      '    sampler_type: uniform',
      '    sampler_parameters: {seed: -1}',
      '  wide:',
      '    sampler_type: multirangeuniform',
      '    sampler_parameters: {}',
    ),
  );
  assert.deepEqual(c.environmentParameters, {
    gravity: 9.81,
    mass: { sampler: 'uniform', min: 0.5, max: 10, seed: 3 },
    scale: { sampler: 'gaussian', mean: 2, stddev: 0.3 },
    size: { sampler: 'multirange_uniform', intervals: [[7, 10], [15, 20]] },
    lights: 2,
    unit: { sampler: 'uniform', min: 0, max: 1 },
    wide: { sampler: 'multirange_uniform', intervals: [[0, 1]] },
  });
  assert.deepEqual(Object.keys(c.environmentParameters), ['gravity', 'mass', 'scale', 'size', 'lights', 'unit', 'wide']);
  assert.equal(c.lines.get('environment_parameters.mass'), 3);
  assert.equal(c.lines.get('environment_parameters.mass.sampler_parameters.max_value'), 5);
});

test('malformed samplers are refused at their line', () => {
  const cases: [string[], string][] = [
    [['environment_parameters:', '  a: high'], 'run.yaml:2: environment_parameters.a: expected a number, or a mapping with sampler_type and sampler_parameters, got "high"'],
    [['environment_parameters:', '  a:', '    sampler_type: normal', '    sampler_parameters: {}'], 'run.yaml:3: environment_parameters.a.sampler_type: expected one of uniform, gaussian, multirangeuniform, constant, got "normal"'],
    [['environment_parameters:', '  a:', '    sampler_parameters: {min_value: 1}'], 'run.yaml:2: environment_parameters.a.sampler_type: expected one of uniform, gaussian, multirangeuniform, constant, got nothing (the key is missing)'],
    [['environment_parameters:', '  a:', '    sampler_type: gaussian', '    sampler_parameters: {mean: 1, stdev: 2}'], 'run.yaml:4: environment_parameters.a.sampler_parameters.stdev: expected one of mean, st_dev, seed, got unknown key "stdev"; did you mean "st_dev"?'],
    [['environment_parameters:', '  a:', '    sampler_type: multirangeuniform', '    sampler_parameters:', '      intervals: [[1, 2], [5]]'], 'run.yaml:5: environment_parameters.a.sampler_parameters.intervals[1]: expected a pair [min, max] of numbers, got a list of 1'],
    [['environment_parameters:', '  a:', '    sampler_type: multirangeuniform', '    sampler_parameters:', '      intervals: [[3, 2]]'], 'run.yaml:5: environment_parameters.a.sampler_parameters.intervals[0]: expected min ≤ max, got [3, 2]'],
    [['environment_parameters:', '  a:', '    sampler_type: uniform', '    sampler_parameters: {seed: 1.5}'], 'run.yaml:4: environment_parameters.a.sampler_parameters.seed: expected an integer in -1..2147483647, got 1.5'],
    [['environment_parameters: [1, 2]'], 'run.yaml:1: environment_parameters: expected a mapping of parameter names to numbers or samplers, got a list of 2'],
  ];
  for (const [lines, expected] of cases) assert.equal(parseError(yaml(...lines)).message, expected);
});
