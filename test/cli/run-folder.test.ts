/**
 * The results folder of `shiva train`, through the real binary, as ML-Agents' users and tools expect it:
 * configuration.yaml (the resolved configuration, which `shiva train` reads back to the same configuration),
 * copies of the rule files, run_logs/timers.json and run_logs/training_status.json in ML-Agents' shapes, one
 * TensorBoard folder per behavior; scalars written as one mean per tag per summary period (not one point per
 * episode), with ML-Agents' Policy/Extrinsic Reward, Policy/Extrinsic Value Estimate and Is Training; and a resumed
 * finished run keeps its summary's mean return and environment stats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadRunConfig } from '../../src/config/index.js';
import { CSV_HEADER } from '../../src/telemetry/csv-writer.js';
import { readEventFile } from '../../src/telemetry/tensorboard-reader.js';
import { comparableConfig } from '../helpers/comparable-config.js';
import { repoRoot } from '../helpers/paths.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

const RULES = join(repoRoot, 'configs', 'cartpole-veto.rules.yaml');

/** configs/cartpole-veto.yaml made tiny: `maxSteps` steps, a summary every `summaryFreq`, results in `dir`. */
function cartpoleConfig(dir: string, maxSteps: number, summaryFreq: number): string {
  const text = readFileSync(join(repoRoot, 'configs', 'cartpole-veto.yaml'), 'utf8')
    .replace(/max_steps: \d+/, `max_steps: ${maxSteps}`)
    .replace(/summary_freq: \d+/, `summary_freq: ${summaryFreq}`)
    .replace(/checkpoint_interval: \d+/, 'checkpoint_interval: 1000')
    .replace(/keep_checkpoints: \d+/, 'keep_checkpoints: 2')
    .replace(/results_dir: \S+/, `results_dir: ${join(dir, 'results')}`)
    .replace(/rules: configs\/cartpole-veto\.rules\.yaml/, `rules: ${RULES}`)
    .replace(/backend: \w+/, 'backend: wasm');
  assert.match(text, new RegExp(`max_steps: ${maxSteps}\\n`));
  const path = join(dir, 'run.yaml');
  writeFileSync(path, text);
  return path;
}

interface CsvRow {
  step: number;
  tag: string;
  value: number;
}

function csvRows(path: string): CsvRow[] {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(lines[0], CSV_HEADER);
  return lines.slice(1).map((line) => {
    const [step, , tag, value] = line.split(',');
    return { step: Number(step), tag: tag!, value: Number(value) };
  });
}

function eventFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith('events.out.tfevents.')).map((f) => join(dir, f));
}

/** Points per (tag, step): none may have two. */
function assertOnePointPerTagAndStep(points: readonly { tag: string; step: number }[], where: string): void {
  const seen = new Set<string>();
  for (const p of points) {
    const key = `${p.tag}@${p.step}`;
    assert.ok(!seen.has(key), `${where}: ${p.tag} has two points at step ${p.step}`);
    seen.add(key);
  }
}

