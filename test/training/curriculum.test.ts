/**
 * Curricula and sampler seeds as ML-Agents' EnvironmentParameterManager and CompletionCriteriaSettings define them
 * (src/training/curriculum.ts): lessons end by progress or by the (smoothed) mean of the last min_lesson_length
 * returns, reward buffers clear when a lesson moves on, a resumed run starts at its saved lessons, and samplers
 * without a seed get the run's seed plus their index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Academy } from '../../src/core/env/academy.js';
import type { SceneFactory } from '../../src/core/env/scene.js';
import { Curriculum } from '../../src/training/curriculum.js';
import { parse, yaml } from '../config/helpers.js';

const CONFIG = parse(
  yaml(
    'environment_parameters:',
    '  gravity: 9.81',
    '  wall:',
    '    curriculum:',
    '      - name: Low',
    '        value: 1',
    '        completion_criteria: {behavior: Jumper, measure: reward, threshold: 0.5, min_lesson_length: 3, signal_smoothing: false}',
    '      - name: Mid',
    '        value: {sampler_type: uniform, sampler_parameters: {min_value: 2, max_value: 3}}',
    '        completion_criteria: {behavior: Jumper, measure: progress, threshold: 0.5}',
    '      - name: High',
    '        value: 4',
    '  mass: {sampler_type: uniform, sampler_parameters: {min_value: 0, max_value: 1}}',
    '  scale: {sampler_type: uniform, sampler_parameters: {min_value: 0, max_value: 1}}',
    '  fixed: {sampler_type: uniform, sampler_parameters: {min_value: 0, max_value: 1, seed: 42}}',
  ),
);

test('a reward lesson ends once min_lesson_length returns average above the threshold; a progress lesson past its share of max_steps', () => {
  const c = new Curriculum(CONFIG.environmentParameters, CONFIG.curricula, 100);
  let steps = 0; // Jumper's learner steps: the reward lesson below ends at step 0, the progress one past 500
  const progress = (behavior: string) => (behavior === 'Jumper' ? { steps, maxSteps: 1000 } : null);
  assert.deepEqual(c.lessonNumbers(), { wall: 0 });
  assert.equal(c.currentParameters()['wall'], 1);
  c.recordEpisode('Jumper', 1);
  c.recordEpisode('Jumper', 1);
  assert.deepEqual(c.update(progress), [], 'two returns are fewer than min_lesson_length 3');
  c.recordEpisode('Other', 5);
  c.recordEpisode('Jumper', -2); // mean of (1, 1, -2) = 0 ≤ 0.5
  assert.deepEqual(c.update(progress), []);
  c.recordEpisode('Jumper', 2); // the buffer keeps the last 3: (1, -2, 2) → 1/3
  assert.deepEqual(c.update(progress), []);
  c.recordEpisode('Jumper', 2); // (-2, 2, 2) → 2/3 > 0.5
  const [change] = c.update(progress);
  assert.deepEqual({ ...change }, { parameter: 'wall', lesson: 1, name: 'Mid', value: { sampler: 'uniform', min: 2, max: 3, seed: 102 }, requireReset: false, behavior: 'Jumper', step: 0 });
  steps = 500;
  assert.deepEqual(c.update(progress), [], 'progress must pass the threshold, not reach it');
  steps = 501;
  assert.equal(c.update(progress)[0]!.name, 'High');
  assert.deepEqual(c.lessonNumbers(), { wall: 2 });
  assert.deepEqual(c.update(progress), [], 'the last lesson never ends');
});

test('signal_smoothing: 0.25 × the previous smoothed value + 0.75 × the mean, from 0', () => {
  const config = parse(
    yaml('environment_parameters:', '  p:', '    curriculum:', '      - {name: A, value: 0, completion_criteria: {behavior: B, threshold: 0.7}}', '      - {name: B, value: 1}'),
  );
  const c = new Curriculum(config.environmentParameters, config.curricula, 0);
  const at = () => ({ steps: 0, maxSteps: 10 });
  c.recordEpisode('B', 0.8); // smoothed 0.6
  assert.deepEqual(c.update(at), []);
  c.recordEpisode('B', 0.8); // 0.25 × 0.6 + 0.75 × 0.8 = 0.75 > 0.7
  assert.equal(c.update(at).length, 1);
});

test('a resumed run starts at its saved lessons', () => {
  const c = new Curriculum(CONFIG.environmentParameters, CONFIG.curricula, 0, { wall: 2 });
  assert.deepEqual(c.lessonNumbers(), { wall: 2 });
  assert.equal(c.currentParameters()['wall'], 4);
  // A lesson number past the curriculum (the file changed) stays at its last lesson.
  assert.deepEqual(new Curriculum(CONFIG.environmentParameters, CONFIG.curricula, 0, { wall: 9 }).lessonNumbers(), { wall: 2 });
});

test('samplers without a seed get the run seed plus their index; a seeded one keeps its seed', () => {
  const p = new Curriculum(CONFIG.environmentParameters, CONFIG.curricula, 100).currentParameters();
  // Index in file order over every value without a seed: gravity 0, wall's three lessons 1..3, mass 4, scale 5.
  assert.deepEqual(p['mass'], { sampler: 'uniform', min: 0, max: 1, seed: 104 });
  assert.deepEqual(p['scale'], { sampler: 'uniform', min: 0, max: 1, seed: 105 });
  assert.deepEqual(p['fixed'], { sampler: 'uniform', min: 0, max: 1, seed: 42 });

  // Drawn by a scene: mass and scale differ; a seeded sampler draws the same sequence whatever the run seed.
  // The academy draws a sampler's values from its seed (as Unity does), each time the scene reads the key.
  const scene = { behaviorSpecs: [], reset() {}, simulate() {}, collect: () => new Map(), applyActions() {} } as unknown as ReturnType<SceneFactory>;
  const draws = (runSeed: number, keys: string[]) => {
    const academy = new Academy(() => scene);
    academy.setEnvironmentParameters(new Map(Object.entries(new Curriculum(CONFIG.environmentParameters, CONFIG.curricula, runSeed).currentParameters())));
    const read = academy as unknown as { readParameter(key: string, fallback: number): number };
    return keys.map((k) => Array.from({ length: 5 }, () => read.readParameter(k, -1)));
  };
  const [mass, scale] = draws(100, ['mass', 'scale']);
  assert.notDeepEqual(mass, scale, 'two unseeded samplers draw different sequences');
  assert.deepEqual(draws(100, ['mass'])[0], mass, 'the same run seed draws the same sequence');
  assert.notDeepEqual(draws(7, ['mass'])[0], mass, 'another run seed draws another');
  assert.deepEqual(draws(7, ['fixed'])[0], draws(100, ['fixed'])[0], 'a seeded sampler is reproducible whatever the run seed');
});
