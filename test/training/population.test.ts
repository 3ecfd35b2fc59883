/**
 * Population-based training in one process (src/training/population/), on CartPole with tiny networks and a
 * deliberately wide learning-rate range: at the ranking step the worst member copies a top member's full learner
 * state (weights and optimiser equal right after), its learning rate is the source's times a perturb factor and its
 * next updates use it; `shiva train`'s population run writes the events and the lineage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
import { ResultsFolder } from '../../src/cli/dashboard/results-folder.js';
import { CheckpointManager, readCheckpoint, readTrainingCheckpoint } from '../../src/training/checkpoint/index.js';
import { populationStateOf } from '../../src/training/population/population-checkpoint.js';
import type { ProgressReport } from '../../src/training/trainer.js';

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

/** A population of 3 on CartPole with tiny networks: rankings every 512 steps. */
function cartpolePopulation(maxSteps: number, extra: readonly string[] = []): string {
  return [
    'behaviors:',
    '  CartPole:',
    '    trainer_type: ppo',
    `    max_steps: ${maxSteps}`,
    '    time_horizon: 64',
    '    summary_freq: 256',
    '    hyperparameters: {batch_size: 64, buffer_size: 256, num_epoch: 1, learning_rate_schedule: constant}',
    '    network_settings: {hidden_units: 16, num_layers: 1}',
    'env_settings: {env_path: "builtin:cartpole", num_areas: 4, seed: 3}',
    'population:',
    '  size: 3',
    '  interval: 512',
    '  explore: {learning_rate: {min: 1.0e-6, max: 0.1, log: true}, beta: {min: 1.0e-4, max: 0.1, log: true}}',
    '  seed: 11',
    ...extra,
  ].join('\n');
}