test('a tiny run writes configuration.yaml, the rule files, run_logs/timers.json and training_status.json, and a TensorBoard folder per behavior', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-run-folder-'));
  const file = cartpoleConfig(dir, 3000, 500);
  const result = await runCli(['train', file, '--seed', '7', '--run-id', 'tiny']).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const out = lastJsonLine<{ runDir: string; checkpoint: string }>(result.stdout);
  const runDir = out.runDir;
  assert.equal(runDir, join(dir, 'results', 'tiny'));

  // The tree, as ML-Agents lays it out (plus Shiva's run.json, summary.json, checkpoints/ and traces/).
  const top = readdirSync(runDir).sort();
  for (const name of ['CartPole', 'checkpoints', 'configuration.yaml', 'rules', 'run.json', 'run_logs', 'summary.json']) assert.ok(top.includes(name), `${name} in ${top.join(', ')}`);
  assert.deepEqual(readdirSync(join(runDir, 'run_logs')).sort(), ['timers.json', 'training_status.json']);
  // The behavior's TensorBoard folder is named as ML-Agents names it: the behavior without ?team=.
  assert.equal(eventFiles(join(runDir, 'CartPole')).length, 1);
  assert.ok(existsSync(join(runDir, 'CartPole', 'scalars.csv')));

  // The rule file, copied as it was, and where the copy is recorded.
  assert.deepEqual(readdirSync(join(runDir, 'rules')), ['cartpole-veto.rules.yaml']);
  assert.equal(readFileSync(join(runDir, 'rules', 'cartpole-veto.rules.yaml'), 'utf8'), readFileSync(RULES, 'utf8'));
  const runJson = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as { rules: { behavior: string; source: string; copy: string }[] };
  assert.deepEqual(runJson.rules, [{ behavior: 'CartPole', source: RULES, copy: 'rules/cartpole-veto.rules.yaml' }]);

  // configuration.yaml: ML-Agents' sections in snake_case, every default filled in, the command line applied.
  const written = parseYaml(readFileSync(join(runDir, 'configuration.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
  for (const section of ['behaviors', 'env_settings', 'engine_settings', 'environment_parameters', 'checkpoint_settings', 'torch_settings', 'debug', 'shiva', 'cognitive']) assert.ok(section in written, section);
  assert.equal(written['env_settings']!['seed'], 7);
  assert.equal(written['checkpoint_settings']!['run_id'], 'tiny');
  const cart = written['behaviors']!['CartPole'] as Record<string, Record<string, unknown>>;
  assert.equal(cart['hyperparameters']!['epsilon_schedule'], 'linear');
  // It loads back to the configuration the run used (file, lines and warnings aside).
  assert.deepEqual(comparableConfig(loadRunConfig(join(runDir, 'configuration.yaml'))), comparableConfig(loadRunConfig(file, { seed: 7, runId: 'tiny' })));

  // timers.json: ML-Agents' timer tree with Shiva's phases, counted.
  const timers = JSON.parse(readFileSync(join(runDir, 'run_logs', 'timers.json'), 'utf8')) as {
    name: string;
    total: number;
    count: number;
    self: number;
    gauges: Record<string, { value: number; min: number; max: number; count: number }>;
    metadata: Record<string, string>;
    children: Record<string, { total: number; count: number; self: number; children?: Record<string, { total: number; count: number }> }>;
  };
  assert.equal(timers.name, 'root');
  assert.equal(timers.count, 1);
  assert.equal(timers.metadata['timer_format_version'], '0.1.0');
  for (const key of ['start_time_seconds', 'end_time_seconds', 'command_line_arguments', 'shiva_version', 'node_version', 'tfjs_backend']) assert.ok(timers.metadata[key], key);
  assert.equal(timers.metadata['tfjs_backend'], 'wasm');
  assert.match(timers.metadata['command_line_arguments']!, /train .*run\.yaml --seed 7 --run-id tiny/);
  assert.ok(Number(timers.metadata['end_time_seconds']) >= Number(timers.metadata['start_time_seconds']));
  const run = timers.children['Trainer.run']!;
  assert.equal(run.count, 1);
  assert.ok(run.total <= timers.total + 1e-6);
  const phases = run.children!;
  // 3000 steps of 4 carts: about 750 environment steps and decisions, an update per 512 steps, checkpoints at
  // 1000, 2000, 3000 (and the end).
  assert.ok(phases['env_step']!.count >= 700, `env_step ${phases['env_step']!.count}`);
  assert.ok(phases['decide']!.count >= 700, `decide ${phases['decide']!.count}`);
  assert.equal(phases['update']!.count, 5);
  assert.ok(phases['checkpoint']!.count >= 3);
  for (const phase of Object.values(phases)) assert.ok(phase.total > 0 && phase.total <= run.total);
  assert.ok(timers.gauges['CartPole.Environment.CumulativeReward.mean']!.count >= 6);

  // training_status.json: ML-Agents' format, the checkpoints the rotation kept, and the final one.
  const status = JSON.parse(readFileSync(join(runDir, 'run_logs', 'training_status.json'), 'utf8')) as Record<string, {
    checkpoints: { steps: number; file_path: string; reward: number | null; creation_time: number; auxillary_file_paths: string[] }[];
    final_checkpoint: { steps: number; file_path: string; reward: number | null };
    stats_format_version?: string;
  }>;
  assert.deepEqual(Object.keys(status).sort(), ['CartPole', 'metadata']);
  assert.equal((status['metadata'] as unknown as Record<string, string>)['stats_format_version'], '0.3.0');
  const { checkpoints, final_checkpoint: final } = status['CartPole']!;
  assert.equal(checkpoints.length, 2, 'keep_checkpoints: 2');
  for (const c of checkpoints) {
    assert.deepEqual(Object.keys(c), ['steps', 'file_path', 'reward', 'creation_time', 'auxillary_file_paths']);
    assert.ok(existsSync(c.file_path), c.file_path);
    assert.ok(typeof c.reward === 'number' && c.reward > 0);
    assert.ok(c.creation_time > 1.6e9);
  }
  assert.ok(checkpoints[0]!.steps < checkpoints[1]!.steps);
  assert.deepEqual(final, checkpoints[1]);
  assert.equal(final.file_path, out.checkpoint);
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { behaviors: Record<string, { steps: number; meanReturnLast100: number }> };
  assert.equal(final.steps, summary.behaviors['CartPole?team=0']!.steps);
  assert.equal(final.reward, summary.behaviors['CartPole?team=0']!.meanReturnLast100);

  // The configuration.yaml of the run trains as it is: a second run from it writes the same configuration.
  const again = await runCli(['train', join(runDir, 'configuration.yaml'), '--run-id', 'again']).done;
  assert.equal(again.code, 0, again.stderr.slice(-2000));
  const body = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => !l.startsWith('#') && !l.includes('run_id:')).join('\n');
  assert.equal(body(join(dir, 'results', 'again', 'configuration.yaml')), body(join(runDir, 'configuration.yaml')));
});

test('TensorBoard and scalars.csv get one mean per tag per summary period, with ML-Agents\' tags', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-run-scalars-'));
  const maxSteps = 4000;
  const summaryFreq = 500;
  const result = await runCli(['train', cartpoleConfig(dir, maxSteps, summaryFreq), '--seed', '3']).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const { runDir, behaviors } = lastJsonLine<{ runDir: string; behaviors: Record<string, { episodes: number }> }>(result.stdout);
  const learnerDir = join(runDir, 'CartPole');
  const rows = csvRows(join(learnerDir, 'scalars.csv'));
  const points = readEventFile(eventFiles(learnerDir)[0]!);
  // The event file and the CSV hold the same points.
  assert.deepEqual(points.map((p) => `${p.tag}@${p.step}`), rows.map((r) => `${r.tag}@${r.step}`));

  const steps = [...new Set(rows.map((r) => r.step))];
  // One summary per summary_freq steps (each at the first step past it; 4 carts step together).
  assert.ok(steps.length >= maxSteps / summaryFreq && steps.length <= maxSteps / summaryFreq + 1, `${steps.length} summary steps: ${steps.join(', ')}`);
  assertOnePointPerTagAndStep(rows, 'scalars.csv');
  assertOnePointPerTagAndStep(points, 'events');
  const byTag = new Map<string, CsvRow[]>();
  for (const r of rows) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
  for (const tag of [
    'Environment/Cumulative Reward',
    'Environment/Episode Length',
    'Policy/Extrinsic Reward',
    'Policy/Extrinsic Value Estimate',
    'Is Training',
    'Losses/Policy Loss',
    'Losses/Value Loss',
    'Policy/Entropy',
    'Policy/Learning Rate',
    'Environment/Mean Return (last 100)',
    'Performance/Steps Per Second',
    'CartPole/Episode Return',
  ]) {
    assert.ok(byTag.has(tag), `scalars have ${tag}: ${[...byTag.keys()].join(', ')}`);
    assert.ok(byTag.get(tag)!.length <= steps.length);
  }
  // Far fewer points than episodes: Cumulative Reward is each period's mean, not one point per episode.
  const episodes = behaviors['CartPole?team=0']!.episodes;
  const rewards = byTag.get('Environment/Cumulative Reward')!;
  assert.ok(episodes > 4 * rewards.length, `${episodes} episodes, ${rewards.length} Cumulative Reward points`);
  // CartPole pays 1 per step: each period's mean return is its mean episode length, and its extrinsic reward (strength 1).
  for (const r of rewards) {
    const at = (tag: string) => byTag.get(tag)!.find((x) => x.step === r.step)!.value;
    assert.equal(at('Environment/Episode Length'), r.value);
    assert.equal(at('Policy/Extrinsic Reward'), r.value);
  }
  // Is Training: 1 while training, 0 at the summary written once max_steps was reached.
  const training = byTag.get('Is Training')!;
  assert.ok(training.slice(0, -1).every((r) => r.value === 1));
  assert.equal(training[training.length - 1]!.value, 0);
  // The value estimates are the critic's: positive for CartPole (1 per step) once it learned a little.
  assert.ok(byTag.get('Policy/Extrinsic Value Estimate')!.at(-1)!.value > 0);
});

