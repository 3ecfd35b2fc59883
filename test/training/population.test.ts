/**
 * Population-based training in one process (src/training/population/), on CartPole with tiny networks and a
 * deliberately wide learning-rate range: at the ranking step the worst member copies a top member's full learner
 * state (weights and optimiser equal right after), its learning rate is the source's times a perturb factor and its
 * next updates use it; `shiva train`'s population run writes the events and the lineage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBuiltinEnv } from '../../envs/registry.js';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { parseRunConfig, type PopulationConfig } from '../../src/config/index.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { PopulationTrainer, type ExploitEvent, type PopulationEvent } from '../../src/training/population/population-trainer.js';
import { trainPopulation } from '../../src/cli/train-population.js';
import { drawInitial, perturb, truncationCount } from '../../src/training/population/hyperparameter-draws.js';
import { silentLogger } from '../../src/telemetry/logger.js';

await chooseBackend('wasm');

const population: PopulationConfig = {
  size: 4,
  explore: { learning_rate: { min: 1e-6, max: 0.3, log: true } },
  fitness: 'mean_return',
  interval: 1024,
  truncation: 0.25,
  perturb: [0.8, 1.2],
  seed: 5,
};

const plan: LearnerPlan = {
  learnerId: 'CartPole',
  trainerType: 'ppo',
  hyperparameters: ppoHyperparameters({ batch_size: 64, buffer_size: 256, num_epoch: 2, time_horizon: 64, learning_rate_schedule: 'constant' }),
  network: { hiddenUnits: 16, numLayers: 1, activation: 'tanh' },
  maxSteps: 1536,
  rewardStrength: 1,
  summaryFreq: 256,
  checkpointInterval: 1e9,
  keepCheckpoints: 1,
};

test('PBT on CartPole: at the ranking step the worst member takes a top member\'s weights and optimiser, and a perturbed learning rate its updates then use', async () => {
  const cartpole = getBuiltinEnv('cartpole');
  const events: PopulationEvent[] = [];
  const copied: { event: ExploitEvent; target: Record<string, unknown>; source: Record<string, unknown> }[] = [];
  const learningRates = new Map<number, { step: number; value: number }[]>();
  const runner: PopulationTrainer = new PopulationTrainer({
    population,
    seed: 5,
    resolve: (behavior) => (behavior === 'CartPole?team=0' ? plan : null),
    member: (m) => ({ envs: [new LocalEnv(`builtin:cartpole#${m}`, cartpole.factory, { numAreas: 4, seed: 100 + m })], seeds: new RunSeeds(20 + m) }),
    trainer: (m) => ({
      summaryFreq: () => 256,
      checkpointInterval: () => 1e9,
      scalars: () => ({
        record: (tag, value, step) => {
          if (tag !== 'Policy/Learning Rate') return;
          if (!learningRates.has(m)) learningRates.set(m, []);
          learningRates.get(m)!.push({ step, value });
        },
        flush: () => undefined,
      }),
    }),
    onEvent: (event) => {
      events.push(event);
      // Right after the exploit: both members' learner states, as a checkpoint would hold them.
      if (event.kind === 'exploit') copied.push({ event, target: runner.learnersOf(event.member).get('CartPole')!.save(), source: runner.learnersOf(event.from).get('CartPole')!.save() });
    },
  });
  const t0 = performance.now();
  const result = await runner.run();
  const seconds = (performance.now() - t0) / 1000;

  const rankings = events.filter((e) => e.kind === 'ranking');
  assert.equal(rankings.length, 1, 'one ranking: at 1024 steps (the next, 2048, is past max_steps)');
  assert.equal(rankings[0]!.step, 1024);
  assert.ok(rankings[0]!.fitness.every((f) => f !== null), 'every member finished episodes before the ranking');
  assert.equal(copied.length, 1, 'truncation 0.25 of 4: one member exploits');
  const { event, target, source } = copied[0]!;
  const order = rankings[0]!.order;
  assert.equal(event.member, order[3], 'the worst member exploits');
  assert.equal(event.from, order[0], 'the only top-quarter member is the source');
  assert.ok(event.step >= 1024 && event.step < 1024 + 4, `at the ranking step (${event.step})`);
  assert.deepEqual(target['policy'], source['policy'], 'weights and normaliser equal the source\'s');
  assert.deepEqual(target['ppo'], source['ppo'], 'optimiser state (Adam moments, step) equals the source\'s');
  assert.notDeepEqual(target['rngs'], source['rngs'], 'the member keeps its own random streams');

  const lr = event.hyperparameters['learning_rate']!;
  assert.ok(population.perturb.includes(lr.factor), `factor ${lr.factor} is one of the perturb factors`);
  assert.equal(lr.new, Math.min(0.3, Math.max(1e-6, lr.inherited * lr.factor)));
  assert.equal(lr.inherited, result.members[event.from]!.hyperparameters['learning_rate']);
  assert.notEqual(lr.new, lr.old);
  // Summary periods (256 steps) wholly after the exploit, and those that ended by it.
  const after = learningRates.get(event.member)!.filter((r) => r.step - 256 >= event.step);
  const before = learningRates.get(event.member)!.filter((r) => r.step <= event.step);
  assert.ok(after.length > 0 && after.every((r) => r.value === lr.new), `updates after the exploit use ${lr.new}: ${JSON.stringify(after)}`);
  assert.ok(before.length > 0 && before.every((r) => r.value === lr.old), `updates before it used ${lr.old}`);

  const exploited = result.members[event.member]!;
  assert.deepEqual(exploited.lineage, [{ step: event.step, round: 1, from: event.from }]);
  assert.deepEqual(exploited.schedule.map((s) => s.values['learning_rate']), [lr.old, lr.new]);
  assert.ok(result.members.every((m) => (m.learners['CartPole']?.steps ?? 0) >= 1536), 'every member trained to max_steps');
  console.log(`# population of 4 × 1536 steps in ${seconds.toFixed(1)} s; fitness at the ranking ${rankings[0]!.fitness.map((f) => f!.toFixed(1)).join(', ')}`);
  runner.dispose();
});

test('shiva train with population: population.jsonl holds the ranking and the exploit, summary.json each member\'s lineage and schedule', async () => {
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-'));
  try {
    const text = [
      'behaviors:',
      '  CartPole:',
      '    trainer_type: ppo',
      '    max_steps: 1024',
      '    time_horizon: 64',
      '    summary_freq: 512',
      '    hyperparameters: {batch_size: 64, buffer_size: 256, num_epoch: 1, learning_rate_schedule: constant}',
      '    network_settings: {hidden_units: 16, num_layers: 1}',
      'env_settings: {env_path: "builtin:cartpole", num_areas: 4, seed: 3}',
      'shiva: {backend: wasm}',
      'population:',
      '  size: 3',
      '  interval: 512',
      '  explore: {learning_rate: {min: 1.0e-6, max: 0.1, log: true}, beta: {min: 1.0e-4, max: 0.1, log: true}}',
      '  seed: 11',
    ].join('\n');
    const config = parseRunConfig(text, 'pbt.yaml', { resultsDir: results, runId: 'pbt' });
    const result = await trainPopulation(config, { logger: silentLogger() });
    const lines = readFileSync(join(result.runDir, 'population.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PopulationEvent);
    assert.deepEqual(lines.map((e) => e.kind), ['ranking', 'exploit']);
    const exploit = lines[1] as ExploitEvent;
    assert.deepEqual(Object.keys(exploit.hyperparameters).sort(), ['beta', 'learning_rate']);
    const summary = JSON.parse(readFileSync(join(result.runDir, 'summary.json'), 'utf8')) as { population: { rounds: number; best: number; members: { member: number; lineage: unknown[]; schedule: { step: number; values: Record<string, number> }[] }[] } };
    assert.equal(summary.population.rounds, 1);
    assert.equal(summary.population.members.length, 3);
    const member = summary.population.members[exploit.member]!;
    assert.deepEqual(member.lineage, [{ step: exploit.step, round: 1, from: exploit.from }]);
    assert.equal(member.schedule[1]!.values['beta'], exploit.hyperparameters['beta']!.new);
    assert.ok(readFileSync(join(result.runDir, 'configuration.yaml'), 'utf8').includes('population:'));
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('shiva train with population: what is not built yet is refused with the reason, before anything is written', async () => {
  const base = 'behaviors:\n  CartPole: {trainer_type: ppo}\npopulation:\n  size: 2\n  interval: 100\n  explore: {beta: {min: 0.001, max: 0.01}}\n';
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-refused-'));
  try {
    const editor = parseRunConfig(base, 'pbt.yaml', { resultsDir: results });
    await assert.rejects(trainPopulation(editor, { logger: silentLogger() }), /pbt\.yaml: population: expected a built-in scene \(env_settings\.env_path: builtin:NAME; each member needs environments of its own\), got the Unity Editor/);
    const resumed = parseRunConfig(`${base}env_settings: {env_path: "builtin:cartpole"}\n`, 'pbt.yaml', { resultsDir: results, resume: true });
    await assert.rejects(trainPopulation(resumed, { logger: silentLogger() }), /population: expected a new run \(population checkpoints are not built yet\), got --resume/);
    assert.deepEqual(readdirSync(results), []);
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('PBT math: draws inside the ranges (log-uniform where asked), perturbation by a factor clamped to the range, truncation counts', () => {
  const rng = new RunSeeds(1).rng('draws');
  const explore = { learning_rate: { min: 1e-5, max: 1e-1, log: true }, beta: { min: 0.001, max: 0.002, log: false } };
  const draws = Array.from({ length: 2000 }, () => drawInitial(explore, rng));
  assert.ok(draws.every((d) => d['learning_rate']! >= 1e-5 && d['learning_rate']! < 1e-1 && d['beta']! >= 0.001 && d['beta']! < 0.002));
  // Log-uniform over four decades: about a quarter of the draws in each.
  const below1e4 = draws.filter((d) => d['learning_rate']! < 1e-4).length / draws.length;
  assert.ok(below1e4 > 0.2 && below1e4 < 0.3, `share below 1e-4: ${below1e4}`);
  const { values, factors } = perturb({ learning_rate: 0.09, beta: 0.0015 }, explore, [0.8, 1.2], rng);
  assert.ok([0.8, 1.2].includes(factors['learning_rate']!) && [0.8, 1.2].includes(factors['beta']!));
  assert.equal(values['learning_rate'], Math.min(0.1, 0.09 * factors['learning_rate']!));
  assert.equal(perturb({ learning_rate: 0.1, beta: 0.002 }, explore, [2], rng).values['learning_rate'], 0.1, 'clamped to max');
  assert.deepEqual([2, 3, 4, 10, 20].map((n) => truncationCount(n, 0.2)), [1, 1, 1, 2, 4]);
  assert.equal(truncationCount(10, 0.5), 5);
});