test('shiva train with population: population.jsonl holds the ranking and the exploit, summary.json each member\'s lineage and schedule; rule traces per member; the best member evaluated', async () => {
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-'));
  try {
    const extra = [
      'shiva: {backend: wasm, final_evaluation: {episodes: 3, seed: 5}}',
      'cognitive:',
      `  CartPole: {rules: ${JSON.stringify(resolve('configs/cartpole-veto.rules.yaml'))}, trace_sample_rate: 0.05}`,
    ];
    const config = parseRunConfig(cartpolePopulation(1024, extra), 'pbt.yaml', { resultsDir: results, runId: 'pbt' });
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
    // Each member's reasoning layer traced into its own folder; none into the run's.
    assert.ok(!existsSync(join(result.runDir, 'traces')), 'no shared traces/ folder');
    for (let m = 0; m < 3; m++) {
      const traces = readFileSync(join(result.runDir, `member-${m}`, 'traces', 'CartPole_team=0.jsonl'), 'utf8').trim().split('\n');
      assert.ok(traces.length > 0, `member ${m} wrote traces`);
      assert.ok(existsSync(join(result.runDir, `member-${m}`, 'CartPole.onnx')), `member ${m}'s policy as ONNX`);
      assert.ok(result.checkpoints[m]?.startsWith(join(result.runDir, `member-${m}`, 'checkpoints')), `member ${m}'s final checkpoint: ${result.checkpoints[m]}`);
    }
    // `--dashboard` serves the run folder as its results folder: each member is a run with its learner and traces.
    const listed = new ResultsFolder(result.runDir).runs().map((r) => ({ id: r.id, learners: r.learners, traces: r.traces })).sort((x, y) => x.id.localeCompare(y.id));
    assert.deepEqual(listed, [0, 1, 2].map((m) => ({ id: `member-${m}`, learners: ['CartPole'], traces: ['CartPole_team=0.jsonl'] })));
    // The final evaluation played the best member's final checkpoint.
    const evaluation = (JSON.parse(readFileSync(join(result.runDir, 'summary.json'), 'utf8')) as { finalEvaluation: { member: number; checkpoint: string; trained: { checkpoint: string; behaviors: Record<string, { episodes: number }> } } }).finalEvaluation;
    assert.equal(evaluation.member, result.best);
    assert.equal(evaluation.checkpoint, result.checkpoints[result.best]);
    assert.equal(evaluation.trained.checkpoint, result.checkpoints[result.best]);
    const evaluated = Object.values(evaluation.trained.behaviors);
    assert.ok(evaluated.length === 1 && evaluated[0]!.episodes >= 3, `evaluated over ${JSON.stringify(evaluation.trained.behaviors)}`);
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('shiva train --resume of a population: stopped after a ranking, it continues with every member\'s steps, hyperparameters, schedule and lineage; population.jsonl goes on without duplicates', async () => {
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-resume-'));
  try {
    const text = cartpolePopulation(1088, ['shiva: {backend: wasm}']);
    // The first run stops once the first ranking's exploit is done (Ctrl-C): the members stop where they are.
    const stop = new AbortController();
    const first = await trainPopulation(parseRunConfig(text, 'pbt.yaml', { resultsDir: results, runId: 'pbt' }), {
      logger: silentLogger(),
      signal: stop.signal,
      onEvent: (e) => {
        if (e.kind === 'exploit') stop.abort('SIGINT');
      },
    });
    assert.equal(first.stopped, true);
    assert.equal(first.rounds, 1);
    const eventsFile = join(first.runDir, 'population.jsonl');
    const firstEvents = readFileSync(eventsFile, 'utf8');
    const latest = new CheckpointManager(join(first.runDir, 'checkpoints'), 1, { prefix: 'population' }).latest()!;
    const saved = populationStateOf(readCheckpoint(latest), latest);
    assert.equal(saved.state.round, 2, 'the next ranking to do is the second');
    const savedSteps = saved.state.members.map((m) => m.training.learners['CartPole']!.steps);
    assert.ok(savedSteps.every((s) => s >= 512 && s < 1024), `stopped between the rankings: ${savedSteps.join(', ')}`);
    assert.deepEqual(saved.state.members.map((m) => m.values), first.members.map((m) => m.hyperparameters));
    // A crash after the checkpoint would have left a later ranking's line: the resumed run drops it and ranks again.
    appendFileSync(eventsFile, JSON.stringify({ kind: 'ranking', round: 2, step: 1024, fitness: [1, 2, 3], order: [2, 1, 0] }) + '\n');

    // A population that does not match the saved one is refused before anything is written.
    const other = parseRunConfig(text.replace('size: 3', 'size: 4'), 'pbt.yaml', { resultsDir: results, runId: 'pbt', resume: true });
    await assert.rejects(trainPopulation(other, { logger: silentLogger() }), /pbt\.yaml:\d+: population\.size: expected 3 \(the saved members\) to --resume the population saved in .*population-\d+\.ckpt, got 4/);
    const fewer = parseRunConfig(text.replace(', beta: {min: 1.0e-4, max: 0.1, log: true}', ''), 'pbt.yaml', { resultsDir: results, runId: 'pbt', resume: true });
    await assert.rejects(trainPopulation(fewer, { logger: silentLogger() }), /population\.explore: expected the keys beta, learning_rate .* got learning_rate/);

    const firstReports = new Map<number, ProgressReport>();
    const second = await trainPopulation(parseRunConfig(text, 'pbt.yaml', { resultsDir: results, runId: 'pbt', resume: true }), {
      logger: silentLogger(),
      onProgress: (m, p) => {
        if (!firstReports.has(m)) firstReports.set(m, p);
      },
    });
    assert.equal(second.stopped, false);
    assert.equal(second.resumedFromStep, saved.step);
    for (let m = 0; m < 3; m++) {
      const report = firstReports.get(m)!;
      const savedEpisodes = saved.state.members[m]!.training.episodes['CartPole']!;
      assert.ok(report.steps > savedSteps[m]! && report.steps <= savedSteps[m]! + 256 + 8, `member ${m} continues from step ${savedSteps[m]} (first report at ${report.steps})`);
      assert.ok(report.episodes >= savedEpisodes, `member ${m}'s episodes go on from ${savedEpisodes} (${report.episodes})`);
      const member = second.members[m]!;
      assert.deepEqual(member.schedule.slice(0, saved.state.members[m]!.schedule.length), saved.state.members[m]!.schedule, `member ${m}'s schedule continues`);
      assert.deepEqual(member.lineage.slice(0, saved.state.members[m]!.lineage.length), saved.state.members[m]!.lineage, `member ${m}'s lineage continues`);
      assert.ok(member.learners['CartPole']!.steps >= 1088);
    }
    assert.equal(second.rounds, 2, 'the second ranking came after the resume');
    const text2 = readFileSync(eventsFile, 'utf8');
    assert.ok(text2.startsWith(firstEvents), 'the first run\'s events are kept as they were');
    const events = text2.trim().split('\n').map((l) => JSON.parse(l) as PopulationEvent);
    assert.deepEqual(events.filter((e) => e.kind === 'ranking').map((e) => e.round), [1, 2], 'one ranking per round, none repeated');
    const exploit2 = events.find((e): e is ExploitEvent => e.kind === 'exploit' && e.round === 2)!;
    // The resumed members explored from the values they had when stopped.
    for (const [key, change] of Object.entries(exploit2.hyperparameters)) {
      assert.equal(change.old, saved.state.members[exploit2.member]!.values[key], `${key}: the exploiting member's value as saved`);
      assert.equal(change.inherited, saved.state.members[exploit2.from]!.values[key], `${key}: the source's value as saved`);
    }

  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('initialize_from a population run: every member of a new population starts from the best member\'s policy', async () => {
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-init-'));
  try {
    // 64 steps, fewer than a buffer: no update, so each member's final policy is still its initial one.
    const first = await trainPopulation(parseRunConfig(cartpolePopulation(64, ['shiva: {backend: wasm}']), 'pbt.yaml', { resultsDir: results, runId: 'pbt' }), { logger: silentLogger() });
    const policy = (path: string | null) => readTrainingCheckpoint(path!).state.learners['CartPole']!['policy'];
    assert.notDeepEqual(policy(first.checkpoints[0]!), policy(first.checkpoints[1]!), 'members start apart without a warm start');
    const init = parseRunConfig(cartpolePopulation(64, ['shiva: {backend: wasm}', 'checkpoint_settings: {initialize_from: pbt}']), 'pbt.yaml', { resultsDir: results, runId: 'warm' });
    const warm = await trainPopulation(init, { logger: silentLogger() });
    for (let m = 0; m < 3; m++) assert.deepEqual(policy(warm.checkpoints[m]!), policy(first.checkpoints[first.best]!), `member ${m} starts from the best member's (${first.best}) policy`);
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});

test('shiva train with population: what cannot run is refused with the reason, before anything is written', async () => {
  const base = 'behaviors:\n  CartPole: {trainer_type: ppo}\npopulation:\n  size: 2\n  interval: 100\n  explore: {beta: {min: 0.001, max: 0.01}}\n';
  const results = mkdtempSync(join(tmpdir(), 'shiva-pbt-refused-'));
  try {
    const editor = parseRunConfig(base, 'pbt.yaml', { resultsDir: results });
    await assert.rejects(trainPopulation(editor, { logger: silentLogger() }), /pbt\.yaml: population: expected a built-in scene \(env_settings\.env_path: builtin:NAME; each member needs environments of its own\), got the Unity Editor/);
    const resumed = parseRunConfig(`${base}env_settings: {env_path: "builtin:cartpole"}\n`, 'pbt.yaml', { resultsDir: results, resume: true });
    await assert.rejects(trainPopulation(resumed, { logger: silentLogger() }), /--resume: expected a population checkpoint of run "\w+" in .*checkpoints, got none; start the run without --resume/);
    const inference = parseRunConfig(`${base}env_settings: {env_path: "builtin:cartpole"}\n`, 'pbt.yaml', { resultsDir: results, resume: true, inference: true });
    await assert.rejects(trainPopulation(inference, { logger: silentLogger() }), /population: expected training \(--inference runs one set of policies.*got --inference/);
    assert.deepEqual(readdirSync(results), []);
    // A run folder of a single run (its checkpoints are training checkpoints) is not taken for a population's.
    new CheckpointManager(join(results, 'single', 'checkpoints'), 1).save(100, { meta: { behavior: 'CartPole', step: 100, episodes: 3, format: 'shiva-training-state', seed: 1, state: { learners: {}, episodes: {}, wallSeconds: 0 } }, tensors: {} });
    const single = parseRunConfig(`${base}env_settings: {env_path: "builtin:cartpole"}\n`, 'pbt.yaml', { resultsDir: results, runId: 'single', resume: true });
    await assert.rejects(trainPopulation(single, { logger: silentLogger() }), /--resume: expected a population run in .*checkpoints, got the checkpoints of a run trained without population: \(.*checkpoint-100\.ckpt\)/);
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