test('--resume of a finished run keeps the mean return and the environment stats in summary.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-run-resume-finished-'));
  const file = cartpoleConfig(dir, 2000, 500);
  const first = await runCli(['train', file, '--run-id', 'done']).done;
  assert.equal(first.code, 0, first.stderr.slice(-2000));
  const summaryPath = join(dir, 'results', 'done', 'summary.json');
  type Summary = { resumedFromStep: number | null; behaviors: Record<string, { steps: number; episodes: number; meanReturnLast100: number | null; environmentStats: Record<string, number> }> };
  const before = JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary;
  const trained = before.behaviors['CartPole?team=0']!;
  assert.ok(trained.meanReturnLast100! > 0);
  assert.ok(trained.environmentStats['CartPole/Episode Return']! > 0);

  const resumed = await runCli(['train', file, '--run-id', 'done', '--resume']).done;
  assert.equal(resumed.code, 0, resumed.stderr.slice(-2000));
  const after = JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary & { resumeNote?: string };
  // A finished run is left as it was (test/cli/train-resume.test.ts): summary.json gains only a note.
  assert.equal(after.resumedFromStep, before.resumedFromStep);
  assert.match(after.resumeNote ?? '', new RegExp(`already finished at ${trained.steps} steps`));
  const kept = after.behaviors['CartPole?team=0']!;
  assert.equal(kept.meanReturnLast100, trained.meanReturnLast100);
  assert.deepEqual(kept.environmentStats, trained.environmentStats);
  assert.equal(kept.episodes, trained.episodes);
  // training_status.json as the run left it: its checkpoints and its final one.
  const status = JSON.parse(readFileSync(join(dir, 'results', 'done', 'run_logs', 'training_status.json'), 'utf8')) as Record<string, { checkpoints: { steps: number; reward: number }[]; final_checkpoint: { steps: number; reward: number } }>;
  const cart = status['CartPole']!;
  assert.ok(cart.checkpoints.length === 2 && cart.checkpoints[0]!.steps <= trained.steps);
  assert.equal(cart.final_checkpoint.steps, kept.steps);
  assert.equal(cart.final_checkpoint.reward, trained.meanReturnLast100);
});

