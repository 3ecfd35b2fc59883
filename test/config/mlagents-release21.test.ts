/**
 * The 39 trainer configurations of ML-Agents release 21 (test/fixtures/mlagents/configs/, unchanged) pass
 * `shiva train --dry-run`: each is accepted, resolved, and written back to YAML that loads to the same
 * configuration; what Shiva does not build yet is said in exactly one warning per key and behavior (issue 12).
 * In-process through the loader and the dry run for every file; through the real binary for a few.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadRunConfig, parseRunConfig } from '../../src/config/index.js';
import { dryRun } from '../../src/cli/dry-run.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { comparableConfig } from '../helpers/comparable-config.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/processes.js';

const DIR = join(repoRoot, 'test', 'fixtures', 'mlagents', 'configs');
const FILES = readdirSync(DIR).flatMap((group) => readdirSync(join(DIR, group)).map((f) => `${group}/${f}`)).sort();

const BUFFER = /hyperparameters\.buffer_size: buffer_size \(\d+\) is not a multiple of batch_size/;

/** The warnings each file gets, by what they say; a file not listed gets none. */
const EXPECTED: Record<string, RegExp[]> = {
  'ppo/3DBall.yaml': [BUFFER],
  'ppo/3DBall_randomize.yaml': [BUFFER],
  // Memory (src/config/memory-support.ts): ppo/Hallway.yaml and imitation/Hallway.yaml (memory + GAIL +
  // behavioral_cloning): recurrent PPO is built, no warning.
  // default_settings and its two behaviors: one each (their match3 encoder is built: no warning).
  'ppo/Match3.yaml': [BUFFER, BUFFER, BUFFER],
  // sac/Hallway.yaml (memory, discrete actions, the extrinsic signal alone): recurrent SAC is built, no warning.
  // GAIL with SAC is built (agents/sac/sac-learner.ts), and SAC uses time_horizon (issue 12): no warning for them.
};

test('the fixtures hold the 39 configurations of ML-Agents release 21', () => {
  assert.equal(FILES.length, 39, FILES.join(', '));
});

