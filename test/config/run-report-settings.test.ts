import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunConfig } from '../../src/config/index.js';
import { isShivaError } from '../../src/core/errors.js';

const base = 'behaviors:\n  Red: { trainer_type: ppo }\n';

test('shiva.final_evaluation and shiva.progress_stats: absent by default, defaults filled, short forms', () => {
  const plain = parseRunConfig(base, 'run.yaml');
  assert.equal(plain.shiva.finalEvaluation, null);
  assert.deepEqual(plain.shiva.progressStats, []);
  const config = parseRunConfig(
    `${base}shiva:\n  final_evaluation: { episodes: 200, episode_stat: Scout/Red/Win, baseline: true }\n  progress_stats:\n    - Scout/Episode Length\n    - { stat: Scout/Red/Win, label: win rate, window: 200, percent: true }\n`,
    'run.yaml',
  );
  assert.deepEqual(config.shiva.finalEvaluation, { episodes: 200, episodeStat: 'Scout/Red/Win', deterministic: true, seed: 12345, baseline: true });
  assert.deepEqual(config.shiva.progressStats, [
    { stat: 'Scout/Episode Length', label: 'Scout/Episode Length', window: 100, percent: false },
    { stat: 'Scout/Red/Win', label: 'win rate', window: 200, percent: true },
  ]);
  assert.equal(parseRunConfig(`${base}shiva: { final_evaluation: false }\n`, 'run.yaml').shiva.finalEvaluation, null);
});

test('shiva.final_evaluation and shiva.progress_stats: bad values name the file, line and key', () => {
  const cases: [string, RegExp][] = [
    [`${base}shiva:\n  final_evaluation: { episodes: 0 }\n`, /run\.yaml:4: shiva\.final_evaluation\.episodes: expected an integer in 1\.\.1000000, got 0/],
    [`${base}shiva:\n  final_evaluation: { episods: 10 }\n`, /shiva\.final_evaluation\.episods: .*did you mean "episodes"/],
    [`${base}shiva:\n  progress_stats: Scout/Red/Win\n`, /run\.yaml:4: shiva\.progress_stats: expected a list of stat names/],
    [`${base}shiva:\n  progress_stats:\n    - { label: win }\n`, /shiva\.progress_stats\[0\]\.stat: expected the name of a stat/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseRunConfig(text, 'run.yaml'), (e: unknown) => isShivaError(e) && message.test(e.message), text);
  }
});