test('a short run of the default job writes at most one point per tag per summary period (small event files)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-run-scout-scalars-'));
  const maxSteps = 4000;
  const summaryFreq = 1000;
  const text = readFileSync(join(repoRoot, 'configs', 'scout.yaml'), 'utf8')
    .replace(/max_steps: \d+/, `max_steps: ${maxSteps}`)
    .replace(/summary_freq: \d+/, `summary_freq: ${summaryFreq}`)
    .replace(/results_dir: \S+/, `results_dir: ${join(dir, 'results')}`)
    .replace(/rules: configs\/scout-roe\.rules\.yaml/, `rules: ${join(repoRoot, 'configs', 'scout-roe.rules.yaml')}`)
    .replace(/episodes: 200/, 'episodes: 10')
    .replace(/backend: \w+/, 'backend: wasm');
  const path = join(dir, 'scout.yaml');
  writeFileSync(path, text);
  const result = await runCli(['train', path]).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const { runDir, behaviors } = lastJsonLine<{ runDir: string; behaviors: Record<string, { steps: number; episodes: number }> }>(result.stdout);
  const steps = behaviors['Red?team=0']!.steps;
  const learnerDir = join(runDir, 'Red');
  const points = readEventFile(eventFiles(learnerDir)[0]!);
  const tags = new Set(points.map((p) => p.tag));
  const periods = Math.ceil(steps / summaryFreq);
  assert.ok(points.length <= periods * tags.size, `${points.length} points for ${tags.size} tags over ${periods} periods`);
  assertOnePointPerTagAndStep(points, 'events');
  for (const tag of ['Environment/Cumulative Reward', 'Is Training', 'Policy/Extrinsic Reward', 'Policy/Extrinsic Value Estimate', 'Scout/Red/Win']) assert.ok(tags.has(tag), tag);
  // A few kilobytes, where one point per episode made megabytes a minute.
  const bytes = eventFiles(learnerDir).reduce((n, f) => n + statSync(f).size, 0) + statSync(join(learnerDir, 'scalars.csv')).size;
  assert.ok(bytes < 64 * 1024, `${bytes} bytes of events and CSV`);
});