for (const file of FILES) {
  test(`--dry-run accepts ${file}`, () => {
    const path = join(DIR, file);
    const config = loadRunConfig(path);
    const result = dryRun(config);
    const expected = EXPECTED[file] ?? [];
    assert.equal(result.warnings.length, expected.length, result.warnings.join('\n'));
    expected.forEach((pattern, i) => assert.match(result.warnings[i]!, pattern));
    // Every warning names the file and line.
    for (const w of result.warnings) assert.match(w, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    // The printed YAML is the resolved configuration: it loads back to the same one.
    assert.deepEqual(comparableConfig(parseRunConfig(result.yaml, 'resolved.yaml')), comparableConfig(config));
  });
}

test('curricula are read lesson by lesson (WallJump_curriculum, Sorter_curriculum)', () => {
  const wall = loadRunConfig(join(DIR, 'ppo/WallJump_curriculum.yaml'));
  const big = wall.curricula['big_wall_height']!;
  assert.deepEqual(big.map((l) => l.name), ['Lesson0', 'Lesson1', 'Lesson2', 'Lesson3']);
  assert.deepEqual(big[0]!.completionCriteria, { behavior: 'BigWallJump', measure: 'progress', minLessonLength: 100, signalSmoothing: true, threshold: 0.1, requireReset: false });
  assert.equal(big[3]!.completionCriteria, null);
  assert.equal(big[3]!.value, 8);
  // The parameter's value is its first lesson's.
  assert.deepEqual(wall.environmentParameters['big_wall_height'], { sampler: 'uniform', min: 0, max: 4 });
  assert.equal(wall.environmentParameters['small_wall_height'], 1.5);
  const sorter = loadRunConfig(join(DIR, 'ppo/Sorter_curriculum.yaml'));
  assert.ok(Object.values(sorter.curricula).every((lessons) => lessons.length > 1));
});

test('the real binary: --dry-run prints the resolved YAML, reports missing files, writes nothing', async () => {
  const results = join(mkdtempSync(join(tmpdir(), 'shiva-dry-run-')), 'results');
  for (const file of ['ppo/WallJump_curriculum.yaml', 'imitation/Pyramids.yaml', 'sac/Pyramids.yaml']) {
    const run = await runCli(['train', join(DIR, file), '--dry-run', '--results-dir', results, '--seed', '7']).done;
    assert.equal(run.code, 0, run.stderr);
    const printed = parseYaml(run.stdout) as { env_settings: { seed: number }; checkpoint_settings: { results_dir: string } };
    assert.equal(printed.env_settings.seed, 7);
    assert.equal(printed.checkpoint_settings.results_dir, results);
    if (file === 'imitation/Pyramids.yaml') {
      assert.doesNotMatch(run.stderr, /reward_signals\.curiosity/, 'PPO takes curiosity: no warning');
      assert.match(run.stderr, /missing \(needed when training runs, not by --dry-run\): Project\/Assets\/ML-Agents\/Examples\/Pyramids\/Demos\/ExpertPyramid\.demo \(behaviors\.Pyramids\.behavioral_cloning\.demo_path\)/);
    }
  }
  assert.equal(existsSync(results), false, 'a dry run writes no run folder');
  // A bad file still fails with its coded error, and prints no YAML.
  const badFile = join(results, '..', 'bad.yaml');
  writeFileSync(badFile, 'behaviors:\n  A:\n    network_settings:\n      memory: {memory_size: 3}\n');
  const bad = await runCli(['train', badFile, '--dry-run']).done;
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /bad\.yaml:4: behaviors\.A\.network_settings\.memory\.memory_size: expected an even integer > 0 .*\[SHIVA_ERR_CONFIG\]/);
});

test("sac/Pyramids' GAIL reaches the SAC learner's plan with its own gamma, strength and demonstrations", () => {
  const config = loadRunConfig(join(DIR, 'sac/Pyramids.yaml'));
  const plan = planResolver(config)('Pyramids')!;
  assert.equal(plan.trainerType, 'sac');
  assert.equal(plan.gail!.gamma, 0.99);
  assert.equal(plan.gail!.strength, 0.01);
  assert.equal(plan.gail!.useActions, true);
  assert.match(plan.gail!.demoPath, /ExpertPyramid\.demo$/);
  assert.equal(plan.rewardStrength, 2);
});

test("vis_encode_type reaches the learner's network: Match3's match3 encoder is built, not replaced by simple", () => {
  const config = loadRunConfig(join(DIR, 'ppo/Match3.yaml'));
  const name = config.behaviors.keys().next().value!;
  const plan = planResolver(config)(name)!;
  assert.equal(plan.network.visEncodeType, 'match3');
});

test('curiosity and RND reach the PPO learner with their own gamma, strength, learning rate and network (ppo/Pyramids, ppo/PyramidsRND)', () => {
  const curiosity = planResolver(loadRunConfig(join(DIR, 'ppo/Pyramids.yaml')))('Pyramids')!.curiosity!;
  assert.deepEqual({ gamma: curiosity.gamma, strength: curiosity.strength, learningRate: curiosity.learningRate, hiddenUnits: curiosity.network.hiddenUnits }, { gamma: 0.99, strength: 0.02, learningRate: 3e-4, hiddenUnits: 256 });
  const rnd = planResolver(loadRunConfig(join(DIR, 'ppo/PyramidsRND.yaml')))('Pyramids')!.rnd!;
  assert.deepEqual({ gamma: rnd.gamma, strength: rnd.strength, learningRate: rnd.learningRate, hiddenUnits: rnd.network.hiddenUnits }, { gamma: 0.99, strength: 0.01, learningRate: 1e-4, hiddenUnits: 64 });
});
