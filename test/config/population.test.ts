/**
 * `population:` (population-based training): read with its defaults, written back with the run, and refused with
 * the line, the key, what was expected and what came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunConfig, runConfigToYaml } from '../../src/config/index.js';
import { isShivaError } from '../../src/core/errors.js';

const yaml = (population: string, trainer = 'ppo') => `behaviors:\n  CartPole: {trainer_type: ${trainer}}\nenv_settings: {env_path: "builtin:cartpole"}\npopulation:\n${population}`;

function refusal(text: string): string {
  try {
    parseRunConfig(text, 'run.yaml');
  } catch (error) {
    assert.ok(isShivaError(error), String(error));
    assert.equal(error.code, 'SHIVA_ERR_CONFIG');
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

test('population: size, explore ranges, fitness, interval, truncation, perturb and seed, with defaults; written back with the run', () => {
  const config = parseRunConfig(yaml('  size: 4\n  interval: 5000\n  explore:\n    learning_rate: {min: 1.0e-5, max: 1.0e-2, log: true}\n    beta: {min: 0.0001, max: 0.05}\n'), 'run.yaml');
  assert.deepEqual(config.population, {
    size: 4,
    explore: { learning_rate: { min: 1e-5, max: 1e-2, log: true }, beta: { min: 0.0001, max: 0.05, log: false } },
    fitness: 'mean_return',
    interval: 5000,
    truncation: 0.2,
    perturb: [0.8, 1.2],
    seed: null,
  });
  const again = parseRunConfig(runConfigToYaml(config), 'written.yaml');
  assert.deepEqual(again.population, config.population);
  const stat = parseRunConfig(yaml('  size: 3\n  interval: 100\n  fitness: Scout/Red/Win\n  truncation: 0.34\n  perturb: [0.5, 2]\n  seed: 9\n  explore: {epsilon: {min: 0.1, max: 0.3}}\n'), 'run.yaml');
  assert.equal(stat.population?.fitness, 'Scout/Red/Win');
  assert.deepEqual(stat.population?.perturb, [0.5, 2]);
  assert.equal(stat.population?.seed, 9);
  assert.equal(parseRunConfig(yaml(''), 'run.yaml').population, null);
});

test('population: bad sections name the line, the key, what was expected and what came', () => {
  const lr = '  explore: {learning_rate: {min: 1.0e-5, max: 1.0e-2}}\n';
  assert.match(refusal(yaml(`  interval: 10\n${lr}`)), /run\.yaml:4: population\.size: expected the number of members, an integer in 2\.\.64, got nothing/);
  assert.match(refusal(yaml(`  size: 1\n  interval: 10\n${lr}`)), /population\.size: expected an integer in 2\.\.64.*got 1/);
  assert.match(refusal(yaml(`  size: 4\n${lr}`)), /population\.interval: expected agent steps between exploit\/explore rankings/);
  assert.match(refusal(yaml('  size: 4\n  interval: 10\n  explore: {batch_size: {min: 32, max: 64}}\n')), /run\.yaml:7: population\.explore\.batch_size: expected one of learning_rate, beta, epsilon \(CartPole trains with trainer_type ppo\), got "batch_size"/);
  assert.match(refusal(yaml(`  size: 4\n  interval: 10\n${lr}`, 'sac')), /population\.explore\.learning_rate: expected a hyperparameter the learner takes after creation \(none for this trainer\) \(CartPole trains with trainer_type sac\)/);
  assert.match(refusal(yaml('  size: 4\n  interval: 10\n  explore: {learning_rate: {min: 0.01, max: 0.001}}\n')), /population\.explore\.learning_rate\.max: expected a number > min \(0\.01\), got 0\.001/);
  assert.match(refusal(yaml('  size: 4\n  interval: 10\n  explore: {beta: {min: 0, max: 0.1, log: true}}\n')), /population\.explore\.beta\.min: expected a number > 0 with log: true/);
  assert.match(refusal(yaml(`  size: 4\n  interval: 10\n  truncation: 0.6\n${lr}`)), /population\.truncation: expected a number in \(0, 0\.5\].*got 0\.6/);
  assert.match(refusal(yaml(`  size: 4\n  interval: 10\n  perturb: [0.8, -1]\n${lr}`)), /population\.perturb\[1\]: expected a positive number, got -1/);
  assert.match(refusal(yaml(`  size: 4\n  interval: 10\n  sise: 3\n${lr}`)), /run\.yaml:7: population\.sise: expected one of size, explore.*unknown key "sise"; did you mean "size"\?/);
});
