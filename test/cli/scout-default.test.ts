/**
 * The default job (`npm start` = `shiva train configs/scout.yaml`): the config loads as the README describes it,
 * and a very short run of it through the real CLI writes summary.json with the final evaluation (trained and
 * untrained red teams against scripted blue, rules on) and zero rules-of-engagement violations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunConfig } from '../../src/config/index.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { repoRoot } from '../helpers/paths.js';

const configPath = join(repoRoot, 'configs', 'scout.yaml');
const WIN = 'Scout/Red/Win';
const VIOLATIONS = 'Scout/Red/ROE Violations';

test('npm start trains configs/scout.yaml: red learns by PPO with the ROE rules against scripted blue, then a 200-episode evaluation', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts['start']!, /train configs\/scout\.yaml/);
  const config = loadRunConfig(configPath);
  assert.equal(config.envSettings.builtinEnv, 'scout');
  assert.equal(config.behaviors.get('Red')!.trainerType, 'ppo');
  assert.equal(config.cognitive.get('Red')!.rules, 'configs/scout-roe.rules.yaml');
  assert.equal(config.cognitive.get('Red')!.enabled, true);
  assert.deepEqual(config.environmentParameters['blue_scripted'], 1);
  assert.deepEqual(config.shiva.finalEvaluation, { episodes: 200, episodeStat: WIN, deterministic: true, seed: 12345, baseline: true });
  assert.deepEqual(config.shiva.progressStats.map((s) => s.stat), [WIN, VIOLATIONS]);
});

interface Evaluated {
  environmentEpisodes: number;
  episodeStat: string;
  mode: string;
  stats: Record<string, { mean: number; count: number; total: number }>;
}

test('a short run of the default job writes summary.json with the final evaluation and no violations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-scout-default-'));
  // The default config with a few thousand steps and a short evaluation; the rest (rules, blue, map) unchanged.
  const text = readFileSync(configPath, 'utf8')
    .replace(/max_steps: \d+/, 'max_steps: 3000')
    .replace(/summary_freq: \d+/, 'summary_freq: 1000')
    .replace(/results_dir: \S+/, `results_dir: ${join(dir, 'results')}`)
    .replace(/rules: configs\/scout-roe\.rules\.yaml/, `rules: ${join(repoRoot, 'configs', 'scout-roe.rules.yaml')}`)
    .replace(/episodes: 200/, 'episodes: 40')
    .replace(/backend: \w+/, 'backend: wasm');
  assert.match(text, /max_steps: 3000/);
  const path = join(dir, 'scout.yaml');
  writeFileSync(path, text);
  const result = await runCli(['train', path], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));

  // The progress lines carry the live win rate over the recent window.
  assert.match(result.stderr, /win rate \d+\.\d% \(last \d+\) \| ROE violations \d/);
  // The report: both teams, one count of episodes (those played), plain words, where the files are and what next.
  assert.match(result.stderr, /Final evaluation: (\d+ episodes|trained \d+ episodes, untrained \d+ episodes) \(counted by Scout\/Red\/Win\), seed 12345/);
  assert.match(result.stderr, /trained = final checkpoint, greedy; untrained = fresh policies, sampling/);
  assert.match(result.stderr, /win rate: trained \d+\.\d% \(\d+ of \d+\) \| untrained \d+\.\d% \(\d+ of \d+\)/);
  assert.match(result.stderr, /ROE violations per episode: trained 0 \(0 in all\) \| untrained 0 \(0 in all\)/);
  assert.match(result.stderr, /\nNext:\n {2}shiva evaluate .*scout\.yaml --checkpoint \S+\.ckpt --episodes 40 --episode-stat Scout\/Red\/Win\n/);
  assert.match(result.stderr, /\n {2}tensorboard --logdir \S+\n$/);

  const out = lastJsonLine<{ runDir: string }>(result.stdout);
  const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as {
    behaviors: Record<string, { steps: number }>;
    finalEvaluation: { episodes: number; trained: Evaluated; baseline: Evaluated };
  };
  assert.ok(summary.behaviors['Red?team=0']!.steps >= 3000);
  const { episodes, trained, baseline } = summary.finalEvaluation;
  assert.equal(episodes, 40);
  for (const [name, e] of [['trained', trained], ['untrained', baseline]] as const) {
    assert.equal(e.episodeStat, WIN);
    assert.ok(e.environmentEpisodes >= 40, `${name}: ${e.environmentEpisodes} episodes`);
    assert.equal(e.stats[WIN]!.count, e.environmentEpisodes);
    assert.ok(e.stats[WIN]!.mean >= 0 && e.stats[WIN]!.mean <= 1);
    // The rules are on in evaluation as in training: not one shot with a civilian or the trainee in the line.
    assert.equal(e.stats[VIOLATIONS]!.total, 0, `${name} violations`);
    assert.equal(e.stats[VIOLATIONS]!.count, e.environmentEpisodes);
  }
  assert.equal(trained.mode, 'deterministic');
  assert.equal(baseline.mode, 'stochastic');
  // The count the report gives is the one played.
  const played = trained.environmentEpisodes === baseline.environmentEpisodes ? `${trained.environmentEpisodes} episodes` : `trained ${trained.environmentEpisodes} episodes, untrained ${baseline.environmentEpisodes} episodes`;
  assert.ok(result.stderr.includes(`Final evaluation: ${played} (counted by`), played);
  assert.ok(result.stderr.includes(`(${Math.round(trained.stats[WIN]!.total)} of ${trained.environmentEpisodes}) | untrained`));
});
